/**
 * The best hits of a search in order, kept while the hits are scanned: a question's first pages
 * need only the best few, so they are placed one by one; a deep page sorts them all.
 */
import type { DocHits } from "../index/search.js";

/** Up to this many results (offset + limit) are kept in order while scanning the hits. */
const TOP_INSERTION_LIMIT = 64;

/**
 * The best `keep` hits by relevance times `boost`, higher first and the earlier entry first among
 * equals, after the `pinned` entries, which come first as if scored highest (their raw score is
 * Infinity). `total` counts every hit once, pinned or not, and the pinned ones a search missed.
 */
export function bestHits(
  hits: DocHits,
  keep: number,
  pinned: readonly number[],
  boost: (doc: number) => number,
): { docs: number[]; raw: number[]; total: number } {
  const topDocs: number[] = [];
  const topRaw: number[] = [];
  const all: Array<{ doc: number; raw: number }> = [];
  const { docs, relevance } = hits;
  const isPinned = new Set(pinned);
  let pinnedHits = 0;
  for (let index = 0; index < hits.count; index++) {
    const doc = docs[index] ?? 0;
    if (isPinned.has(doc)) {
      pinnedHits++;
      continue;
    }
    const raw = (relevance[index] ?? 0) * boost(doc);
    if (keep > TOP_INSERTION_LIMIT) {
      all.push({ doc, raw });
      continue;
    }
    const last = topDocs.length - 1;
    if (last + 1 >= keep && !ranksBefore(raw, doc, topRaw[last] ?? 0, topDocs[last] ?? 0)) {
      continue;
    }
    let at = topDocs.length;
    while (at > 0 && ranksBefore(raw, doc, topRaw[at - 1] ?? 0, topDocs[at - 1] ?? 0)) at--;
    topDocs.splice(at, 0, doc);
    topRaw.splice(at, 0, raw);
    if (topDocs.length > keep) {
      topDocs.pop();
      topRaw.pop();
    }
  }
  if (keep > TOP_INSERTION_LIMIT) {
    all.sort((a, b) => b.raw - a.raw || a.doc - b.doc);
    for (const { doc, raw } of all.slice(0, keep)) {
      topDocs.push(doc);
      topRaw.push(raw);
    }
  }
  topDocs.unshift(...pinned);
  topRaw.unshift(...pinned.map(() => Number.POSITIVE_INFINITY));
  return { docs: topDocs, raw: topRaw, total: hits.count - pinnedHits + pinned.length };
}

/**
 * Whether a hit (raw score, entry number) ranks before another, as sorting by
 * `b.raw - a.raw || a.doc - b.doc` orders them: higher score first, then the earlier entry.
 */
function ranksBefore(raw: number, doc: number, otherRaw: number, otherDoc: number): boolean {
  const difference = otherRaw - raw;
  return difference < 0 || (!(difference > 0) && doc < otherDoc);
}

/** Parts of one ascending list as one list (the part itself when there is one). */
export function flatten(parts: readonly Int32Array[]): Int32Array {
  return parts.length === 1 ? (parts[0] as Int32Array) : concat(parts);
}

export function concat(parts: readonly Int32Array[]): Int32Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const flat = new Int32Array(total);
  let at = 0;
  for (const part of parts) {
    flat.set(part, at);
    at += part.length;
  }
  return flat;
}
