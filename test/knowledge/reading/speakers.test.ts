import { beforeAll, describe, expect, it } from "vitest";
import { parseRelease } from "../../../src/knowledge/reading/parse.js";
import { SpeakerRegistry, speakerId } from "../../../src/knowledge/reading/speakers.js";

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
  // Built before the tests rather than while they are collected, so a registry that cannot be
  // built fails these tests instead of stopping the file from loading.
  let speakers: SpeakerRegistry;
  beforeAll(() => {
    speakers = registry();
  });

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

/**
 * Invented releases, read inside each test: Li Hao quoted twice, Anna Weiss twice over two
 * releases, everyone else once; Li Wen and Li Hao share a first name, Dao Minh Vu and Xu Ming
 * have names of two letters.
 */
const TALKS = [
  [
    "one.txt",
    [
      "Chancellor Anna Weiss met with Premier Li Wen, Minister Li Hao and Deputy Minister Xu Ming in Minsk.",
      '"We agree," Anna Weiss said.',
      '"Trade grows," Li Wen said.',
      '"So do we," Li Hao said.',
      '"Indeed," Li Hao added.',
      '"Fine," Ambassador Dao Minh Vu said.',
      '"Noted," Xu Ming said.',
    ],
  ],
  [
    "two.txt",
    [
      "Chancellor Anna Weiss met with Dmitry Ivanenko, Maksim Aksenov and Alex Petrenka.",
      '"We agree," Dmitry Ivanenko said.',
      '"Yes," Maksim Aksenov said.',
      '"Good," Alex Petrenka said.',
      '"Again," Anna Weiss said.',
    ],
  ],
] as const;

function readAll(releases: readonly (readonly [string, readonly string[]])[]) {
  return releases.map(([file, lines]) => parseRelease(file, lines.join("\n")));
}

function registryOf(releases: readonly (readonly [string, readonly string[]])[]): SpeakerRegistry {
  const parsed = readAll(releases);
  return new SpeakerRegistry(
    parsed.map((release) => release.people.people),
    parsed.flatMap((release) => release.release.entries),
  );
}

describe("speakerId for unusual names", () => {
  it("keeps digits and drops the dashes and spaces at either end or repeated", () => {
    expect(speakerId("Agent 007")).toBe("agent-007");
    expect(speakerId("-Anna Weiss-")).toBe("anna-weiss");
    expect(speakerId("Kassym - Jomart Tokayev")).toBe("kassym-jomart-tokayev");
  });
});

