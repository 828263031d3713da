import { describe, expect, it } from "vitest";
import { Library } from "../../../src/knowledge/library/library.js";
import { diffWords, MAX_CLAIM_LENGTH } from "../../../src/knowledge/verify/diff.js";
import { parseClaim, verifyClaim } from "../../../src/knowledge/verify/verify.js";

const library = await Library.load("seeds");

const LUKASHENKO = "Aleksandr Lukashenko";
const COALE = "John Coale";
const TRUMP = "Donald Trump";

function verify(claim: string) {
  return verifyClaim(library, claim);
}

function claimedBy(claim: string): string | null {
  return verify(claim).claimedSpeaker;
}

describe("verifyClaim: verbatim", () => {
  it("finds quoted words said by the speaker the claim names, with ¶N and date", () => {
    const result = verify('Coale said "The decision has been made"');
    expect(result).toMatchObject({
      verdict: "verbatim",
      speaker: COALE,
      claimedSpeaker: COALE,
      differences: [],
    });
    expect(result.matches[0]?.entry.source).toMatchObject({ paragraph: 13, date: "2025-09-11" });
    expect(result.matches[0]?.score).toBe(1);
  });

  it("ignores case, punctuation and curly against straight marks", () => {
    for (const claim of [
      "Coale said: “THIS IS OFFICIAL”",
      "Coale said ‘this is official’",
      'Coale said "This is official!!"',
      "Lukashenko said: 'I wish you more objectivity'",
    ]) {
      expect(verify(claim).verdict, claim).toBe("verbatim");
    }
  });

  it("reads an ellipsis as words left out, and the release's [insertions] as optional", () => {
    expect(verify('Coale said "The removal of sanctions … is only the beginning"').verdict).toBe(
      "verbatim",
    );
    expect(verify('Lukashenko said "If Donald is interested"').verdict).toBe("verbatim");
    expect(verify('Lukashenko said "If Donald Trump is interested"').verdict).toBe("verbatim");
  });

  it("gives the words to the one quoted, not to whoever relayed them", () => {
    expect(verify("Trump said 'Do it immediately'")).toMatchObject({
      verdict: "verbatim",
      speaker: TRUMP,
    });
    const relayed = verify("Coale said 'Do it immediately'");
    expect(relayed).toMatchObject({ verdict: "misattributed", speaker: TRUMP });
    expect(relayed.matches[0]?.entry.reportedBy).toBe(COALE);
  });

  it("is verbatim without a speaker when the claim names no one", () => {
    expect(verify("“This is official.”")).toMatchObject({
      verdict: "verbatim",
      speaker: COALE,
      claimedSpeaker: null,
    });
  });

  it("does not take a quotation that drops a word for the release's wording", () => {
    expect(verify('Lukashenko said "they were convicted on political grounds"').verdict).not.toBe(
      "verbatim",
    );
  });
});

describe("verifyClaim: misattributed", () => {
  it("names who really said quoted words", () => {
    expect(verify('Lukashenko said: "This is official."')).toMatchObject({
      verdict: "misattributed",
      speaker: COALE,
      claimedSpeaker: LUKASHENKO,
    });
    expect(verify('"We will celebrate it," Coale responded')).toMatchObject({
      verdict: "misattributed",
      speaker: LUKASHENKO,
      claimedSpeaker: COALE,
    });
  });

  it("also catches a paraphrase put in the wrong mouth", () => {
    const result = verify("Coale said the United States has commercial interests in Belarus");
    expect(result).toMatchObject({ verdict: "misattributed", speaker: LUKASHENKO });
    expect(result.differences.length).toBeGreaterThan(0);
  });

  it("keeps the name of someone the release never quotes", () => {
    expect(verify('Putin said "This is official"')).toMatchObject({
      verdict: "misattributed",
      speaker: COALE,
      claimedSpeaker: "Putin",
    });
  });
});

