import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseHeader } from "../../../src/knowledge/reading/header.js";
import { parseRelease, parsingRelease } from "../../../src/knowledge/reading/parse.js";

const SEED = "2025-09-11-lukashenko-coale.txt";
const seed = parseRelease(SEED, readFileSync(`seeds/${SEED}`, "utf8"));
const LUKASHENKO = "Aleksandr Lukashenko";
const COALE = "John Coale";
const TRUMP = "Donald Trump";

function quotes(text: string, file = "snippet.txt") {
  return parseRelease(file, text).release.entries.filter((entry) => entry.kind === "quote");
}

describe("the seed release", () => {
  const { release } = seed;

  it("reads the distributor header as month/day/year and the publisher", () => {
    expect(release.date).toBe("2025-09-11");
    expect(release.publisher).toBe("Public");
    expect(release.paragraphs[0]).toMatch(/^Belarusian President Aleksandr Lukashenko met with/);
    expect(release.paragraphs).toHaveLength(24);
  });

  it("attributes every quote to the right speaker, in order", () => {
    const speakers = release.entries
      .filter((entry) => entry.kind === "quote")
      .map((entry) => [entry.source.paragraph, entry.speaker, entry.reportedBy, entry.letter]);
    expect(speakers).toEqual([
      [2, LUKASHENKO, null, false],
      [3, LUKASHENKO, null, false],
      [3, LUKASHENKO, null, false],
      [4, COALE, null, false],
      [5, LUKASHENKO, null, false],
      [6, LUKASHENKO, null, false],
      [7, LUKASHENKO, null, false],
      [8, LUKASHENKO, null, false],
      [8, LUKASHENKO, null, false],
      [9, LUKASHENKO, null, false],
      [10, LUKASHENKO, null, false],
      [11, LUKASHENKO, null, false],
      [12, COALE, null, false],
      [13, COALE, null, false],
      [13, TRUMP, COALE, false],
      [14, COALE, null, false],
      [15, COALE, null, false],
      [16, TRUMP, null, true],
      [17, LUKASHENKO, null, false],
      [18, TRUMP, null, true],
      [19, LUKASHENKO, null, false],
      [20, TRUMP, null, true],
      [21, COALE, null, false],
      [23, COALE, null, false],
      [23, TRUMP, COALE, false],
      [24, LUKASHENKO, null, false],
      [24, LUKASHENKO, null, false],
    ]);
  });

  it("keeps quotes verbatim, brackets and inner double quotes included", () => {
    const texts = release.entries.map((entry) => entry.text);
    expect(texts).toContain(
      "We pray for your health and well-being, as well as continued progress toward our shared goals on behalf of the peoples of the United States and Belarusian people",
    );
    expect(texts.find((text) => text.startsWith("And he signed it"))).toBe(
      `And he signed it "Donald." That's a rare act of personal friendship`,
    );
    expect(texts.some((text) => text.includes("[from the Belarusian flag carrier Belavia]"))).toBe(
      true,
    );
    expect(texts).toContain("Do it immediately.");
  });

  it("does not take a word quoted in narration for a quote", () => {
    expect(release.entries.some((entry) => entry.kind === "quote" && entry.text === "Donald")).toBe(
      false,
    );
    const fact = release.entries.find((entry) =>
      entry.text.startsWith("John Coale specifically pointed out"),
    );
    expect(fact?.kind).toBe("fact");
    expect(fact?.text).toContain('simply "Donald" at the end');
  });

  it("turns narration into self-contained facts and keeps bare attributions out", () => {
    const facts = release.entries
      .filter((entry) => entry.kind === "fact")
      .map((entry) => entry.text);
    expect(facts).toContain(
      "John Coale handed over a gift from Donald Trump to Aleksandr Lukashenko. These are cufflinks featuring an image of the White House - the official residence of U.S. Presidents in Washington.",
    );
    expect(facts.some((fact) => fact.includes("on the way to Alaska"))).toBe(true);
    expect(facts.some((fact) => /^the head of state said/i.test(fact))).toBe(false);
    expect(facts.some((fact) => fact === "The letter reads")).toBe(false);
    expect(facts.every((fact) => fact.length > 0)).toBe(true);
  });

  it("gives every entry its source and a unique id", () => {
    const ids = new Set(release.entries.map((entry) => entry.id));
    expect(ids.size).toBe(release.entries.length);
    for (const entry of release.entries) {
      expect(entry.source).toEqual({
        file: SEED,
        date: "2025-09-11",
        dateText: null,
        paragraph: expect.any(Number),
      });
      expect(release.paragraphs[entry.source.paragraph - 1]).toContain(entry.text.slice(0, 30));
    }
  });

  it("registers speakers with aliases and people mentioned but never quoted", () => {
    const names = seed.people.people.map((person) => person.name);
    expect(names).toEqual(
      expect.arrayContaining([LUKASHENKO, COALE, TRUMP, "Christopher Smith", "Aryna Sabalenka"]),
    );
    const coale = seed.people.people.find((person) => person.name === COALE);
    expect([...(coale?.aliases ?? [])]).toEqual(
      expect.arrayContaining(["John Cole", "U.S. Presidential envoy"]),
    );
    const lukashenko = seed.people.people.find((person) => person.name === LUKASHENKO);
    expect([...(lukashenko?.aliases ?? [])]).toEqual(
      expect.arrayContaining(["head of state", "Aleksandr Lukashenka"]),
    );
  });
});

