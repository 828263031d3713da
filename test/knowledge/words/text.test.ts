import { describe, expect, it } from "vitest";
import {
  cutAtWord,
  indexTerms,
  stem,
  words,
  wordsOfJoined,
} from "../../../src/knowledge/words/text.js";

describe("words", () => {
  it("folds the ways a text names a country to one word", () => {
    expect(words("the United States of America")).toEqual(["the", "usa"]);
    expect(words("the U.S.A. and Russia")).toEqual(["the", "usa", "and", "russia"]);
    expect(words("U. S. envoy")).toEqual(["usa", "envoy"]);
    expect(words("Belarusian and Russian officials")).toEqual([
      "belarus",
      "and",
      "russia",
      "officials",
    ]);
  });

  it("keeps the word after U.S. whole when it begins with an a", () => {
    expect(words("U.S. Ambassador Lena Dahl")).toEqual(["usa", "ambassador", "lena", "dahl"]);
    expect(words("U.S. aid to Americans")).toEqual(["usa", "aid", "to", "usa"]);
  });

  it("drops accents and a possessive", () => {
    expect(words("Lukashénka’s visit")).toEqual(["lukashenka", "visit"]);
  });

  it("folds a country name split across two texts when they are joined", () => {
    expect(wordsOfJoined("the United", "States", words("the United"), words("States"))).toEqual([
      "the",
      "usa",
    ]);
  });
});

describe("stems and terms", () => {
  it("indexes a text's content words by stem", () => {
    expect(stem("sanctions")).toBe("sanction");
    expect(indexTerms("The sanctions were lifted")).toEqual(["sanction", "lift"]);
  });

  it("cuts a text at a word boundary", () => {
    expect(cutAtWord("The sanctions were lifted on Belavia", 20)).toBe("The sanctions were");
  });
});
