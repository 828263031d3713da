/** What the header lines of a release say, and where its body starts. */
export interface ReleaseHeader {
  date: string | null;
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

/**
 * Releases come with a distributor line, a title and a date line, a date line alone, or no header
 * at all. Only lines that match one of those shapes are taken as header.
 */
export function parseHeader(lines: readonly string[]): ReleaseHeader {
  const first = lines[0] ?? "";
  const distributor = parseDistributorLine(first);
  if (distributor) {
    return { date: distributor.date, publisher: distributor.publisher, title: null, bodyStart: 1 };
  }
  const firstDate = parseDateLine(first);
  if (firstDate) {
    const second = lines[1];
    const title =
      second !== undefined && lines.length > 2 && looksLikeTitle(second) ? second : null;
    return { date: firstDate, publisher: null, title, bodyStart: title ? 2 : 1 };
  }
  const secondDate = lines.length > 1 ? parseDateLine(lines[1] ?? "") : null;
  if (secondDate) return { date: secondDate, publisher: null, title: first, bodyStart: 2 };
  if (lines.length > 1 && looksLikeTitle(first)) {
    return { date: null, publisher: null, title: first, bodyStart: 1 };
  }
  return { date: null, publisher: null, title: null, bodyStart: 0 };
}
