import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeText } from "../../src/answers/escape.js";

/** The characters of escaped text that Discord reads as markdown: those no backslash escapes. */
function activeCharacters(escaped: string): string {
  let active = "";
  for (let at = 0; at < escaped.length; at++) {
    if (escaped[at] === "\\") {
      at++;
      active += " ";
    } else {
      active += escaped[at];
    }
  }
  return active;
}

/** What in escaped text would still render as something other than its letters. */
function liveMarkup(escaped: string): string[] {
  const active = activeCharacters(escaped);
  const found: string[] = [];
  if (/\[[^\]]*\]\(/.test(active)) found.push("masked link");
  if (active.includes("`")) found.push("code");
  if (/<[@#]|@everyone|@here/i.test(active)) found.push("mention");
  if (/[*_]/.test(active)) found.push("emphasis");
  return found;
}

const markdownPieces = fc.constantFrom(
  "[",
  "]",
  "(",
  ")",
  "\\",
  "`",
  "```",
  "*",
  "_",
  "@",
  "<",
  "#",
  ">",
  "https://evil.example",
  "everyone",
  "here",
  " ",
  "\n",
  "a",
);
const markdownText = fc.array(markdownPieces, { maxLength: 60 }).map((pieces) => pieces.join(""));

describe("escapeText", () => {
  it("leaves no live masked link, however many are on one line", () => {
    const escaped = escapeText(
      "[source](https://a.example) [Official release](https://evil.example)",
    );
    expect(liveMarkup(escaped)).toEqual([]);
    expect(escaped).toBe(
      "\\[source](https://a.example) \\[Official release](https://evil.example)",
    );
  });

  it("escapes long runs of link brackets in one pass (discord.js's escape backtracks on them)", () => {
    const escaped = escapeText('"[]('.repeat(10_000));
    expect(liveMarkup(escaped)).toEqual([]);
  });

  it("leaves no backtick live, whatever the run of them", () => {
    for (const run of ["`", "``", "```", "````", "`````"]) {
      expect(liveMarkup(escapeText(`a ${run} b ${run}`)), run).toEqual([]);
    }
  });

  it.each([
    ["> quoted", "\\> quoted"],
    ["  > indented", "  \\> indented"],
    ["text\n> second line", "text\n\\> second line"],
    ["a > b", "a > b"],
    ["-# subtext", "\\-# subtext"],
    [" \t-# sub", " \t\\-# sub"],
    ["a -# b", "a -# b"],
    ["# Heading", "\\# Heading"],
    ["## Sub", "\\## Sub"],
    ["- item", "\\- item"],
    ["1. item", "1\\. item"],
  ])(
    "escapes what starts a line as block quote, subtext, heading or list, and only there: %j",
    (text, shown) => {
      expect(escapeText(text)).toBe(shown);
    },
  );

  it("defuses @everyone and @here in any case, and user, role and channel mentions", () => {
    expect(escapeText("@everyone @HERE <@1> <@&2> <#3>")).toBe(
      "@\u200beveryone @\u200bHERE <\u200b@1> <\u200b@&2> <\u200b#3>",
    );
  });

  it("keeps a command mention from showing as one", () => {
    expect(escapeText("run </ask:123456789012345678> now")).not.toContain("</ask");
  });

  it("keeps a backslash in the text from undoing an escape", () => {
    const escaped = escapeText("\\[x](https://evil.example) \\*not bold\\*");
    expect(liveMarkup(escaped)).toEqual([]);
  });

  it("renders no generated input as a link, a mention, emphasis or a code-block break", () => {
    fc.assert(
      fc.property(
        fc.oneof(markdownText, fc.string({ unit: "grapheme", maxLength: 80 })),
        (text) => {
          expect(liveMarkup(escapeText(text))).toEqual([]);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("shows the text as written: each backslash it adds only escapes the character after it", () => {
    fc.assert(
      fc.property(markdownText, (text) => {
        const shown = escapeText(text).replaceAll("\u200b", "").replace(/\\(.)/gs, "$1");
        expect(shown).toBe(text);
      }),
    );
  });
});
