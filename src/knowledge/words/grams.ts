/**
 * A letter-pair (bigram) index over a list of words, to find the few that could be close
 * spellings of a word without comparing it with all of them.
 *
 * If a pattern of m letters matches some stretch of a word with at most k edits, at least
 * (m - 1) - 2k of the pattern's m - 1 letter pairs occur in that word: an edit breaks at most two
 * pairs. So the words sharing fewer pairs cannot match, and the rest are only candidates, to be
 * checked by whatever measure the caller uses (Fuse.js, edit distance).
 */
/** A GramIndex as plain arrays, to hand from a worker thread to another. */
export interface GramParts {
  /** Letter pairs (first code × 65536 + second) in slot order. */
  keys: Float64Array;
  offsets: Int32Array;
  items: Int32Array;
}

export class GramIndex {
  private readonly keys = new Map<number, number>();
  private readonly offsets: Int32Array;
  private readonly items: Int32Array;
  private counts: Uint16Array;
  private touched: Int32Array;

  /** Rebuilds an index from `parts()` of one over the same words. */
  static fromParts(words: readonly string[], parts: GramParts): GramIndex {
    return new GramIndex(words, parts);
  }

  parts(): GramParts {
    return { keys: Float64Array.from(this.keys.keys()), offsets: this.offsets, items: this.items };
  }

  constructor(
    readonly words: readonly string[],
    parts?: GramParts,
  ) {
    this.counts = new Uint16Array(words.length);
    this.touched = new Int32Array(Math.min(words.length, 1024));
    if (parts) {
      parts.keys.forEach((gram, slot) => {
        this.keys.set(gram, slot);
      });
      this.offsets = parts.offsets;
      this.items = parts.items;
      return;
    }
    const lists: number[][] = [];
    words.forEach((word, index) => {
      const seen = new Set<number>();
      for (let at = 0; at + 1 < word.length; at++) {
        const gram = pairAt(word, at);
        if (seen.has(gram)) continue;
        seen.add(gram);
        let slot = this.keys.get(gram);
        if (slot === undefined) {
          slot = lists.length;
          this.keys.set(gram, slot);
          lists.push([]);
        }
        lists[slot]?.push(index);
      }
    });
    this.offsets = new Int32Array(lists.length + 1);
    let total = 0;
    lists.forEach((list, slot) => {
      total += list.length;
      this.offsets[slot + 1] = total;
    });
    this.items = new Int32Array(total);
    lists.forEach((list, slot) => {
      this.items.set(list, this.offsets[slot] ?? 0);
    });
  }

  /**
   * Indexes (ascending) of the words that share at least `minShared` of the pattern's letter-pair
   * positions; every word when `minShared` is 0 or less.
   */
  candidates(pattern: string, minShared: number): number[] {
    if (minShared <= 0) return this.words.map((_, index) => index);
    let touchedCount = 0;
    for (let at = 0; at + 1 < pattern.length; at++) {
      const slot = this.keys.get(pairAt(pattern, at));
      if (slot === undefined) continue;
      const end = this.offsets[slot + 1] ?? 0;
      for (let position = this.offsets[slot] ?? 0; position < end; position++) {
        const item = this.items[position] ?? 0;
        const count = this.counts[item] ?? 0;
        if (count === 0) {
          if (touchedCount === this.touched.length) {
            const grown = new Int32Array(Math.min(this.words.length, this.touched.length * 2));
            grown.set(this.touched);
            this.touched = grown;
          }
          this.touched[touchedCount++] = item;
        }
        this.counts[item] = count + 1;
      }
    }
    const found: number[] = [];
    for (let index = 0; index < touchedCount; index++) {
      const item = this.touched[index] ?? 0;
      if ((this.counts[item] ?? 0) >= minShared) found.push(item);
      this.counts[item] = 0;
    }
    return found.sort((a, b) => a - b);
  }
}

function pairAt(text: string, at: number): number {
  return text.charCodeAt(at) * 65536 + text.charCodeAt(at + 1);
}

/**
 * Whether some stretch of `text`, starting at or before `lastStart`, is within `maxEdits` edits
 * of `pattern` (Sellers' algorithm: edit distance with a free start and end in the text).
 */