describe("attribution forms", () => {
  const lead =
    "Belarusian President Aleksandr Lukashenko met with Russian President Vladimir Putin.";

  it("a name after the quote, or after the verb", () => {
    const [first, second] = quotes(
      `${lead}\n"We agree," Vladimir Putin said.\n"So do we," stated Aleksandr Lukashenko.`,
    );
    expect(first?.speaker).toBe("Vladimir Putin");
    expect(second?.speaker).toBe(LUKASHENKO);
  });

  it("an office instead of a name", () => {
    const found = quotes(
      `${lead}\n"Welcome," the head of state said.\n"Thank you," the Russian leader replied.\n"Good," the Belarusian leader added.`,
    );
    expect(found.map((entry) => entry.speaker)).toEqual([LUKASHENKO, "Vladimir Putin", LUKASHENKO]);
  });

  it("a pronoun, meaning the person the paragraph or the one before is about", () => {
    const found = quotes(
      `${lead}\nVladimir Putin spoke about trade. "Trade is growing," he added.\nHe also stressed that energy mattered: "Gas prices will stay."`,
    );
    expect(found.map((entry) => entry.speaker)).toEqual(["Vladimir Putin", "Vladimir Putin"]);
  });

  it("a lead-in before a colon", () => {
    const [entry] = quotes(
      `${lead}\nAleksandr Lukashenko emphasized the importance of trade: "We must trade more."`,
    );
    expect(entry?.speaker).toBe(LUKASHENKO);
    expect(entry?.text).toBe("We must trade more.");
  });

  it("a spelling slip of a known name", () => {
    const found = quotes(
      `${lead}\n"Fine," Vladimir Putin said.\n"Agreed," Vladimir Puttin emphasized.`,
    );
    expect(found.map((entry) => entry.speaker)).toEqual(["Vladimir Putin", "Vladimir Putin"]);
  });

  it("a quote interrupted by its attribution stays one speaker's", () => {
    const found = quotes(`${lead}\n"First part," the Russian leader said. "Second part."`);
    expect(found.map((entry) => [entry.speaker, entry.text])).toEqual([
      ["Vladimir Putin", "First part"],
      ["Vladimir Putin", "Second part."],
    ]);
  });

  it("an attribution to someone the release never names leaves the quote without a speaker", () => {
    const found = quotes(
      `${lead}\nVladimir Putin spoke first. "We agree," the deputy minister said.`,
    );
    expect(found.map((entry) => entry.speaker)).toEqual([null]);
  });

  it("quotation marks around nothing but punctuation quote no one", () => {
    expect(quotes(`${lead}\n"," Vladimir Putin said.`)).toEqual([]);
  });

  it("curly quotation marks", () => {
    const [entry] = quotes(`${lead}\n“We are neighbours,” Vladimir Putin said.`);
    expect(entry).toMatchObject({ speaker: "Vladimir Putin", text: "We are neighbours" });
  });

  it("speech quoted in single marks inside a quote is its own entry, reported by the outer speaker", () => {
    const found = quotes(
      `${lead}\n"Then Vladimir Putin told me: 'Call me tomorrow.' And I did," Aleksandr Lukashenko said.`,
    );
    expect(found.map((entry) => [entry.speaker, entry.reportedBy, entry.text])).toEqual([
      [LUKASHENKO, null, "Then Vladimir Putin told me: 'Call me tomorrow.' And I did"],
      ["Vladimir Putin", LUKASHENKO, "Call me tomorrow."],
    ]);
  });

  it("speakers quoting themselves inside a quote keep the words as their own", () => {
    const found = quotes(
      `${lead}\n"I told him: 'Let us act together,'" Aleksandr Lukashenko recalled.`,
    );
    expect(found.map((entry) => [entry.speaker, entry.reportedBy, entry.text])).toEqual([
      [LUKASHENKO, null, "I told him: 'Let us act together,'"],
      [LUKASHENKO, null, "Let us act together"],
    ]);
  });

  it("a letter read out is its author's, marked as a letter", () => {
    const found = quotes(
      `${lead}\n"I have a letter from President Putin," Aleksandr Lukashenko said.\nThe letter reads: "Dear friend, congratulations."\n"Warm regards to all," the letter says.`,
    );
    expect(found.slice(1).map((entry) => [entry.speaker, entry.letter])).toEqual([
      ["Vladimir Putin", true],
      ["Vladimir Putin", true],
    ]);
  });

  it("an unbalanced quotation mark is read to the end of its paragraph with a warning", () => {
    const parsed = parseRelease(
      "broken.txt",
      `${lead}\n"This never closes, Vladimir Putin said.\nAleksandr Lukashenko said: "Fine."`,
    );
    expect(parsed.warnings).toEqual([
      expect.objectContaining({ file: "broken.txt", paragraph: 2 }),
    ]);
    expect(parsed.release.entries.filter((entry) => entry.kind === "quote").at(-1)?.speaker).toBe(
      LUKASHENKO,
    );
  });
});

