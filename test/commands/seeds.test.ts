import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answers/model.js";
import ask from "../../src/commands/ask.js";
import type { Command } from "../../src/commands/command.js";
import { commands, findButtonCommand } from "../../src/commands/index.js";
import quotes from "../../src/commands/quotes.js";
import { Library } from "../../src/knowledge/library.js";

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
      if (answer.buttons.some((button) => button.label === "More results")) {
        expect((await press(answer, "More results")).tone).toBe("answer");
      }
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
