import { describe, expect, it } from "vitest";
import { Library } from "../../../src/knowledge/library/library.js";
import { relatedWords } from "../../../src/knowledge/words/thesaurus.js";

describe("relatedWords (WordNet, the most common senses)", () => {
  it("gives the other words of a word's first sense, for inflected forms too", () => {
    expect(relatedWords("imprison")).toContain("jail");
    expect(relatedWords("penalties")).toContain("punishment");
    expect(relatedWords("freeing")).toContain("release");
  });

  it("reads an adjective's synset from the adjectives, not the adverb at the same offset", () => {
    expect(relatedWords("compartmentalized")).toContain("compartmental");
    expect(relatedWords("emboldened")).toContain("hearten");
    expect(relatedWords("emboldened")).not.toContain("aboard");
  });

  it("gives nothing for a word WordNet does not know", () => {
    expect(relatedWords("zzzzqx")).toEqual([]);
  });
});

describe("asking in other words", () => {
  const talks = Library.fromTexts("fixture", [
    {
      file: "2024-03-03-talks.txt",
      text: [
        "3 March 2024",
        "Talks in Vienna",
        "Chancellor Hildegard Blake received Minister Vladislav Ostrowski.",
        '"The punishment of the two airlines is over," Hildegard Blake said.',
        '"We will jail no journalist," Vladislav Ostrowski said.',
      ].join("\n"),
    },
  ]);
  const first = (question: string) => talks.ask(question).results[0]?.entry.text;

  it("finds a statement through a word of the same sense", () => {
    expect(first("what about the penalties")).toContain("punishment");
    expect(first("whom will they imprison")).toContain("jail");
  });
});