describe("SpeakerRegistry over invented releases", () => {
  it("counts each person's quotes across releases, most quoted first, ties by name", () => {
    const speakers = registryOf(TALKS);
    expect(speakers.all().map((speaker) => [speaker.name, speaker.quoteCount])).toEqual([
      ["Anna Weiss", 2],
      ["Li Hao", 2],
      ["Alex Petrenka", 1],
      ["Dao Minh Vu", 1],
      ["Dmitry Ivanenko", 1],
      ["Li Wen", 1],
      ["Maksim Aksenov", 1],
      ["Xu Ming", 1],
    ]);
    expect(speakers.byId("dao-minh-vu")?.name).toBe("Dao Minh Vu");
  });

  it("counts only quotes, and only those of people the releases name", () => {
    const parsed = readAll(TALKS);
    const entries = parsed.flatMap((release) => release.release.entries);
    const quote = entries.find((entry) => entry.speaker === "Xu Ming");
    if (!quote) throw new Error("the fixture quotes Xu Ming");
    const speakers = new SpeakerRegistry(
      parsed.map((release) => release.people.people),
      [
        ...entries,
        { ...quote, id: "extra:1.1", kind: "fact" },
        { ...quote, id: "extra:1.2", speaker: "Nobody Named" },
        { ...quote, id: "extra:1.3", speaker: null },
      ],
    );
    expect(speakers.named("Xu Ming")?.quoteCount).toBe(1);
    expect(speakers.named("Nobody Named")).toBeUndefined();
    expect(speakers.quoted()).toHaveLength(8);
  });

  it("resolves a surname or a first name of two letters exactly, not a first name two share", () => {
    const speakers = registryOf(TALKS);
    expect(speakers.resolve("Vu")?.name).toBe("Dao Minh Vu");
    expect(speakers.resolve("Xu")?.name).toBe("Xu Ming");
    expect(speakers.resolve("Li")).toBeNull();
  });

  it("matches what is typed against transliterations of every name", () => {
    const speakers = registryOf(TALKS);
    expect(names(speakers.suggest("xe"))).toEqual(["Maksim Aksenov"]);
    expect(names(speakers.suggest("ri"))).toEqual(["Dmitry Ivanenko"]);
    expect(names(speakers.suggest("ka"))).toEqual(["Dmitry Ivanenko", "Alex Petrenka"]);
    expect(names(speakers.suggest("ek"))).toEqual(["Alex Petrenka"]);
    expect(names(speakers.suggest("ks"))).toEqual(["Xu Ming", "Maksim Aksenov", "Alex Petrenka"]);
  });

  it("gives the name forms with their transliterations both ways", () => {
    const speakers = registryOf(TALKS);
    const formsOf = (name: string) => {
      const speaker = speakers.named(name);
      if (!speaker) throw new Error(`the fixture names ${name}`);
      return speakers.nameForms(speaker);
    };
    expect(formsOf("Dmitry Ivanenko")).toEqual(["dmitry", "dmitri", "ivanenko", "ivanenka"]);
    expect(formsOf("Maksim Aksenov")).toEqual(["maksim", "maxim", "aksenov", "axenov"]);
    expect(formsOf("Alex Petrenka")).toEqual(["alex", "aleks", "petrenka", "petrenko"]);
  });

  it("reads typed text without case, marks, possessives, punctuation or extra spaces", () => {
    const speakers = registryOf(TALKS);
    expect(speakers.resolve("XU’s")?.name).toBe("Xu Ming");
    expect(speakers.resolve("Vù!")?.name).toBe("Dao Minh Vu");
    expect(names(speakers.suggest(" an "))).toEqual(["Anna Weiss", "Dmitry Ivanenko"]);
    expect(names(speakers.suggest("a  w"))).toEqual(["Anna Weiss", "Li Wen"]);
  });

  it("suggests at most the number asked for, whatever is typed", () => {
    const speakers = registryOf(TALKS);
    expect(names(speakers.suggest("ks", 2))).toEqual(["Xu Ming", "Maksim Aksenov"]);
    expect(names(speakers.suggest("Wes", 1))).toEqual(["Anna Weiss"]);
    expect(names(speakers.closest("Zzyzx", 2))).toEqual(["Anna Weiss", "Li Hao"]);
  });

  it("resolves a misspelling to the closest name, and nothing loosely alike", () => {
    const speakers = registryOf(TALKS);
    expect(speakers.resolve("Ivanenkp")?.name).toBe("Dmitry Ivanenko");
    expect(speakers.resolve("Weisse")?.name).toBe("Anna Weiss");
    expect(speakers.resolve("Zzyzx Quorble")).toBeNull();
    expect(speakers.resolve("Wes")).toBeNull();
    expect(speakers.resolve("Min")?.name).toBe("Xu Ming");
    expect(names(speakers.suggest("Vuu"))).toEqual(["Dao Minh Vu"]);
  });

  it("a word of an office a speaker is called by is matched on its own", () => {
    const speakers = registryOf([
      [
        "office.txt",
        [
          "Chancellor Anna Weiss met with Stefan Novak in Minsk.",
          '"We agree," the head of state said.',
          '"So do we," Stefan Novak said.',
        ],
      ],
    ]);
    expect(speakers.named("Anna Weiss")?.aliases).toContain("head of state");
    expect(names(speakers.suggest("st"))).toEqual(["Anna Weiss", "Stefan Novak"]);
    expect(speakers.resolve("of")).toBeNull();
  });

  it("a word of three letters in an office is not matched as a word of its own", () => {
    const speakers = registryOf([
      [
        "office.txt",
        [
          "Chancellor Anna Weiss met with Fiona Grant in Minsk.",
          '"We agree," the head of the FIS said.',
          '"So do we," Fiona Grant said.',
        ],
      ],
    ]);
    expect(speakers.named("Anna Weiss")?.aliases).toContain("head of the FIS");
    expect(names(speakers.suggest("fi"))).toEqual(["Fiona Grant", "Anna Weiss"]);
  });

  it("a misspelt surname of a three-word name is the same person", () => {
    const speakers = registryOf([
      [
        "a.txt",
        ["Minister Maria Luisa Ferreira met with the press.", '"Yes," Maria Luisa Ferreira said.'],
      ],
      [
        "b.txt",
        ["Minister Maria Luisa Ferriera met with the press.", '"No," Maria Luisa Ferriera said.'],
      ],
    ]);
    expect(names(speakers.all())).toEqual(["Maria Luisa Ferreira"]);
  });

  it("a misspelt full name resolves to its person, not to a more quoted one with a like name", () => {
    const speakers = registryOf([
      [
        "w.txt",
        [
          "Chancellor Anna Weiss met with Minister Karl Weisz and Governor Olaf Weissman in Minsk.",
          '"We agree," Anna Weiss said.',
          '"Yes," Karl Weisz said.',
          '"Again," Karl Weisz said.',
          '"Fine," Olaf Weissman said.',
          '"Good," Olaf Weissman said.',
          '"Noted," Olaf Weissman said.',
        ],
      ],
    ]);
    expect(speakers.resolve("Anna Weis")?.name).toBe("Anna Weiss");
    expect(speakers.resolve("Karl Weiss")?.name).toBe("Karl Weisz");
  });

  it("an alias two speakers share resolves to the more quoted, whichever came first", () => {
    const release = (file: string, name: string, quotes: number) =>
      [
        file,
        [
          `Chancellor ${name} met with the press in Minsk.`,
          ...Array.from({ length: quotes }, (_, index) => `"Point ${index}," ${name} said.`),
        ],
      ] as const;
    const weiss = (first: string, firstQuotes: number, second: string, secondQuotes: number) =>
      registryOf([
        release("first.txt", first, firstQuotes),
        release("second.txt", second, secondQuotes),
      ]).resolve("Weiss")?.name;
    expect(weiss("Anna Weiss", 1, "Karl Weiss", 2)).toBe("Karl Weiss");
    expect(weiss("Karl Weiss", 1, "Anna Weiss", 2)).toBe("Anna Weiss");
    expect(weiss("Anna Weiss", 2, "Karl Weiss", 1)).toBe("Anna Weiss");
  });

  it("keeps one speaker for one person named alone in two releases, or misspelt beside a namesake", () => {
    const speakers = registryOf([
      [
        "a.txt",
        [
          "Minister Pavel Orlov met with Minister Pavel Dvorak in Minsk.",
          '"We agree," Pavel Orlov said.',
          '"Fine," Pavel Dvorak said.',
        ],
      ],
      ["b.txt", ["Minister Pavel Orlof met with Governor Ngata.", '"Yes," Ngata said.']],
      ["c.txt", ["Governor Ngata met with the press.", '"Again," Ngata said.']],
    ]);
    expect(speakers.all().map((speaker) => [speaker.name, speaker.quoteCount])).toEqual([
      ["Ngata", 2],
      ["Pavel Dvorak", 1],
      ["Pavel Orlov", 1],
    ]);
    expect(speakers.named("Pavel Orlov")?.aliases).toEqual(["Pavel Orlof"]);
    expect(speakers.named("Pavel Dvorak")?.aliases).toEqual([]);
  });

  it("never lists a person's own name among their aliases, however many releases name them", () => {
    const speakers = registryOf([
      ["a.txt", ["Chancellor Anna Weiss met with Minister Li Hao.", '"Good," Anna Weiss said.']],
      ["b.txt", ["Chancellor Anna Weiss met with Mayor Ivo Ban.", '"Again," Anna Weiss said.']],
    ]);
    expect(speakers.named("Anna Weiss")?.aliases).not.toContain("Anna Weiss");
  });
});
