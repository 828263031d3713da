/**
 * Building the search index: every entry's words and adjacent word pairs weighed once, in one pass,
 * into the compact postings StatementSearch reads (search.ts). Plain data comes out, so the
 * build can run in a worker thread (indexWorker.ts) and be saved in a snapshot.
 */

import type { Entry } from "../types.js";
import type { GramParts } from "../words/grams.js";
import { GramIndex } from "../words/grams.js";
import { isStopWord, lexiconWords, stem, words, wordsOfJoined } from "../words/text.js";

/**
 * Scratch arrays of an index build from 1 MB up are made at least 33 MB long. The C library maps
 * an allocation of 32 MB or more on its own and unmaps it when it is freed; a smaller one comes
 * from heaps it keeps, where a freed scratch array leaves a hole the process cannot give back:
 * tens of megabytes after building for a large corpus. Pages never written take no memory, so
 * the extra length costs nothing.
 */
const SCRATCH_FLOOR_BYTES = 33 * 1024 * 1024;
const SCRATCH_FROM_BYTES = 1024 * 1024;

export function scratchInts(length: number): Int32Array {
  const bytes = length * 4;
  return new Int32Array(
    bytes >= SCRATCH_FROM_BYTES ? Math.max(length, SCRATCH_FLOOR_BYTES / 4) : length,
  );
}

export function scratchFloats(length: number): Float64Array {
  const bytes = length * 8;
  return new Float64Array(
    bytes >= SCRATCH_FROM_BYTES ? Math.max(length, SCRATCH_FLOOR_BYTES / 8) : length,
  );
}

/** A growable Int32Array. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = scratchInts(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = scratchInts(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** What the index reads of an entry. */
export interface IndexableEntry {
  text: string;
  context: string;
  letter: boolean;
  kind: Entry["kind"];
}

/** A finished index: plain data, so it can be built in a worker thread and handed over. */
export interface BuiltIndex {
  termIds: Map<string, number>;
  pairStart: Int32Array;
  pairSecond: Int32Array;
  postingStart: Int32Array;
  postingDocs: Int32Array;
  postingCodes: Uint8Array | Uint16Array;
  codeWeight: Float64Array;
  codeNumerator: Float64Array;
  docLengths: Float64Array;
  /** The typo vocabulary: the entries' words, then the synonym lexicon's; with their stems. */
  surfaceList: string[];
  surfaceStems: string[];
  /** Letter pairs of the typo vocabulary. */
  grams: GramParts;
  tracked: Map<string, Int32Array>;
}

/**
 * Builds the index in one pass over the entries. Each entry's terms are weighed as before: every
 * word of its text counts 1 (and "letter" for a letter), every word of its context counts
 * `contextWeight`, and so does each adjacent pair within the one or the other. A weight is kept as
 * the two counts behind it, summed in the same order as ever, so scores do not change by a bit.
 */
