/**
 * A claim's wording against a release's, word by word: the words both have, and those only the
 * claim or only the release has, with a few words of context on either side, as /verify marks
 * a paraphrase. Content words weigh more than small words when the two are lined up.
 */
import { foldText, isStopWord } from "../words/text.js";

/**
 * The longest claim checked, in characters: a claim is who said what, and every step of the check
 * grows with its length. A longer text (a whole message, checked from its menu) is cut to this.
 */
export const MAX_CLAIM_LENGTH = 500;

export const NEGATIONS = new Set(
  `not no never nothing none nobody neither nor cannot dont doesnt didnt isnt arent wasnt werent
  wont cant couldnt shouldnt wouldnt havent hasnt hadnt mustnt neednt aint`.split(/\s+/),
);

/** Words only, in one spacing, padded so a search for " a b " matches whole words. */
export function normalized(text: string): string {
  const bare = foldText(text)
    .replace(/'/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return bare ? ` ${bare} ` : "";
}

/** A word's comparison key in a diff: "Belarus," and "belarus" are the same word. */
export function wordKey(word: string): string {
  return normalized(word).trim().replace(/ /g, "");
}

export type DiffChange = "same" | "claim" | "release";

export interface DiffPart {
  /** "claim": only the claim has these words; "release": only the release has them. */
  change: DiffChange;
  words: string;
}

/** Release words lined up against the claim in a diff: a claim is compared with a sentence or two. */
const MAX_DIFF_RELEASE_WORDS = 400;
/** Release words shown beside the aligned stretch, up to a clause boundary. */
const DIFF_CONTEXT_WORDS = 6;

interface DiffToken {
  text: string;
  key: string;
  /** Lining up "economy" says more than lining up "the". */
  weight: number;
}

const CONTENT_WORD_WEIGHT = 3;

function diffTokens(text: string): DiffToken[] {
  return text
    .split(/\s+/)
    .map((word) => {
      const key = wordKey(word);
      return { text: word, key, weight: isStopWord(key) ? 1 : CONTENT_WORD_WEIGHT };
    })
    .filter((token) => token.key !== "");
}

const endsClause = (token: DiffToken | undefined) =>
  token !== undefined && /[,;:.!?…]["”’')\]]*$/.test(token.text);

/** Pairs of a claim word and a release word; one side is missing where the wording differs. */
type Alignment = Array<{ claim?: DiffToken; release?: DiffToken; at: number }>;

/** A longest common subsequence of the two texts, weighted towards content words. */
function align(a: readonly DiffToken[], b: readonly DiffToken[]): Alignment {
  const width = b.length + 1;
  // best[i * width + j]: the weight of the best alignment of a[i…] with b[j…].
  const best = new Float64Array((a.length + 1) * width);
  const at = (i: number, j: number) => best[i * width + j] ?? 0;
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const pair = a[i]?.key === b[j]?.key ? at(i + 1, j + 1) + (b[j]?.weight ?? 1) : 0;
      best[i * width + j] = Math.max(pair, at(i + 1, j), at(i, j + 1));
    }
  }
  const steps: Alignment = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const claim = a[i];
    const release = b[j];
    if (
      claim &&
      release &&
      claim.key === release.key &&
      at(i, j) === at(i + 1, j + 1) + release.weight
    ) {
      steps.push({ claim, release, at: j++ });
      i++;
    } else if (claim && (!release || at(i + 1, j) >= at(i, j + 1))) {
      steps.push({ claim, at: j });
      i++;
    } else if (release) {
      steps.push({ release, at: j++ });
    }
  }
  return steps;
}

/**
 * The release words a diff lines up: all of them, or for a long statement the stretch of
 * MAX_DIFF_RELEASE_WORDS from just before the first content word the claim shares, so that the
 * table the alignment fills stays small whatever the release holds.
 */
function diffWindow(claim: readonly DiffToken[], release: DiffToken[]): DiffToken[] {
  if (release.length <= MAX_DIFF_RELEASE_WORDS) return release;
  const claimKeys = new Set(claim.filter((token) => token.weight > 1).map((token) => token.key));
  const first = release.findIndex((token) => token.weight > 1 && claimKeys.has(token.key));
  const from = Math.max(0, first - DIFF_CONTEXT_WORDS);
  return release.slice(from, from + MAX_DIFF_RELEASE_WORDS);
}

/**
 * The claim against the release, word by word. The release side is cut to the stretch the
 * claim's content words line up with, plus the rest of the clause on either side, so a "not"
 * just before the matching words still shows.
 */
export function diffWords(claim: string, release: string): DiffPart[] {
  const a = diffTokens(claim).slice(0, MAX_CLAIM_LENGTH);
  const b = diffWindow(a, diffTokens(release));
  const steps = align(a, b);
  const anchors = steps
    .filter((step) => step.claim && step.release && step.release.weight > 1)
    .map((step) => step.at);
  const first = anchors[0] ?? 0;
  const last = anchors.at(-1) ?? b.length - 1;
  let from = first;
  while (from > 0 && first - from < DIFF_CONTEXT_WORDS && !endsClause(b[from - 1])) from--;
  let to = last;
  while (to < b.length - 1 && to - last < DIFF_CONTEXT_WORDS && !endsClause(b[to])) to++;

  const parts: DiffPart[] = [];
  const add = (change: DiffChange, token: DiffToken) => {
    const previous = parts.at(-1);
    if (previous?.change === change) previous.words += ` ${token.text}`;
    else parts.push({ change, words: token.text });
  };
  for (const step of steps) {
    const shown = step.at >= from && step.at <= to;
    if (step.claim && step.release && shown) {
      add("same", step.release);
      continue;
    }
    if (step.claim) add("claim", step.claim);
    if (step.release && shown) add("release", step.release);
  }
  return parts;
}

export function negationsIn(parts: readonly DiffPart[], change: DiffChange): string[] {
  return parts
    .filter((part) => part.change === change)
    .flatMap((part) => part.words.split(" "))
    .filter((word) => NEGATIONS.has(wordKey(word)));
}

/** Who said an entry's words: its speaker, or for narration the one whose quotes it introduces. */
