/**
 * Each speaker's statements as lists of entry numbers, made once per library: who said each
 * entry and whether it is a quote (typed arrays a search reads per hit), each speaker's quotes in
 * release order, and, on demand, which narration names a speaker.
 */

import type { Entry, Speaker } from "../types.js";
import { type Ranges, within } from "./releaseRanges.js";

/** How many speakers' mention maps (a bit per entry each) are kept. */
const MENTION_MAPS_KEPT = 32;

export class QuoteLists {
  /** Per entry: its speaker's number (-1 for narration) and whether it is a quote (1). */
  readonly docSpeaker: Int32Array;
  readonly docIsQuote: Uint8Array;
  private readonly speakerNumber = new Map<string, number>();
  /** Each speaker's quotes (by speaker number), and all quotes: ascending entry numbers. */
  private readonly quotesBySpeaker: Int32Array[];
  private readonly allQuotes: Int32Array;
  /** Fact entries naming a speaker, for the speakers asked about last (see mentionsOf). */
  private readonly mentionMaps = new Map<Speaker, Uint32Array>();
  /** Each speaker's quotes as entries, by speaker number, made on first request. */
  private readonly quoteEntries = new Map<number, Entry[]>();

  /**
   * `formsOf`: each speaker's name forms; `docsWithWord`: the fact entries whose own text has a
   * word, which tells the narration that names someone.
   */
  constructor(
    private readonly entries: readonly Entry[],
    private readonly formsOf: ReadonlyMap<Speaker, readonly string[]>,
    private readonly docsWithWord: (word: string) => Int32Array,
  ) {
    const count = entries.length;
    this.docSpeaker = new Int32Array(count);
    this.docIsQuote = new Uint8Array(count);
    const quoteLists: number[][] = [];
    const allQuotes: number[] = [];
    entries.forEach((entry, doc) => {
      let number = -1;
      if (entry.speaker !== null) {
        number = this.speakerNumber.get(entry.speaker) ?? -1;
        if (number < 0) {
          number = quoteLists.length;
          this.speakerNumber.set(entry.speaker, number);
          quoteLists.push([]);
        }
      }
      this.docSpeaker[doc] = number;
      if (entry.kind === "quote") {
        this.docIsQuote[doc] = 1;
        allQuotes.push(doc);
        if (number >= 0) quoteLists[number]?.push(doc);
      }
    });
    this.quotesBySpeaker = quoteLists.map((list) => Int32Array.from(list));
    this.allQuotes = Int32Array.from(allQuotes);
  }

  /** A speaker's number, as docSpeaker holds it; -2 (no entry's) for someone never quoted. */
  numberOf(name: string): number {
    return this.speakerNumber.get(name) ?? -2;
  }

  /** A speaker's quotes, in release order, within the ranges. */
  quotesOf(name: string, ranges: Ranges | undefined): Int32Array[] {
    const number = this.speakerNumber.get(name);
    const list = number === undefined ? undefined : this.quotesBySpeaker[number];
    return list ? within(list, ranges) : [];
  }

  /** Everyone's quotes, in release order, within the ranges. */
  allQuotesWithin(ranges: Ranges | undefined): Int32Array[] {
    return within(this.allQuotes, ranges);
  }

  /** All of a speaker's quotes as entries: the list is kept, and each caller gets its own copy. */
  allQuoteEntries(name: string): Entry[] {
    const number = this.speakerNumber.get(name) ?? -1;
    let all = this.quoteEntries.get(number);
    if (!all) {
      all = this.entriesOf(this.quotesOf(name, undefined));
      this.quoteEntries.set(number, all);
    }
    return all.slice();
  }

  /** The entries of lists of entry numbers, in order. */
  entriesOf(parts: readonly Int32Array[]): Entry[] {
    const found: Entry[] = [];
    for (const part of parts) {
      for (let index = 0; index < part.length; index++) {
        const entry = this.entries[part[index] ?? -1];
        if (entry) found.push(entry);
      }
    }
    return found;
  }

  /**
   * Which fact entries name a speaker in their own text (any of their name forms, as a word): a
   * bit per entry, made on first need and kept for the most recently asked-about speakers.
   */
  mentionsOf(speaker: Speaker): Uint32Array {
    const cached = this.mentionMaps.get(speaker);
    if (cached) {
      // Most recently used last.
      this.mentionMaps.delete(speaker);
      this.mentionMaps.set(speaker, cached);
      return cached;
    }
    const bits = new Uint32Array((this.entries.length + 31) >>> 5);
    for (const form of this.formsOf.get(speaker) ?? []) {
      for (const doc of this.docsWithWord(form)) {
        bits[doc >>> 5] = (bits[doc >>> 5] ?? 0) | (1 << (doc & 31));
      }
    }
    if (this.mentionMaps.size >= MENTION_MAPS_KEPT) {
      const oldest = this.mentionMaps.keys().next().value;
      if (oldest) this.mentionMaps.delete(oldest);
    }
    this.mentionMaps.set(speaker, bits);
    return bits;
  }
}

/** Whether a mention map (see QuoteLists.mentionsOf) has an entry's bit set. */
export function hasBit(bits: Uint32Array | undefined, doc: number): boolean {
  return (((bits?.[doc >>> 5] ?? 0) >>> (doc & 31)) & 1) === 1;
}
