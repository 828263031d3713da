/**
 * The query side of the search index: a question's words turned into terms (stems, typo
 * corrections, related words, countries), and the entries scored for them with BM25, a phrase
 * bonus and the coverage gate. It is one piece, over 500 lines, because collect() and the block
 * scoring steps it calls (addRun, bestRun, addBest, phraseRun, gather) all read the same private
 * posting arrays and working arrays in the inner loop; apart, those arrays would have to be
 * handed around or opened to other files. The index it reads is built by indexBuilder.ts.
 */
import Fuse from "fuse.js";
import { sameCountryWords } from "../reading/catalogue.js";
import type { Entry } from "../types.js";
import { fuseCandidates, GramIndex } from "../words/grams.js";
import { isEnglishWord, isLightTerm, isStopWord, stem, synonymsOf } from "../words/text.js";
import { relatedWords } from "../words/thesaurus.js";
import { type BuiltIndex, IndexBuilder } from "./indexBuilder.js";

/**
 * One word of a question with the index terms that may stand for it: its own stem (weight 1), the
 * stems of close spellings when it is a typo, its synonyms (lower weight).
 */
export interface QueryTerm {
  word: string;
  alternatives: Map<string, number>;
}

export interface SearchOptions {
  /** BM25 term-frequency saturation. */
  k1?: number;
  /** BM25 length normalisation: 0 ignores length, 1 divides fully by it. */
  b?: number;
  /** How much a word in a quote's attribution or lead-in counts against one in the quote. */
  contextWeight?: number;
  /** Weight of a synonym against the word itself. */
  synonymWeight?: number;
  /** Fuse.js score (0 exact … 1 anything) below which a vocabulary word counts as a spelling of a query word. */
  typoThreshold?: number;
  /**
   * Share of the question's informative weight (idf of its words) an entry must match. Below it
   * the entry is not an answer: this is what keeps off-topic questions empty.
   */
  minCoverage?: number;
  /**
   * Entries scored together: a block's working values (four 8-byte numbers an entry) should fit
   * the processor's cache. Any size gives the same results.
   */
  blockSize?: number;
}

/**
 * The hits of one search, by entry index (the entry's position in the list the index was built
 * from), in typed arrays that the next search reuses: read them before searching again.
 */
export interface DocHits {
  count: number;
  docs: Int32Array;
  relevance: Float64Array;
  coverage: Float64Array;
}

/** Which entries a search may return. */
export interface DocFilter {
  /** Half-open [start, end) ranges of entry indexes, ascending and disjoint. */
  ranges?: ReadonlyArray<readonly [number, number]>;
  /**
   * The entries `ranges` and `accept` let through, listed (ascending indexes), when they are
   * known, such as one speaker's quotes: a search may then look them up in a word's postings
   * rather than read the postings through. Both ways give the same hits.
   */
  only?: Int32Array;
  /** A further test on each hit's entry index. */
  accept?: (doc: number) => boolean;
  /**
   * Part of the question met by who an entry is by or about rather than by its words: a person
   * the question names as speaking ("did Coale bring a letter") is met by their own statements,
   * whose text need not name them. Counts toward coverage only, for entries a word took up.
   */
  credit?: { weight: number; earns: (doc: number) => boolean };
}

export interface StatementSearchExtras {
  /**
   * Words (as `words()` spells them) to list the fact entries of whose own text has them, for
   * `docsWithWord`: the library passes the speakers' name forms.
   */
  trackWords?: Iterable<string>;
  /**
   * The index already built (by `IndexBuilder` over the same entries, with the same k1 and
   * contextWeight), for instance in a worker thread.
   */
  prebuilt?: BuiltIndex;
}

export const SEARCH_DEFAULTS: Required<SearchOptions> = {
  k1: 1.6,
  b: 0.5,
  contextWeight: 0.4,
  synonymWeight: 0.6,
  typoThreshold: 0.25,
  minCoverage: 0.4,
  blockSize: 4096,
};

