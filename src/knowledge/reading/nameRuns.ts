/**
 * Names in a release's text: the runs of capitalised words that may be a person ("Aleksandr
 * Lukashenko", "Ursula von der Leyen"), told apart from offices, places and sentence starts, and
 * how far a written name may be from another and still be the same person.
 */
import { isStopWord } from "../words/text.js";
import { NATIONALITIES } from "./catalogue.js";

/** Capitalised words that begin no person's name: offices, places, institutions, calendar. */
const NOT_NAME_WORDS = new Set(
  `president presidential presidents deputy assistant secretary minister prime ambassador envoy
  representative head leader chairman general governor director mr mrs ms dr dear sir madam
  united states america republic federation kingdom union nations council ministry government
  parliament assembly security organization cooperation department office house open force air one
  white oval new york treasury commerce state eastern western northern southern central europe
  policy regional affairs palace kremlin independence day god lord the this that these those
  it he she we they i you our my his her their its as but and or so if when while however
  according us usa sco eu un jr sr january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday firstly secondly thirdly furthermore
  moreover nevertheless well let thank dear regarding by all most interesting territory region
  province oblast krai district county service agency committee bureau commission corporation
  company bank fund institute university party intelligence`.split(/\s+/),
);

/** A word that begins no name, hyphenated compounds of them included ("Secretary-General"). */
export function isNotNameWord(lower: string): boolean {
  if (NOT_NAME_WORDS.has(lower)) return true;
  return lower.includes("-") && lower.split("-").every((part) => NOT_NAME_WORDS.has(part));
}

export const SPEECH_VERB_WORDS = new Set(
  `said says stated states added adds noted notes emphasized emphasised emphasizes stressed stresses
  remarked explained responded replied continued asked answered declared recalled underlined
  underscored observed concluded announced told commented admitted assured insisted suggested
  proposed urged warned joked mentioned acknowledged shared specified clarified highlighted
  reiterated confirmed expressed informed reminded thanked exclaimed agreed pointed wrote writes
  met handed`.split(/\s+/),
);

export interface NameRun {
  tokens: string[];
  start: number;
  end: number;
}

const MONTHS = new Set(
  "january february march april may june july august september october november december".split(
    " ",
  ),
);

/**
 * A month that is a surname ("Theresa May") begins no name but may end one: right after a name
 * word, and not before a day or a year ("Trump May 5").
 */
function monthEndsName(lower: string, text: string, end: number): boolean {
  return MONTHS.has(lower) && !/^,?\s*\d/.test(text.slice(end, end + 4));
}

export const NAME_TOKEN = /^\p{Lu}[\p{L}'’-]*$/u;

const LETTER = /\p{L}/u;
const SPACE = /\s/;

/** Length of the letter at `index` (1, or 2 for a surrogate pair), or 0 when it is no letter. */
export function letterAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return 1;
  if (code < 128 || Number.isNaN(code)) return 0;
  const point = text.codePointAt(index) ?? 0;
  const width = point > 0xffff ? 2 : 1;
  return LETTER.test(text.slice(index, index + width)) ? width : 0;
}

/** Whether a gap between two words is white space only (and not empty). */
export function isBlank(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code === 32 || (code >= 9 && code <= 13)) continue;
    if (code < 128 || !SPACE.test(text.charAt(index))) return false;
  }
  return true;
}

/** Lower-case words inside names: "van", "de la", "bin". */
export const NAME_PARTICLES = new Set(
  "van von der den de da di du del della la le bin ibn al el ter ten dos das".split(" "),
);

/** Whether a gap between two words is one or two name particles between spaces. */
export function isNameParticleGap(text: string, from: number, to: number): boolean {
  if (to - from > 12) return false;
  const gap = text.slice(from, to);
  if (!/^\s+\S.*\s+$/s.test(gap)) return false;
  const particles = gap.trim().split(/\s+/);
  return particles.length <= 2 && particles.every((particle) => NAME_PARTICLES.has(particle));
}

/** Whether the letter at `index` carries on a word begun before it ("iPhone", "x-Ray"). */
export function continuesWord(text: string, index: number): boolean {
  for (let at = index - 1; at >= 0; at--) {
    const code = text.charCodeAt(at);
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return true;
    if (code === 39 || code === 0x2019 || code === 46 || code === 45) continue;
    if (code < 128) return false;
    if (code >= 0xdc00 && code <= 0xdfff && at > 0) {
      const high = text.charCodeAt(at - 1);
      if (high >= 0xd800 && high <= 0xdbff) return LETTER.test(text.slice(at - 1, at + 1));
    }
    return LETTER.test(text.charAt(at));
  }
  return false;
}

