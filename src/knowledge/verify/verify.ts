/**
 * Checks a claim about the meeting ("Lukashenko said 'This is official.'") against the release:
 * are the words there, and did the person the claim names say them? The claim is read by
 * claim.ts, against what claimIndex.ts knows of the library, and its wording is set against the
 * closest statement's by diff.ts; this file finds that statement and gives the verdict. It is the
 * verify room's front door: prepareVerify and parseClaim are had from here too.
 */

import type { Library } from "../library/library.js";
import { sentences } from "../reading/sentences.js";
import type { Entry } from "../types.js";
import { cutAtWord, indexTerms, synonymsOf } from "../words/text.js";
import { type ParsedClaim, parseClaim, wordCount } from "./claim.js";
import { type ClaimIndex, type EntryIndex, indexFor } from "./claimIndex.js";
import { type DiffPart, diffWords, MAX_CLAIM_LENGTH, negationsIn, normalized } from "./diff.js";

export { type ParsedClaim, parseClaim } from "./claim.js";
export { prepareVerify } from "./claimIndex.js";

export type Verdict = "verbatim" | "misattributed" | "paraphrase" | "not_found";

export interface ClaimMatch {
  entry: Entry;
  /** 1 for a word-for-word match; otherwise the weighted share of the claim's words the statement has. */
  score: number;
  /** The sentences of the statement that come closest to the claim. */
  excerpt: string;
}

export interface VerifyResult {
  /** The claim as checked: cut to MAX_CLAIM_LENGTH when it was longer. */
  claim: string;
  /** Whether the claim was longer than MAX_CLAIM_LENGTH and only its start was checked. */
  cut: boolean;
  verdict: Verdict;
  parsed: ParsedClaim;
  /** Canonical name of who said the best match; null for the release's narration and for not_found. */
  speaker: string | null;
  /** The claimed speaker's canonical name, or the name as written when the release does not know it. */
  claimedSpeaker: string | null;
  /** Closest statements, best first: the evidence for the verdict, or for not_found what came nearest. */
  matches: ClaimMatch[];
  /** The claim's wording against the best match's; empty for word-for-word matches and not_found. */
  differences: DiffPart[];
  /** Negation words ("not", "never", "doesn't") on one side only; both empty when the sides agree. */
  negation: { claim: string[]; release: string[] };
}

/**
 * A claim shares at least this weighted share of its informative words with a statement that says
 * much the same. Below it, the closest statement is only on the same topic. Tuned on the dev and
 * extra claim sets (see scripts/eval.ts).
 */
const PARAPHRASE_MIN_SCORE = 0.6;
/** Fewer shared words than this is a coincidence of vocabulary, not a paraphrase. */
const MIN_SHARED_TERMS = 2;
/**
 * The claimed speaker keeps the verdict when their own closest statement is this close to the best
 * one: a near tie is no evidence that someone else said it.
 */
const OWN_STATEMENT_RATIO = 0.85;
/** How many statements the search hands over to be compared word by word. */
const CANDIDATES = 5;
const MATCHES_SHOWN = 3;
/** Unquoted content this long that stands in the release word for word is a verbatim quotation. */
const MIN_UNQUOTED_VERBATIM_WORDS = 3;
const SYNONYM_CREDIT = 0.6;
/** A name in a claim often stands for a pronoun in the quote, so it counts for less. */
const NAME_WEIGHT = 0.5;
/** Longest stretch of an excerpt, in sentences; claims rarely paraphrase more. */
const MAX_WINDOW_SENTENCES = 2;

/** Verbs that report speech; they carry no content of their own. */
function containsInOrder(form: string, fragments: readonly string[]): boolean {
  let from = 0;
  for (const fragment of fragments) {
    const at = form.indexOf(fragment, from);
    if (at < 0) return false;
    from = at + fragment.length - 1;
  }
  return true;
}

/**
 * Entries that hold the words verbatim. An entry that only relays a quote also holds its words
 * ("he said: 'Do it immediately'"), but they belong to the one quoted, so the relay is dropped.
 */
