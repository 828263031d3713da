import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { IndexBuilder } from "../../../src/knowledge/index/indexBuilder.js";
import {
  type DocFilter,
  type DocHits,
  type QueryTerm,
  SEARCH_DEFAULTS,
  type SearchOptions,
  StatementSearch,
} from "../../../src/knowledge/index/search.js";
import type { Entry, EntryKind } from "../../../src/knowledge/types.js";
import { isLightTerm, isStopWord, stem, words } from "../../../src/knowledge/words/text.js";

function entry(text: string, context = "", kind: EntryKind = "quote", letter = false): Entry {
  return {
    id: text,
    kind,
    speaker: kind === "fact" ? null : "Anna Weiss",
    reportedBy: null,
    letter,
    text,
    context,
    source: { file: "talks.txt", date: null, dateText: null, paragraph: 1 },
  };
}

/** Hits as a map from entry index to [relevance, coverage]. */
function hitMap(hits: DocHits): Map<number, [number, number]> {
  const found = new Map<number, [number, number]>();
  for (let index = 0; index < hits.count; index++) {
    found.set(hits.docs[index] ?? -1, [hits.relevance[index] ?? 0, hits.coverage[index] ?? 0]);
  }
  return found;
}

/**
 * Okapi BM25 written out plainly, entry by entry, as the index is documented to score: a word's
 * text occurrences count 1 and its context ones `contextWeight`; a question word scores its best
 * form in an entry; two adjacent question words standing together add a bonus; an entry must
 * match `minCoverage` of the question's idf weight, and its relevance is scaled by coverage.
 */
function referenceHits(
  entries: readonly Entry[],
  terms: readonly QueryTerm[],
  options: SearchOptions = {},
  filter: DocFilter = {},
): Map<number, [number, number]> {
  const { k1, b, contextWeight, minCoverage } = { ...SEARCH_DEFAULTS, ...options };
  const counts = entries.map(({ text, context }) => {
    const unigrams = new Map<string, number>();
    const pairs = new Map<string, number>();
    for (const [list, weight] of [
      [words(text), 1],
      [context ? words(context) : [], contextWeight],
    ] as const) {
      let previous: string | null = null;
      for (const word of list) {
        if (word.length < 2 || isStopWord(word)) continue;
        const own = stem(word);
        unigrams.set(own, (unigrams.get(own) ?? 0) + weight);
        if (previous !== null) {
          const pair = `${previous} ${own}`;
          pairs.set(pair, (pairs.get(pair) ?? 0) + weight);
        }
        previous = own;
      }
    }
    return { unigrams, pairs };
  });
  const { length: total } = entries;
  const lengths = counts.map(({ unigrams }) => [...unigrams.values()].reduce((a, c) => a + c, 0));
  const average = lengths.reduce((a, c) => a + c, 0) / Math.max(1, total);
  const idf = (frequency: number) => Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5));
  const frequencyOf = (term: string, pair = false) =>
    counts.filter((count) => (pair ? count.pairs : count.unigrams).has(term)).length;
  const weights = terms.map((term) => {
    let weight = 0;
    for (const alternative of term.alternatives.keys()) {
      const frequency = frequencyOf(alternative);
      if (frequency > 0) weight = Math.max(weight, idf(frequency));
    }
    if (weight === 0) weight = idf(0);
    return isLightTerm(stem(term.word)) ? weight * 0.3 : weight;
  });
  const totalWeight =
    weights.reduce((sum, weight) => sum + weight, 0) + (filter.credit?.weight ?? 0);
  const found = new Map<number, [number, number]>();
  for (const [doc, { unigrams, pairs }] of counts.entries()) {
    if (filter.ranges && !filter.ranges.some(([low, high]) => doc >= low && doc < high)) continue;
    if (filter.accept && !filter.accept(doc)) continue;
    const norm = k1 * (1 - b + (b * (lengths[doc] ?? 0)) / average);
    let relevance = 0;
    let matched = 0;
    for (const [index, term] of terms.entries()) {
      let best = 0;
      for (const [alternative, factor] of term.alternatives) {
        const weight = unigrams.get(alternative);
        if (weight === undefined) continue;
        const score =
          factor * idf(frequencyOf(alternative)) * ((weight * (k1 + 1)) / (weight + norm));
        best = Math.max(best, score);
      }
      if (best > 0) {
        relevance += best;
        matched += weights[index] ?? 0;
      }
    }
    if (matched === 0) continue;
    for (let index = 0; index + 1 < terms.length; index++) {
      const pair = `${stem(terms[index]?.word ?? "")} ${stem(terms[index + 1]?.word ?? "")}`;
      const weight = pairs.get(pair);
      if (weight !== undefined) {
        relevance += (idf(frequencyOf(pair, true)) * weight * (k1 + 1)) / (weight + k1);
      }
    }
    if (filter.credit?.earns(doc)) matched += filter.credit.weight;
    const coverage = totalWeight > 0 ? matched / totalWeight : 0;
    if (coverage < minCoverage) continue;
    found.set(doc, [relevance * (0.5 + 0.5 * coverage), coverage]);
  }
  return found;
}

