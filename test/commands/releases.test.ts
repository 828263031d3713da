import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/answers/model.js";
import ask from "../../src/commands/ask.js";
import type { CommandContext, OptionValue } from "../../src/commands/command.js";
import quotes from "../../src/commands/quotes.js";
import { Library } from "../../src/knowledge/library/library.js";

let context: CommandContext;
beforeAll(async () => {
  context = { library: await Library.load("test/fixtures/releases") };
});

const run = async (command: typeof ask | typeof quotes, options: Record<string, OptionValue>) =>
  (await command.execute({ options, userId: "1" }, context)) as Answer;

describe("several releases", () => {
  it("names each statement's release beside its paragraph", async () => {
    const answer = await run(ask, { question: "Belarus" });
    expect(answer.statements.length).toBeGreaterThan(0);
    for (const statement of answer.statements) expect(statement.release).not.toBe("");
  });

  it("offers the releases as autocomplete choices, newest first, valued by id", () => {
    const choices = ask.autocomplete?.({ option: "release", value: "", options: {} }, context);
    expect(choices?.map((choice) => choice.value)).toEqual([
      "2025-09-11-lukashenko-coale",
      "2020-10-22-lukashenko-putin",
    ]);
    expect(choices?.[1]?.name).toMatch(/^22 October 2020 · /);
    const typed = ask.autocomplete?.({ option: "release", value: "october", options: {} }, context);
    expect(typed?.map((choice) => choice.value)).toEqual(["2020-10-22-lukashenko-putin"]);
  });

  it("keeps /ask to one release, and its buttons too", async () => {
    const answer = await run(ask, { question: "Belarus", release: "2020-10-22-lukashenko-putin" });
    expect(answer.statements.every((statement) => statement.date === "2020-10-22")).toBe(true);
    const more = answer.buttons.find((button) => button.label === "More results");
    expect(more).toBeDefined();
    const state = more?.id.split(":").slice(1) ?? [];
    const next = (await ask.button?.(state, { options: {}, userId: "1" }, context)) as Answer;
    expect(next.page?.current).toBe(2);
    expect(next.statements.every((statement) => statement.date === "2020-10-22")).toBe(true);
  });

  it("keeps /quotes to one release", async () => {
    const answer = await run(quotes, {
      speaker: "Lukashenko",
      release: "2020-10-22-lukashenko-putin",
    });
    expect(answer.statements.length).toBeGreaterThan(0);
    expect(answer.statements.every((statement) => statement.date === "2020-10-22")).toBe(true);
  });

  it("explains a release option that matches no release", async () => {
    const answer = await run(ask, { question: "Belarus", release: "1999" });
    expect(answer.tone).toBe("error");
    expect(answer.intro).toMatch(/No single release matches “1999”/);
  });
});
