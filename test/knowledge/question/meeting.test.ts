import { describe, expect, it } from "vitest";
import { Library } from "../../../src/knowledge/library/library.js";
import { meetingAspect } from "../../../src/knowledge/question/meeting.js";

const TALKS = [
  "12 March 2024",
  "Talks in Vienna",
  "Chancellor Hildegard Blake met with Minister Vladislav Ostrowski in Vienna.",
  '"It is good to see you again. We have much to discuss about trade and the border," Hildegard Blake said.',
  '"We agreed to open a new border crossing next year," Hildegard Blake said.',
  '"Our farmers will welcome the lower tariffs on grain and fruit," Vladislav Ostrowski said.',
  "State Secretary Anna Weiss, who was also present at the talks, explained the new customs rules.",
  '"Thank you!" Hildegard Blake said.',
].join("\n");

const talks = Library.fromTexts("fixture", [{ file: "2024-03-12-talks.txt", text: TALKS }]);
const ask = (question: string, options = {}) => talks.ask(question, options);
const paragraphs = (question: string, options = {}) =>
  ask(question, options).results.map((result) => result.entry.source.paragraph);

describe("meetingAspect", () => {
  it("tells questions about the meeting itself from questions about what was said", () => {
    const aspect = (question: string) => meetingAspect(question.toLowerCase().split(/\W+/));
    expect(aspect("when did they meet")).toBe("when");
    expect(aspect("what day was the minister received")).toBe("when");
    expect(aspect("where were the talks held")).toBe("where");
    expect(aspect("who did the chancellor sit down with")).toBe("who");
    expect(aspect("list everyone who took part")).toBe("who");
    expect(aspect("what came out of it")).toBe("outcome");
    expect(aspect("any concrete results")).toBe("outcome");
    expect(aspect("tl;dr")).toBe("summary");
    expect(aspect("what happened")).toBe("summary");
    expect(aspect("when will the crossing open")).toBeNull();
    expect(aspect("what happened to the grain tariffs")).toBeNull();
    expect(aspect("who was involved in the border deal")).toBeNull();
    expect(aspect("what did the minister say about grain")).toBeNull();
  });

  it("reads a date after 'on' as the day of the meeting, not a topic", () => {
    const aspect = (question: string) => meetingAspect(question.toLowerCase().split(/\W+/));
    expect(aspect("who did the chancellor meet on sept 15")).toBe("who");
    expect(aspect("who did the chancellor meet on 15th March")).toBe("who");
    expect(aspect("who did the chancellor meet on trade")).toBeNull();
    expect(aspect("who took part in the march")).toBeNull();
    expect(aspect("governor meeting date")).toBe("when");
    expect(aspect("when did they meet on 2024 trade")).toBeNull();
  });
});

describe("questions about the meeting", () => {
  it("answers when with the release's date, the lead first", () => {
    expect(ask("when did they meet").direct).toBe("12 March 2024 (the release's date)");
    expect(paragraphs("when did they meet")[0]).toBe(1);
  });

  it("answers where with the place the lead names", () => {
    expect(ask("where did they meet?").direct).toBe("Vienna");
  });

  it("answers who with who met whom and who else was present", () => {
    const answer = ask("who took part pls");
    expect(answer.direct).toBe(
      "Hildegard Blake met Vladislav Ostrowski; Anna Weiss was also present",
    );
    expect(paragraphs("who took part")).toEqual([1, 5]);
    expect(paragraphs("who else was present")[0]).toBe(5);
  });

  it("gives the date as printed, with no year, when the release has no dated header", () => {
    const undated = Library.fromTexts("fixture", [
      {
        file: "talks.txt",
        text: 'Chancellor Hildegard Blake met with Minister Vladislav Ostrowski in Vienna on 15 April.\n"We agree," Hildegard Blake said.\n',
      },
    ]);
    expect(undated.ask("when was the meeting").direct).toBe("15 April (the release gives no year)");
  });

  it("answers what came of it with the decisions first, and tl;dr with the brief", () => {
    expect(paragraphs("so what came out of it?")[0]).toBe(3);
    const brief = ask("tl;dr", { limit: 10 });
    expect(brief.direct).toBeNull();
    expect(brief.total).toBeLessThanOrEqual(6);
    expect(brief.results.map((result) => result.entry.source.paragraph)).toEqual([1, 2, 3, 4]);
    expect(brief.results.map((result) => result.entry.text)).not.toContain("Thank you!");
  });

  it("lists the same statements and the same total on every page", () => {
    const all = ask("who took part", { limit: 50 });
    const pages = [0, 2, 4].map((offset) => ask("who took part", { limit: 2, offset }));
    for (const page of pages) expect(page.total).toBe(all.total);
    expect(pages.flatMap((page) => page.results.map((result) => result.entry.id))).toEqual(
      all.results.map((result) => result.entry.id).slice(0, 6),
    );
  });

  it("leaves a question about what was said to the search, with no direct answer", () => {
    const answer = ask("what did Ostrowski say about grain");
    expect(answer.direct).toBeNull();
    expect(answer.results[0]?.entry.source.paragraph).toBe(4);
  });
});

