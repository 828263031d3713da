import { describe, expect, it } from "vitest";
import { sameCountryWords } from "../../../src/knowledge/reading/catalogue.js";

describe("sameCountryWords", () => {
  it("gives a country's name for its people's and the other way round", () => {
    expect(sameCountryWords("danish")).toContain("denmark");
    expect(sameCountryWords("denmark")).toContain("danish");
    expect(sameCountryWords("greek")).toContain("greece");
    expect(sameCountryWords("belarusian")).toContain("belarus");
  });

  it("never gives the word itself, and nothing for a word that names no country", () => {
    expect(sameCountryWords("irish")).not.toContain("irish");
    expect(sameCountryWords("ambassador")).toEqual([]);
    expect(sameCountryWords("coal")).toEqual([]);
  });
});