describe("verifyClaim: paraphrase", () => {
  it("shows the release's wording beside the claim's", () => {
    const result = verify("Trump wrote that Sabalenka represents the very best of Belarus");
    expect(result).toMatchObject({ verdict: "paraphrase", speaker: TRUMP, claimedSpeaker: TRUMP });
    expect(result.matches[0]?.entry.letter).toBe(true);
    expect(result.differences).toContainEqual({ change: "claim", words: "Sabalenka" });
    expect(result.differences).toContainEqual({ change: "release", words: "She" });
    expect(result.differences).toContainEqual({
      change: "same",
      words: "represents the very best of",
    });
  });

  it("flags a negation the claim drops", () => {
    const result = verify("Lukashenko said the prisoners were convicted on political grounds");
    expect(result).toMatchObject({ verdict: "paraphrase", speaker: LUKASHENKO });
    expect(result.negation).toEqual({ claim: [], release: ["not"] });
    expect(result.differences).toContainEqual({ change: "release", words: "not" });
  });

  it("flags a negation the claim adds", () => {
    const result = verify("Coale said the US has not lifted sanctions on Belavia");
    expect(result).toMatchObject({ verdict: "paraphrase", speaker: COALE });
    expect(result.negation).toEqual({ claim: ["not"], release: [] });
  });

  it("does not flag the same negation written another way", () => {
    const result = verify('Lukashenko said "It does not matter whether he has stopped seven wars"');
    expect(result.verdict).toBe("paraphrase");
    expect(result.negation).toEqual({ claim: [], release: [] });
    expect(result.differences).toContainEqual({ change: "release", words: "doesn't" });
  });

  it("counts narration that introduces a speaker's quotes as that speaker's account", () => {
    const result = verify('Coale said Trump signed the letter simply "Donald"');
    expect(result).toMatchObject({ verdict: "paraphrase", speaker: COALE });
    expect(result.matches[0]?.entry.kind).toBe("fact");
  });
});

describe("verifyClaim: not_found", () => {
  it("gives no verdict for the least-bad match of a claim the release does not support", () => {
    for (const claim of [
      "Coale said Lukashenko should release all prisoners by Friday",
      "Trump wrote that Lukashenko must free all political prisoners immediately",
      'Lukashenko said "We are ready to join NATO"',
    ]) {
      const result = verify(claim);
      expect(result.verdict, claim).toBe("not_found");
      expect(result.speaker, claim).toBeNull();
    }
  });

  it("finds nothing close for an unrelated claim", () => {
    expect(verify("Lukashenko said the weather in Minsk was lovely")).toMatchObject({
      verdict: "not_found",
      speaker: null,
      matches: [],
    });
  });

  it("finds nothing in a claim without words", () => {
    expect(verify("").verdict).toBe("not_found");
    expect(verify("Coale said").verdict).toBe("not_found");
  });
});

