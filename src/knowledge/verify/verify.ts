import {
  cutAtWord,
  foldCountries,
  foldText,
  indexTerms,
  isEnglishWord,
  isStopWord,
  synonymsOf,
} from "../index/text.js";
import type { Library } from "../library/library.js";
import { NATIONALITIES, TITLE_GROUPS } from "../reading/catalogue.js";
import { isSlipOf, type NameRun, nameRuns, nationalityIn, titleOfRole } from "../reading/people.js";
import { findDoubleQuotes, findSingleQuotes } from "../reading/quoteMarks.js";
import { sentences } from "../reading/sentences.js";
import { finish, finishGivingWay, givingWay, type Steps } from "../steps.js";
import type { Entry, Speaker } from "../types.js";

/**
 * Checks a claim about the meeting ("Lukashenko said 'This is official.'") against the release:
 * are the words there, and did the person the claim names say them?
 */

export type Verdict = "verbatim" | "misattributed" | "paraphrase" | "not_found";

export interface ParsedClaim {
  /** What the claim says was said: the quoted words, or the reported content after "said that". */
  content: string;
  /** The quoted words, one fragment per stretch between ellipses or insertions; empty when nothing is quoted. */
  quoted: string[];
  /** The name or role the words are attributed to, as the claim writes it. */
  claimedName: string | null;
  /** Who that name or role is in the release; null when it is no one the release knows. */
  claimedSpeaker: Speaker | null;
}

export interface ClaimMatch {
  entry: Entry;
  /** 1 for a word-for-word match; otherwise the weighted share of the claim's words the statement has. */
  score: number;
  /** The sentences of the statement that come closest to the claim. */
  excerpt: string;
}

export type DiffChange = "same" | "claim" | "release";