function verbatimMatches(
  library: Library,
  index: ClaimIndex,
  fragments: readonly string[],
): Entry[] {
  const wanted = fragments.map(normalized).filter(Boolean);
  if (wanted.length === 0) return [];
  const found = candidatesFor(library, index, fragments)
    .filter((indexed) => indexed.forms.some((form) => containsInOrder(form, wanted)))
    .map((indexed) => indexed.entry);
  return found.filter(
    (relay) =>
      !found.some(
        (quoted) =>
          quoted !== relay &&
          quoted.reportedBy === relay.speaker &&
          quoted.source.file === relay.source.file &&
          quoted.source.paragraph === relay.source.paragraph,
      ),
  );
}

/** Stems of words that the index folds into a country name only beside another word. */
const COUNTRY_PARTS = new Set(["unit", "state"]);

/**
 * The entries that can hold the fragments word for word: those indexed under the fragments'
 * rarest word, or every entry when the fragments have only stop words. A claim is then compared
 * with a handful of statements rather than with every statement of every release.
 */
function candidatesFor(
  library: Library,
  index: ClaimIndex,
  fragments: readonly string[],
): readonly EntryIndex[] {
  let rarest: Int32Array | null = null;
  const terms = new Set(fragments.flatMap((fragment) => indexTerms(fragment)));
  for (const term of terms) {
    // "United" and "States" are indexed as one country where they stand together, so a
    // fragment cut between them ("the United …") has a stem no entry is indexed under.
    if (COUNTRY_PARTS.has(term)) continue;
    const docs = library.entriesWithTerm(term);
    if (rarest === null || docs.length < rarest.length) rarest = docs;
  }
  if (rarest === null) return index.entries;
  return Array.from(rarest, (doc) => index.entries[doc]).filter(
    (indexed): indexed is EntryIndex => indexed !== undefined,
  );
}

/** Rare words say more about a statement than common ones; a word the release never uses, most. */
function weightOf(index: ClaimIndex, term: string): number {
  const documents = index.entries.length;
  const frequency = index.documentFrequency.get(term) ?? 0;
  return Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
}

interface Similarity {
  score: number;
  shared: number;
}

function similarity(index: ClaimIndex, claimTerms: readonly string[], text: string): Similarity {
  const terms = new Set(indexTerms(text));
  let total = 0;
  let matched = 0;
  let shared = 0;
  for (const term of claimTerms) {
    const weight = weightOf(index, term) * (index.nameTerms.has(term) ? NAME_WEIGHT : 1);
    total += weight;
    if (terms.has(term)) {
      matched += weight;
      shared++;
    } else if (synonymsOf(term).some((synonym) => terms.has(synonym))) {
      matched += weight * SYNONYM_CREDIT;
      shared++;
    }
  }
  return { score: total === 0 ? 0 : matched / total, shared };
}

/** The stretch of one to MAX_WINDOW_SENTENCES sentences of an entry closest to the claim. */
function bestExcerpt(
  index: ClaimIndex,
  claimTerms: readonly string[],
  entry: Entry,
): { excerpt: string } & Similarity {
  const parts = sentences(entry.text);
  let best = { excerpt: entry.text, ...similarity(index, claimTerms, entry.text) };
  for (let size = 1; size <= MAX_WINDOW_SENTENCES && size < parts.length; size++) {
    for (let start = 0; start + size <= parts.length; start++) {
      const excerpt = parts.slice(start, start + size).join(" ");
      const found = similarity(index, claimTerms, excerpt);
      if (
        found.score > best.score ||
        (found.score === best.score && excerpt.length < best.excerpt.length)
      ) {
        best = { excerpt, ...found };
      }
    }
  }
  return best;
}

function saidBy(index: ClaimIndex, entry: Entry): string | null {
  return entry.speaker ?? index.narratorOf.get(entry) ?? null;
}

/**
 * Whether the claim puts the words in the wrong mouth. Plain narration is no one's words: an
 * unquoted claim it supports ("Coale handed over a gift") describes an event, quoting no one.
 */