describe("focus", () => {
  it("marks the sentence of a statement that answers, verbatim", () => {
    const [first] = ask("what did Blake say about the border").results;
    expect(first?.entry.source.paragraph).toBe(2);
    expect(first?.focus).toBe("We have much to discuss about trade and the border");
    expect(first?.entry.text).toContain(first?.focus ?? "-");
  });
});

describe("questions about a meeting among several releases", () => {
  const two = Library.fromTexts("fixture", [
    { file: "2024-03-12-talks.txt", text: TALKS },
    {
      file: "2024-06-05-prague.txt",
      text: [
        "5 June 2024",
        "Talks in Prague",
        "Chancellor Hildegard Blake met with President Marek Nowak in Prague.",
        '"We will build the rail link together," Marek Nowak said.',
      ].join("\n"),
    },
  ]);

  it("answers from the release that names everyone the question names", () => {
    expect(two.ask("when did Blake meet Nowak").direct).toBe("5 June 2024 (the release's date)");
    expect(two.ask("when did blake meet ostrowski").direct).toBe(
      "12 March 2024 (the release's date)",
    );
    expect(two.ask("where did Blake and Nowak meet").direct).toBe("Prague");
  });

  it("reads a surname that is a month or a word only where it stands in a name", () => {
    const library = Library.fromTexts("fixture", [
      {
        file: "2017-09-15-call.txt",
        text: [
          "15 September 2017",
          "Prime Minister Theresa May spoke to President Donald Trump about the attack.",
          '"We stand with you," Theresa May said.',
        ].join("\n"),
      },
      {
        file: "2024-05-14-talks.txt",
        text: [
          "14 May 2024",
          "President Ana Costa held talks with President Ion Rusu in Lisbon on 14 May, and they may meet again.",
          '"We may sign more," Ion Rusu said.',
        ].join("\n"),
      },
    ]);
    expect(library.ask("who was on the call", { release: "2017-09-15-call" }).direct).toBe(
      "Theresa May spoke with Donald Trump",
    );
    expect(library.ask("who took part", { release: "2024-05-14-talks" }).direct).toBe(
      "Ana Costa met Ion Rusu",
    );
  });

  it('takes no one\'s initial for a name: "E. Varga" is not named by "H.E." elsewhere', () => {
    const library = Library.fromTexts("fixture", [
      {
        file: "2024-02-01-budapest.txt",
        text: [
          "1 February 2024",
          "Prime Minister Eszter Varga received Minister Tomas Lind in Budapest.",
          '"Our trade has doubled," E. Varga said.',
        ].join("\n"),
      },
      {
        file: "2024-02-09-geneva.txt",
        text: [
          "9 February 2024",
          "President Alain Dufour met H.E. Mr. Pedro Alves in Geneva.",
          '"We spoke about the harbour," Pedro Alves said.',
        ].join("\n"),
      },
    ]);
    expect(library.ask("who took part", { release: "2024-02-09-geneva" }).direct).toBe(
      "Alain Dufour met Pedro Alves",
    );
  });
});