export class IndexBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly wordRecords = new Map<string, WordRecord>();
  private wordCount = 0;
  private readonly surfaceList: string[] = [];
  private readonly surfaceStems: string[] = [];
  /** Pairs while building: an open-addressing table on (first, second) → pair number. */
  /** Pair number + 1 in each slot; 0 is empty. */
  private pairTable = scratchInts(1 << 16);
  private pairFirst = new IntList(1 << 15);
  private pairSecondList = new IntList(1 << 15);
  /** Postings while building, entry by entry: term reference (pairs negative) and weight code. */
  private streamTerms = new IntList(1 << 16);
  private streamCodes = new IntList(1 << 16);
  private readonly docEnds = new IntList(1024);
  private readonly codes = new Map<number, number>();
  private readonly codeCounts: Array<[number, number]> = [];
  private docLengths = scratchFloats(1024);
  /** Per-entry working state, indexed by term reference: slot + 1, 0 for none. */
  private slotOfUnigram = scratchInts(1024);
  private slotOfPair = scratchInts(1024);
  private readonly slotTerms: number[] = [];
  private readonly slotText: number[] = [];
  private readonly slotContext: number[] = [];
  /** Per fact entry, the distinct words of its text (by record number): for `docsWithWord`. */
  private readonly factDocs = new IntList(1024);
  private readonly factEnds = new IntList(1024);
  private readonly factWords = new IntList(1 << 14);
  private readonly factSeen = new Set<number>();

  constructor(private readonly contextWeight: number) {}

  /** What the index knows of a word: its stem, term number (-1 not indexed) and surface place. */
  private recordOf(word: string): WordRecord {
    let record = this.wordRecords.get(word);
    if (!record) {
      const indexed = word.length > 1 && !isStopWord(word);
      const stemmed = indexed || word.length > 2 ? stem(word) : "";
      record = {
        id: this.wordCount++,
        stem: stemmed,
        term: indexed ? -2 : -1,
        surface: word.length > 2 && !isStopWord(word) ? -1 : -2,
      };
      this.wordRecords.set(word, record);
    }
    return record;
  }

  private noteSurface(word: string, record: WordRecord): void {
    record.surface = this.surfaceList.length;
    this.surfaceList.push(word);
    this.surfaceStems.push(record.stem);
  }

  private unigram(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(term, id);
      if (id >= this.slotOfUnigram.length) {
        const grown = scratchInts(this.slotOfUnigram.length * 2);
        grown.set(this.slotOfUnigram);
        this.slotOfUnigram = grown;
      }
    }
    return id;
  }

  private pair(first: number, second: number): number {
    let mask = this.pairTable.length - 1;
    let slot = hashPair(first, second) & mask;
    for (;;) {
      const found = (this.pairTable[slot] ?? 0) - 1;
      if (found < 0) break;
      if (this.pairFirst.data[found] === first && this.pairSecondList.data[found] === second)
        return found;
      slot = (slot + 1) & mask;
    }
    const id = this.pairFirst.length;
    this.pairFirst.push(first);
    this.pairSecondList.push(second);
    if (id >= this.slotOfPair.length) {
      const grown = scratchInts(this.slotOfPair.length * 2);
      grown.set(this.slotOfPair);
      this.slotOfPair = grown;
    }
    if ((id + 1) * 2 > this.pairTable.length) {
      // A power of two, as the mask needs.
      let size = this.pairTable.length * 2;
      const table = scratchInts(size);
      while (size * 2 <= table.length) size *= 2;
      mask = size - 1;
      for (let pair = 0; pair <= id; pair++) {
        let at =
          hashPair(this.pairFirst.data[pair] ?? 0, this.pairSecondList.data[pair] ?? 0) & mask;
        while ((table[at] ?? 0) !== 0) at = (at + 1) & mask;
        table[at] = pair + 1;
      }
      this.pairTable = table.length === size ? table : table.subarray(0, size);
    } else {
      this.pairTable[slot] = id + 1;
    }
    return id;
  }

  /** Adds one occurrence to a term of the entry being built: a text one or a context one. */
  private count(reference: number, context: boolean): void {
    const table = reference >= 0 ? this.slotOfUnigram : this.slotOfPair;
    const key = reference >= 0 ? reference : -reference - 1;
    let slot = (table[key] ?? 0) - 1;
    if (slot < 0) {
      slot = this.slotTerms.length;
      table[key] = slot + 1;
      this.slotTerms.push(reference);
      this.slotText.push(0);
      this.slotContext.push(0);
    }
    if (context) this.slotContext[slot] = (this.slotContext[slot] ?? 0) + 1;
    else this.slotText[slot] = (this.slotText[slot] ?? 0) + 1;
  }

  /** Counts a run of words (text or context): each indexed word, and each adjacent pair. */
  private addWords(wordList: readonly string[], context: boolean, surface: boolean): void {
    let previous = -1;
    for (const word of wordList) {
      const record = this.recordOf(word);
      if (surface && record.surface === -1) this.noteSurface(word, record);
      if (record.term === -1) continue;
      if (record.term === -2) record.term = this.unigram(record.stem);
      this.count(record.term, context);
      // A stem is never empty; the check mirrors the index's rule that a pair needs a next word.
      if (previous >= 0 && record.stem) this.count(-this.pair(previous, record.term) - 1, context);
      previous = record.term;
    }
  }

  /** Indexes the next entry; `doc` counts up from 0 without gaps. */
  add(doc: number, entry: IndexableEntry): void {
    const textWords = words(entry.text);
    const contextWords = entry.context ? words(entry.context) : [];
    // The typo vocabulary reads text and context as one; only a country name across the seam
    // ("… United" | "States …") reads differently that way, and then the joined words are taken.
    const joined = entry.context
      ? wordsOfJoined(entry.text, entry.context, textWords, contextWords)
      : textWords;
    const seamFolds = joined !== textWords && !sameWords(joined, textWords, contextWords);
    if (seamFolds) {
      for (const word of joined) {
        const record = this.recordOf(word);
        if (record.surface === -1) this.noteSurface(word, record);
      }
    }
    this.addWords(textWords, false, !seamFolds);
    if (entry.kind === "fact") {
      // Which words a fact's own text has, to find later the facts naming a speaker.
      for (const word of textWords) {
        const id = this.recordOf(word).id;
        if (this.factSeen.has(id)) continue;
        this.factSeen.add(id);
        this.factWords.push(id);
      }
      this.factSeen.clear();
      this.factDocs.push(doc);
      this.factEnds.push(this.factWords.length);
    }
    // A letter's words rarely say "letter"; the entry is one all the same.
    if (entry.letter) this.addWords(["letter"], false, false);
    this.addWords(contextWords, true, !seamFolds);

    let length = 0;
    for (let slot = 0; slot < this.slotTerms.length; slot++) {
      const reference = this.slotTerms[slot] ?? 0;
      const text = this.slotText[slot] ?? 0;
      const context = this.slotContext[slot] ?? 0;
      if (reference >= 0) {
        length += summedWeight(text, context, this.contextWeight);
        this.slotOfUnigram[reference] = 0;
      } else {
        this.slotOfPair[-reference - 1] = 0;
      }
      this.streamTerms.push(reference);
      this.streamCodes.push(this.codeFor(text, context));
    }
    this.slotTerms.length = 0;
    this.slotText.length = 0;
    this.slotContext.length = 0;
    if (doc >= this.docLengths.length) {
      const grown = scratchFloats(this.docLengths.length * 2);
      grown.set(this.docLengths);
      this.docLengths = grown;
    }
    this.docLengths[doc] = length;
    this.docEnds.push(this.streamTerms.length);
  }

  private codeFor(text: number, context: number): number {
    const key = text * 65536 + context;
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.codeCounts.length;
      this.codes.set(key, code);
      this.codeCounts.push([text, context]);
    }
    return code;
  }

  /**
   * Completes the index. `trackWords` are words to list the fact entries of (those whose own
   * text has the word), for `docsWithWord`.
   */
  finish(k1: number, trackWords: Iterable<string> = []): BuiltIndex {
    const unigramCount = this.termIds.size;
    const pairCount = this.pairFirst.length;
    const termCount = unigramCount + pairCount;
    const total = this.streamTerms.length;
    // What is kept is allocated first, and the scratch after it, so that freeing the scratch
    // leaves no holes between kept arrays (memory a process could not give back).
    const pairStart = new Int32Array(unigramCount + 1);
    const pairSecond = new Int32Array(pairCount);
    const postingStart = new Int32Array(termCount + 1);
    const postingDocs = new Int32Array(total);
    const postingCodes =
      this.codeCounts.length <= 256 ? new Uint8Array(total) : new Uint16Array(total);
    const docLengths = this.docLengths.slice(0, this.docEnds.length);

    // Pairs ordered by (first, second), so a pair is found by binary search under its first word.
    for (let pair = 0; pair < pairCount; pair++) {
      const first = this.pairFirst.data[pair] ?? 0;
      pairStart[first + 1] = (pairStart[first + 1] ?? 0) + 1;
    }
    for (let term = 0; term < unigramCount; term++) {
      pairStart[term + 1] = (pairStart[term + 1] ?? 0) + (pairStart[term] ?? 0);
    }
    /** Building number of the pair at each sorted position; then each pair's final term number. */
    const pairAt = scratchInts(pairCount);
    const fill = pairStart.slice(0, unigramCount);
    for (let pair = 0; pair < pairCount; pair++) {
      const first = this.pairFirst.data[pair] ?? 0;
      const position = fill[first] ?? 0;
      fill[first] = position + 1;
      pairSecond[position] = this.pairSecondList.data[pair] ?? 0;
      pairAt[position] = pair;
    }
    for (let term = 0; term < unigramCount; term++) {
      sortBySecond(pairSecond, pairAt, pairStart[term] ?? 0, pairStart[term + 1] ?? 0);
    }
    const pairTerm = scratchInts(pairCount);
    for (let position = 0; position < pairCount; position++) {
      pairTerm[pairAt[position] ?? 0] = unigramCount + position;
    }
    this.pairTable = new Int32Array(0);
    this.pairFirst = new IntList(1);
    this.pairSecondList = new IntList(1);

    // Postings: counted per term, then placed, entry by entry so each run is in entry order.
    const terms = this.streamTerms.data;
    for (let position = 0; position < total; position++) {
      const reference = terms[position] ?? 0;
      const term = reference >= 0 ? reference : (pairTerm[-reference - 1] ?? 0);
      terms[position] = term;
      postingStart[term + 1] = (postingStart[term + 1] ?? 0) + 1;
    }
    for (let term = 0; term < termCount; term++) {
      postingStart[term + 1] = (postingStart[term + 1] ?? 0) + (postingStart[term] ?? 0);
    }
    const codes = this.streamCodes.data;
    let doc = 0;
    for (let position = 0; position < total; position++) {
      while (position >= (this.docEnds.data[doc] ?? total)) doc++;
      const term = terms[position] ?? 0;
      // postingStart[term] serves as the term's cursor, and is set back below.
      const at = postingStart[term] ?? 0;
      postingStart[term] = at + 1;
      postingDocs[at] = doc;
      postingCodes[at] = codes[position] ?? 0;
    }
    postingStart.copyWithin(1, 0, termCount);
    postingStart[0] = 0;
    this.streamTerms = new IntList(1);
    this.streamCodes = new IntList(1);

    const codeWeight = new Float64Array(this.codeCounts.length);
    const codeNumerator = new Float64Array(this.codeCounts.length);
    this.codeCounts.forEach(([text, context], code) => {
      const weight = summedWeight(text, context, this.contextWeight);
      codeWeight[code] = weight;
      codeNumerator[code] = weight * (k1 + 1);
    });
    const wanted = new Map<number, string>();
    for (const word of trackWords) {
      const record = this.wordRecords.get(word);
      if (record) wanted.set(record.id, word);
    }
    const trackLists = new Map<string, number[]>();
    let from = 0;
    for (let fact = 0; fact < this.factDocs.length; fact++) {
      const to = this.factEnds.data[fact] ?? 0;
      for (let position = from; position < to; position++) {
        const word = wanted.get(this.factWords.data[position] ?? -1);
        if (word === undefined) continue;
        let list = trackLists.get(word);
        if (!list) {
          list = [];
          trackLists.set(word, list);
        }
        list.push(this.factDocs.data[fact] ?? 0);
      }
      from = to;
    }
    const tracked = new Map<string, Int32Array>();
    for (const [word, list] of trackLists) tracked.set(word, Int32Array.from(list));
    // The synonym lexicon's words come last, stop words ("talk") included.
    for (const word of lexiconWords()) {
      const record = this.recordOf(word);
      if (record.surface >= 0) continue;
      record.surface = this.surfaceList.length;
      this.surfaceList.push(word);
      this.surfaceStems.push(stem(word));
    }
    return {
      grams: new GramIndex(this.surfaceList).parts(),
      termIds: this.termIds,
      pairStart,
      pairSecond,
      postingStart,
      postingDocs,
      postingCodes,
      codeWeight,
      codeNumerator,
      docLengths,
      surfaceList: this.surfaceList,
      surfaceStems: this.surfaceStems,
      tracked,
    };
  }
}

