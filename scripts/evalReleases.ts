/**
 * Figures on a folder of real releases, loaded together as a team would load them: who each
 * labelled quote goes to, quotes invented in releases that have none, speaker names that begin
 * with a connective, article or honorific, the release dates read, and the labelled questions.
 * The texts are other people's and stay out of the repository; eval/releases/labels.json says
 * where each is published and what it holds.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Library } from "../src/knowledge/library/library.js";
import type { Entry } from "../src/knowledge/types.js";
import { foldText } from "../src/knowledge/words/text.js";

interface LabelledQuote {
  line: number;
  opening: string;
  speaker: string | null;
}

interface LabelledRelease {
  file: string;
  headerLines?: number[];
  url: string;
  publisher: string;
  date: string | null;
  dateText: string | null;
  place: string | null;
  /** Absent in a file that labels questions only (labels-reactions.json): no structure is scored. */
  quotes?: LabelledQuote[];
  questions?: Array<{ q: string; expect: string[]; kind?: string }>;
}

interface Labels {
  releases: LabelledRelease[];
  offtopic: string[];
}

/** Words no name begins with: a clause's connective, an article, an honorific. */
const NOT_A_NAME_START =
  /^(?:since|as|when|while|after|before|although|though|because|if|and|but|then|in|on|at|the|a|an|his|her|their|mr|mrs|ms|dr|hon|h\.?e\.?|his excellency|her excellency|excellency|sir|dame)\b/i;

const fold = (text: string) =>
  foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** Whether a labelled name and a parsed one are the same person: same last word, or one holds the other. */
function samePerson(labelled: string, parsed: string | null): boolean {
  if (parsed === null) return false;
  const a = fold(labelled);
  const b = fold(parsed);
  return a === b || a.split(" ").at(-1) === b.split(" ").at(-1) || a.includes(b) || b.includes(a);
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(1)}%`;
}

export async function evalReleases(
  dir: string,
  labelsPath: string,
  verbose: boolean,
): Promise<void> {
  const labels = JSON.parse(await readFile(labelsPath, "utf8")) as Labels;
  const library = await Library.load(dir);
  const present = new Set(library.releases.map((release) => release.file));
  const missing = labels.releases.filter((release) => !present.has(release.file));
  if (missing.length > 0) {
    console.log(
      `not in ${dir} (fetch them from their addresses): ${missing.map((r) => r.file).join(", ")}`,
    );
  }
  const labelled = labels.releases.filter((release) => present.has(release.file));
  const structured = labelled.filter((release) => release.quotes !== undefined);

  let quotes = 0;
  let right = 0;
  let found = 0;
  let invented = 0;
  let datesRight = 0;
  let placesRight = 0;
  let headersRight = 0;
  const badNames = new Set<string>();
  const publishers = new Set<string>();
  for (const release of labelled) publishers.add(release.publisher);
  for (const release of structured) {
    const parsed = library.releases.find((candidate) => candidate.file === release.file);
    const entries = parsed?.entries ?? [];
    const parsedQuotes = entries.filter((entry) => entry.kind === "quote");
    for (const entry of parsedQuotes) {
      if (entry.speaker && NOT_A_NAME_START.test(entry.speaker)) badNames.add(entry.speaker);
    }
    const labelledQuotes = release.quotes ?? [];
    if (labelledQuotes.length === 0) invented += parsedQuotes.length;
    for (const quote of labelledQuotes) {
      quotes++;
      const opening = fold(quote.opening);
      const entry = parsedQuotes.find((candidate: Entry) => fold(candidate.text).includes(opening));
      if (entry) found++;
      const ok =
        entry !== undefined &&
        (quote.speaker === null
          ? entry.speaker === null
          : samePerson(quote.speaker, entry.speaker));
      if (ok) right++;
      else if (verbose) {
        console.log(
          `QUOTE ${release.file}:${quote.line} "${quote.opening}" expected ${quote.speaker ?? "-"}; got ${entry ? (entry.speaker ?? "-") : "no such quote"}`,
        );
      }
    }
    const text = await readFile(join(dir, release.file), "utf8");
    const lines = text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== "");
    const headerCount = lines.length - (parsed?.paragraphs.length ?? 0);
    const labelledHeader = release.headerLines?.length ?? 0;
    if (headerCount === labelledHeader) headersRight++;
    else if (verbose) {
      console.log(`HEADER ${release.file} expected ${labelledHeader} lines; got ${headerCount}`);
    }
    const place = parsed?.place ?? null;
    if (
      (place === null ? null : fold(place)) ===
      (release.place === null ? null : fold(release.place))
    ) {
      placesRight++;
    } else if (verbose) {
      console.log(`PLACE ${release.file} expected ${release.place ?? "-"}; got ${place ?? "-"}`);
    }
    if ((parsed?.date ?? null) === release.date) datesRight++;
    else if (verbose) {
      console.log(
        `DATE ${release.file} expected ${release.date ?? "-"}; got ${parsed?.date ?? "-"}`,
      );
    }
  }
  console.log(`releases: ${labelled.length} from ${publishers.size} publishers`);
  if (structured.length > 0) {
    const count = structured.length;
    console.log(
      `quotes: ${right}/${quotes} right speaker (${percent(right, quotes)}), ${found}/${quotes} found as quotes; quotes invented in quote-free releases: ${invented}; speaker names starting with a connective, article or honorific: ${badNames.size}${badNames.size > 0 ? ` (${[...badNames].slice(0, 5).join("; ")})` : ""}; dates right: ${datesRight}/${count} (${percent(datesRight, count)}); places right: ${placesRight}/${count}; header lines right: ${headersRight}/${count}`,
    );
  }

  const tallies = new Map<
    string,
    { top1: number; top3: number; unanswered: number; total: number }
  >();
  const tally = (kind: string) => {
    const existing = tallies.get(kind) ?? { top1: 0, top3: 0, unanswered: 0, total: 0 };
    tallies.set(kind, existing);
    return existing;
  };
  for (const release of labelled) {
    for (const question of release.questions ?? []) {
      const { results } = library.ask(question.q, { limit: 3 });
      const rank = results.findIndex(
        (result) =>
          result.entry.source.file === release.file &&
          question.expect.some((passage) => fold(result.entry.text).includes(fold(passage))),
      );
      for (const figures of [tally("all"), tally(question.kind ?? "other")]) {
        figures.total++;
        if (rank === 0) figures.top1++;
        if (rank >= 0) figures.top3++;
        if (results.length === 0) figures.unanswered++;
      }
      if (verbose && rank !== 0) {
        const top = results[0];
        console.log(
          `MISS ${release.file} ${question.q}\n     rank ${rank < 0 ? "-" : rank + 1}; top: ${top ? `${top.entry.source.file} ${top.entry.text.slice(0, 60)}` : "(nothing)"}`,
        );
      }
    }
  }
  let offtopicEmpty = 0;
  for (const q of labels.offtopic) {
    if (library.ask(q).results.length === 0) offtopicEmpty++;
    else if (verbose) console.log(`NOT EMPTY ${q}`);
  }
  for (const [kind, figures] of tallies) {
    console.log(
      `${kind === "all" ? "questions" : `  ${kind}`}: top-1 ${figures.top1}/${figures.total}  top-3 ${figures.top3}/${figures.total}  unanswered ${figures.unanswered}`,
    );
  }
  console.log(`off-topic empty: ${offtopicEmpty}/${labels.offtopic.length}`);
}