export interface DiffPart {
  /** "claim": only the claim has these words; "release": only the release has them. */
  change: DiffChange;
  words: string;
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
/**
 * The longest claim checked, in characters: a claim is who said what, and every step of the check
 * grows with its length. A longer text (a whole message, checked from its menu) is cut to this.
 */
export const MAX_CLAIM_LENGTH = 500;
/**
 * The most names or offices read from one claim when looking for who it says spoke: each one is
 * matched against every speaker's names, and a claim names its speaker among its first few.
 */
const MAX_PERSON_MENTIONS = 12;
/** Release words lined up against the claim in a diff: a claim is compared with a sentence or two. */
const MAX_DIFF_RELEASE_WORDS = 400;
/** How many statements the search hands over to be compared word by word. */
const CANDIDATES = 5;
const MATCHES_SHOWN = 3;
/** Unquoted content this long that stands in the release word for word is a verbatim quotation. */
const MIN_UNQUOTED_VERBATIM_WORDS = 3;
/** A quotation of one word is a scare quote ("signed it 'Donald'"), not a quotation of a statement. */
const MIN_QUOTED_WORDS = 2;
const SYNONYM_CREDIT = 0.6;
/** A name in a claim often stands for a pronoun in the quote, so it counts for less. */
const NAME_WEIGHT = 0.5;
/** Longest stretch of an excerpt, in sentences; claims rarely paraphrase more. */
const MAX_WINDOW_SENTENCES = 2;
/** Release words shown beside the aligned stretch, up to a clause boundary. */
const DIFF_CONTEXT_WORDS = 6;

/** Verbs that report speech; they carry no content of their own. */
const REPORTING_VERBS =
  `according to|pointed out|went on to say|is quoted as saying|was quoted as saying|
said|says|say|saying|wrote|writes|write|written|told|tells|tell|stated|states|claimed|claims|claim|noted|notes|
added|adds|remarked|remarks|responded|responds|replied|replies|answered|emphasized|emphasised|emphasizes|
emphasises|stressed|stresses|declared|declares|announced|announces|explained|explains|insisted|insists|
argued|argues|asserted|asserts|observed|commented|mentioned|recalled|acknowledged|admitted|confirmed|
continued|concluded|assured|assures|informed|reminded|exclaimed|reiterated|joked|quipped|believes|
believed|thinks|thought|feels|felt`
    .split(/[|\n]/)
    .filter(Boolean);
const REPORTING_PATTERN = new RegExp(
  `(?<![\\p{L}'’])(?:${REPORTING_VERBS.join("|")})(?![\\p{L}'’])`,
  "iu",
);
/** Verbs whose object is the person spoken to: "told Coale that …". */
const ADDRESSEE_VERBS = new Set([
  "told",
  "tells",
  "tell",
  "assured",
  "assures",
  "informed",
  "reminded",
]);
/** A name right after one of these is not the one speaking: "speaking to Coale, Lukashenko said". */
const PREPOSITIONS = new Set([
  "to",
  "with",
  "for",
  "at",
  "about",
  "from",
  "of",
  "towards",
  "toward",
]);
const DETERMINERS = new Set(["the", "a", "an", "his", "her", "their", "its", "our", "your"]);

const NEGATIONS = new Set(
  `not no never nothing none nobody neither nor cannot dont doesnt didnt isnt arent wasnt werent
  wont cant couldnt shouldnt wouldnt havent hasnt hadnt mustnt neednt aint`.split(/\s+/),
);

/** Words only, in one spacing, padded so a search for " a b " matches whole words. */
function normalized(text: string): string {
  const bare = foldText(text)
    .replace(/'/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return bare ? ` ${bare} ` : "";
}

function wordCount(text: string): number {
  return normalized(text).trim().split(" ").filter(Boolean).length;
}

/** A word's comparison key in a diff: "Belarus," and "belarus" are the same word. */
function wordKey(word: string): string {
  return normalized(word).trim().replace(/ /g, "");
}

interface Role {
  title: string;
  nationality: string | null;
}

interface EntryIndex {
  entry: Entry;
  /** The text normalised, with the editor's [insertions] and without them. */
  forms: string[];
}

interface ClaimIndex {
  entries: EntryIndex[];
  /** How many entries each stem occurs in, for weighting rare words up. */
  documentFrequency: Map<string, number>;
  /** Stems of people's names: a quote often says "he" or "your President" where a claim names them. */
  nameTerms: Set<string>;
  /** Narration that introduces the quotes of one speaker, and that speaker. */
  narratorOf: Map<Entry, string>;
  nameForms: Map<Speaker, string[]>;
  roles: Map<Speaker, Role[]>;
}

const indexes = new WeakMap<Library, ClaimIndex>();
/** Entries read between two steps of building the claim index. */
const ENTRIES_PER_STEP = 256;

function indexFor(library: Library): ClaimIndex {
  return indexes.get(library) ?? remember(library, finish(buildingClaimIndex(library)));
}

function remember(library: Library, index: ClaimIndex): ClaimIndex {
  const first = indexes.get(library) ?? index;
  indexes.set(library, first);
  return first;
}

/**
 * Builds the index /verify reads ahead of the first claim, giving way to the event loop as it
 * goes: built on the first claim instead, it would hold a bot with a thousand releases for most
 * of a second. A claim checked before it is done builds the index at once.
 */
export async function prepareVerify(library: Library): Promise<void> {
  if (indexes.has(library)) return;
  remember(library, await finishGivingWay(buildingClaimIndex(library), givingWay()));
}

function* buildingClaimIndex(library: Library): Steps<ClaimIndex> {
  const entries: EntryIndex[] = [];
  const documentFrequency = new Map<string, number>();
  for (const [position, entry] of library.entries.entries()) {
    if (position % ENTRIES_PER_STEP === 0) yield;
    entries.push({
      entry,
      forms: [
        ...new Set([normalized(entry.text), normalized(entry.text.replace(/\[[^\]]*\]/g, " "))]),
      ],
    });
    for (const term of new Set(indexTerms(entry.text))) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const narratorOf = yield* narrators(library.entries);
  const speakers = library.speakers();
  const nameForms = new Map<Speaker, string[]>();
  for (const [position, speaker] of speakers.entries()) {
    if (position % ENTRIES_PER_STEP === 0) yield;
    nameForms.set(speaker, library.speakerRegistry.nameForms(speaker));
  }
  yield;
  return {
    entries,
    documentFrequency,
    nameTerms: new Set([...nameForms.values()].flatMap((forms) => indexTerms(forms.join(" ")))),
    narratorOf,
    nameForms,
    roles: new Map(
      speakers.map((speaker) => [speaker, speaker.aliases.flatMap((alias) => roleOf(alias) ?? [])]),
    ),
  };
}

/**
 * "He proposed discussing a number of issues", "John Coale specifically pointed out the fact that
 * …": narration in a paragraph whose quotes are all one person's reports what that person said.
 */
function* narrators(entries: readonly Entry[]): Steps<Map<Entry, string>> {
  const quotedIn = new Map<string, Set<string>>();
  for (const [position, entry] of entries.entries()) {
    if (position % ENTRIES_PER_STEP === 0) yield;
    if (entry.kind !== "quote" || entry.speaker === null) continue;
    const place = `${entry.source.file}#${entry.source.paragraph}`;
    const speakers = quotedIn.get(place) ?? new Set<string>();
    speakers.add(entry.speaker);
    quotedIn.set(place, speakers);
  }
  const narrated = new Map<Entry, string>();
  for (const [position, entry] of entries.entries()) {
    if (position % ENTRIES_PER_STEP === 0) yield;
    const speakers = quotedIn.get(`${entry.source.file}#${entry.source.paragraph}`);
    const [only] = speakers ?? [];
    if (entry.kind === "fact" && speakers?.size === 1 && only) narrated.set(entry, only);
  }
  return narrated;
}

/** Words of a role phrase, with "head of state" as one office and possessives split off. */
function roleWords(phrase: string): string[] {
  return foldCountries(foldText(phrase).replace(/head of (?:the )?state/g, "headofstate"))
    .replace(/'s\b/g, " 's")
    .replace(/\./g, "")
    .split(/[^\p{L}']+/u)
    .filter(Boolean);
}

/** The office a phrase names: its head noun, before any "of …" and after any "…'s". */
function roleOf(phrase: string): Role | null {
  const words = roleWords(phrase);
  const title = titleOfRole(words);
  return title === null ? null : { title, nationality: nationalityIn(words) };
}

/** The one person who holds an office; among several, the most quoted, as the registry does. */
function holderOf(index: ClaimIndex, role: Role): Speaker | null {
  for (const [speaker, roles] of index.roles) {
    const nationality = roles.map((held) => held.nationality).find(Boolean) ?? null;
    const holds = roles.some((held) => held.title === role.title);
    if (holds && (role.nationality === null || nationality === role.nationality)) return speaker;
  }
  return null;
}

/** The speaker a written name means, checked against their name forms so "Biden" is no one. */
function speakerNamed(library: Library, index: ClaimIndex, name: string): Speaker | null {
  const written = name
    .split(/\s+/)
    .map((token) => foldText(token).replace(/[^\p{L}-]/gu, ""))
    .filter(Boolean);
  const candidates = [...index.nameForms].filter(([, forms]) =>
    written.some((token) => forms.some((form) => token === form || isSlipOf(token, form))),
  );
  if (candidates.length <= 1) return candidates[0]?.[0] ?? null;
  const resolved = library.resolveSpeaker(name);
  return candidates.find(([speaker]) => speaker === resolved)?.[0] ?? candidates[0]?.[0] ?? null;
}

interface Token {
  lower: string;
  start: number;
  end: number;
}

function tokensOf(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}.'’-]*/gu)].map((match) => ({
    lower: foldText(match[0]).replace(/'s$/, "").replace(/[.']/g, ""),
    start: match.index,
    end: match.index + match[0].replace(/\.$/, "").length,
  }));
}

