import { describe, expect, it } from "vitest";
import type { Answer, Statement } from "../../src/answers/model.js";
import { pressableButtons, renderTerminal } from "../../src/answers/terminal.js";

const statement: Statement = {
  entryId: "e13",
  kind: "quote",
  speaker: "John Coale",
  reportedBy: null,
  letter: false,
  text: "We have lifted sanctions from Belavia.",
  paragraph: 13,
  date: "2025-09-11",
  release: "",
};

const answer: Answer = {
  tone: "answer",
  title: "Ask: what was lifted",
  intro: "2 matching statements, best first.",
  statements: [
    statement,
    {
      ...statement,
      speaker: "Donald Trump",
      letter: true,
      text: "Dear Mr. Lukashenko",
      paragraph: 16,
    },
    {
      ...statement,
      speaker: "Donald Trump",
      reportedBy: "John Coale",
      text: "Wait, come back",
      paragraph: 23,
      date: null,
    },
  ],
  fields: [
    { name: "Quoted in the release", value: "John Coale (3 quotes)\nDonald Trump (2 quotes)" },
  ],
  footer: "Source: Press release · Public · release.txt",
  page: { current: 1, total: 3 },
  buttons: [
    { id: "ask:2::lifted", label: "More results", style: "primary" },
    { id: "ask:0::lifted", label: "Previous", style: "secondary", disabled: true },
    { id: "ask:para:abcdef:13", label: "Show ¶13", style: "secondary" },
  ],
};

describe("renderTerminal", () => {
  it("prints the same content as the embed, as plain text without a terminal", () => {
    expect(renderTerminal(answer)).toBe(
      [
        "Ask: what was lifted",
        "2 matching statements, best first.",
        "",
        "  John Coale",
        "  ¶13 · 11 September 2025",
        '  "We have lifted sanctions from Belavia."',
        "",
        "  Donald Trump (letter)",
        "  ¶16 · 11 September 2025",
        '  "Dear Mr. Lukashenko"',
        "",
        "  Donald Trump, as reported by John Coale",
        "  ¶23 · undated",
        '  "Wait, come back"',
        "",
        "Quoted in the release",
        "  John Coale (3 quotes)",
        "  Donald Trump (2 quotes)",
        "",
        "Source: Press release · Public · release.txt",
        "Page 1 of 3",
        "[1] More results  [2] Show ¶13",
      ].join("\n"),
    );
  });

  it("numbers only the buttons that can be pressed, in the order it prints them", () => {
    expect(pressableButtons(answer).map((button) => button.label)).toEqual([
      "More results",
      "Show ¶13",
    ]);
  });

  it("names the release's own narration", () => {
    const fact: Answer = {
      ...answer,
      statements: [{ ...statement, kind: "fact", speaker: null }],
      fields: [],
      buttons: [],
    };
    expect(renderTerminal(fact)).toContain(
      "  Narration (press release)\n  ¶13 · 11 September 2025",
    );
  });

  it("colours only when asked to", () => {
    expect(renderTerminal(answer)).not.toContain("\u001b[");
    const coloured = renderTerminal(answer, { color: true });
    expect(coloured).toContain("\u001b[1mAsk: what was lifted\u001b[22m");
    expect(coloured).toContain("\u001b[36m[1] More results\u001b[39m");
    expect(renderTerminal({ ...answer, tone: "error" }, { color: true })).toContain(
      "\u001b[31mAsk: what was lifted\u001b[39m",
    );
  });

  it("strips control characters from text, so a release cannot drive the terminal", () => {
    const hostile: Answer = {
      tone: "answer",
      title: "Ask: \u001b[2Jhello",
      statements: [{ ...statement, text: "line\u0007 one\nline\ttwo" }],
      buttons: [],
    };
    const text = renderTerminal(hostile);
    expect(text).not.toContain("\u001b");
    expect(text).not.toContain("\u0007");
    expect(text).toContain("Ask: [2Jhello");
    expect(text).toContain('"line one\n  line\ttwo"');
  });

  it("prints a bare answer with just its title", () => {
    expect(renderTerminal({ tone: "empty", title: "Nothing", statements: [], buttons: [] })).toBe(
      "Nothing",
    );
  });
});

describe("the focus and the direct answer in a terminal", () => {
  it("prints the direct answer under the title and the focus in bold, as on Discord", () => {
    const text = renderTerminal(
      {
        tone: "answer",
        title: "Ask: when",
        direct: "11 September 2025 (the release's date)",
        statements: [
          {
            entryId: "e1",
            kind: "fact",
            speaker: null,
            reportedBy: null,
            letter: false,
            text: "It is done. We agree.",
            focus: "We agree.",
            paragraph: 1,
            date: "2025-09-11",
            release: "",
          },
        ],
        buttons: [],
      },
      { color: true },
    );
    expect(text).toContain("\u001b[1m11 September 2025 (the release's date)\u001b[22m");
    expect(text).toContain('"It is done. \u001b[1mWe agree.\u001b[22m"');
  });
});