describe("parseClaim: the claimed speaker", () => {
  it("resolves surnames, full names, spellings and transliterations", () => {
    expect(claimedBy('Lukashenka said "This is official"')).toBe(LUKASHENKO);
    expect(claimedBy('Alexander Lukashenko said "This is official"')).toBe(LUKASHENKO);
    expect(claimedBy('Cole said "This is official"')).toBe(COALE);
    expect(claimedBy('Donald wrote "We pray for your health"')).toBe(TRUMP);
  });

  it("resolves offices the release uses for a person", () => {
    expect(claimedBy('The Belarusian leader said "This is official"')).toBe(LUKASHENKO);
    expect(claimedBy('the head of state said "This is official"')).toBe(LUKASHENKO);
    expect(claimedBy('The envoy said "This is official"')).toBe(COALE);
    expect(claimedBy('Trump\'s envoy said "This is official"')).toBe(COALE);
    expect(claimedBy('The US president said "This is official"')).toBe(TRUMP);
    expect(claimedBy('U.S. envoy John Coale said "This is official"')).toBe(COALE);
  });

  it("takes the speaker, not the person spoken to or about", () => {
    expect(claimedBy('Coale told Lukashenko: "No President has made as many efforts"')).toBe(COALE);
    expect(claimedBy("Speaking to Coale, Lukashenko said Donald is a turbulent character")).toBe(
      LUKASHENKO,
    );
    expect(claimedBy('"We will celebrate it," said Aleksandr Lukashenko')).toBe(LUKASHENKO);
    expect(claimedBy("According to Coale, the decision has been made")).toBe(COALE);
    expect(claimedBy("Lukashenko thanked Trump for his efforts towards peace")).toBe(LUKASHENKO);
  });

  it("names no one for a pronoun, or for a source that is not a person", () => {
    expect(claimedBy('He said "This is official"')).toBeNull();
    expect(claimedBy("The release says Coale lifted the sanctions")).toBeNull();
  });

  it("separates the reported words from the attribution", () => {
    expect(
      parseClaim(library, "Trump wrote that Sabalenka represents the very best of Belarus"),
    ).toMatchObject({
      content: "Sabalenka represents the very best of Belarus",
      quoted: [],
    });
    expect(
      parseClaim(library, 'Coale told Lukashenko that "the decision has been made"'),
    ).toMatchObject({
      content: "the decision has been made",
      quoted: ["the decision has been made"],
    });
    // One quoted word is a scare quote, not a quotation.
    expect(parseClaim(library, 'Coale said Trump signed it "Donald"').quoted).toEqual([]);
  });
});

describe("diffWords", () => {
  it("marks the words only one side has and cuts the release to the clause that lines up", () => {
    expect(
      diffWords(
        "the prisoners were convicted",
        "We strongly oppose it. Moreover, they were not convicted on political grounds.",
      ),
    ).toEqual([
      { change: "claim", words: "the prisoners" },
      { change: "release", words: "they" },
      { change: "same", words: "were" },
      { change: "release", words: "not" },
      { change: "same", words: "convicted" },
      { change: "release", words: "on political grounds." },
    ]);
  });
});

describe("verifyClaim on hostile claims: work grows with the claim's length, no faster", () => {
  it("takes off as many layers of quotation marks as fit in a claim", () => {
    const layers = 230;
    const claim = `${"“".repeat(layers)}Coale said the decision has been made${"”".repeat(layers)}`;
    expect(parseClaim(library, claim)).toMatchObject({ claimedSpeaker: { name: COALE } });
  });

  it("reads a claim of thousands of nested quotes and brackets only as far as the limit", () => {
    const claim = `${"“".repeat(1_000)}a b${"[".repeat(2_000)}${"”".repeat(1_000)}`;
    const parsed = parseClaim(library, claim);
    expect(parsed.claimedSpeaker).toBeNull();
    expect(parsed.content.length).toBeLessThanOrEqual(MAX_CLAIM_LENGTH);
  });

  it("checks only the first MAX_CLAIM_LENGTH characters of a longer claim, and says so", () => {
    const claim = `Coale said "The decision has been made" ${"and more words ".repeat(300)}`;
    const result = verify(claim);
    expect(result.cut).toBe(true);
    expect(result.claim.length).toBeLessThanOrEqual(MAX_CLAIM_LENGTH);
    expect(claim.startsWith(result.claim)).toBe(true);
    expect(result).toMatchObject({ verdict: "verbatim", speaker: COALE });
    expect(verify('Coale said "The decision has been made"').cut).toBe(false);
  });

  it("finds quoted words cut between the two words of a country's name", () => {
    const result = verify(
      'Lukashenko said "no President of the United … has made as many efforts"',
    );
    expect(result.verdict).toBe("verbatim");
  });

  it("compares a claim with a statement of a million characters in a bounded table", () => {
    const release = `${"word ".repeat(200_000)}the decision has been made ${"word ".repeat(50_000)}`;
    const parts = diffWords("Coale said the decision was made", release);
    const shown = parts.filter((part) => part.change !== "claim").map((part) => part.words);
    expect(shown.join(" ")).toContain("decision");
    expect(shown.join(" ").split(" ").length).toBeLessThan(50);
  });
});
