import { CAPITALS, COUNTRY_NAMES, NATIONALITIES } from "./catalogue.js";
import { sentenceRanges } from "./sentences.js";

/** What the header lines of a release say, and where its body starts. */
export interface ReleaseHeader {
  date: string | null;
  /** The day and month as written, when no date with a year was found. */
  dateText: string | null;
  publisher: string | null;
  title: string | null;
  /** Index of the first body line among the non-empty lines. */
  bodyStart: number;
}

/** English month names, as releases and answers write them. */
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return null;
  return date.toISOString().slice(0, 10);
}

const LOWER_MONTHS = MONTH_NAMES.map((month) => month.toLowerCase());

function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  return LOWER_MONTHS.findIndex((month) => month === lower || month.slice(0, 3) === lower) + 1;
}

/**
 * A line that is only a date: "22 October 2020", "October 22, 2020", "2020-10-22", or the
 * distributor's US style "09/11/2025" (month first).
 */
export function parseDateLine(line: string): string | null {
  const text = line.trim().replace(/\.$/, "");
  let match = /^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(text);
  if (match) return isoDate(Number(match[3]), monthNumber(match[2] ?? ""), Number(match[1]));
  match = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(text);
  if (match) return isoDate(Number(match[3]), monthNumber(match[1] ?? ""), Number(match[2]));
  match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (match) return isoDate(Number(match[3]), Number(match[1]), Number(match[2]));
  return null;
}

/**
 * "Public" in "Distributed by Public on 09/11/2025". Found by position rather than by one pattern
 * with a lazy name between runs of spaces, which backtracks quadratically on long lines.
 */
function distributorIn(line: string): string | null {
  const by = /distributed by\s/i.exec(line);
  if (!by) return null;
  const rest = line.slice(by.index + by[0].length);
  const name = rest.trimStart();
  const on = /\son\b/i.exec(name);
  if (!on) return null;
  const publisher = name.slice(0, on.index).trim();
  return publisher === "" ? null : publisher;
}

/** `09/11/2025 | Press release | Distributed by Public on 09/11/2025 08:29` */
function parseDistributorLine(
  line: string,
): { date: string | null; publisher: string | null } | null {
  const cells = line.split("|").map((cell) => cell.trim());
  if (cells.length < 2) return null;
  const date = parseDateLine(cells[0] ?? "");
  const publisher = distributorIn(line);
  if (!date && publisher === null) return null;
  return { date, publisher };
}

