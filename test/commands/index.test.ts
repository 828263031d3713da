import { describe, expect, it } from "vitest";
import { commands, findButtonCommand, findCommand } from "../../src/commands/index.js";

describe("command registry", () => {
  it("holds /ask, /quotes, /source and /help under unique names and button prefixes", () => {
    expect(commands.map((command) => command.data.name)).toEqual([
      "ask",
      "quotes",
      "source",
      "help",
    ]);
    const prefixes = commands.flatMap((command) => command.buttonPrefix ?? []);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it("defines commands Discord accepts: lower-case names, descriptions within 100 characters", () => {
    for (const { data } of commands) {
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

  it("finds a command by name and a button's command by its custom id", () => {
    expect(findCommand("quotes")?.data.name).toBe("quotes");
    expect(findCommand("nope")).toBeUndefined();
    const found = findButtonCommand("ask:2::sanctions: belavia");
    expect(found?.command.data.name).toBe("ask");
    expect(found?.state).toEqual(["2", "", "sanctions", " belavia"]);
    expect(findButtonCommand("nope:1")).toBeUndefined();
  });
});