const isTitle = (token: Token | undefined) =>
  token !== undefined && TITLE_GROUPS[token.lower] !== undefined;
const isNationality = (token: Token | undefined) =>
  token !== undefined && NATIONALITIES[token.lower] !== undefined;

interface PersonMention {
  written: string;
  speaker: Speaker | null;
  start: number;
  end: number;
}

/** Offices named in a text: "the Belarusian leader", "U.S. President's representative", "head of state". */
function roleMentions(
  library: Library,
  index: ClaimIndex,
  text: string,
  runs: readonly NameRun[],
): PersonMention[] {
  const tokens = tokensOf(text);
  const found: PersonMention[] = [];
  for (let at = 0; at < tokens.length && found.length < MAX_PERSON_MENTIONS; at++) {
    if (!isTitle(tokens[at])) continue;
    let first = at;
    while (isTitle(tokens[first - 1]) || isNationality(tokens[first - 1])) first--;
    let last = at;
    while (isTitle(tokens[last + 1])) last++;
    if (tokens[last + 1]?.lower === "of") {
      let next = last + 2;
      if (tokens[next]?.lower === "the") next++;
      while (
        next <= last + 5 &&
        (isTitle(tokens[next]) || isNationality(tokens[next]) || tokens[next]?.lower === "state")
      )
        next++;
      if (next > last + 2 && tokens[next - 1]?.lower !== "the") last = next - 1;
    }
    const start = tokens[first]?.start ?? 0;
    const end = tokens[last]?.end ?? text.length;
    const written = text.slice(start, end);
    const role = roleOf(written);
    // "U.S. envoy John Coale": the name that follows says who, better than the office.
    const name = runs.find((run) => run.start >= end && /^\s*$/.test(text.slice(end, run.start)));
    if (name) {
      found.push({
        written: text.slice(start, name.end),
        speaker: speakerNamed(library, index, name.tokens.join(" ")),
        start,
        end: name.end,
      });
    } else if (role) {
      found.push({ written, speaker: holderOf(index, role), start, end });
    }
    at = last;
  }
  return found;
}

