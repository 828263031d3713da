/**
 * Dev-set figures for /ask (top-1 and top-3 hits, questions left unanswered, whether off-topic
 * questions stay empty, and the same by kind of question) and for /verify (right verdicts, and
 * right verdicts with the true speaker) on each claim set.
 * Usage: npm run eval [-- --questions PATH] [--claims PATH ...] [--seeds DIR] [--verbose]
 *        npm run eval -- --releases DIR [--labels eval/releases/labels.json] [--verbose]
 * The second form scores a folder of real releases (see eval/releases/README.md).
 */
import { access, readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { Library } from "../src/knowledge/library/library.js";
import type { Entry } from "../src/knowledge/types.js";
import { verifyClaim } from "../src/knowledge/verify/verify.js";
import { evalReleases } from "./evalReleases.js";

/**
 * A question is right at rank k when the k-th result is one of its acceptable answers: a result
 * whose text holds one of `expect`'s passages, or (the paragraph-gold format) one that stands in
 * one of `paras`, the paragraphs whose statements answer it, best first.
 */
interface Question {
  q: string;
  expect?: string[];
  paras?: number[];
  /** What sort of question it is ("sloppy", "meeting" …): figures are given per kind too. */
  kind?: string;
}

interface QuestionSet {
  questions: Question[];
  offtopic: Array<string | { q: string }>;
}

interface ClaimSet {
  claims: Array<{ claim: string; verdict: string; speaker?: string }>;
}

/** The shared development claims, then this repository's own extra set. */
const CLAIM_SETS = ["../shared/eval/claims.json", "eval/claims-extra.json"];

const { values } = parseArgs({
  options: {
    questions: { type: "string", default: "../shared/eval/questions.json" },
    seeds: { type: "string", default: process.env.SEEDS_DIR ?? "seeds" },
    claims: { type: "string", multiple: true },
    verbose: { type: "boolean", default: false },
    "min-coverage": { type: "string" },
    releases: { type: "string" },
    labels: { type: "string", default: "eval/releases/labels.json" },
  },
});

if (values.releases) {
  await evalReleases(values.releases, values.labels, values.verbose);
  process.exit(0);
}

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, " ");

const set = JSON.parse(await readFile(values.questions, "utf8")) as QuestionSet;
const minCoverage = values["min-coverage"] ? Number(values["min-coverage"]) : undefined;
const library = await Library.load(
  values.seeds,
  minCoverage === undefined ? {} : { search: { minCoverage } },
);
const answers = (question: Question, entry: Entry): boolean =>
  (question.expect ?? []).some((passage) => fold(entry.text).includes(fold(passage))) ||
  (question.paras ?? []).includes(entry.source.paragraph);

interface Tally {
  top1: number;
  top3: number;
  unanswered: number;
  total: number;
}
const tallies = new Map<string, Tally>();
const tally = (kind: string): Tally => {
  const found = tallies.get(kind) ?? { top1: 0, top3: 0, unanswered: 0, total: 0 };
  tallies.set(kind, found);
  return found;
};
for (const question of set.questions) {
  const { results } = library.ask(question.q, { limit: 3 });
  const rank = results.findIndex((result) => answers(question, result.entry));
  for (const kinds of [tally("all"), ...(question.kind ? [tally(question.kind)] : [])]) {
    kinds.total++;
    if (rank === 0) kinds.top1++;
    if (rank >= 0) kinds.top3++;
    if (results.length === 0) kinds.unanswered++;
  }
  if (values.verbose || rank !== 0) {
    const got = results[0]
      ? `${results[0].entry.speaker ?? "narration"} ¶${results[0].entry.source.paragraph}: ${results[0].entry.text.slice(0, 70)}`
      : "(nothing)";
    console.log(
      `${rank === 0 ? "ok  " : "MISS"} ${question.q}\n     rank ${rank < 0 ? "-" : rank + 1}; top: ${got}`,
    );
  }
}
let offtopicEmpty = 0;
for (const offtopic of set.offtopic) {
  const q = typeof offtopic === "string" ? offtopic : offtopic.q;
  const { results } = library.ask(q);
  if (results.length === 0) offtopicEmpty++;
  else console.log(`NOT EMPTY ${q}: ${results[0]?.entry.text.slice(0, 70)}`);
}
const all = tally("all");
console.log(
  `top-1: ${all.top1}/${all.total}  top-3: ${all.top3}/${all.total}  unanswered: ${all.unanswered}  off-topic empty: ${offtopicEmpty}/${set.offtopic.length}`,
);
for (const [kind, figures] of tallies) {
  if (kind === "all" || tallies.size <= 2) continue;
  console.log(
    `  ${kind.padEnd(12)} top-1 ${figures.top1}/${figures.total}  top-3 ${figures.top3}/${figures.total}  unanswered ${figures.unanswered}`,
  );
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
// The shared set may be absent on a fresh clone; a set named with --claims must be there.
const claimSets = values.claims ?? [];
if (!values.claims) for (const path of CLAIM_SETS) if (await exists(path)) claimSets.push(path);
for (const path of claimSets) {
  const { claims } = JSON.parse(await readFile(path, "utf8")) as ClaimSet;
  let verdictsRight = 0;
  let withSpeaker = 0;
  for (const { claim, verdict, speaker } of claims) {
    const result = verifyClaim(library, claim);
    const expectedSpeaker = speaker ? (library.resolveSpeaker(speaker)?.name ?? speaker) : null;
    const verdictRight = result.verdict === verdict;
    const right = verdictRight && result.speaker === expectedSpeaker;
    if (verdictRight) verdictsRight++;
    if (right) withSpeaker++;
    if (values.verbose || !right) {
      const best = result.matches[0];
      console.log(
        `${right ? "ok  " : "MISS"} ${claim}\n     expected ${verdict}/${expectedSpeaker ?? "-"}; got ${result.verdict}/${result.speaker ?? "-"} (claimed ${result.claimedSpeaker ?? "-"}; best ${best ? `${best.entry.id.split(":").at(-1)} ${best.score}` : "none"})`,
      );
    }
  }
  console.log(
    `claims (${path}): ${verdictsRight}/${claims.length} verdicts right, ${withSpeaker}/${claims.length} with the true speaker`,
  );
}