function expectSameHits(
  actual: Map<number, [number, number]>,
  expected: Map<number, [number, number]>,
): void {
  expect([...actual.keys()].sort((a, b) => a - b)).toEqual(
    [...expected.keys()].sort((a, b) => a - b),
  );
  for (const [doc, [relevance, coverage]] of expected) {
    const [actualRelevance, actualCoverage] = actual.get(doc) ?? [Number.NaN, Number.NaN];
    expect(actualRelevance).toBeCloseTo(relevance, 9);
    expect(actualCoverage).toBeCloseTo(coverage, 9);
  }
}

/** Plain terms: each word as its own stem, no spellings or related words. */
function plainTerms(...questionWords: string[]): QueryTerm[] {
  return questionWords.map((word) => ({ word, alternatives: new Map([[stem(word), 1]]) }));
}

const VOCABULARY = [
  "grain",
  "port",
  "river",
  "barge",
  "tariff",
  "harbour",
  "cargo",
  "treaty",
  "frontier",
  "pipeline",
  "gave",
  "the",
  "of",
  "and",
];

const entriesArbitrary = fc.array(
  fc.record({
    text: fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 12 }),
    context: fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 6 }),
  }),
  { minLength: 1, maxLength: 40 },
);

const termsArbitrary = fc.array(
  fc.record({
    word: fc.constantFrom(...VOCABULARY, "unknownish"),
    related: fc.array(
      fc.record({ word: fc.constantFrom(...VOCABULARY), factor: fc.double({ min: 0.1, max: 1 }) }),
      { maxLength: 2 },
    ),
  }),
  { minLength: 1, maxLength: 5 },
);

function termsFrom(
  drawn: ReadonlyArray<{ word: string; related: ReadonlyArray<{ word: string; factor: number }> }>,
): QueryTerm[] {
  return drawn
    .filter(({ word }) => !isStopWord(word))
    .map(({ word, related }) => {
      const alternatives = new Map([[stem(word), 1]]);
      for (const other of related) {
        if (!alternatives.has(stem(other.word))) alternatives.set(stem(other.word), other.factor);
      }
      return { word, alternatives };
    });
}