interface WordRecord {
  /** Numbered in order of first appearance. */
  id: number;
  stem: string;
  /**
   * Its stem's term number, given when the word is first indexed (-2 until then); -1 for a stop
   * word or a single letter, which are not indexed.
   */
  term: number;
  /** Its place in the typo vocabulary; -1 not yet there, -2 never (stop word, too short). */
  surface: number;
}

/** Whether `joined` is `first` followed by `second`. */
function sameWords(
  joined: readonly string[],
  first: readonly string[],
  second: readonly string[],
): boolean {
  if (joined.length !== first.length + second.length) return false;
  for (let index = 0; index < first.length; index++)
    if (joined[index] !== first[index]) return false;
  for (let index = 0; index < second.length; index++) {
    if (joined[first.length + index] !== second[index]) return false;
  }
  return true;
}

/** Sorts seconds[from, to) ascending (they are distinct), carrying `carried` along. */
function sortBySecond(seconds: Int32Array, carried: Int32Array, from: number, to: number): void {
  const length = to - from;
  if (length < 2) return;
  if (length <= 24) {
    for (let index = from + 1; index < to; index++) {
      const second = seconds[index] ?? 0;
      const value = carried[index] ?? 0;
      let at = index - 1;
      while (at >= from && (seconds[at] ?? 0) > second) {
        seconds[at + 1] = seconds[at] ?? 0;
        carried[at + 1] = carried[at] ?? 0;
        at--;
      }
      seconds[at + 1] = second;
      carried[at + 1] = value;
    }
    return;
  }
  const keyed = new Float64Array(length);
  for (let index = 0; index < length; index++) {
    keyed[index] = (seconds[from + index] ?? 0) * 2 ** 26 + (carried[from + index] ?? 0);
  }
  keyed.sort();
  for (let index = 0; index < length; index++) {
    const key = keyed[index] ?? 0;
    const value = key % 2 ** 26;
    seconds[from + index] = (key - value) / 2 ** 26;
    carried[from + index] = value;
  }
}

/** A term's weight in an entry, added up occurrence by occurrence: text ones first. */
function summedWeight(text: number, context: number, contextWeight: number): number {
  let weight = 0;
  for (let index = 0; index < text; index++) weight += 1;
  for (let index = 0; index < context; index++) weight += contextWeight;
  return weight;
}

function hashPair(first: number, second: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) >>> 0;
}
