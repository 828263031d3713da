import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answers/model.js";
import ask, { askAnswer } from "../../src/commands/ask.js";
import type { Command } from "../../src/commands/command.js";
import { commands, findButtonCommand } from "../../src/commands/index.js";
import quotes from "../../src/commands/quotes.js";
import { Library } from "../../src/knowledge/library/library.js";

/** The commands against the real library and the seed release. */
const library = await Library.load("seeds");
const context = { library };
const request = (options: Record<string, string | boolean>) => ({ options, userId: "u1" });

async function press(answer: Answer, label: string): Promise<Answer> {
  const button = answer.buttons.find((candidate) => candidate.label === label);
  if (!button) throw new Error(`no “${label}” button among ${answer.buttons.map((b) => b.label)}`);
  const found = findButtonCommand(button.id);
  if (!found?.command.button) throw new Error(`no handler for ${button.id}`);
  return found.command.button(found.state, request({}), context);
}

function allButtonIds(answer: Answer): string[] {
  return answer.buttons.map((button) => button.id);
}

describe("commands on the seed release", () => {
  it("page through /ask with More results and back with Previous", async () => {
    const first = await ask.execute(request({ question: "what did trump write" }), context);
    expect(first.tone).toBe("answer");
    const second = await press(first, "More results");
    expect(second.page?.current).toBe(2);
    const firstIds = first.statements.map((s) => s.entryId);
    for (const statement of second.statements) expect(firstIds).not.toContain(statement.entryId);
    const back = await press(second, "Previous");
    expect(back.statements.map((s) => s.entryId)).toEqual(firstIds);
  });

  it("show the paragraph a statement stands in", async () => {
    const answer = await ask.execute(request({ question: "what was lifted" }), context);
    const paragraph = await press(answer, "Show ¶13");
    expect(paragraph.ephemeral).toBe(true);
    expect(paragraph.intro).toContain("we have lifted sanctions from Belavia");
    expect(paragraph.fields?.[0]?.value).toContain("John Coale");
  });

  it("keep custom ids within 100 characters and unique within an answer", async () => {
    const question =
      "what did the president of belarus say about peace sanctions prisoners ".repeat(4);
    for (const [command, options] of [
      [ask, { question: question.slice(0, 300), speaker: "Lukashenko" }],
      [ask, { question: "peace" }],
      [quotes, { speaker: "Lukashenko", topic: question.slice(0, 100) }],
      [quotes, { speaker: "Lukashenko" }],
    ] as [Command, Record<string, string>][]) {
      const answer = await command.execute(request(options), context);
      const ids = allButtonIds(answer);
      for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
      expect(new Set(ids).size).toBe(ids.length);
      const next = answer.buttons.find((button) => ["More results", "Next"].includes(button.label));
      if (next) expect((await press(answer, next.label)).tone).toBe("answer");
    }
  });

  it("walk through every page of /quotes and see each quote once, in release order", async () => {
    const speaker = library.resolveSpeaker("Lukashenko");
    let answer = await quotes.execute(request({ speaker: "Lukashenko" }), context);
    const seen = answer.statements.map((s) => s.entryId);
    while (answer.buttons.some((button) => button.label === "Next")) {
      answer = await press(answer, "Next");
      seen.push(...answer.statements.map((s) => s.entryId));
    }
    expect(seen).toEqual(library.quotes("Lukashenko").results.map((entry) => entry.id));
    expect(seen).toHaveLength(speaker?.quoteCount ?? -1);
  });

  it("register the commands, whose autocomplete counts quotes", () => {
    expect(commands.map((command) => command.data.name)).toEqual(
      expect.arrayContaining(["ask", "quotes", "source", "help"]),
    );
    const [choice] = quotes.autocomplete(
      { option: "speaker", value: "Coale", options: {} },
      context,
    );
    const coale = library.resolveSpeaker("Coale");
    expect(choice).toEqual({
      name: `John Coale (${coale?.quoteCount} quotes)`,
      value: "John Coale",
    });
  });
});

describe("paging one answer", () => {
  const LONG =
    "what did the Belarusian President Lukashenko and the American envoy John Coale say about Belarus and the United States, Donald Trump, peace and the letter, the sanctions on Belavia, the political prisoners, the economy and the birthday cufflinks from the White House, and what came of the meeting for relations between the two countries and their peoples";

  /** Every page of a question, following More results from the first. */
  async function pagesOf(question: string): Promise<Answer[]> {
    const pages = [await ask.execute(request({ question }), context)];
    for (let last = pages[0]; last?.buttons.some((b) => b.label === "More results"); ) {
      last = await press(last, "More results");
      pages.push(last);
    }
    return pages;
  }

  it("searches the same question on every page, for questions of every length up to 300", async () => {
    expect(LONG.length).toBeGreaterThan(300);
    for (let length = 20; length <= 300; length += 20) {
      const question = LONG.slice(0, LONG.lastIndexOf(" ", length));
      const pages = await pagesOf(question);
      const asked = askAnswer(library, question, { pageSize: 1_000 });
      expect(pages[0]?.tone, question).toBe(asked.tone);
      if (asked.tone !== "answer") continue;
      const totals = new Set(pages.map((page) => page.page?.total));
      expect(totals.size, question).toBe(1);
      expect(pages.map((page) => page.page?.current)).toEqual(pages.map((_, index) => index + 1));
      const paged = pages.flatMap((page) => page.statements.map((statement) => statement.entryId));
      expect(paged, question).toEqual(asked.statements.map((statement) => statement.entryId));
    }
  });
});
