import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { stemmer } from "stemmer";
import related from "./related.json" with { type: "json" };

/**
 * Words that carry no topic in a question or a statement. Besides the usual function words this
 * holds question words and reporting verbs, because "what did X say about Y" is about Y.
 */
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before
  being below between both but by can could did didn't do does doesn't doing don't down during each
  even ever every few for from further get got had has hasn't have haven't having he he'd he'll he's
  her here hers herself him himself his how i i'd i'll i'm i've if in into is isn't it it's its
  itself just let let's me more most much must my myself no nor not now of off on once one only or
  other ought our ours ourselves out over own quite rather really same shall she should so some
  still such than that that's the their theirs them themselves then there there's these they
  they're this those through to too under until up upon us very was wasn't we we'd we're we've were
  weren't what what's when where which while who who's whom whose why will with within without
  won't would yet you you're your yours yourself yourselves
  say says said saying tell tells told ask asked asks mention mentioned talk talked speak spoke
  think thinks thought know knew anything something everything thing things way ways
  according regarding concerning whether please many kind sort`.split(/\s+/),
);

/**
 * Country names and their adjectives fold to one token, so "Americans", "the US" and "the United
 * States" meet. Multi-word forms are matched before single words.
 */
const COUNTRY_FORMS: ReadonlyArray<[RegExp, string]> = [
  [/\bunited states(?: of america)?\b/g, " usa "],
  [/\bamerica\b/g, " usa "],
  [/\bu\.\s?s\.(?:\s?a\b\.?)?/g, " usa "],
  [/\bamericans?\b/g, " usa "],
  [/\bbelarusians?\b/g, " belarus "],
  [/\brussians?\b/g, " russia "],
  [/\bukrainians?\b/g, " ukraine "],
  [/\bchinese\b/g, " china "],
  [/\beuropeans?\b/g, " europe "],
];

/** Whether any of COUNTRY_FORMS could match: most texts name no country and skip the passes. */
const ANY_COUNTRY_FORM = new RegExp(
  COUNTRY_FORMS.map(([pattern]) => `(?:${pattern.source})`).join("|"),
);

export function foldCountries(lowerText: string): string {
  if (!ANY_COUNTRY_FORM.test(lowerText)) return lowerText;
  let folded = lowerText;
  for (const [pattern, token] of COUNTRY_FORMS) folded = folded.replace(pattern, token);
  return folded;
}

/** Lower-case words of a text, with countries folded and apostrophes and diacritics dropped. */
export function words(text: string): string[] {
  // Plain ASCII has only ASCII letters: the cheaper pattern is exact.
  const ascii = !NON_ASCII.test(text);
  const lower = foldCountries(foldText(text));
  const found = (ascii ? lower.match(ASCII_WORD) : lower.match(WORD)) ?? [];
  return found.map((word) =>
    word.includes("'") ? word.replace(/'s$/, "").replace(/'/g, "") : word,
  );
}

/**
 * `words(`${first} ${second}`)` from the words of each: they are the two lists joined unless a
 * country form ("United | States") spans the seam, which only the joined text can fold.
 */
export function wordsOfJoined(
  first: string,
  second: string,
  firstWords: readonly string[],
  secondWords: readonly string[],
): string[] {
  const seam = `${first.slice(-40)} ${second.slice(0, 40)}`;
  if (!NON_ASCII.test(seam) && !ANY_COUNTRY_FORM.test(seam.toLowerCase())) {
    return [...firstWords, ...secondWords];
  }
  return words(`${first} ${second}`);
}

const NON_ASCII = /[\u0080-\uffff]/;

/** Lower case, no diacritics, straight apostrophes: the form words and names are compared in. */
export function foldText(text: string): string {
  // Plain ASCII has nothing to decompose.
  const bare = NON_ASCII.test(text) ? text.normalize("NFKD").replace(/\p{M}/gu, "") : text;
  return bare.toLowerCase().replace(/[’‘`]/g, "'");
}
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;
const ASCII_WORD = /[a-z0-9]+(?:'[a-z]+)*/g;

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Irregular verb forms a suffix stemmer cannot reach: "gave" must meet "give". */
const IRREGULAR_FORMS: Readonly<Record<string, string>> = {
  gave: "give",
  given: "give",
  made: "make",
  took: "take",
  taken: "take",
  went: "go",
  gone: "go",
  met: "meet",
  wrote: "write",
  written: "write",
  spoke: "speak",
  spoken: "speak",
  brought: "bring",
  sent: "send",
  held: "hold",
  began: "begin",
  begun: "begin",
  knew: "know",
  known: "know",
  saw: "see",
  seen: "see",
  came: "come",
  felt: "feel",
  left: "leave",
  kept: "keep",
  paid: "pay",
  sold: "sell",
  won: "win",
  led: "lead",
  chose: "choose",
  chosen: "choose",
  fell: "fall",
  fought: "fight",
  bought: "buy",
  caught: "catch",
  taught: "teach",
  sought: "seek",
  stood: "stand",
  understood: "understand",
  lost: "lose",
  meant: "mean",
  heard: "hear",
  built: "build",
  broke: "break",
  broken: "break",
  drew: "draw",
  drawn: "draw",
  struck: "strike",
  hid: "hide",
  hidden: "hide",
  ran: "run",
  read: "read",
  wore: "wear",
  worn: "wear",
  grew: "grow",
  grown: "grow",
  threw: "throw",
  thrown: "throw",
  rose: "rise",
  risen: "rise",
  lay: "lie",
  lain: "lie",
};

/**
 * Stems already worked out. A corpus repeats its words many times over, and the stemmer is the
 * costliest step of reading a text's terms; past the bound the cache starts again.
 */
const stems = new Map<string, string>();
const MAX_CACHED_STEMS = 200_000;

export function stem(word: string): string {
  const known = stems.get(word);
  if (known !== undefined) return known;
  const stemmed = /^\d+$/.test(word) ? word : stemmer(IRREGULAR_FORMS[word] ?? word);
  if (stems.size >= MAX_CACHED_STEMS) stems.clear();
  stems.set(word, stemmed);
  return stemmed;
}

/**
 * Verbs so light that a question leans on its other words: in "who gave the order" the order is
 * what matters. They still match, but count less towards an entry covering the question.
 */
const LIGHT_WORDS = new Set(
  ["give", "make", "take", "get", "put", "go", "come", "want", "happen", "do"].map((word) =>
    stemmer(word),
  ),
);

export function isLightTerm(termStem: string): boolean {
  return LIGHT_WORDS.has(termStem);
}

/** The stems a text is indexed under: its words without stop words, stemmed. */
export function indexTerms(text: string): string[] {
  return words(text)
    .filter((word) => !STOP_WORDS.has(word) && word.length > 1)
    .map(stem);
}

const synonymsByStem = new Map<string, Set<string>>();
/**
 * Groups of words related in questions about diplomatic meetings that WordNet's first senses
 * do not relate (related.json, beside this file). A question word reaches its whole group, at a lower
 * weight than an exact match (see synonymWeight in search.ts).
 */
const groups: readonly string[][] = related.groups;
for (const group of groups) {
  const stems = group.flatMap((phrase) => phrase.split(" ").map(stem));
  for (const member of stems) {
    const known = synonymsByStem.get(member) ?? new Set<string>();
    for (const other of stems) if (other !== member) known.add(other);
    synonymsByStem.set(member, known);
  }
}

export function synonymsOf(termStem: string): readonly string[] {
  return [...(synonymsByStem.get(termStem) ?? [])];
}

/** Every word the synonym groups know, so a misspelt question word can be matched to one. */
export function lexiconWords(): string[] {
  return [...new Set(groups.flat())];
}

const require = createRequire(import.meta.url);

/** The English word list as the package ships it: one JSON text, searched in place. */
interface WordList {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
}

let englishWords: WordList | Set<string> | null = null;

/** Compares `word` with text[start, end) by UTF-16 code units, as `<` orders strings. */
function compareAt(word: string, text: string, start: number, end: number): number {
  const length = Math.min(word.length, end - start);
  for (let index = 0; index < length; index++) {
    const difference = word.charCodeAt(index) - text.charCodeAt(start + index);
    if (difference !== 0) return difference;
  }
  return word.length - (end - start);
}

/** Whether text[a, aEnd) sorts strictly before text[b, bEnd). */
function ascending(text: string, a: number, aEnd: number, b: number, bEnd: number): boolean {
  const length = Math.min(aEnd - a, bEnd - b);
  for (let index = 0; index < length; index++) {
    const difference = text.charCodeAt(a + index) - text.charCodeAt(b + index);
    if (difference !== 0) return difference < 0;
  }
  return aEnd - a < bEnd - b;
}

/**
 * Reads the ~275,000 words. The package's JSON is a sorted array of plain ASCII strings, so the
 * words are located in the text and found by binary search: much less memory and start-up time
 * than 275,000 strings in a Set. Anything else (escapes, disorder) falls back to the Set.
 */
function loadEnglishWords(): WordList | Set<string> {
  const text = readFileSync(require.resolve("an-array-of-english-words"), "utf8");
  const starts: number[] = [];
  const ends: number[] = [];
  let plain = !text.includes("\\") && !NON_ASCII.test(text);
  for (let at = text.indexOf('"'); plain && at >= 0; ) {
    const close = text.indexOf('"', at + 1);
    if (close < 0) break;
    const previous = starts.length - 1;
    if (
      previous >= 0 &&
      !ascending(text, starts[previous] ?? 0, ends[previous] ?? 0, at + 1, close)
    )
      plain = false;
    starts.push(at + 1);
    ends.push(close);
    at = text.indexOf('"', close + 1);
  }
  if (!plain) return new Set(JSON.parse(text) as string[]);
  return { text, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Reads the English word list now rather than at the first misspelt question word. */
export function preloadEnglishWords(): void {
  englishWords ??= loadEnglishWords();
}

/**
 * Whether a word is ordinary English. Such a word is meant as written ("plant" is not a slip for
 * "planet"), so only other words are corrected to the index's spellings. Loaded on first use.
 */
export function isEnglishWord(word: string): boolean {
  englishWords ??= loadEnglishWords();
  if (englishWords instanceof Set) return englishWords.has(word);
  const { text, starts, ends } = englishWords;
  let low = 0;
  let high = starts.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const order = compareAt(word, text, starts[middle] ?? 0, ends[middle] ?? 0);
    if (order === 0) return true;
    if (order < 0) high = middle - 1;
    else low = middle + 1;
  }
  return false;
}

/**
 * The text's first `max` characters at most, ending at a word where one ends in the second half,
 * and never in the middle of a surrogate pair: what a limit keeps of a longer text.
 */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  let start = text.slice(0, max);
  if (/[\uD800-\uDBFF]$/.test(start)) start = start.slice(0, -1);
  const lastSpace = start.lastIndexOf(" ");
  return (lastSpace > max / 2 ? start.slice(0, lastSpace) : start).trimEnd();
}
