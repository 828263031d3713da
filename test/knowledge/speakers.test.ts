import { describe, expect, it } from "vitest";
import { parseRelease } from "../../src/knowledge/reading/parse.js";
import { SpeakerRegistry, speakerId } from "../../src/knowledge/reading/speakers.js";

/** Two releases: Putin quoted three times (once misspelt), Lukashenko twice, Weiss once, Trump named. */
const RELEASES = [
  [
    "talks.txt",
    [
      "Belarusian President Aleksandr Lukashenko met with Russian President Vladimir Putin.",
      '"We agree," Vladimir Putin said.',
      '"Trade grows," Vladimir Puttin added.',
      '"Good," Aleksandr Lukashenko said.',
      "U.S. President Donald Trump sent a letter.",
    ].join("\n"),
  ],
  [
    "more.txt",
    [
      "Russian President Vladimir Putin met with State Secretary Anna Weiss.",
      '"Again we agree," Vladimir Putin said.',
      '"So do we," Anna Weiss said.',
      '"Thank you," the Belarusian leader Aleksandr Lukashenko said.',
    ].join("\n"),
  ],
] as const;

function registry(): SpeakerRegistry {
  const parsed = RELEASES.map(([file, text]) => parseRelease(file, text));
  return new SpeakerRegistry(
    parsed.map((release) => release.people.people),
    parsed.flatMap((release) => release.release.entries),
  );
}

const names = (speakers: readonly { name: string }[]) => speakers.map((speaker) => speaker.name);

describe("speakerId", () => {
  it("folds a name to lower-case letters and digits joined by dashes", () => {
    expect(speakerId("Aleksandr Lukashénka")).toBe("aleksandr-lukashenka");
    expect(speakerId("  O'Neill, Jr.  ")).toBe("o-neill-jr");
    expect(speakerId("Kassym-Jomart Tokayev")).toBe("kassym-jomart-tokayev");
  });
});

describe("SpeakerRegistry", () => {
  const speakers = registry();

  it("lists the most quoted first, then by name, and people only named last", () => {
    expect(names(speakers.all())).toEqual([
      "Vladimir Putin",
      "Aleksandr Lukashenko",
      "Anna Weiss",
      "Donald Trump",
    ]);
    expect(speakers.all().map((speaker) => speaker.quoteCount)).toEqual([3, 2, 1, 0]);
    expect(names(speakers.quoted())).toEqual([
      "Vladimir Putin",
      "Aleksandr Lukashenko",
      "Anna Weiss",
    ]);
  });

  it("keeps one speaker for one person across releases and spellings", () => {
    const putin = speakers.named("Vladimir Putin");
    expect(putin?.id).toBe("vladimir-putin");
    expect(speakers.byId("vladimir-putin")).toBe(putin);
    expect(speakers.byId("nobody")).toBeUndefined();
    expect(putin?.aliases).toContain("Vladimir Puttin");
    expect(new Set(putin?.aliases).size).toBe(putin?.aliases.length);
  });

  it.each([
    ["Putin", "Vladimir Putin"],
    ["putin's", "Vladimir Putin"],
    ["Lukashenka", "Aleksandr Lukashenko"],
    ["Aleksandr", "Aleksandr Lukashenko"],
    ["Alexandr", "Aleksandr Lukashenko"],
    ["Weis", "Anna Weiss"],
    ["Trump", "Donald Trump"],
  ])("resolves %j to %s", (written, name) => {
    expect(speakers.resolve(written)?.name).toBe(name);
  });

  it("resolves nothing for blank text, a letter or two, a long text, or no one's name", () => {
    for (const written of ["", "  ", "Pu", "x".repeat(101), "Zzyzx Quorble"]) {
      expect(speakers.resolve(written), written).toBeNull();
    }
  });

  it("suggests quoted speakers whose names start with, hold or resemble what is typed", () => {
    expect(names(speakers.suggest(""))).toEqual([
      "Vladimir Putin",
      "Aleksandr Lukashenko",
      "Anna Weiss",
    ]);
    expect(names(speakers.suggest("", 2))).toEqual(["Vladimir Putin", "Aleksandr Lukashenko"]);
    expect(names(speakers.suggest("an"))).toEqual(["Anna Weiss", "Aleksandr Lukashenko"]);
    expect(names(speakers.suggest("wei"))).toEqual(["Anna Weiss"]);
    expect(names(speakers.suggest("Putn"))).toEqual(["Vladimir Putin"]);
    expect(speakers.suggest("Trump")).toEqual([]);
    expect(speakers.suggest("x".repeat(101))).toEqual([]);
  });

  it("offers the closest quoted speakers for a name that resolves to no one, or the most quoted", () => {
    expect(names(speakers.closest("Weis"))).toEqual(["Anna Weiss"]);
    expect(names(speakers.closest("Wiess"))).toEqual([
      "Vladimir Putin",
      "Aleksandr Lukashenko",
      "Anna Weiss",
    ]);
    expect(names(speakers.closest("Zzyzx", 2))).toEqual(["Vladimir Putin", "Aleksandr Lukashenko"]);
  });

  it("gives the single words that name a speaker, with their transliterations, not offices", () => {
    const lukashenko = speakers.named("Aleksandr Lukashenko");
    if (!lukashenko) throw new Error("the fixture names Lukashenko");
    const forms = speakers.nameForms(lukashenko);
    expect(forms).toEqual(
      expect.arrayContaining(["aleksandr", "lukashenko", "lukashenka", "alexandr"]),
    );
    expect(forms).not.toContain("leader");
    expect(forms).not.toContain("belarusian");
  });
});
