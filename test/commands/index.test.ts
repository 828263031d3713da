import { ApplicationCommandType } from "discord.js";
import { describe, expect, it } from "vitest";
import { commands, findButtonCommand, findCommand } from "../../src/commands/index.js";

describe("command registry", () => {
  it("holds the slash commands and the message command under unique names and button prefixes", () => {
    expect(commands.map((command) => command.data.name)).toEqual([
      "ask",
      "quotes",
      "brief",
      "verify",
      "source",
      "release",
      "help",
      "Check against the release",
    ]);
    const prefixes = commands.flatMap((command) => command.buttonPrefix ?? []);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it("defines commands Discord accepts: lower-case names, descriptions within 100 characters", () => {
    const slash = commands.filter(
      ({ data }) =>
        (data.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput,
    );
    for (const { data } of slash) {
      expect(data.name).toMatch(/^[a-z-]{1,32}$/);
      const description = "description" in data ? (data.description ?? "") : "";
      expect(description.length).toBeGreaterThan(0);
      expect(description.length).toBeLessThanOrEqual(100);
      for (const option of "options" in data ? (data.options ?? []) : []) {
        expect(option.name).toMatch(/^[a-z-]{1,32}$/);
        expect(option.description.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it("names message commands as Discord shows them in a message's menu: 1 to 32 characters", () => {
    const menu = commands.filter(({ data }) => data.type === ApplicationCommandType.Message);
    expect(menu.map(({ data }) => data.name)).toEqual(["Check against the release"]);
    for (const { data } of menu) {
      expect(data.name.length).toBeLessThanOrEqual(32);
      expect("description" in data ? data.description : "").toBe("");
    }
  });

  it("finds a command by name and a button's command by its custom id", () => {
    expect(findCommand("quotes")?.data.name).toBe("quotes");
    expect(findCommand("nope")).toBeUndefined();
    const found = findButtonCommand("ask:2::sanctions: belavia");
    expect(found?.command.data.name).toBe("ask");
    expect(found?.state).toEqual(["2", "", "sanctions", " belavia"]);
    expect(findButtonCommand("nope:1")).toBeUndefined();
  });
});