function misattributed(parsed: ParsedClaim, said: string | null): boolean {
  const claimed = parsed.claimedSpeaker?.name ?? parsed.claimedName;
  if (claimed === null) return false;
  if (said === null) return parsed.quoted.length > 0;
  return said !== claimed;
}

function result(
  claim: string,
  cut: boolean,
  parsed: ParsedClaim,
  verdict: Verdict,
  speaker: string | null,
  matches: ClaimMatch[],
  differences: DiffPart[] = [],
): VerifyResult {
  const claimNegations = negationsIn(differences, "claim");
  const releaseNegations = negationsIn(differences, "release");
  // "does not" against "doesn't" is the same negation said two ways.
  const negationDiffers = claimNegations.length !== releaseNegations.length;
  return {
    claim,
    cut,
    verdict,
    parsed,
    speaker,
    claimedSpeaker: parsed.claimedSpeaker?.name ?? parsed.claimedName,
    matches,
    differences,
    negation: negationDiffers
      ? { claim: claimNegations, release: releaseNegations }
      : { claim: [], release: [] },
  };
}

/** The verdict on a claim: verbatim, misattributed, paraphrase or not_found, with the evidence. */
export function verifyClaim(library: Library, claim: string): VerifyResult {
  const index = indexFor(library);
  const whole = claim.trim();
  const cut = whole.length > MAX_CLAIM_LENGTH;
  const text = cutAtWord(whole, MAX_CLAIM_LENGTH);
  const parsed = parseClaim(library, text);
  const claimed = parsed.claimedSpeaker?.name;

  const fragments =
    parsed.quoted.length > 0
      ? parsed.quoted
      : wordCount(parsed.content) >= MIN_UNQUOTED_VERBATIM_WORDS
        ? [parsed.content]
        : [];
  const verbatim = verbatimMatches(library, index, fragments);
  const byClaimed = (entry: Entry) => claimed !== undefined && saidBy(index, entry) === claimed;
  if (verbatim.length > 0) {
    const ranked = [
      ...verbatim.filter(byClaimed),
      ...verbatim.filter((entry) => !byClaimed(entry)),
    ];
    const matches = ranked
      .slice(0, MATCHES_SHOWN)
      .map((entry) => ({ entry, score: 1, excerpt: entry.text }));
    const said = saidBy(index, ranked[0] as Entry);
    const verdict = misattributed(parsed, said) ? "misattributed" : "verbatim";
    return result(text, cut, parsed, verdict, said, matches);
  }

  const claimTerms = [...new Set(indexTerms(parsed.content))];
  const scored = library
    .ask(parsed.content, { limit: CANDIDATES })
    .results.map(({ entry }) => ({ entry, ...bestExcerpt(index, claimTerms, entry) }))
    .sort((a, b) => b.score - a.score);
  const supports = (match: (typeof scored)[number]) =>
    match.score >= PARAPHRASE_MIN_SCORE &&
    match.shared >= Math.min(MIN_SHARED_TERMS, claimTerms.length);
  const matches = (first: (typeof scored)[number] | undefined) =>
    [...(first ? [first] : []), ...scored.filter((match) => match !== first)]
      .slice(0, MATCHES_SHOWN)
      .map(({ entry, score, excerpt }) => ({ entry, score: Number(score.toFixed(3)), excerpt }));

  const best = scored[0];
  if (!best || !supports(best)) {
    return result(text, cut, parsed, "not_found", null, matches(undefined));
  }
  const own = scored.find((match) => byClaimed(match.entry));
  const chosen = own && supports(own) && own.score >= best.score * OWN_STATEMENT_RATIO ? own : best;
  const said = saidBy(index, chosen.entry);
  return result(
    text,
    cut,
    parsed,
    misattributed(parsed, said) ? "misattributed" : "paraphrase",
    said,
    matches(chosen),
    diffWords(parsed.content, chosen.excerpt),
  );
}