describe("StatementSearch.collect", () => {
  it("scores every entry as plain BM25 with the phrase bonus and the coverage gate do", () => {
    fc.assert(
      fc.property(
        entriesArbitrary,
        termsArbitrary,
        fc.record({
          k1: fc.double({ min: 0.5, max: 2.5, noNaN: true }),
          b: fc.double({ min: 0, max: 1, noNaN: true }),
          contextWeight: fc.double({ min: 0.1, max: 1, noNaN: true }),
          minCoverage: fc.double({ min: 0, max: 0.9, noNaN: true }),
          blockSize: fc.integer({ min: 1, max: 9 }),
        }),
        (drawnEntries, drawnTerms, options) => {
          const entries = drawnEntries.map(({ text, context }) =>
            entry(text.join(" "), context.join(" ")),
          );
          const terms = termsFrom(drawnTerms);
          const search = new StatementSearch(entries, options);
          expectSameHits(hitMap(search.collect(terms)), referenceHits(entries, terms, options));
        },
      ),
      { numRuns: 150, seed: 1203 },
    );
  });

  it("gives the same hits for any block size", () => {
    fc.assert(
      fc.property(entriesArbitrary, termsArbitrary, (drawnEntries, drawnTerms) => {
        const entries = drawnEntries.map(({ text, context }) =>
          entry(text.join(" "), context.join(" ")),
        );
        const terms = termsFrom(drawnTerms);
        const whole = hitMap(new StatementSearch(entries).collect(terms));
        for (const blockSize of [1, 2, 3, 5, Number.NaN, 0]) {
          expectSameHits(hitMap(new StatementSearch(entries, { blockSize }).collect(terms)), whole);
        }
      }),
      { numRuns: 60, seed: 31 },
    );
  });

  it("keeps to the entries a filter allows, by ranges, by a list or by a test", () => {
    fc.assert(
      fc.property(
        entriesArbitrary,
        termsArbitrary,
        fc.array(fc.nat(45), { maxLength: 8 }),
        (drawnEntries, drawnTerms, bounds) => {
          const entries = drawnEntries.map(({ text, context }) =>
            entry(text.join(" "), context.join(" ")),
          );
          const terms = termsFrom(drawnTerms);
          const cuts = [...new Set(bounds.map((bound) => Math.min(bound, entries.length)))].sort(
            (a, b) => a - b,
          );
          const ranges: Array<[number, number]> = [];
          for (let index = 0; index + 1 < cuts.length; index += 2) {
            ranges.push([cuts[index] ?? 0, cuts[index + 1] ?? 0]);
          }
          const allowed = entries
            .map((_, doc) => doc)
            .filter((doc) => ranges.some(([low, high]) => doc >= low && doc < high));
          const expected = referenceHits(entries, terms, {}, { ranges });
          const search = new StatementSearch(entries, { blockSize: 4 });
          expectSameHits(hitMap(search.collect(terms, { ranges })), expected);
          expectSameHits(
            hitMap(search.collect(terms, { ranges, only: Int32Array.from(allowed) })),
            expected,
          );
          const accept = (doc: number) => allowed.includes(doc);
          expectSameHits(hitMap(search.collect(terms, { accept })), expected);
        },
      ),
      { numRuns: 100, seed: 7 },
    );
  });

  it("looks up a short list of allowed entries in long postings", () => {
    const entries = Array.from({ length: 300 }, (_, doc) =>
      entry(doc % 3 === 0 ? "grain port" : doc % 3 === 1 ? "grain" : "river barge"),
    );
    const terms = plainTerms("grain", "port");
    const search = new StatementSearch(entries);
    for (const list of [[0], [1, 2, 3], [4, 150, 151, 298, 299], [299], [2, 5, 8]]) {
      const only = Int32Array.from(list);
      const ranges = list.map((doc) => [doc, doc + 1] as [number, number]);
      expectSameHits(
        hitMap(search.collect(terms, { ranges, only })),
        referenceHits(entries, terms, {}, { ranges }),
      );
    }
  });

  it("counts a speaker's credit toward coverage only for entries a word took up", () => {
    const entries = [entry("grain port"), entry("grain"), entry("river"), entry("barge")];
    const terms = plainTerms("grain", "port");
    const credit = { weight: 2, earns: (doc: number) => doc !== 0 };
    const search = new StatementSearch(entries);
    const hits = hitMap(search.collect(terms, { credit }));
    expectSameHits(hits, referenceHits(entries, terms, {}, { credit }));
    expect([...hits.keys()].sort()).toEqual([0, 1]);
  });

  it("keeps an entry that covers exactly the share the gate asks for", () => {
    const entries = [entry("grain"), entry("port"), entry("river"), entry("barge")];
    const search = new StatementSearch(entries, { minCoverage: 0.5 });
    const hits = hitMap(search.collect(plainTerms("grain", "port")));
    expect([...hits.keys()].sort()).toEqual([0, 1]);
    expect(hits.get(0)?.[1]).toBe(0.5);
  });

  it("with no gate, lists only the entries a word matched", () => {
    const entries = [entry("river"), entry("grain"), entry("port grain"), entry("barge")];
    const search = new StatementSearch(entries, { minCoverage: 0, blockSize: 2 });
    expect([...hitMap(search.collect(plainTerms("grain", "port"))).keys()].sort()).toEqual([1, 2]);
    expect([...hitMap(search.collect(plainTerms("port"))).keys()]).toEqual([2]);
  });

  it("does not take the next word's postings for a listed entry past a word's own", () => {
    const entries = [...Array.from({ length: 10 }, () => entry("grain")), entry("port")];
    const search = new StatementSearch(entries);
    expect(
      search.collect(plainTerms("grain"), { ranges: [[10, 11]], only: Int32Array.of(10) }).count,
    ).toBe(0);
  });

  it("scores the same from an index built beforehand", () => {
    const entries = [entry("grain port", "river"), entry("grain"), entry("barge port")];
    const builder = new IndexBuilder(SEARCH_DEFAULTS.contextWeight);
    for (const [doc, each] of entries.entries()) builder.add(doc, each);
    const prebuilt = builder.finish(SEARCH_DEFAULTS.k1);
    const terms = plainTerms("grain", "port");
    expectSameHits(
      hitMap(new StatementSearch(entries, {}, { prebuilt }).collect(terms)),
      referenceHits(entries, terms),
    );
  });

  it("finds nothing for no terms and for words no entry has", () => {
    const search = new StatementSearch([entry("grain port")]);
    expect(search.collect([]).count).toBe(0);
    expect(search.collect(plainTerms("tariff")).count).toBe(0);
  });

  it("reuses its arrays from one search to the next without carrying scores over", () => {
    const entries = Array.from({ length: 2000 }, (_, doc) =>
      entry(doc % 2 === 0 ? "grain port river" : "grain"),
    );
    const search = new StatementSearch(entries, { blockSize: 64 });
    const first = hitMap(search.collect(plainTerms("grain")));
    expect(first.size).toBe(2000);
    search.collect(plainTerms("port", "river"));
    expectSameHits(hitMap(search.collect(plainTerms("grain"))), first);
  });

  it("scores a word in an entry's context below the same word in its text", () => {
    const search = new StatementSearch([entry("grain"), entry("port", "grain"), entry("river")], {
      b: 0,
    });
    const hits = hitMap(search.collect(plainTerms("grain")));
    expect((hits.get(0) ?? [0])[0]).toBeGreaterThan((hits.get(1) ?? [0])[0]);
  });

  it("counts a letter as an entry about a letter", () => {
    const search = new StatementSearch([entry("grain", "", "quote", true), entry("grain port")]);
    expect([...hitMap(search.collect(plainTerms("letter"))).keys()]).toEqual([0]);
  });

  it("lets a light verb count little toward covering the question", () => {
    const entries = [entry("gave grain"), entry("gave"), entry("harbour"), entry("river")];
    const search = new StatementSearch(entries);
    const hits = hitMap(search.collect(plainTerms("gave", "grain")));
    expect([...hits.keys()]).toEqual([0]);
    expect(search.termWeight(plainTerms("gave")[0] as QueryTerm)).toBeCloseTo(
      0.3 * Math.log(1 + (4 - 2 + 0.5) / (2 + 0.5)),
      9,
    );
  });
});