/** Everyone a text names, by name or by office, in order. */
function personMentions(library: Library, index: ClaimIndex, text: string): PersonMention[] {
  const runs = nameRuns(text).slice(0, MAX_PERSON_MENTIONS);
  const roles = roleMentions(library, index, text, runs);
  const names = runs
    .filter((run) => !roles.some((role) => run.start >= role.start && run.start < role.end))
    // "Trump's envoy" names the envoy, not Trump.
    .filter(
      (run) =>
        !/['’]s$/.test(text.slice(run.start, run.end)) ||
        !roles.some((role) => /^\s+$/.test(text.slice(run.end, role.start))),
    )
    .map((run) => ({
      written: text.slice(run.start, run.end).replace(/['’]s$/, ""),
      speaker: speakerNamed(library, index, run.tokens.join(" ")),
      start: run.start,
      end: run.end,
    }))
    // A capital at the start of a sentence ("Speaking to Coale, …") does not make a word a name.
    .filter(
      (mention) =>
        mention.speaker !== null ||
        !mention.written.split(/\s+/).every((word) => isEnglishWord(foldText(word))),
    );
  return [...roles, ...names].sort((a, b) => a.start - b.start);
}

/** The person a stretch of a claim presents as speaking: the first one not after a preposition. */
function speakerIn(
  library: Library,
  index: ClaimIndex,
  text: string,
  { leading = false } = {},
): PersonMention | null {
  const tokens = tokensOf(text);
  let before = 0;
  for (const mention of personMentions(library, index, text)) {
    while (before < tokens.length && (tokens[before]?.end ?? 0) <= mention.start) before++;
    if (PREPOSITIONS.has(tokens[before - 1]?.lower ?? "")) continue;
    if (leading && tokens.slice(0, before).some((token) => !DETERMINERS.has(token.lower))) {
      return null;
    }
    return mention;
  }
  return null;
}

function trimContent(text: string): string {
  return text
    .replace(/^[\s,:;—–-]+/, "")
    .replace(/^that\s+/i, "")
    .replace(/[\s,:;—–-]+$/, "")
    .replace(/["“”«»]/g, "")
    .trim();
}

interface Attribution {
  mention: PersonMention | null;
  /** Set for an unquoted claim: the words reported, without who said them. */
  content: string;
}

/** Splits "X said that Y", "Y, said X", "According to X, Y" and "X thanked Y" into who and what. */
function attributionOf(library: Library, index: ClaimIndex, text: string): Attribution {
  const verb = REPORTING_PATTERN.exec(text);
  if (!verb) {
    const mention = speakerIn(library, index, text, { leading: true });
    return mention
      ? { mention, content: trimContent(text.slice(mention.end)) }
      : { mention: null, content: trimContent(text) };
  }
  const before = text.slice(0, verb.index);
  const after = text.slice(verb.index + verb[0].length);
  const subject = speakerIn(library, index, before);
  if (subject) {
    let content = after;
    if (ADDRESSEE_VERBS.has(verb[0].toLowerCase())) {
      const addressee = speakerIn(library, index, after, { leading: true });
      if (addressee) content = after.slice(addressee.end);
    }
    return { mention: subject, content: trimContent(content) };
  }
  const inverted = speakerIn(library, index, after, { leading: true });
  // Only a name that closes its clause is the speaker: "said Coale." but not "said Coale lifted …".
  if (inverted && /^\s*(?:[,.;:!?…]|$)/.test(after.slice(inverted.end))) {
    // "According to Coale, the decision was made" / "The decision was made, said Coale".
    const rest = trimContent(after.slice(inverted.end));
    return { mention: inverted, content: rest || trimContent(before) };
  }
  return { mention: null, content: trimContent(after) || trimContent(before) };
}

/** Closed or unclosed quotations of two words or more, straight, curly or single. */
function quotations(text: string): Array<{ open: number; close: number }> {
  const long = (spans: Array<{ open: number; close: number }>) =>
    spans.filter((span) => wordCount(text.slice(span.open + 1, span.close)) >= MIN_QUOTED_WORDS);
  const double = long(findDoubleQuotes(text));
  return double.length > 0 ? double : long(findSingleQuotes(text));
}

interface QuotedParts {
  text: string;
  /** The words inside each quotation. */
  inside: string[];
  /** The text with each quotation replaced by an ellipsis: "X said …". */
  outside: string;
}

function quotedParts(text: string): QuotedParts {
  const spans = quotations(text);
  let outside = "";
  let from = 0;
  for (const span of spans) {
    outside += `${text.slice(from, span.open)} … `;
    from = span.close + 1;
  }
  outside += text.slice(from);
  return { text, inside: spans.map((span) => text.slice(span.open + 1, span.close)), outside };
}

/** The whole claim put in quotation marks: "Coale said the decision was made". */
const isWrapped = (parts: QuotedParts) =>
  parts.inside.length === 1 && !/\p{L}/u.test(parts.outside);

function claimOf(library: Library, index: ClaimIndex, parts: QuotedParts): ParsedClaim {
  if (parts.inside.length === 0) {
    const { mention, content } = attributionOf(library, index, parts.text);
    return {
      content,
      quoted: [],
      claimedName: mention?.written ?? null,
      claimedSpeaker: mention?.speaker ?? null,
    };
  }
  const { mention } = attributionOf(library, index, parts.outside);
  return {
    content: parts.inside.join(" … ").trim(),
    quoted: parts.inside.flatMap((part) =>
      part
        // An ellipsis or an [insertion] stands for words left out; the rest must match in order.
        .split(/\.{3}|…|\[[^\][]*\]/)
        .map((fragment) => fragment.trim())
        .filter((fragment) => normalized(fragment) !== ""),
    ),
    claimedName: mention?.written ?? null,
    claimedSpeaker: mention?.speaker ?? null,
  };
}

/**
 * Reads who the claim names and what it says they said. A claim put whole in quotation marks,
 * once or more, is read inside them when what is inside names who spoke; the layers are taken
 * off in a loop, so deep nesting costs no more than its length.
 */
export function parseClaim(library: Library, claim: string): ParsedClaim {
  const index = indexFor(library);
  const outer = quotedParts(cutAtWord(claim.replace(/\s+/g, " ").trim(), MAX_CLAIM_LENGTH));
  let inner = outer;
  while (isWrapped(inner)) inner = quotedParts((inner.inside[0] ?? "").trim());
  if (inner !== outer) {
    const unwrapped = claimOf(library, index, inner);
    if (unwrapped.claimedName !== null) return unwrapped;
  }
  return claimOf(library, index, outer);
}

/** Whether the fragments stand in this order, each as whole words, in one form of the text. */
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

function negationsIn(parts: readonly DiffPart[], change: DiffChange): string[] {
  return parts
    .filter((part) => part.change === change)
    .flatMap((part) => part.words.split(" "))
    .filter((word) => NEGATIONS.has(wordKey(word)));
}

/** Who said an entry's words: its speaker, or for narration the one whose quotes it introduces. */
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