/** A place in a term's postings, read run by run (start, end, start, end …). */
interface Cursor {
  spans: readonly number[];
  run: number;
  position: number;
  end: number;
  /** What the term's score is multiplied by (its factor and idf). */
  scale: number;
}

function cursor(spans: readonly number[], scale: number): Cursor {
  const at: Cursor = { spans, run: -2, position: 0, end: 0, scale };
  nextRun(at);
  return at;
}

/** Moves a cursor to the start of its next non-empty run; past the end when there is none. */
function nextRun(at: Cursor): void {
  let run = at.run + 2;
  while (run < at.spans.length && (at.spans[run] ?? 0) >= (at.spans[run + 1] ?? 0)) run += 2;
  at.run = run;
  at.position = at.spans[run] ?? 0;
  at.end = run < at.spans.length ? (at.spans[run + 1] ?? 0) : 0;
  if (run >= at.spans.length) at.position = 0;
}

/** Steps a cursor to its next posting. */
function advance(at: Cursor): void {
  at.position++;
  if (at.position >= at.end) nextRun(at);
}

/** How much a light verb ("gave", "made") counts towards covering a question. */
const LIGHT_TERM_FACTOR = 0.3;

/** Corrections are remembered per word; past this many the memory starts afresh. */
const CORRECTION_CACHE_SIZE = 20_000;

const EMPTY_DOCS = new Int32Array(0);

/**
 * An inverted index over entries, scored with BM25. Fuse.js maps misspelt question words onto the
 * index's vocabulary, so "sancions" finds the sanctions, without scanning every entry per query.
 *
 * Storage is compact: terms are numbered, and each term's postings are a run of entry indexes in
 * one Int32Array with a one-byte (or two-byte) code for the weight beside it. The index of word
 * pairs ("state depart", for phrases) keeps each pair's second word in a sorted run under its
 * first word. Searches accumulate scores in typed arrays sized to the entries and reused.
 */
export class StatementSearch {
  private readonly options: Required<SearchOptions>;
  private readonly blockSize: number;
  /** Stem → term number, for single words; pair terms are numbered after them. */
  private readonly termIds = new Map<string, number>();
  private readonly unigramCount: number;
  /** Pairs whose first word is term t: pairSecond[pairStart[t] … pairStart[t + 1]), ascending. */
  private readonly pairStart: Int32Array;
  private readonly pairSecond: Int32Array;
  /** Postings of term t: postingDocs[postingStart[t] … postingStart[t + 1]), ascending. */
  private readonly postingStart: Int32Array;
  private readonly postingDocs: Int32Array;
  private readonly postingCodes: Uint8Array | Uint16Array;
  /** Per weight code: the summed weight, and weight × (k1 + 1). */
  private readonly codeWeight: Float64Array;
  private readonly codeNumerator: Float64Array;
  /** Per entry: k1 · (1 − b + b · length / average length), BM25's length part. */
  private readonly docNorm: Float64Array;
  private readonly averageLength: number;
  /** The words entries are written with, for Fuse.js to match typos against, and their stems. */
  private readonly surfaceList: string[] = [];
  private readonly surfaceStems: string[] = [];
  private readonly grams: GramIndex;
  private fuse: Fuse<string> | null = null;
  private readonly corrections = new Map<string, Array<{ term: string; score: number }>>();
  private readonly tracked = new Map<string, Int32Array>();
  private scratch: Scratch | null = null;