describe("attribution in other press services' styles", () => {
  const speakers = (text: string) => quotes(text).map((entry) => entry.speaker);

  it("an office written out before the name, then used alone", () => {
    expect(
      speakers(
        [
          "Chancellor Hildegard Blake met with Governor of Ruritania's Northern Territory Ivan Markov on 4 May.",
          '"We will trade more," the governor noted.',
          "Chancellor Hildegard Blake received Head of Ruritania's Foreign Intelligence Service (FIS) Pavel Orlov.",
          '"The talks were useful," the FIS head emphasized.',
          '"We will meet again," the FIS director added.',
        ].join("\n"),
      ),
    ).toEqual(["Ivan Markov", "Pavel Orlov", "Pavel Orlov"]);
  });

  it("a country's name before a name is not part of it, for any country", () => {
    const parsed = parseRelease(
      "talks.txt",
      [
        "Minister of Foreign Affairs of Finland Ivan Markov held talks with Minister of Foreign Affairs of Mongolia Batbayar Dorj in Ulaanbaatar.",
        '"We are expanding our ties," Markov was quoted as saying by the ministry.',
        '"Mongolia values the partnership," said Dorj.',
      ].join("\n"),
    );
    expect(parsed.people.people.map((person) => person.name)).toEqual([
      "Ivan Markov",
      "Batbayar Dorj",
    ]);
    expect(
      parsed.release.entries
        .filter((entry) => entry.kind === "quote")
        .map((entry) => entry.speaker),
    ).toEqual(["Ivan Markov", "Batbayar Dorj"]);
  });

  it("an honorific with a full stop, and the one spoken to, are not the speaker", () => {
    expect(
      speakers(
        [
          "Secretary General Jens Holm met with Secretary of State Anna Weiss.",
          "The Secretary General thanked Secretary Weiss for her leadership.",
          '"Your leadership has been outstanding," said Mr. Holm.',
          '"We have work to do," said the Secretary of State to Secretary General Holm.',
        ].join("\n"),
      ),
    ).toEqual(["Jens Holm", "Anna Weiss"]);
  });

  it("a surname after an honorific, and a name with a particle", () => {
    expect(
      speakers(
        [
          "Prime Minister Anna Weiss met with President elect of the European Council Herman van Rompuy.",
          '"Consensus takes work," said the European Council President to Prime Minister Weiss.',
          'In the palace, Mr Orbán said: "It is an honour to be here."',
        ].join("\n"),
      ),
    ).toEqual(["Herman van Rompuy", "Orbán"]);
  });

  it("the head of state is whom the release's lead names first, not a catalogue's", () => {
    expect(
      speakers(
        [
          "President of Finland Ivan Markov held a meeting with Russian President Vladimir Putin.",
          "During the talks, Ivan Markov thanked Vladimir Putin for his visit.",
          '"Our chairmanship was a responsible mission," said the president.',
          '"We welcome you," the head of state said.',
          'Vladimir Putin replied that he was glad. "The talks were good," the president said.',
        ].join("\n"),
      ),
    ).toEqual(["Ivan Markov", "Ivan Markov", "Vladimir Putin"]);
  });

  it("a surname alone that the release names again and that speaks, but not a capital", () => {
    const parsed = parseRelease(
      "visit.txt",
      [
        "Governor Mauricio Vila Dosal met with the Consul General before Ngutter's departure.",
        "Vila Dosal thanked Ngutter for her work. Moscow said nothing.",
        "Ngutter also expressed her appreciation for the partnership.",
        '"We have shown that we can achieve great things," she said.',
      ].join("\n"),
    );
    expect(parsed.people.people.map((person) => person.name)).toEqual([
      "Mauricio Vila Dosal",
      "Ngutter",
    ]);
    expect(parsed.release.entries.find((entry) => entry.kind === "quote")?.speaker).toBe("Ngutter");
  });

  it("a suffix is not the surname, and a diplomat is the ambassador", () => {
    expect(
      speakers(
        [
          "President Ferdinand Marcos Jr. met with Italian ambassador Marco Clemente.",
          '"Our relations have always been cordial," Marcos told the ambassador.',
          '"You mean business," the Italian diplomat said.',
        ].join("\n"),
      ),
    ).toEqual(["Ferdinand Marcos", "Marco Clemente"]);
  });

  it("a quote inside a sentence of reported speech is that sentence's speaker's", () => {
    expect(
      speakers(
        [
          "Russian President Vladimir Putin held a meeting with Secretary-General Ana Lopes.",
          "Ana Lopes spoke about the dialogue.",
          "The President stressed that Russia \u201chas always advocated a strong United Nations\u201d.",
          "Lopes, in turn, acknowledged the role of Russia \u201cin all other aspects of international relations.\u201d",
        ].join("\n"),
      ),
    ).toEqual(["Vladimir Putin", "Ana Lopes"]);
  });

  it("speech over two paragraphs, the first left open, is one speaker's, named in either", () => {
    const parsed = parseRelease(
      "speech.txt",
      [
        "Belarusian President Aleksandr Lukashenko met with Russian President Vladimir Putin.",
        "\u201cWe will build the rail link together. It will take years.",
        "\u201cAnd we will open the border next spring,\u201d Vladimir Putin said.",
        "Aleksandr Lukashenko said: \u201cTrade comes first.",
        "\u201cEverything else follows.\u201d",
      ].join("\n"),
    );
    expect(
      parsed.release.entries
        .filter((entry) => entry.kind === "quote")
        .map((entry) => [entry.source.paragraph, entry.speaker]),
    ).toEqual([
      [2, "Vladimir Putin"],
      [3, "Vladimir Putin"],
      [4, LUKASHENKO],
      [5, LUKASHENKO],
    ]);
    expect(parsed.warnings).toEqual([]);
  });

  it("an office set off by a comma, and the same office under another government's name", () => {
    expect(
      speakers(
        [
          "The Secretary of Foreign Affairs, Marcelo Ortega and his Argentine counterpart, Santiago Luis Pereyra, met in Mexico City.",
          "Ortega stressed that all countries should take part.",
          "The Mexican foreign minister said more.",
          "\u201cWe will see what happens in the next days,\u201d he added.",
        ].join("\n"),
      ),
    ).toEqual(["Marcelo Ortega"]);
  });

  it("the nationality that goes with an office is the one just before it", () => {
    const parsed = parseRelease(
      "talks.txt",
      'Attempts to isolate Ruritania and Russia have failed, Belarusian President Aleksandr Lukashenko said as he met Sergey Lavrov.\n"We stand our ground," the Belarusian leader stressed.',
    );
    expect(parsed.people.people.find((person) => person.name === LUKASHENKO)?.nationality).toBe(
      "blr",
    );
    expect(parsed.release.entries.find((entry) => entry.kind === "quote")?.speaker).toBe(
      LUKASHENKO,
    );
  });
});

