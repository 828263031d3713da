import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Library, LibraryError } from "../../../src/knowledge/library/library.js";

let library: Library;
beforeAll(async () => {
  library = await Library.load("seeds");
});

const top = (question: string) => library.ask(question).results[0]?.entry;

describe("ask", () => {
  it("answers what was lifted with Coale's statement on Belavia", () => {
    const entry = top("what was lifted");
    expect(entry?.speaker).toBe("John Coale");
    expect(entry?.text).toContain("we have lifted sanctions from Belavia");
  });

  it("finds the sanctions through a typo", () => {
    expect(top("sancions")?.text).toMatch(/sanctions/);
  });

  it("reaches synonyms: a removal is a lifting", () => {
    expect(
      library
        .ask("removal of sanctions")
        .results.map((result) => result.entry.text)
        .join(" "),
    ).toContain("lifted sanctions");
    expect(top("what gift was handed over")?.text).toContain("cufflinks");
  });

  it("weighs up the speaker a question names", () => {
    expect(top("what did Coale say about normalizing relations")?.speaker).toBe("John Coale");
    expect(top("what did Lukashenko say about Europe")?.text).toContain("some in Europe");
  });

  it("answers the first thing a speaker said", () => {
    expect(top("what did Lukashenko say first")?.text).toMatch(/^I welcome you to Belarus/);
  });

  it("returns nothing for off-topic questions", () => {
    for (const question of [
      "what is the capital of France",
      "weather in Minsk tomorrow",
      "stock market news",
      "how to bake bread",
    ]) {
      expect(library.ask(question).results, question).toEqual([]);
    }
  });

  it("returns nothing for a question of stop words only", () => {
    expect(library.ask("what is it").results).toEqual([]);
  });

  it("ranks best first with scores in (0, 1], and pages with offset", () => {
    const all = library.ask("sanctions Belavia", { limit: 10 });
    const scores = all.results.map((result) => result.score);
    expect(scores.every((score) => score > 0 && score <= 1)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const second = library.ask("sanctions Belavia", { limit: 1, offset: 1 });
    expect(second.results[0]?.entry.id).toBe(all.results[1]?.entry.id);
    expect(second.total).toBe(all.total);
  });

  it("gives the same answer for its normalized question, so buttons can carry it", () => {
    for (const question of [
      "What did Lukashenko say about Trump's peace efforts?",
      "who gave the order",
      "Alaska",
    ]) {
      const first = library.ask(question, { limit: 5 });
      const again = library.ask(first.query, { limit: 5 });
      expect(again.results.map((result) => result.entry.id)).toEqual(
        first.results.map((result) => result.entry.id),
      );
      expect(again.query).toBe(first.query);
    }
  });

  it("filters to a speaker given as an option", () => {
    const { results, speaker } = library.ask("letter", { speaker: "coale", limit: 10 });
    expect(speaker?.name).toBe("John Coale");
    expect(results.length).toBe(1);
    expect(results.every((result) => result.entry.speaker === "John Coale")).toBe(true);
  });
});

describe("quotes", () => {
  it.each(["Coale", "coale", "Cole", "John Coale", "envoy"])(
    "%s resolves to John Coale",
    (name) => {
      const result = library.quotes(name);
      expect(result.speaker?.name).toBe("John Coale");
      expect(result.status).toBe("found");
    },
  );

  it.each(["Lukashenko", "lukashenka", "Alexander Lukashenko", "head of state"])(
    "%s resolves to Aleksandr Lukashenko",
    (name) => {
      expect(library.quotes(name).speaker?.name).toBe("Aleksandr Lukashenko");
    },
  );

  it.each(["Trump", "Donald"])("%s resolves to Donald Trump", (name) => {
    expect(library.quotes(name).speaker?.name).toBe("Donald Trump");
  });

  it("lists a speaker's quotes in release order", () => {
    const { results } = library.quotes("Coale");
    expect(results.length).toBe(7);
    expect(results.every((entry) => entry.speaker === "John Coale" && entry.kind === "quote")).toBe(
      true,
    );
    const paragraphs = results.map((entry) => entry.source.paragraph);
    expect([...paragraphs].sort((a, b) => a - b)).toEqual(paragraphs);
    expect(results.some((entry) => entry.text.includes("lifted sanctions from Belavia"))).toBe(
      true,
    );
  });

  it("filters by topic", () => {
    const { results } = library.quotes("Coale", { topic: "sanctions" });
    expect(results.length).toBe(2);
    expect(results.every((entry) => /sanction/i.test(entry.text))).toBe(true);
  });

  it("says when someone is mentioned but never quoted", () => {
    const result = library.quotes("Christopher Smith");
    expect(result).toMatchObject({ status: "never-quoted", results: [] });
    expect(result.speaker?.name).toBe("Christopher Smith");
    expect(result.message).toMatch(/never quoted/);
    expect(result.suggestions.length).toBeGreaterThan(0);
  });

  it("says when a name is unknown and suggests the closest speakers", () => {
    const result = library.quotes("Macron");
    expect(result).toMatchObject({ status: "unknown", speaker: null, results: [] });
    expect(result.message).toMatch(/No one called "Macron"/);
    expect(result.suggestions.length).toBeGreaterThan(0);
  });

  it("counts each speaker's quotes", () => {
    const counts = Object.fromEntries(
      library.speakers().map((speaker) => [speaker.name, speaker.quoteCount]),
    );
    expect(counts["Aleksandr Lukashenko"]).toBe(15);
    expect(counts["Christopher Smith"]).toBe(0);
  });
});

describe("loading", () => {
  const made: string[] = [];
  afterAll(async () => {
    await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function folder(files: Record<string, string | Uint8Array>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "readout-"));
    made.push(dir);
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    return dir;
  }
  const good = '22 October 2020\n"We agree," Vladimir Putin said.\n';

  it("rejects a missing folder with a sentence naming it", async () => {
    await expect(Library.load("/nonexistent/seeds")).rejects.toThrow(LibraryError);
    await expect(Library.load("/nonexistent/seeds")).rejects.toThrow(
      /"\/nonexistent\/seeds" does not exist/,
    );
  });

  it("rejects an empty folder", async () => {
    await expect(Library.load(await folder({}))).rejects.toThrow(/holds no \.txt releases/);
  });

  it("skips bad files with a warning naming each, and loads the rest", async () => {
    const dir = await folder({
      "good.txt": good,
      "binary.txt": new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]),
      "latin1.txt": new Uint8Array([0x22, 0x43, 0x61, 0x66, 0xe9, 0x22, 0x0a]),
      "empty.txt": "  \n",
      "huge.txt": "a".repeat(10 * 1024 * 1024),
    });
    const loaded = await Library.load(dir);
    expect(loaded.releases.map((release) => release.file)).toEqual(["good.txt"]);
    const byFile = Object.fromEntries(
      loaded.warnings.map((warning) => [warning.file, warning.message]),
    );
    expect(byFile["binary.txt"]).toMatch(/binary/);
    expect(byFile["latin1.txt"]).toMatch(/not UTF-8/);
    expect(byFile["empty.txt"]).toMatch(/empty/);
    expect(byFile["huge.txt"]).toMatch(/10\.0 MB/);
  });

  it("reads CRLF line ends and a byte-order mark like plain text", async () => {
    const dir = await folder({ "crlf.txt": `\uFEFF${good.replace(/\n/g, "\r\n")}` });
    const [release] = (await Library.load(dir)).releases;
    expect(release?.date).toBe("2020-10-22");
    expect(release?.entries[0]).toMatchObject({ speaker: "Vladimir Putin", text: "We agree" });
  });

  it("fails with a sentence when no file can be loaded", async () => {
    const dir = await folder({ "empty.txt": "" });
    await expect(Library.load(dir)).rejects.toThrow(
      /No release .* could be loaded: empty\.txt is empty/,
    );
  });
});