  constructor(
    private readonly entries: readonly Entry[],
    options: SearchOptions = {},
    extras: StatementSearchExtras = {},
  ) {
    this.options = { ...SEARCH_DEFAULTS, ...options };
    const { blockSize } = this.options;
    this.blockSize =
      Number.isFinite(blockSize) && blockSize >= 1
        ? Math.floor(blockSize)
        : SEARCH_DEFAULTS.blockSize;
    let built = extras.prebuilt;
    if (!built) {
      const builder = new IndexBuilder(this.options.contextWeight);
      for (const [doc, entry] of entries.entries()) builder.add(doc, entry);
      built = builder.finish(this.options.k1, extras.trackWords);
    }
    this.termIds = built.termIds;
    this.unigramCount = built.termIds.size;
    this.pairStart = built.pairStart;
    this.pairSecond = built.pairSecond;
    this.postingStart = built.postingStart;
    this.postingDocs = built.postingDocs;
    this.postingCodes = built.postingCodes;
    this.codeWeight = built.codeWeight;
    this.codeNumerator = built.codeNumerator;
    this.surfaceList = built.surfaceList;
    this.surfaceStems = built.surfaceStems;
    this.grams = GramIndex.fromParts(built.surfaceList, built.grams);
    this.tracked = built.tracked;
    const { k1, b } = this.options;
    let sum = 0;
    for (const length of built.docLengths) sum += length;
    this.averageLength = sum / Math.max(1, entries.length);
    this.docNorm = new Float64Array(entries.length);
    for (let doc = 0; doc < entries.length; doc++) {
      this.docNorm[doc] = k1 * (1 - b + (b * (built.docLengths[doc] ?? 0)) / this.averageLength);
    }
  }