export function matchesWithin(
  pattern: string,
  text: string,
  maxEdits: number,
  lastStart = Number.POSITIVE_INFINITY,
): boolean {
  const m = pattern.length;
  if (m <= maxEdits) return true;
  const never = m + maxEdits + 1;
  const column = scratchColumn(m + 1);
  for (let i = 0; i <= m; i++) column[i] = i;
  for (let j = 0; j < text.length; j++) {
    const code = text.charCodeAt(j);
    let diagonal = column[0] ?? 0;
    // A match may begin after this character only while that is early enough.
    column[0] = j + 1 <= lastStart ? 0 : never;
    let lowest = column[0] ?? 0;
    for (let i = 1; i <= m; i++) {
      const above = column[i] ?? 0;
      const cost = pattern.charCodeAt(i - 1) === code ? 0 : 1;
      const value = Math.min(above + 1, (column[i - 1] ?? 0) + 1, diagonal + cost);
      column[i] = value;
      if (value < lowest) lowest = value;
      diagonal = above;
    }
    if ((column[m] ?? 0) <= maxEdits) return true;
    if (lowest > maxEdits) return false;
  }
  return false;
}

let column = new Int32Array(64);

function scratchColumn(length: number): Int32Array {
  if (column.length < length) column = new Int32Array(length * 2);
  return column;
}

/**
 * Every word (ascending indexes) in which Fuse.js, at this threshold, could find a pattern: some
 * stretch of the word within the errors the threshold allows of the pattern, or of one of the
 * 32-letter chunks Fuse.js cuts a longer pattern into. Null when letter pairs cannot narrow the
 * words down (a pattern too short for its threshold): then every word is a candidate.
 *
 * With `location` (Fuse.js's default location scoring: expected at 0, distance 100), a match
 * with e errors scores e/m plus a hundredth per character it starts late, so it must start early:
 * that narrows short patterns down a great deal.
 *
 * Fuse.js scores each text on its own, so running it over just these words, in their order,
 * returns what it would over all of them.
 */
export function fuseCandidates(
  grams: GramIndex,
  pattern: string,
  threshold: number,
  location = false,
): number[] | null {
  const chunks: string[] = [];
  if (pattern.length <= 32) chunks.push(pattern);
  else {
    const remainder = pattern.length % 32;
    for (let at = 0; at < pattern.length - remainder; at += 32) {
      chunks.push(pattern.slice(at, at + 32));
    }
    if (remainder) chunks.push(pattern.slice(pattern.length - 32));
  }
  // A chunk after the first is expected at its own offset: no early-start bound for those.
  const bounded = location && chunks.length === 1;
  const found = new Set<number>();
  for (const chunk of new Set(chunks)) {
    const length = chunk.length;
    let maxEdits = 0;
    while (maxEdits < length && (maxEdits + 1) / length <= threshold) maxEdits++;
    const minShared = length - 1 - 2 * maxEdits;
    if (minShared <= 0) return null;
    // The latest start a match with e errors can have for Fuse.js's score to pass. Fuse.js may
    // report a match up to e characters from where the edit-distance check begins it (errors
    // at the front move the start), hence the e more.
    const latest: number[] = [];
    for (let errors = 0; errors <= maxEdits; errors++) {
      let start = 0;
      while (start < 1000 && errors / length + (start + 1) / 100 <= threshold) start++;
      latest.push(start + errors);
    }
    for (const index of grams.candidates(chunk, minShared)) {
      if (found.has(index)) continue;
      const word = grams.words[index] ?? "";
      let possible = false;
      if (!bounded) possible = matchesWithin(chunk, word, maxEdits);
      else {
        // Without errors, the pattern itself must be in the word, early enough.
        const exact = word.indexOf(chunk);
        possible = exact >= 0 && exact <= (latest[0] ?? 0);
        for (let errors = 1; !possible && errors <= maxEdits; errors++) {
          possible = matchesWithin(chunk, word, errors, latest[errors] ?? 0);
        }
      }
      if (possible) found.add(index);
    }
  }
  return [...found].sort((a, b) => a - b);
}