/** A title has no closing punctuation and is short; a body paragraph ends a sentence. */
function looksLikeTitle(line: string): boolean {
  return line.length <= 200 && !/[.!?…"”»']$/.test(line.trim());
}

/** How far into the lead (or the last line) a date is looked for, in characters. */
const DATE_REACH = 500;
/** Header lines read before the body: a title, a date or dateline, "Last updated …", a place. */
const MAX_HEADER_LINES = 4;

const MONTH_PATTERN =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const DATE_WORD = new RegExp(`^(?:${MONTH_PATTERN}|\\d{1,4}(?:st|nd|rd|th)?)$`, "i");

/** Whether a word is part of a date as typed: a month, its short form, a day or a year. */
export function isDateWord(word: string): boolean {
  return DATE_WORD.test(word);
}

/** Dates printed with a year, in the common English forms, anywhere in a line. */
const DATED: ReadonlyArray<{ pattern: RegExp; order: "dmy" | "mdy" | "ymd" }> = [
  { pattern: new RegExp(`\\b(\\d{1,2})\\s+${MONTH_PATTERN},?\\s+(\\d{4})\\b`, "i"), order: "dmy" },
  { pattern: new RegExp(`\\b${MONTH_PATTERN}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, "i"), order: "mdy" },
  { pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/, order: "ymd" },
  { pattern: /\b(\d{4}) (\d{2}) (\d{2})\b/, order: "ymd" },
  { pattern: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/, order: "dmy" },
];
/** A day and month with no year: "on 15 April", "July 4", "Sept 23". */
const DAY_MONTH = new RegExp(
  `\\b(?:(\\d{1,2})\\s+${MONTH_PATTERN}|${MONTH_PATTERN}\\s+(\\d{1,2}))\\b(?!\\s*(?:,\\s*)?\\d{4})`,
  "i",
);

function numberOfMonth(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : monthNumber(text.replace(/\.$/, "").slice(0, 3));
}

/** The first date with a year in a line, as YYYY-MM-DD; null when none is there or it is impossible. */
export function dateIn(line: string): string | null {
  for (const { pattern, order } of DATED) {
    const match = pattern.exec(line);
    if (!match) continue;
    const [first, second, third] = [match[1] ?? "", match[2] ?? "", match[3] ?? ""];
    const date =
      order === "dmy"
        ? isoDate(Number(third), numberOfMonth(second), Number(first))
        : order === "mdy"
          ? isoDate(Number(third), numberOfMonth(first), Number(second))
          : isoDate(Number(first), numberOfMonth(second), Number(third));
    if (date) return date;
  }
  return null;
}

/** A day and month a line gives without a year, as written ("15 April"), or null. */
export function dayMonthIn(line: string): string | null {
  const match = DAY_MONTH.exec(line);
  return match ? match[0] : null;
}

/**
 * Releases come with a distributor line, a title and a date line, a date line alone, a few
 * header lines of other shapes (a dateline, "Last updated …"), or no header at all. Header lines
 * are the leading short lines that end no sentence, at most MAX_HEADER_LINES, and at least one
 * line is left for the body. The date is the first date with a year in the header lines; failing
 * that, in the lead paragraph; failing that, in the last line ("Published 3 March 2024").
 */
export function parseHeader(lines: readonly string[]): ReleaseHeader {
  const first = lines[0] ?? "";
  const distributor = parseDistributorLine(first);
  if (distributor) {
    return {
      date: distributor.date,
      dateText: null,
      publisher: distributor.publisher,
      title: null,
      bodyStart: 1,
    };
  }
  let bodyStart = 0;
  while (
    bodyStart < Math.min(MAX_HEADER_LINES, lines.length - 1) &&
    looksLikeTitle(lines[bodyStart] ?? "")
  ) {
    bodyStart++;
  }
  const header = lines.slice(0, bodyStart);
  const dateLines = header.filter((line) => parseDateLine(line) !== null || dateIn(line) !== null);
  const title =
    header.find(
      (line) => dateIn(line) === null && parseDateLine(line) === null && /\p{L}{3}/u.test(line),
    ) ?? null;
  const lead = lines[bodyStart] ?? "";
  const date =
    header.map((line) => parseDateLine(line) ?? dateIn(line)).find((found) => found !== null) ??
    dateIn(lead.slice(0, DATE_REACH)) ??
    (lines.length > 2 ? dateIn((lines.at(-1) ?? "").slice(0, DATE_REACH)) : null);
  const dateText =
    date === null
      ? ([...header, lead.slice(0, DATE_REACH)].map(dayMonthIn).find((found) => found !== null) ??
        null)
      : null;
  return {
    date,
    dateText,
    publisher: null,
    title: dateLines.length === header.length ? null : title,
    bodyStart,
  };
}

/** "in Minsk", "in The Hague": a capitalised place right after "in" (or "visiting"). */
const PLACE_AFTER_IN =
  /\b(?:in|visiting|Visiting|visits) ((?:The )?(?:[A-Z][\p{L}'’-]+)(?: [A-Z][\p{L}'’-]+){0,2})/u;
/** "MINSK, (BelTA) –", "BEIJING - …", "Baku, May 28, AZERTAC", "New York, 24 September 2013". */
const DATELINE = new RegExp(
  `^([A-Z][A-Z' -]{2,30}?)\\s*(?:,|\\s[-–—]{1,2}\\s)|^([A-Z][\\p{L}'’]+(?: [A-Z][\\p{L}'’]+)?)[,.]\\s+(?:\\d{1,2}\\s+${anyCase(MONTH_PATTERN)}|${anyCase(MONTH_PATTERN)}\\s+\\d)`,
  "u",
);
/** A header line that is only a place: one to three capitalised words ("New York"). */
const PLACE_LINE = /^(?:[A-Z][\p{L}'’-]+)(?: [A-Z][\p{L}'’-]+){0,2}$/u;

/** A lower-case pattern's letters matched in either case, without making the rest case-blind. */
function anyCase(pattern: string): string {
  return pattern.replace(/(?<!\\)[a-z]/g, (letter) => `[${letter}${letter.toUpperCase()}]`);
}
/** Words that follow "in" without being a place: months and days. */
const NOT_PLACES = new Set([
  ...MONTH_NAMES,
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
]);

function titleCased(name: string): string {
  return name.toLowerCase().replace(/(^|[\s'-])\p{L}/gu, (letter) => letter.toUpperCase());
}

/** Labels news agencies put where a dateline would be: "UPDATE - …", "BREAKING: …". */
const NEWS_FLAGS = new Set(["UPDATE", "BREAKING", "EXCLUSIVE", "ANALYSIS", "CORRECTED", "URGENT"]);
/** "RIO DE JANEIRO (Sputnik …", "Jakarta (ANTARA) –": a dateline before the agency in brackets. */
const DATELINE_BEFORE_AGENCY =
  /^(?:([A-Z][A-Z' -]{2,30}?)\s+\(|([A-Z][\p{Ll}'’]+(?: [A-Z][\p{Ll}'’]+){0,2})\s+\([A-Z][\p{L} -]*\)\s*[-–—])/u;
/** "coming to Minsk", "his visit to Baku": where a guest came, said after the lead. */
const PLACE_AFTER_ARRIVAL =
  /\b(?:coming|came|comes|arrived|arrival|visit|trip|welcome|welcomed) (?:to|in) ((?:[A-Z][\p{L}'’-]+)(?: [A-Z][\p{L}'’-]+){0,2})/u;

/** Whether a capitalised name is a place a meeting is in: not a month, a day or a country. */
function isMeetingPlace(name: string): boolean {
  const first = name.split(" ")[0] ?? "";
  // "visiting Polish President Andrzej Duda" names a guest, not a place.
  if (NOT_PLACES.has(first) || NATIONALITIES[first.toLowerCase()] !== undefined) return false;
  return NATIONALITIES[name.toLowerCase()] === undefined && !COUNTRY_NAMES.has(name.toLowerCase());
}

function firstPlaceIn(text: string, pattern: RegExp): string | null {
  for (const match of text.matchAll(new RegExp(pattern.source, "gu"))) {
    const place = match[1] ?? "";
    if (isMeetingPlace(place)) return place;
  }
  return null;
}

/** A capital city the text names, where a comma or "in" sets it off: "at State House, Nairobi". */
function capitalIn(text: string): string | null {
  for (const match of text.matchAll(
    /(?:,|\bin) ((?:[A-Z][\p{L}'’-]+)(?: [A-Z][\p{L}'’-]+){0,2})/gu,
  )) {
    const place = match[1] ?? "";
    if (CAPITALS.has(place.toLowerCase())) return place;
  }
  return null;
}

function datelineIn(line: string): string | null {
  const dateline = DATELINE.exec(line) ?? DATELINE_BEFORE_AGENCY.exec(line);
  const city = (dateline?.[1] ?? dateline?.[2])?.trim();
  if (!city || NOT_PLACES.has(city) || NEWS_FLAGS.has(city)) return null;
  return city === city.toUpperCase() ? titleCased(city) : city;
}

/**
 * The city of the meeting, from what says it most directly: "in <Place>" after the lead's
 * meeting verb, a capital the meeting sentence names, a dateline, a header line that is a place
 * alone, "in <Place>" elsewhere in the lead or the title, and last where the guest is said to
 * have come ("thanked him for coming to Minsk"). A country is not a place a meeting is in.
 */
export function placeIn(
  paragraphs: readonly string[],
  headerLines: readonly string[] = [],
): string | null {
  const lead = paragraphs[0] ?? "";
  const sentence = sentenceRanges(lead)
    .map(([from, to]) => lead.slice(from, to))
    .find((part) => MEETING_VERB.test(part));
  const verb = sentence ? MEETING_VERB.exec(sentence) : null;
  const afterVerb = sentence?.slice(verb?.index ?? 0) ?? "";
  const before = sentence?.slice(0, verb?.index ?? 0) ?? "";
  const fromMeeting = firstPlaceIn(afterVerb, PLACE_AFTER_IN) ?? capitalIn(sentence ?? "");
  if (fromMeeting) return fromMeeting;
  for (const line of [...headerLines, lead]) {
    const city = datelineIn(line);
    if (city) return city;
  }
  // A header line that is a place alone; not the title, unless another line is.
  const placeLine = headerLines.find(
    (line, index) =>
      (index > 0 || headerLines.some((other) => other.length > line.length)) &&
      PLACE_LINE.test(line) &&
      line !== line.toUpperCase() &&
      !/^By\b/.test(line) &&
      isMeetingPlace(line),
  );
  if (placeLine) return placeLine;
  // The title says it last: "Talks between Lavrov and Kerry start in Moscow".
  for (const text of [before, headerLines[0] ?? ""]) {
    const place = firstPlaceIn(text, PLACE_AFTER_IN);
    if (place) return place;
  }
  return firstPlaceIn(paragraphs.slice(0, 2).join("\n"), PLACE_AFTER_ARRIVAL);
}

/** A verb that says a meeting took place: "met with", "received", "held talks with". */
export const MEETING_VERB =
  /\b(?:met|meets|meet|received|receives|hosted|hosts|held (?:talks|a meeting|a phone (?:call|conversation)|consultations)|holds talks|had (?:a )?(?:phone )?(?:talks|meeting|conversation|call)|spoke (?:by phone )?with)\b/i;