  /** The term number of a stem or of a pair of stems ("state depart"); -1 when unknown. */
  private termNumber(term: string): number {
    const space = term.indexOf(" ");
    if (space < 0) return this.termIds.get(term) ?? -1;
    const first = this.termIds.get(term.slice(0, space));
    const second = this.termIds.get(term.slice(space + 1));
    if (first === undefined || second === undefined) return -1;
    let low = this.pairStart[first] ?? 0;
    let high = (this.pairStart[first + 1] ?? 0) - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const value = this.pairSecond[middle] ?? 0;
      if (value === second) return this.unigramCount + middle;
      if (value < second) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  private documentFrequency(id: number): number {
    return id < 0 ? 0 : (this.postingStart[id + 1] ?? 0) - (this.postingStart[id] ?? 0);
  }

  private idfOf(id: number): number {
    const documentFrequency = this.documentFrequency(id);
    const total = this.entries.length;
    return Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  /** Fact entries (ascending indexes) whose own text has a tracked word; empty for other words. */
  docsWithWord(word: string): Int32Array {
    return this.tracked.get(word) ?? EMPTY_DOCS;
  }

  /** Entries (ascending indexes) indexed under a stem, in their text or context. */
  docsWithTerm(term: string): Int32Array {
    const id = this.termNumber(term);
    if (id < 0) return EMPTY_DOCS;
    return this.postingDocs.subarray(this.postingStart[id] ?? 0, this.postingStart[id + 1] ?? 0);
  }

  private fuseOptions() {
    return { includeScore: true, threshold: this.options.typoThreshold, minMatchCharLength: 3 };
  }

  /**
   * The vocabulary words Fuse.js would find for a word (best first, at most three). Only the few
   * words that share enough letter pairs with it, and that pass an edit-distance check, are
   * handed to Fuse.js; in their original order, so its ranking and ties come out the same as
   * over the whole vocabulary.
   */
  private fuzzyVocabulary(word: string): Array<{ index: number; score: number }> {
    const candidates = fuseCandidates(
      this.grams,
      word.toLowerCase(),
      this.options.typoThreshold,
      true,
    );
    if (candidates === null) {
      this.fuse ??= new Fuse(this.surfaceList, this.fuseOptions());
      return this.fuse
        .search(word, { limit: 3 })
        .map((result) => ({ index: result.refIndex, score: result.score ?? 1 }));
    }
    if (candidates.length === 0) return [];
    const subset = new Fuse(
      candidates.map((index) => this.surfaceList[index] ?? ""),
      this.fuseOptions(),
    );
    return subset.search(word, { limit: 3 }).map((result) => ({
      index: candidates[result.refIndex] ?? -1,
      score: result.score ?? 1,
    }));
  }

  /** Close spellings of a word that the index knows, with Fuse.js scores (lower is closer). */
  private typoCorrections(word: string): Array<{ term: string; score: number }> {
    if (word.length < 4 || /^\d+$/.test(word) || isEnglishWord(word)) return [];
    const cached = this.corrections.get(word);
    if (cached) return cached;
    const found = this.fuzzyVocabulary(word)
      .filter(({ index }) => this.surfaceList[index]?.[0] === word[0])
      .map(({ index, score }) => ({ term: this.surfaceStems[index] ?? "", score }))
      .filter((correction) => correction.term !== "");
    if (this.corrections.size >= CORRECTION_CACHE_SIZE) this.corrections.clear();
    this.corrections.set(word, found);
    return found;
  }

  /** Turns question words into query terms: stems, typo corrections and synonyms. */
  queryTerms(questionWords: readonly string[]): QueryTerm[] {
    const terms: QueryTerm[] = [];
    for (const word of questionWords) {
      if (isStopWord(word) || word.length < 2) continue;
      const own = stem(word);
      const alternatives = new Map<string, number>([[own, 1]]);
      if (!this.termIds.has(own)) {
        for (const { term, score } of this.typoCorrections(word)) {
          alternatives.set(term, Math.max(alternatives.get(term) ?? 0, 1 - score));
        }
      }
      // Related words: the domain's groups for each form, and WordNet's for the word as typed.
      const related = [
        ...[...alternatives.keys()].flatMap((base) => synonymsOf(base)),
        ...relatedWords(word).map(stem),
        ...sameCountryWords(word).map(stem),
      ];
      for (const synonym of related) {
        if (!alternatives.has(synonym)) alternatives.set(synonym, this.options.synonymWeight);
      }
      terms.push({ word, alternatives });
    }
    return terms;
  }

  /** The weight of a question word: the idf of its best-known form. */
  termWeight(term: QueryTerm): number {
    let weight = 0;
    for (const alternative of term.alternatives.keys()) {
      const id = this.termNumber(alternative);
      if (id >= 0) weight = Math.max(weight, this.idfOf(id));
    }
    const known = weight > 0 ? weight : this.idfOf(-1);
    return isLightTerm(stem(term.word)) ? known * LIGHT_TERM_FACTOR : known;
  }

  private scratchArrays(): Scratch {
    this.scratch ??= new Scratch(Math.min(this.blockSize, Math.max(1, this.entries.length)));
    return this.scratch;
  }

  /** The runs of a term's postings to read for a filter: looked up when few entries are allowed. */
  private spansFor(id: number, filter: DocFilter): number[] {
    const { only } = filter;
    const count = (this.postingStart[id + 1] ?? 0) - (this.postingStart[id] ?? 0);
    if (only && only.length * 8 < count) return this.postingsOf(id, only);
    return this.postingSpans(id, filter.ranges);
  }

  /**
   * The postings of a term for the given entries only, as runs (start, end …) like postingSpans:
   * each entry found by binary search when they are few, else the whole run (filtered later).
   */
  private postingsOf(id: number, only: Int32Array): number[] {
    const start = this.postingStart[id] ?? 0;
    const end = this.postingStart[id + 1] ?? 0;
    const docs = this.postingDocs;
    const spans: number[] = [];
    let low = start;
    for (let index = 0; index < only.length && low < end; index++) {
      const wanted = only[index] ?? 0;
      // Gallop, then bisect: the entries and the postings both ascend.
      let step = 1;
      let high = low;
      while (high < end && (docs[high] ?? 0) < wanted) {
        low = high + 1;
        high += step;
        step *= 2;
      }
      if (high > end) high = end;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((docs[middle] ?? 0) < wanted) low = middle + 1;
        else high = middle;
      }
      if (low < end && docs[low] === wanted) {
        spans.push(low, low + 1);
        low++;
      }
    }
    return spans;
  }

  /** The runs of a term's postings (start, end, start, end …) within the filter's ranges. */
  private postingSpans(id: number, ranges: DocFilter["ranges"]): number[] {
    const start = this.postingStart[id] ?? 0;
    const end = this.postingStart[id + 1] ?? 0;
    if (!ranges) return [start, end];
    const docs = this.postingDocs;
    const lowerBound = (value: number, from: number) => {
      let low = from;
      let high = end;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((docs[middle] ?? 0) < value) low = middle + 1;
        else high = middle;
      }
      return low;
    };
    const spans: number[] = [];
    let from = start;
    for (const [low, high] of ranges) {
      const first = lowerBound(low, from);
      const last = lowerBound(high, first);
      if (last > first) spans.push(first, last);
      from = last;
    }
    return spans;
  }

