/**
 * Reading a claim ("Lukashenko said 'This is official.'"): the words it says were said, quoted or
 * reported, and who it says said them, by name or office.
 */

import type { Library } from "../library/library.js";
import { NATIONALITIES, TITLE_GROUPS } from "../reading/catalogue.js";
import { type NameRun, nameRuns } from "../reading/nameRuns.js";
import { findDoubleQuotes, findSingleQuotes } from "../reading/quoteMarks.js";
import type { Speaker } from "../types.js";
import { cutAtWord, foldText, isEnglishWord } from "../words/text.js";
import { type ClaimIndex, holderOf, indexFor, roleOf, speakerNamed } from "./claimIndex.js";
import { MAX_CLAIM_LENGTH, normalized } from "./diff.js";

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

/**
 * The most names or offices read from one claim when looking for who it says spoke: each one is
 * matched against every speaker's names, and a claim names its speaker among its first few.
 */
const MAX_PERSON_MENTIONS = 12;
/** A quotation of one word is a scare quote ("signed it 'Donald'"), not a quotation of a statement. */
const MIN_QUOTED_WORDS = 2;

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

export function wordCount(text: string): number {
  return normalized(text).trim().split(" ").filter(Boolean).length;
}

interface Token {
  lower: string;
  start: number;
  end: number;
}

export function tokensOf(text: string): Token[] {
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

export function trimContent(text: string): string {
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
export function attributionOf(library: Library, index: ClaimIndex, text: string): Attribution {
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

export function quotedParts(text: string): QuotedParts {
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