/**
 * Runs of capitalised words that could be a name, with square brackets around a word dropped.
 *
 * Words are `\[?([\p{L}][\p{L}'’.-]*)\]?`. Only those that can begin a name are looked at:
 * a lower-case word between two names breaks the run all the same, since the gap between the
 * two is then not white space alone.
 */
export function nameRuns(text: string): NameRun[] {
  const runs: NameRun[] = [];
  let current: NameRun | null = null;
  let lastEnd = -1;
  // Characters that may begin a name word: an upper-case ASCII letter, a bracket, anything
  // beyond ASCII.
  const starts = /[A-Z[\u0080-\uffff]/g;
  for (let found = starts.exec(text); found; found = starts.exec(text)) {
    const index = found.index;
    let start = index;
    let width: number;
    if (text.charCodeAt(index) === 91) {
      width = letterAt(text, index + 1);
      if (width === 0) continue;
      start = index + 1;
    } else {
      width = letterAt(text, index);
      if (width === 0 || continuesWord(text, index)) continue;
    }
    let stop = start + width;
    while (stop < text.length) {
      const code = text.charCodeAt(stop);
      if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) stop++;
      else if (code === 39 || code === 0x2019 || code === 46 || code === 45) stop++;
      else if (code < 128) break;
      else {
        const letter = letterAt(text, stop);
        if (letter === 0) break;
        stop += letter;
      }
    }
    const end = text.charCodeAt(stop) === 93 ? stop + 1 : stop;
    starts.lastIndex = end;
    // "[Donald] Trump" is one name; "Chris [Christopher Smith, …]" is a name and an insertion.
    const opens = start > index;
    const closes = end > stop;
    if (opens && !closes && current) {
      runs.push(current);
      current = null;
    }
    const dotted = text.charCodeAt(stop - 1) === 46;
    const raw = text.slice(start, dotted ? stop - 1 : stop);
    const possessive = /['’]s$/.test(raw);
    const token = possessive ? raw.slice(0, -2) : raw;
    // Typed by hand: inferred, their type would depend on `current`, which the loop reassigns.
    const joinable: boolean =
      current !== null &&
      lastEnd >= 0 &&
      (isBlank(text, lastEnd, index) || isNameParticleGap(text, lastEnd, index));
    const lower = token.toLowerCase();
    const nameLike: boolean =
      NAME_TOKEN.test(token) &&
      (!isNotNameWord(lower) || (joinable && monthEndsName(lower, text, end))) &&
      !NATIONALITIES[lower] &&
      !isStopWord(lower);
    if (nameLike && joinable && current && current.tokens.length < 3) {
      // "Herman van Rompuy": the particle is part of the name.
      if (!isBlank(text, lastEnd, index))
        current.tokens.push(...text.slice(lastEnd, index).trim().split(/\s+/));
      current.tokens.push(token);
      current.end = end;
    } else {
      if (current) runs.push(current);
      current = nameLike ? { tokens: [token], start: index, end } : null;
    }
    lastEnd = end;
    // A full stop after a word longer than an initial ends the sentence: "said Ngutter. Later".
    const endsSentence = dotted && token.length > 1;
    if ((possessive || endsSentence || (closes && !opens)) && current) {
      runs.push(current);
      current = null;
    }
  }
  if (current) runs.push(current);
  return runs;
}

let row = new Int32Array(64);

export function editDistance(a: string, b: string): number {
  if (row.length <= b.length) row = new Int32Array(b.length * 2 + 1);
  const previous = row;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    const code = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = code === b.charCodeAt(j - 1) ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/** A spelling slip ("Cole" for "Coale") is a small edit on a name long enough to be distinctive. */
export function isSlipOf(written: string, name: string): boolean {
  const a = written.toLowerCase();
  const b = name.toLowerCase();
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 4) return false;
  const allowed = b.length >= 8 ? 2 : 1;
  // Each edit changes the length by at most one.
  if (Math.abs(a.length - b.length) > allowed) return false;
  return editDistance(a, b) <= allowed;
}