  /**
   * Scores entries for query terms: BM25 per question word (its best form in each entry), a
   * bonus for adjacent question words that stand together in an entry, and the coverage gate.
   * The hits come in no particular order.
   */
  collect(terms: readonly QueryTerm[], filter: DocFilter = {}): DocHits {
    const scratch = this.scratchArrays();
    if (terms.length === 0) return scratch.hits(0);
    const { minCoverage } = this.options;
    const termWeights = terms.map((term) => this.termWeight(term));
    const credit = filter.credit ?? null;
    const creditWeight = credit?.weight ?? 0;
    const totalWeight = termWeights.reduce((sum, weight) => sum + weight, creditWeight);
    const questionWords = terms.map((term, index) => {
      // An entry first matched by this word can at most match the words from here on (and the
      // credit): when those cannot cover enough of the question, it is not taken up.
      let reachable = creditWeight;
      for (let later = index; later < terms.length; later++) reachable += termWeights[later] ?? 0;
      const forms: Cursor[] = [];
      for (const [alternative, factor] of term.alternatives) {
        const id = this.termNumber(alternative);
        if (id >= 0) forms.push(cursor(this.spansFor(id, filter), factor * this.idfOf(id)));
      }
      return {
        weight: termWeights[index] ?? 0,
        takeUp: !(totalWeight > 0) || !(reachable / totalWeight < minCoverage),
        forms,
      };
    });
    const phrases: Cursor[] = [];
    for (let index = 0; index + 1 < terms.length; index++) {
      const term = terms[index] as QueryTerm;
      const next = terms[index + 1] as QueryTerm;
      const id = this.termNumber(`${stem(term.word)} ${stem(next.word)}`);
      if (id >= 0) phrases.push(cursor(this.spansFor(id, filter), this.idfOf(id)));
    }
    // Entries are scored a block at a time, every word in turn, so that a block's working
    // values stay in the processor's cache; each entry still sees the words in question order.
    const docs = this.postingDocs;
    const total = this.entries.length;
    const block = this.blockSize;
    let docCount = 0;
    let hitCount = 0;
    let blockStart = 0;
    while (blockStart < total) {
      let nextDoc = total;
      for (const { forms } of questionWords) {
        for (const form of forms) {
          if (form.position < form.end) nextDoc = Math.min(nextDoc, docs[form.position] ?? total);
        }
      }
      if (nextDoc >= total) break;
      if (nextDoc >= blockStart + block) blockStart = nextDoc - (nextDoc % block);
      const blockEnd = Math.min(total, blockStart + block);
      // The working values are the block's: entry n is at n - blockStart.
      scratch.base = blockStart;
      docCount = 0;
      for (const { weight, takeUp, forms } of questionWords) {
        if (forms.length === 1) {
          // One form: its score in an entry is the word's best there, added straight away.
          docCount = this.addRun(scratch, forms[0] as Cursor, blockEnd, weight, takeUp, docCount);
          continue;
        }
        // A question word is met by its best form in each entry: itself, a spelling or a
        // synonym, which answers the word as fully as the word itself; only relevance, not
        // coverage, is discounted for it.
        let termCount = 0;
        for (const form of forms)
          termCount = this.bestRun(scratch, form, blockEnd, takeUp, termCount);
        docCount = this.addBest(scratch, termCount, weight, docCount);
      }
      for (const phrase of phrases) this.phraseRun(scratch, phrase, blockEnd);
      hitCount = this.gather(scratch, docCount, totalWeight, minCoverage, filter, hitCount);
      blockStart = blockEnd;
    }
    const hits = scratch.hitsSoFar();
    hits.count = hitCount;
    return hits;
  }