describe("StatementSearch.queryTerms", () => {
  let search: StatementSearch;
  beforeAll(() => {
    search = new StatementSearch([
      entry("The sanctions on the airline were lifted"),
      entry("Grain barges reach the harbour"),
      entry("He praised Greece"),
    ]);
  });

  it("keeps a question's content words by stem, without stop words or single letters", () => {
    const terms = search.queryTerms(["what", "sanctions", "were", "x", "lifted"]);
    expect(terms.map((term) => term.word)).toEqual(["sanctions", "lifted"]);
    expect(terms[0]?.alternatives.get("sanction")).toBe(1);
  });

  it("maps a misspelt word onto the index's spelling, weighted by closeness", () => {
    const [term] = search.queryTerms(["sancions"]);
    const weight = term?.alternatives.get("sanction") ?? 0;
    expect(weight).toBeGreaterThan(0.75);
    expect(weight).toBeLessThan(1);
    expect([...hitMap(search.collect(search.queryTerms(["sancions"]))).keys()]).toEqual([0]);
  });

  it("does not correct a short word, a number, an English word or a different first letter", () => {
    for (const word of ["san", "1234", "sections", "xanctions"]) {
      const [term] = search.queryTerms([word]);
      expect(term?.alternatives.has("sanction")).toBe(false);
    }
    expect([...(search.queryTerms(["sections"])[0]?.alternatives.keys() ?? [])]).toEqual([
      "section",
      "subdivis",
      "segment",
    ]);
  });

  it("takes an English word as meant, even when the index spells a neighbour", () => {
    const [harbor] = search.queryTerms(["harbor"]);
    expect(harbor?.alternatives.get("harbour")).toBe(SEARCH_DEFAULTS.synonymWeight);
  });

  it("takes a number as meant, even when the index has one a digit off", () => {
    const years = new StatementSearch([entry("In 2025 and 20250 they met")]);
    expect([...(years.queryTerms(["2026"])[0]?.alternatives.keys() ?? [])]).toEqual(["2026"]);
    expect([...(years.queryTerms(["20251"])[0]?.alternatives.keys() ?? [])]).toEqual(["20251"]);
  });

  it("corrects a word that has digits and letters", () => {
    const models = new StatementSearch([entry("The Sukhoi35 deal on its 100th anniversary")]);
    expect(models.queryTerms(["sukhoi36"])[0]?.alternatives.has("sukhoi35")).toBe(true);
    expect(models.queryTerms(["100ht"])[0]?.alternatives.has("100th")).toBe(true);
  });

  it("corrects a word of four letters, not of three", () => {
    expect(search.queryTerms(["sanc"])[0]?.alternatives.has("sanction")).toBe(true);
    const names = new StatementSearch([entry("Kovalen said so")]);
    expect([...(names.queryTerms(["kova"])[0]?.alternatives.keys() ?? [])]).toEqual([
      "kova",
      "kovalen",
    ]);
    expect([...(names.queryTerms(["kov"])[0]?.alternatives.keys() ?? [])]).toEqual(["kov"]);
  });

  it("keeps a two-letter word that is not a stop word", () => {
    expect(search.queryTerms(["un"]).map((term) => term.word)).toEqual(["un"]);
  });

  it("does not correct a word the index has", () => {
    const names = new StatementSearch([entry("Kovalen met Weiss and Weisz")]);
    expect([...(names.queryTerms(["weiss"])[0]?.alternatives.keys() ?? [])]).toEqual(["weiss"]);
  });

  it("offers at most three spellings of a misspelt word, the closest", () => {
    const names = new StatementSearch([entry("Kovalen Kovalan Kovalin Kovalon Kovalun Kowalski")]);
    const alternatives = names.queryTerms(["kovalyn"])[0]?.alternatives;
    expect([...(alternatives?.keys() ?? [])]).toEqual(["kovalyn", "kovalen", "kovalan", "kovalin"]);
  });

  it("corrects as well when the threshold is too loose for letter pairs to narrow the words", () => {
    const loose = new StatementSearch(
      [entry("The sanctions on the airline were lifted"), entry("Grain barges reach the harbour")],
      { typoThreshold: 0.5 },
    );
    expect(loose.queryTerms(["sanc"])[0]?.alternatives.get("sanction")).toBeCloseTo(0.999, 6);
    expect(loose.queryTerms(["harbur"])[0]?.alternatives.has("harbour")).toBe(true);
    expect([...(loose.queryTerms(["xarbour"])[0]?.alternatives.keys() ?? [])]).toEqual(["xarbour"]);
    const names = new StatementSearch([entry("Kovalen Kovalan Kovalin Kovalon Kovalun")], {
      typoThreshold: 0.5,
    });
    expect(names.queryTerms(["kovalyn"])[0]?.alternatives.size).toBe(4);
  });

  it("adds related words and the country's other names below the word itself", () => {
    const [greek] = search.queryTerms(["greek"]);
    expect(greek?.alternatives.get(stem("greece"))).toBe(SEARCH_DEFAULTS.synonymWeight);
    const [penalties] = new StatementSearch([entry("x")], { synonymWeight: 0.25 }).queryTerms([
      "detainees",
    ]);
    expect(penalties?.alternatives.get(stem("prisoners"))).toBe(0.25);
    expect(penalties?.alternatives.get(stem("detainees"))).toBe(1);
  });

  it("gives the same corrections when asked again", () => {
    const first = search.queryTerms(["harbur"]);
    expect(first[0]?.alternatives.has("harbour")).toBe(true);
    expect(search.queryTerms(["harbur"])).toEqual(first);
  });
});

describe("StatementSearch look-ups", () => {
  let search: StatementSearch;
  beforeAll(() => {
    search = new StatementSearch(
      [entry("Anna Weiss met the minister", "", "fact"), entry("Weiss said so"), entry("the port")],
      {},
      { trackWords: ["weiss", "anna"] },
    );
  });

  it("lists the facts whose own text has a tracked word", () => {
    expect([...search.docsWithWord("weiss")]).toEqual([0]);
    expect([...search.docsWithWord("port")]).toEqual([]);
  });

  it("lists the entries indexed under a stem or a pair of stems", () => {
    expect([...search.docsWithTerm("weiss")]).toEqual([0, 1]);
    expect([...search.docsWithTerm("anna weiss")]).toEqual([0]);
    expect([...search.docsWithTerm("weiss anna")]).toEqual([]);
    expect([...search.docsWithTerm("weiss nothing")]).toEqual([]);
    expect([...search.docsWithTerm("nothing")]).toEqual([]);
  });

  it("weighs a word no entry has as the rarest word", () => {
    const [term] = plainTerms("tariff");
    expect(search.termWeight(term as QueryTerm)).toBeCloseTo(Math.log(1 + 3.5 / 0.5), 9);
  });
});