describe("suggestSpeakers on one or two letters", () => {
  it("offers only the names that start with or hold them, with no loose matches", async () => {
    const seed = await Library.load("seeds");
    expect(seed.suggestSpeakers("x").map((speaker) => speaker.name)).toEqual([
      "Aleksandr Lukashenko",
    ]);
    expect(seed.suggestSpeakers("co").map((speaker) => speaker.name)).toEqual(["John Coale"]);
    expect(seed.resolveSpeaker("c")).toBeNull();
    expect(seed.resolveSpeaker("\u00adp")).toBeNull();
    expect(seed.resolveSpeaker("Cole")?.name).toBe("John Coale");
  });
});

describe("questions typed as in a chat", () => {
  const release = [
    "3 March 2024",
    "Talks in Vienna",
    "Chancellor Hildegard Blake received Minister Vladislav Ostrowski.",
    '"The pipeline agreement is signed," Hildegard Blake said.',
    '"We will lower the tariffs on grain next year," Vladislav Ostrowski said.',
  ].join("\n");
  const talks = Library.fromTexts("fixture", [{ file: "2024-03-03-talks.txt", text: release }]);
  const first = (question: string) => talks.ask(question).results[0]?.entry;

  it("reads chat spellings and filler as the plain question", () => {
    expect(first("wat did they say bout the grain tariffs?? thx 🙏")?.speaker).toBe(
      "Vladislav Ostrowski",
    );
    expect(talks.ask("lol thx 🙏").results).toEqual([]);
  });

  it("takes a name's first letters or a slip of a short name for the person", () => {
    expect(first("wat did vlad say")?.speaker).toBe("Vladislav Ostrowski");
    expect(first("what did blak say")?.speaker).toBe("Hildegard Blake");
  });

  it("does not take a word the releases use for a name it resembles", () => {
    const talk = (extra: string) =>
      Library.fromTexts("fixture", [
        {
          file: "a.txt",
          text: `3 March 2024\nTalks\n"Prices must fall," Anna Coale said.${extra}\n`,
        },
      ]);
    expect(talk("").ask("what did coal say").results[0]?.entry.speaker).toBe("Anna Coale");
    const withCoal = talk("\nThe region's coal exports grew by a tenth.");
    expect(withCoal.ask("coal exports").results[0]?.entry.text).toContain("coal exports grew");
    expect(withCoal.ask("what did coal say").results[0]?.entry.speaker).not.toBe("Anna Coale");
  });
});

