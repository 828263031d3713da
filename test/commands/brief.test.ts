import { ApplicationCommandOptionType } from "discord.js";
import { describe, expect, it } from "vitest";
import brief from "../../src/commands/brief.js";
import type { OptionValue } from "../../src/commands/command.js";
import { Library } from "../../src/knowledge/library/library.js";

/** The brief picks from the real parse, so it runs on the seed release. */
const library = await Library.load("seeds");
const context = { library };
const run = (options: Record<string, OptionValue> = {}) =>
  brief.execute({ options, userId: "u1" }, context);

describe("/brief definition", () => {
  it("takes an autocompleted release and a private flag", () => {
    expect(brief.data.name).toBe("brief");
    const options = "options" in brief.data ? (brief.data.options ?? []) : [];
    expect(options.map((option) => [option.name, option.type])).toEqual([
      ["release", ApplicationCommandOptionType.String],
      ["private", ApplicationCommandOptionType.Boolean],
    ]);
    expect(options[0]).toMatchObject({ autocomplete: true });
  });
});

describe("/brief execute", () => {
  it("gives the release in at most six statements, in release order, the lead first", async () => {
    const answer = await run();
    expect(answer.tone).toBe("answer");
    expect(answer.title).toBe("Brief: 11 September 2025 · Public");
    expect(answer.statements.length).toBeLessThanOrEqual(6);
    const paragraphs = answer.statements.map((statement) => statement.paragraph);
    expect(paragraphs[0]).toBe(1);
    expect([...paragraphs].sort((a, b) => a - b)).toEqual(paragraphs);
    expect(answer.statements.map((statement) => statement.text).join(" ")).toContain(
      "we have lifted sanctions from Belavia",
    );
    expect(answer.buttons.every((button) => button.label.startsWith("Show ¶"))).toBe(true);
  });

  it("refuses a release that is not loaded, naming it, privately when asked", async () => {
    const answer = await run({ release: "no-such-release", private: true });
    expect(answer).toMatchObject({ tone: "error", ephemeral: true });
    expect(answer.intro).toContain("no-such-release");
  });
});
