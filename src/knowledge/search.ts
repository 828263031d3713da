import Fuse from "fuse.js";
import {
  indexTerms,
  isEnglishWord,
  isLightTerm,
  isStopWord,
  lexiconWords,
  stem,
  synonymsOf,
  words,
} from "./text.js";
import type { Entry } from "./types.js";

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
}

export interface SearchHit {
  entry: Entry;
  /** BM25 relevance times the coverage factor, before any speaker boost. */
  relevance: number;
  coverage: number;
}

const DEFAULTS: Required<SearchOptions> = {
  k1: 1.6,
  b: 0.5,
  contextWeight: 0.4,
  synonymWeight: 0.6,
  typoThreshold: 0.25,
  minCoverage: 0.4,
};

/** How much a light verb ("gave", "made") counts towards covering a question. */
const LIGHT_TERM_FACTOR = 0.3;

interface Posting {
  doc: number;
  weight: number;
}

/**
 * An inverted index over entries, scored with BM25. Fuse.js maps misspelt question words onto the
 * index's vocabulary, so "sancions" finds the sanctions, without scanning every entry per query.
 */
export class StatementSearch {
  private readonly options: Required<SearchOptions>;
  private readonly postings = new Map<string, Posting[]>();
  private readonly docLengths: number[] = [];
  private readonly averageLength: number;
  /** The words entries are written with, for Fuse.js to match typos against. */
  private readonly surfaceWords = new Map<string, string>();
  private fuse: Fuse<string> | null = null;

  constructor(
    private readonly entries: readonly Entry[],
    options: SearchOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    entries.forEach((entry, doc) => {
      const weights = new Map<string, number>();
      const add = (text: string, weight: number) => {
        const terms = indexTerms(text);
        terms.forEach((term, index) => {
          weights.set(term, (weights.get(term) ?? 0) + weight);
          // Adjacent pairs ("state depart") reward entries that keep a question's phrase together.
          const next = terms[index + 1];
          if (next) weights.set(`${term} ${next}`, (weights.get(`${term} ${next}`) ?? 0) + weight);
        });
      };
      add(entry.text, 1);
      // A letter's words rarely say "letter"; the entry is one all the same.
      if (entry.letter) add("letter", 1);
      add(entry.context, this.options.contextWeight);
      for (const word of words(`${entry.text} ${entry.context}`)) {
        if (word.length > 2 && !isStopWord(word)) this.surfaceWords.set(word, stem(word));
      }
      let length = 0;
      for (const [term, weight] of weights) {
        if (!term.includes(" ")) length += weight;
        const list = this.postings.get(term) ?? [];
        list.push({ doc, weight });
        this.postings.set(term, list);
      }
      this.docLengths.push(length);
    });
    this.averageLength =
      this.docLengths.reduce((sum, length) => sum + length, 0) /
      Math.max(1, this.docLengths.length);
  }

  /** Inverse document frequency; a word no entry uses counts as rare as can be. */
  idf(term: string): number {
    const documentFrequency = this.postings.get(term)?.length ?? 0;
    const total = this.entries.length;
    return Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  hasTerm(term: string): boolean {
    return this.postings.has(term);
  }

  /** Close spellings of a word that the index knows, with Fuse.js scores (lower is closer). */
  private typoCorrections(word: string): Array<{ term: string; score: number }> {
    if (word.length < 4 || /^\d+$/.test(word) || isEnglishWord(word)) return [];
    for (const known of lexiconWords()) {
      if (!this.surfaceWords.has(known)) this.surfaceWords.set(known, stem(known));
    }
    this.fuse ??= new Fuse([...this.surfaceWords.keys()], {
      includeScore: true,
      threshold: this.options.typoThreshold,
      minMatchCharLength: 3,
    });
    return this.fuse
      .search(word, { limit: 3 })
      .filter((result) => result.item[0] === word[0])
      .map((result) => ({
        term: this.surfaceWords.get(result.item) ?? "",
        score: result.score ?? 1,
      }))
      .filter((correction) => correction.term !== "");
  }

  /** Turns question words into query terms: stems, typo corrections and synonyms. */
  queryTerms(questionWords: readonly string[]): QueryTerm[] {
    const terms: QueryTerm[] = [];
    for (const word of questionWords) {
      if (isStopWord(word) || word.length < 2) continue;
      const own = stem(word);
      const alternatives = new Map<string, number>([[own, 1]]);
      if (!this.postings.has(own)) {
        for (const { term, score } of this.typoCorrections(word)) {
          alternatives.set(term, Math.max(alternatives.get(term) ?? 0, 1 - score));
        }
      }
      for (const base of [...alternatives.keys()]) {
        for (const synonym of synonymsOf(base)) {
          if (!alternatives.has(synonym)) alternatives.set(synonym, this.options.synonymWeight);
        }
      }
      terms.push({ word, alternatives });
    }
    return terms;
  }

  /** The weight of a question word: the idf of its best-known form. */
  private termWeight(term: QueryTerm): number {
    let weight = 0;
    for (const alternative of term.alternatives.keys()) {
      if (this.postings.has(alternative)) weight = Math.max(weight, this.idf(alternative));
    }
    const known = weight > 0 ? weight : this.idf("");
    return isLightTerm(stem(term.word)) ? known * LIGHT_TERM_FACTOR : known;
  }

  search(terms: readonly QueryTerm[], accept: (entry: Entry) => boolean = () => true): SearchHit[] {
    if (terms.length === 0) return [];
    const { k1, b, minCoverage } = this.options;
    const totalWeight = terms.reduce((sum, term) => sum + this.termWeight(term), 0);
    const scores = new Map<number, { relevance: number; matchedWeight: number }>();
    for (const term of terms) {
      // A question word is met by its best form in each entry: itself, a spelling or a synonym.
      const best = new Map<number, { score: number }>();
      for (const [alternative, factor] of term.alternatives) {
        const postings = this.postings.get(alternative);
        if (!postings) continue;
        const idf = this.idf(alternative);
        for (const { doc, weight } of postings) {
          const length = this.docLengths[doc] ?? this.averageLength;
          const saturated =
            (weight * (k1 + 1)) / (weight + k1 * (1 - b + (b * length) / this.averageLength));
          const score = factor * idf * saturated;
          if (score > (best.get(doc)?.score ?? 0)) best.set(doc, { score });
        }
      }
      // A synonym or a corrected spelling answers the word as fully as the word itself; only
      // relevance, not coverage, is discounted for it.
      const weight = this.termWeight(term);
      for (const [doc, { score }] of best) {
        const current = scores.get(doc) ?? { relevance: 0, matchedWeight: 0 };
        current.relevance += score;
        current.matchedWeight += weight;
        scores.set(doc, current);
      }
    }
    terms.forEach((term, index) => {
      const next = terms[index + 1];
      if (!next) return;
      const phrase = `${stem(term.word)} ${stem(next.word)}`;
      const postings = this.postings.get(phrase);
      if (!postings) return;
      const idf = this.idf(phrase);
      for (const { doc, weight } of postings) {
        const current = scores.get(doc);
        if (current) current.relevance += (idf * weight * (k1 + 1)) / (weight + k1);
      }
    });
    const hits: SearchHit[] = [];
    for (const [doc, { relevance, matchedWeight }] of scores) {
      const entry = this.entries[doc];
      if (!entry || !accept(entry)) continue;
      const coverage = totalWeight > 0 ? matchedWeight / totalWeight : 0;
      if (coverage < minCoverage) continue;
      hits.push({ entry, relevance: relevance * (0.5 + 0.5 * coverage), coverage });
    }
    return hits;
  }
}
