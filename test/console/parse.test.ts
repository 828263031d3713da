import { describe, expect, it } from "vitest";
import { commands } from "../../src/commands/index.js";
import { parseLine } from "../../src/console/parse.js";

function options(line: string) {
  const parsed = parseLine(line, commands);
  if (parsed.kind !== "command") throw new Error(`not a command: ${JSON.stringify(parsed)}`);
  return { name: parsed.command.data.name, options: parsed.options };
}

describe("parseLine", () => {
  it("runs each option's value until the next option name", () => {
    expect(options("/ask question:what was lifted speaker:John Coale private:true")).toEqual({
      name: "ask",
      options: { question: "what was lifted", speaker: "John Coale", private: true },
    });
  });

  it("fills the first required text option from a bare value, without the slash too", () => {
    expect(options("/quotes Coale topic:sanctions")).toEqual({
      name: "quotes",
      options: { speaker: "Coale", topic: "sanctions" },
    });
    expect(options("ASK what was lifted")).toEqual({
      name: "ask",
      options: { question: "what was lifted" },
    });
  });

  it("enforces the option definitions Discord would", () => {
    expect(parseLine(`/ask ${"x".repeat(301)}`, commands)).toEqual({
      kind: "invalid",
      message: "question: takes at most 300 characters.",
    });
    expect(parseLine("/ask what speaker:", commands)).toEqual({
      kind: "invalid",
      message: "speaker: needs a value.",
    });
    expect(parseLine("/ask what question:again", commands)).toEqual({
      kind: "invalid",
      message: "Give question: only once.",
    });
    expect(options("/ask what private:no").options.private).toBe(false);
  });

  it("reads a subcommand after the command's name, and a file path for an attachment option", () => {
    const parsed = parseLine("/release add file:/tmp/some release.txt", commands);
    expect(parsed).toMatchObject({
      kind: "command",
      options: { subcommand: "add" },
      files: { file: "/tmp/some release.txt" },
    });
    expect(options("/release remove release:2025-09-11-lukashenko-coale").options).toEqual({
      subcommand: "remove",
      release: "2025-09-11-lukashenko-coale",
    });
    expect(parseLine("/release", commands)).toEqual({
      kind: "invalid",
      message: "/release needs one of add, remove, list after it, e.g. /release add.",
    });
  });

  it("recognises blank lines, button numbers and quitting", () => {
    expect(parseLine("   ", commands)).toEqual({ kind: "blank" });
    expect(parseLine(" 2 ", commands)).toEqual({ kind: "press", button: 2 });
    expect(parseLine("/quit", commands)).toEqual({ kind: "quit" });
    expect(parseLine("exit", commands)).toEqual({ kind: "quit" });
  });
});