describe("a person the question names as speaking", () => {
  const TALKS = [
    "9 May 2024",
    "Talks in Ljubljana",
    "Minister Petra Novak received Ambassador Idris Mensah in Ljubljana.",
    '"I have brought a letter from my President, which I will now read to you," the ambassador said.',
    '"Our countries should trade more grain and timber," Petra Novak said.',
    '"A letter like this is always welcome," Petra Novak said.',
    "Idris Mensah said the timber agreement would be signed in June.",
  ].join("\n");
  const talks = Library.fromTexts("fixture", [
    { file: "2024-05-09-novak-mensah.txt", text: TALKS },
  ]);

  it("is met by their own statements, whose text need not name them", () => {
    const answer = talks.ask("did mensah deliver any letter?");
    expect(answer.results[0]?.entry.speaker).toBe("Idris Mensah");
    expect(answer.results[0]?.entry.text).toContain("I have brought a letter");
  });

  it("is met by narration that names them", () => {
    expect(talks.ask("did mensah give a date for signing")).toMatchObject({
      results: [{ entry: { text: expect.stringContaining("timber agreement") } }],
    });
  });

  it("does not make a question on something never mentioned an answer", () => {
    expect(talks.ask("did mensah bring flowers for the birthday party").results).toEqual([]);
  });
});

describe("a question that asks for a quote", () => {
  const TRADE = [
    "2 June 2024",
    "Minister Petra Novak received Ambassador Idris Mensah. They discussed grain and timber trade.",
    '"Our trade in grain and timber should double," Petra Novak said.',
    "The ministers also discussed the weather.",
  ].join("\n");
  const trade = Library.fromTexts("fixture", [{ file: "2024-06-02-trade.txt", text: TRADE }]);

  it("is answered with quotes only, the word itself being no topic", () => {
    for (const question of ["grain and timber trade - quote?", "novak quote on timber trade"]) {
      const { results } = trade.ask(question);
      expect(results.map((result) => result.entry.kind)).toEqual(["quote"]);
      expect(results[0]?.entry.speaker).toBe("Petra Novak");
    }
  });

  it("puts the quotes of the person named first, and lists every quote when nothing else is asked", () => {
    const both = Library.fromTexts("fixture", [
      {
        file: "2024-06-03-timber.txt",
        text: [
          "3 June 2024",
          "Minister Petra Novak received Ambassador Idris Mensah.",
          '"Timber trade with your country matters to our timber mills," Idris Mensah said.',
          '"Timber trade should grow," Petra Novak said.',
        ].join("\n"),
      },
    ]);
    expect(both.ask("novak quote on timber trade").results[0]?.entry.speaker).toBe("Petra Novak");
    expect(both.ask("quotes?").results.map((result) => result.entry.speaker)).toEqual([
      "Idris Mensah",
      "Petra Novak",
    ]);
  });

  it("falls back to narration when no quote is on the topic", () => {
    expect(trade.ask("weather quote").results[0]?.entry.text).toContain("the weather");
  });
});

describe("a country named one way in the question and another in the release", () => {
  const CREDENTIALS = [
    "23 January 2024",
    "President Ilse Varga received the credentials of new ambassadors.",
    "The Ambassador of Denmark, Lars Holm, presented his letters of credence.",
    "The Ambassador of Portugal, Rita Couto, praised the growth of wine exports.",
  ].join("\n");
  const credentials = Library.fromTexts("fixture", [
    { file: "2024-01-23-credentials.txt", text: CREDENTIALS },
  ]);

  it("is the same country: the people's name meets the country's", () => {
    expect(
      credentials.ask("what did the danish ambassador present").results[0]?.entry.text,
    ).toContain("Lars Holm");
    expect(credentials.ask("portuguese ambassador on exports").results[0]?.entry.text).toContain(
      "wine exports",
    );
  });
});