  /** BM25 score of one posting (a term's weight code in an entry), times the term's scale. */
  private postingScore(position: number, doc: number, scale: number): number {
    const code = this.postingCodes[position] ?? 0;
    const numerator = this.codeNumerator[code] ?? 0;
    return scale * (numerator / ((this.codeWeight[code] ?? 0) + (this.docNorm[doc] ?? 0)));
  }

  /** Adds a single-form word's postings in a block to the entries' relevance and weight. */
  private addRun(
    scratch: Scratch,
    form: Cursor,
    blockEnd: number,
    weight: number,
    takeUp: boolean,
    docCount: number,
  ): number {
    const { relevance, matched, docList, base } = scratch;
    const docs = this.postingDocs;
    let count = docCount;
    while (form.position < form.end) {
      const position = form.position;
      const doc = docs[position] ?? 0;
      if (doc >= blockEnd) break;
      advance(form);
      const slot = doc - base;
      const has = matched[slot] ?? 0;
      if (has === 0 && !takeUp) continue;
      const score = this.postingScore(position, doc, form.scale);
      if (!(score > 0)) continue;
      if (has === 0) docList[count++] = doc;
      relevance[slot] = (relevance[slot] ?? 0) + score;
      matched[slot] = has + weight;
    }
    return count;
  }

  /**
   * Scores a form's postings in a block into the word's best per entry (0 until the word scores
   * there; a score is never 0), listing entries as they first score.
   */
  private bestRun(
    scratch: Scratch,
    form: Cursor,
    blockEnd: number,
    takeUp: boolean,
    termCount: number,
  ): number {
    const { best, matched, termList, base } = scratch;
    const docs = this.postingDocs;
    let count = termCount;
    while (form.position < form.end) {
      const position = form.position;
      const doc = docs[position] ?? 0;
      if (doc >= blockEnd) break;
      advance(form);
      const slot = doc - base;
      if (!takeUp && (matched[slot] ?? 0) === 0) continue;
      const score = this.postingScore(position, doc, form.scale);
      const current = best[slot] ?? 0;
      if (current === 0) {
        if (score > 0) {
          best[slot] = score;
          termList[count++] = doc;
        }
      } else if (score > current) best[slot] = score;
    }
    return count;
  }

  /** Adds a word's best score per entry to the entries' relevance and weight; clears the best. */
  private addBest(scratch: Scratch, termCount: number, weight: number, docCount: number): number {
    const { relevance, matched, best, docList, termList, base } = scratch;
    let count = docCount;
    for (let position = 0; position < termCount; position++) {
      const doc = termList[position] ?? 0;
      const slot = doc - base;
      const has = matched[slot] ?? 0;
      if (has === 0) docList[count++] = doc;
      relevance[slot] = (relevance[slot] ?? 0) + (best[slot] ?? 0);
      matched[slot] = has + weight;
      best[slot] = 0;
    }
    return count;
  }

  /** Adds the phrase bonus of a word pair's postings in a block to entries already taken up. */
  private phraseRun(scratch: Scratch, phrase: Cursor, blockEnd: number): void {
    const { relevance, matched, base } = scratch;
    const docs = this.postingDocs;
    const codes = this.postingCodes;
    const codeWeight = this.codeWeight;
    const { k1 } = this.options;
    const idf = phrase.scale;
    while (phrase.position < phrase.end) {
      const position = phrase.position;
      const doc = docs[position] ?? 0;
      if (doc >= blockEnd) break;
      advance(phrase);
      const slot = doc - base;
      if ((matched[slot] ?? 0) === 0) continue;
      const weight = codeWeight[codes[position] ?? 0] ?? 0;
      relevance[slot] = (relevance[slot] ?? 0) + (idf * weight * (k1 + 1)) / (weight + k1);
    }
  }

