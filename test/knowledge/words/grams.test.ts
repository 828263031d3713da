import fc from "fast-check";
import Fuse from "fuse.js";
import { describe, expect, it } from "vitest";
import { fuseCandidates, GramIndex, matchesWithin } from "../../../src/knowledge/words/grams.js";

/** Words over a small alphabet, so that close spellings are common. */
const word = fc
  .array(fc.constantFrom(..."aeinrst"), { minLength: 3, maxLength: 14 })
  .map((letters) => letters.join(""));

/** A pattern made from a vocabulary word by a few edits, or a word of its own. */
const patternFor = (vocabulary: readonly string[]) =>
  fc.oneof(
    word,
    fc
      .record({
        index: fc.nat({ max: vocabulary.length - 1 }),
        edits: fc.array(
          fc.record({
            at: fc.nat({ max: 20 }),
            kind: fc.constantFrom("drop", "swap", "add"),
            letter: fc.constantFrom(..."aeinrst"),
          }),
          { maxLength: 3 },
        ),
      })
      .map(({ index, edits }) => {
        let pattern = vocabulary[index] ?? "";
        for (const { at, kind, letter } of edits) {
          const place = at % (pattern.length + 1);
          if (kind === "drop") pattern = pattern.slice(0, place) + pattern.slice(place + 1);
          else if (kind === "add")
            pattern = pattern.slice(0, place) + letter + pattern.slice(place);
          else pattern = pattern.slice(0, place) + letter + pattern.slice(place + 1);
        }
        return pattern.length > 0 ? pattern : "a";
      }),
  );

/** What Fuse.js finds, as [word, score] pairs in its order. */
function found(words: readonly string[], pattern: string, threshold: number, limit: number) {
  return new Fuse(words, { includeScore: true, threshold, minMatchCharLength: 3 })
    .search(pattern, { limit })
    .map((result) => [words[result.refIndex], result.score]);
}

describe("fuseCandidates", () => {
  for (const location of [false, true]) {
    it(`gives Fuse.js the same results as the whole vocabulary would (location bound ${location})`, () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(word, { minLength: 1, maxLength: 60 }).chain((vocabulary) =>
            fc.record({
              vocabulary: fc.constant(vocabulary),
              pattern: patternFor(vocabulary),
              threshold: fc.constantFrom(0.2, 0.25, 0.4),
            }),
          ),
          ({ vocabulary, pattern, threshold }) => {
            const grams = new GramIndex(vocabulary);
            const candidates = fuseCandidates(grams, pattern, threshold, location);
            const subset =
              candidates === null ? vocabulary : candidates.map((i) => vocabulary[i] ?? "");
            // The bound on where a match may start holds for Fuse.js's default location scoring,
            // which is what the search uses; without it, every match Fuse.js could find is kept.
            expect(found(subset, pattern, threshold, 5)).toEqual(
              found(vocabulary, pattern, threshold, 5),
            );
          },
        ),
        { numRuns: 400 },
      );
    });
  }

  it("narrows a long vocabulary down to a few words", () => {
    const vocabulary = Array.from({ length: 2000 }, (_, index) => `word${index.toString(36)}xyz`);
    vocabulary.push("sanctions", "sanction", "santions");
    const candidates = fuseCandidates(new GramIndex(vocabulary), "sanctoins", 0.25, true) ?? [];
    expect(candidates.map((index) => vocabulary[index])).toEqual(
      expect.arrayContaining(["sanctions"]),
    );
    expect(candidates.length).toBeLessThan(10);
  });
});

describe("matchesWithin", () => {
  it("finds a stretch within the allowed edits, starting early enough", () => {
    expect(matchesWithin("belavia", "thebelaviaflights", 0)).toBe(true);
    expect(matchesWithin("belavia", "thebelaviaflights", 0, 2)).toBe(false);
    expect(matchesWithin("belavia", "thebelaviaflights", 0, 3)).toBe(true);
    expect(matchesWithin("belavia", "belarus", 2)).toBe(false);
    expect(matchesWithin("belavia", "belovia", 1)).toBe(true);
  });
});