describe("headers", () => {
  it("a title and a date line", () => {
    expect(parseHeader(["Lukashenko meets Putin", "22 October 2020", "Body."])).toMatchObject({
      date: "2020-10-22",
      title: "Lukashenko meets Putin",
      bodyStart: 2,
    });
  });

  it("a date line alone", () => {
    expect(parseHeader(["22 October 2020", "Body."])).toMatchObject({
      date: "2020-10-22",
      bodyStart: 1,
    });
  });

  it("no header at all leaves the date null", () => {
    expect(parseHeader(["Aleksandr Lukashenko met Vladimir Putin.", "Body."])).toMatchObject({
      date: null,
      title: null,
      bodyStart: 0,
    });
  });

  it("rejects impossible dates", () => {
    expect(parseHeader(["31 February 2020", "Body."]).date).toBeNull();
  });
});

describe("dates and places as publishers print them", () => {
  const read = (lines: string[]) => parseRelease("r.txt", lines.join("\n")).release;
  const LEAD = "Minister Anna Weiss met with Minister Jan Novak.";
  const BODY = '"We agree," Anna Weiss said.';

  it.each([
    [["15:48 03 November 2022", "Weiss meets Novak", LEAD, BODY], "2022-11-03"],
    [["Weiss met Novak", "08 February 2024, 14:55", LEAD, BODY], "2024-02-08"],
    [["Weiss and Novak held talks", "28.05.2022 [20:41]", LEAD, BODY], "2022-05-28"],
    [["PM call with Minister Novak: 15 September 2017", LEAD, BODY], "2017-09-15"],
    [["Weiss has met Novak", "2009 12 09", LEAD, BODY], "2009-12-09"],
    [
      [
        "Talks on trade",
        "06 Sep. 2018 - 07 Sep. 2018",
        "Last updated: 07 Sep. 2018 07:28",
        LEAD,
        BODY,
      ],
      "2018-09-06",
    ],
    [["Xi meets Novak", "Xinhua) 16:40, June 19, 2023", LEAD, BODY], "2023-06-19"],
    [
      ["On March 14, 2016, Minister Anna Weiss held talks with Minister Jan Novak.", BODY],
      "2016-03-14",
    ],
    [[LEAD, BODY, "Published 3 March 2024"], "2024-03-03"],
  ])("reads the date of %j", (lines, date) => {
    expect(read(lines).date).toBe(date);
  });

  it("reads a lead with a long run of spaces after its date at once", () => {
    const lead = `Minister Anna Weiss met Minister Jan Novak on 15 April${" ".repeat(200_000)}in Minsk.`;
    expect(read(["Talks", lead, BODY]).dateText).toBe("15 April");
  });

  it("keeps the day and month as written when the release gives no year, and invents none", () => {
    const release = read([
      "Minister Anna Weiss met with Minister Jan Novak in Minsk on 15 April.",
      BODY,
    ]);
    expect(release).toMatchObject({ date: null, dateText: "15 April", place: "Minsk" });
    expect(release.entries.map((entry) => entry.source.dateText)).toEqual(["15 April", "15 April"]);
    expect(read([LEAD, BODY])).toMatchObject({ date: null, dateText: null });
  });

  it.each([
    [["MINSK, (BelTA) – Minister Anna Weiss held talks with Minister Jan Novak.", BODY], "Minsk"],
    [
      [
        "Weiss met Novak",
        "Astana. July 4. KazTAG - Minister Anna Weiss held a meeting with Jan Novak.",
        BODY,
      ],
      "Astana",
    ],
    [
      ["Weiss and Novak held talks", "28.05.2022 [20:41]", "Baku, May 28, AZERTAC", LEAD, BODY],
      "Baku",
    ],
    [
      ["Minister Anna Weiss met with Minister Jan Novak in The Hague on Thursday.", BODY],
      "The Hague",
    ],
    [["Talks between Weiss and Novak start in Vienna", LEAD, BODY], "Vienna"],
    [["Minister Anna Weiss met with U.S. Secretary Jan Novak in Riyadh.", BODY], "Riyadh"],
    [["Minister Anna Weiss met with Minister Jan Novak in July.", BODY], null],
    [[LEAD, BODY], null],
    [["Minister Anna Weiss held talks with Jan Novak at State House, Nairobi.", BODY], "Nairobi"],
    [["Minister Anna Weiss met with Minister Jan Novak at the G7 Summit in Italy.", BODY], null],
    [
      [
        "ATHENS – Minister Anna Weiss received visiting Polish President Jan Novak at the mansion in Athens.",
        BODY,
      ],
      "Athens",
    ],
    [["UPDATE - Weiss meets Novak", "By JANE DOE", LEAD, BODY], null],
    [["Jakarta (ANTARA) – The ministers agreed to meet again.", LEAD, BODY], "Jakarta"],
    [["RIO DE JANEIRO (Sputnik - 26th July, 2019) The ministers agreed.", BODY], "Rio De Janeiro"],
    [[LEAD, "Anna Weiss thanked Jan Novak for coming to Minsk.", BODY], "Minsk"],
    [
      ["New York", "17 September 2023", "Readout of the meeting of Weiss and Novak", LEAD, BODY],
      "New York",
    ],
  ])("reads the place of %j", (lines, place) => {
    expect(read(lines).place).toBe(place);
  });
});

describe("parsingRelease", () => {
  it("gives way at least once a paragraph, and ends with what parseRelease gives", () => {
    const text = `22 October 2020\n${'"We agree," Vladimir Putin said.\n'.repeat(50)}`;
    const steps = parsingRelease("steps.txt", text);
    let count = 0;
    let step = steps.next();
    while (!step.done) {
      count++;
      step = steps.next();
    }
    expect(count).toBeGreaterThanOrEqual(50);
    expect(step.value.release).toEqual(parseRelease("steps.txt", text).release);
  });
});
