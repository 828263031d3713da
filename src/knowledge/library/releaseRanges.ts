/**
 * Where each release's statements stand in the library's one list of entries, and the release
 * filters built on it: a release by id or file, the entry ranges a filter names, the release of
 * an entry, and releases suggested as someone types.
 */
import { MONTH_NAMES } from "../reading/header.js";
import type { Entry, Release } from "../types.js";

/** The most characters of a release autocomplete read: a release is found by a few words. */
const MAX_SUGGESTION_LENGTH = 100;
/** The most words of a release autocomplete that are matched against every release. */
const MAX_SUGGESTION_WORDS = 8;

/** Half-open [start, end) ranges of entry numbers, ascending and disjoint. */
export type Ranges = ReadonlyArray<readonly [number, number]>;

/** Lower case without diacritics, punctuation as spaces: how release suggestions compare text. */
function foldForSuggestion(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A release's date in the ways someone might type it: "2025 09 11 11 september 2025 sep 09 11 2025". */
function dateForms(date: string | null): string {
  if (!date) return "";
  const [year = "", month = "", day = ""] = date.split("-");
  const name = MONTH_NAMES[Number(month) - 1]?.toLowerCase() ?? "";
  return `${year} ${month} ${day} ${Number(day)} ${name} ${year} ${name.slice(0, 3)} ${month} ${day} ${year}`;
}

interface ReleaseKey {
  release: Release;
  id: string;
  file: string;
  date: string;
  title: string;
  lead: string;
}

/** The parts of an ascending list of entry numbers that fall in the ranges. */
export function within(list: Int32Array, ranges: Ranges | undefined): Int32Array[] {
  if (!ranges) return [list];
  const parts: Int32Array[] = [];
  const lowerBound = (value: number) => {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((list[middle] ?? 0) < value) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  for (const [from, to] of ranges) {
    const start = lowerBound(from);
    const end = lowerBound(to);
    if (end > start) parts.push(list.subarray(start, end));
  }
  return parts;
}

export class ReleaseRanges {
  /** Entry n's release is the one with releaseStart[r] ≤ n < releaseStart[r + 1]. */
  private readonly releaseStart: Int32Array;
  private readonly releaseById = new Map<string, number[]>();
  private readonly releaseByFile = new Map<string, number[]>();
  /** Releases whose id has a colon, which a release filter may name by a prefix. */
  private readonly colonReleases: number[] = [];
  private releaseKeys: ReleaseKey[] | null = null;

  constructor(private readonly releases: readonly Release[]) {
    this.releaseStart = new Int32Array(releases.length + 1);
    releases.forEach((release, index) => {
      this.releaseStart[index + 1] = (this.releaseStart[index] ?? 0) + release.entries.length;
      const sameId = this.releaseById.get(release.id);
      if (sameId) sameId.push(index);
      else this.releaseById.set(release.id, [index]);
      const sameFile = this.releaseByFile.get(release.file);
      if (sameFile) sameFile.push(index);
      else this.releaseByFile.set(release.file, [index]);
      if (release.id.includes(":")) this.colonReleases.push(index);
    });
  }

  /** The number of a release's first entry. */
  start(release: Release): number {
    return this.releaseStart[this.releases.indexOf(release)] ?? 0;
  }

  /** The entry with this id; with two releases of one id, the later one's. */
  entry(id: string): Entry | undefined {
    const colon = id.lastIndexOf(":");
    if (colon < 0) return undefined;
    // With two releases of one id, the later one's entry is the one an id means.
    const candidates = this.releaseById.get(id.slice(0, colon)) ?? [];
    for (let index = candidates.length - 1; index >= 0; index--) {
      const release = this.releases[candidates[index] ?? -1];
      const found = release?.entries.find((entry) => entry.id === id);
      if (found) return found;
    }
    return undefined;
  }

  /** A release by its id or file name. */
  release(id: string): Release | undefined {
    const byId = this.releaseById.get(id)?.[0] ?? Number.POSITIVE_INFINITY;
    const byFile = this.releaseByFile.get(id)?.[0] ?? Number.POSITIVE_INFINITY;
    const index = Math.min(byId, byFile);
    return Number.isFinite(index) ? this.releases[index] : undefined;
  }

  /** Entry ranges of the releases a release filter names (by file, id or id prefix). */
  rangesOf(release: string | undefined): Ranges | undefined {
    if (!release) return undefined;
    // An entry is in the release its file names, or whose id its own id starts with.
    const matching = new Set<number>([
      ...(this.releaseById.get(release) ?? []),
      ...(this.releaseByFile.get(release) ?? []),
    ]);
    for (const index of this.colonReleases) {
      if (this.releases[index]?.id.startsWith(`${release}:`)) matching.add(index);
    }
    return [...matching]
      .sort((a, b) => a - b)
      .map((index): [number, number] => [
        this.releaseStart[index] ?? 0,
        this.releaseStart[index + 1] ?? 0,
      ]);
  }

  /** The release (its index) an entry stands in. */
  indexOf(entry: Entry): number {
    return this.releaseById.get(entry.id.slice(0, entry.id.lastIndexOf(":")))?.at(-1) ?? -1;
  }

  /** The release (its index) of entry number `doc`. */
  releaseOfDoc(doc: number): number {
    let low = 0;
    let high = this.releases.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.releaseStart[middle] ?? 0) <= doc) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /**
   * Releases for an autocomplete: those whose file, date ("2025-09", "11 September", "sep
   * 2025"), title or lead has every typed word, best first (file and date, then title, then
   * lead), newest first among equals. With nothing typed, the newest releases.
   */
  suggest(partial: string, limit = 25): Release[] {
    const keys = this.suggestionKeys();
    const query = foldForSuggestion(partial.slice(0, MAX_SUGGESTION_LENGTH));
    const byDate = (a: ReleaseKey, b: ReleaseKey) =>
      (b.release.date ?? "").localeCompare(a.release.date ?? "") ||
      a.release.id.localeCompare(b.release.id);
    if (!query)
      return [...keys]
        .sort(byDate)
        .slice(0, Math.max(0, limit))
        .map((key) => key.release);
    // Each word is looked for in every release: repeats add nothing, and past a few words the
    // list is already narrowed down.
    const tokens = [...new Set(query.split(" "))].slice(0, MAX_SUGGESTION_WORDS);
    const scored: Array<{ key: ReleaseKey; score: number }> = [];
    for (const key of keys) {
      let score = 0;
      if (key.id.startsWith(query) || key.file.startsWith(query)) score += 10;
      for (const token of tokens) {
        const inName = ` ${key.id} ${key.file}`.includes(` ${token}`);
        const inDate = ` ${key.date}`.includes(` ${token}`);
        const inTitle = ` ${key.title}`.includes(` ${token}`);
        const inLead = ` ${key.lead}`.includes(` ${token}`);
        const anywhere =
          inName ||
          inDate ||
          inTitle ||
          inLead ||
          key.id.includes(token) ||
          key.title.includes(token) ||
          key.lead.includes(token);
        if (!anywhere) {
          score = -1;
          break;
        }
        score += inName || inDate ? 4 : inTitle ? 3 : inLead ? 2 : 1;
      }
      if (score >= 0) scored.push({ key, score });
    }
    return scored
      .sort((a, b) => b.score - a.score || byDate(a.key, b.key))
      .slice(0, Math.max(0, limit))
      .map(({ key }) => key.release);
  }

  private suggestionKeys(): ReleaseKey[] {
    this.releaseKeys ??= this.releases.map((release) => ({
      release,
      id: foldForSuggestion(release.id),
      file: foldForSuggestion(release.file),
      date: `${release.date ?? ""} ${dateForms(release.date)}`.trim(),
      title: foldForSuggestion(release.title ?? ""),
      lead: foldForSuggestion(release.lead.slice(0, 300)),
    }));
    return this.releaseKeys;
  }
}