  /**
   * Appends the entries a block has taken up (the first `taken` of docList) that cover enough of
   * the question to the hits, with their relevance scaled by coverage; clears their working values.
   */
  private gather(
    scratch: Scratch,
    taken: number,
    totalWeight: number,
    minCoverage: number,
    { accept, credit }: DocFilter,
    hitCount: number,
  ): number {
    const { relevance, matched, docList, base } = scratch;
    const hits = scratch.growHits(hitCount + taken);
    const { docs, coverage: coverages } = hits;
    const scaled = hits.relevance;
    let count = hitCount;
    for (let position = 0; position < taken; position++) {
      const doc = docList[position] ?? 0;
      const slot = doc - base;
      const score = relevance[slot] ?? 0;
      const matchedWeight = matched[slot] ?? 0;
      relevance[slot] = 0;
      matched[slot] = 0;
      if (accept && !accept(doc)) continue;
      const weight = credit?.earns(doc) ? matchedWeight + credit.weight : matchedWeight;
      const coverage = totalWeight > 0 ? weight / totalWeight : 0;
      if (coverage < minCoverage) continue;
      docs[count] = doc;
      scaled[count] = score * (0.5 + 0.5 * coverage);
      coverages[count] = coverage;
      count++;
    }
    return count;
  }
}

/**
 * Working arrays of a search for one block of entries (entry n at n - base), allocated once and
 * reused; zero between blocks. An entry the search has taken up has a `matched` weight above
 * zero (every word weighs something).
 */
class Scratch {
  /** The first entry of the block being scored. */
  base = 0;
  readonly relevance: Float64Array;
  readonly matched: Float64Array;
  /** The current word's best score per entry. */
  readonly best: Float64Array;
  /** Entries in the order the search took them up. */
  readonly docList: Int32Array;
  /** Entries in the order the current word scored in them. */
  readonly termList: Int32Array;
  /** The hits, grown as needed: most searches match a small share of the entries. */
  private readonly out: DocHits;

  constructor(size: number) {
    this.relevance = new Float64Array(size);
    this.matched = new Float64Array(size);
    this.best = new Float64Array(size);
    this.docList = new Int32Array(size);
    this.termList = new Int32Array(size);
    const initial = Math.min(size, 1024);
    this.out = {
      count: 0,
      docs: new Int32Array(initial),
      relevance: new Float64Array(initial),
      coverage: new Float64Array(initial),
    };
  }

  /** The hits arrays as they are, for a search that has filled them. */
  hitsSoFar(): DocHits {
    return this.out;
  }

  /** The hits arrays with room for `capacity` hits, keeping those already in. */
  growHits(capacity: number): DocHits {
    if (this.out.docs.length >= capacity) return this.out;
    let size = Math.max(1, this.out.docs.length);
    while (size < capacity) size *= 2;
    const docs = new Int32Array(size);
    const relevance = new Float64Array(size);
    const coverage = new Float64Array(size);
    docs.set(this.out.docs);
    relevance.set(this.out.relevance);
    coverage.set(this.out.coverage);
    this.out.docs = docs;
    this.out.relevance = relevance;
    this.out.coverage = coverage;
    return this.out;
  }

  /** The hits arrays, with room for `capacity` hits. */
  hits(capacity: number): DocHits {
    if (this.out.docs.length < capacity) {
      let size = Math.max(1, this.out.docs.length);
      while (size < capacity) size *= 2;
      this.out.docs = new Int32Array(size);
      this.out.relevance = new Float64Array(size);
      this.out.coverage = new Float64Array(size);
    }
    this.out.count = 0;
    return this.out;
  }
}