describe("a host the lead names only by office", () => {
  it("is that office, in the release's words", () => {
    const readout = Library.fromTexts("fixture", [
      {
        file: "2014-01-15-readout.txt",
        text: [
          "15 January 2014",
          "The Secretary-General met today with the Foreign Minister of Norway, Kari Dahl, in Geneva.",
          '"We discussed the refugees," Kari Dahl said.',
        ].join("\n"),
      },
    ]);
    expect(readout.ask("who took part").direct).toBe("The Secretary-General met Kari Dahl");
  });

  it("is an office only: a phrase before the verb that names none is no host", () => {
    const lead = (sentence: string) =>
      Library.fromTexts("fixture", [
        {
          file: "2014-01-15-readout.txt",
          text: ["15 January 2014", sentence, '"We discussed the refugees," Kari Dahl said.'].join(
            "\n",
          ),
        },
      ]).ask("who took part").direct;
    expect(lead("The Prime Minister today met with Minister Kari Dahl in Oslo.")).toBe(
      "The Prime Minister met Kari Dahl",
    );
    expect(lead("After the talks, the two leaders met Minister Kari Dahl in Oslo.")).toBeNull();
    expect(lead("The President of the Republic of Korea met Minister Kari Dahl.")).toBeNull();
    expect(lead("The Sunday Times met Minister Kari Dahl.")).toBeNull();
  });

  it("is not put before a host the lead names", () => {
    const named = Library.fromTexts("fixture", [
      {
        file: "2024-04-02-talks.txt",
        text: [
          "2 April 2024",
          "The Chancellor Hildegard Blake met the Foreign Minister of Norway, Kari Dahl, in Bonn.",
          '"We discussed the refugees," Kari Dahl said.',
        ].join("\n"),
      },
    ]);
    expect(named.ask("who took part").direct).toBe("Hildegard Blake met Kari Dahl");
  });
});

describe("questions about a call", () => {
  const CALL = [
    "20 May 2024",
    "Chancellor Hildegard Blake spoke by phone with President Marek Nowak.",
    '"We will meet in Prague in June," Marek Nowak said.',
    '"The call was useful," Hildegard Blake said.',
  ].join("\n");
  const TALKS_WITH_CALL = [
    "9 May 2024",
    "Chancellor Hildegard Blake met with Minister Vladislav Ostrowski in Vienna.",
    '"President Marek Nowak called me last week about the border," Vladislav Ostrowski said.',
  ].join("\n");

  it("answers when and who about the call where the meeting was a call", () => {
    const call = Library.fromTexts("fixture", [{ file: "call.txt", text: CALL }]);
    expect(call.ask("when was the call").direct).toBe("20 May 2024 (the release's date)");
    expect(call.ask("who called who").direct).toBe("Hildegard Blake spoke with Marek Nowak");
  });

  it("reads the call from the lead's first sentence that names someone, past a dateline", () => {
    const datelined = [
      "20 May 2024",
      "PRAGUE, May 20. /Agency/. President Marek Nowak has had a telephone conversation with Chancellor Hildegard Blake, presidential spokesman Jan Dvorak told reporters.",
      '"The call was useful," Jan Dvorak said.',
    ].join("\n");
    const call = Library.fromTexts("fixture", [{ file: "call.txt", text: datelined }]);
    expect(call.ask("who did Nowak call on May 20").direct).toBe(
      "Marek Nowak spoke with Hildegard Blake",
    );
  });

  it("keeps those who met when the lead's last clause both reports and tells of the meeting", () => {
    const lead = [
      "3 May 2024",
      "On 3 May, Chancellor Hildegard Blake met with President Marek Nowak and said ties were strong.",
      '"Good," Marek Nowak said.',
    ].join("\n");
    const talks = Library.fromTexts("fixture", [{ file: "talks.txt", text: lead }]);
    expect(talks.ask("who took part").direct).toBe("Hildegard Blake met Marek Nowak");
  });

  it("names people who share a first name by the rest of their names", () => {
    // Zelensky is quoted more, so "Vladimir" alone would be his.
    const zelensky = {
      file: "a.txt",
      text: [
        "1 May 2024",
        "President Vladimir Zelensky met with Minister Anna Weiss.",
        '"We agree," Vladimir Zelensky said.',
        '"Trade grows," Vladimir Zelensky said.',
      ].join("\n"),
    };
    const withPutin = (lead: string) =>
      Library.fromTexts("fixture", [
        zelensky,
        { file: "b.txt", text: ["2 May 2024", lead, '"Good," Vladimir Putin said.'].join("\n") },
      ]).ask("who took part", { release: "b" }).direct;
    expect(withPutin("President Vladimir Putin met with Minister Karl Brandt.")).toBe(
      "Vladimir Putin met Karl Brandt",
    );
    expect(
      withPutin("President Vladimir Putin spoke by phone with President Vladimir Zelensky."),
    ).toBe("Vladimir Putin spoke with Vladimir Zelensky");
  });

  it("leaves a call that is a topic of talks in person to the search", () => {
    const talks = Library.fromTexts("fixture", [{ file: "talks.txt", text: TALKS_WITH_CALL }]);
    const answer = talks.ask("when did Nowak call");
    expect(answer.direct).toBeNull();
    expect(answer.results[0]?.entry.source.paragraph).toBe(2);
  });
});
