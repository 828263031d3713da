import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { commands } from "../../src/commands/index.js";
import { runConsole } from "../../src/console/console.js";
import { createFakeLibrary } from "../commands/fakeLibrary.js";

/** Runs the console on piped lines and returns all it printed. */
async function session(lines: string[], isTTY = false): Promise<string> {
  const input = new PassThrough();
  let printed = "";
  const output = new Writable({
    write(chunk, _encoding, done) {
      printed += String(chunk);
      done();
    },
  });
  input.end(lines.map((line) => `${line}\n`).join(""));
  await runConsole({ library: createFakeLibrary(), commands, input, output, isTTY });
  return printed;
}

describe("offline console", () => {
  it("answers /ask typed as text, with a bare question or question:", async () => {
    const printed = await session(["/ask what was lifted", "/ask question:what was lifted"]);
    const answers = printed.split("Ask: what was lifted");
    expect(answers).toHaveLength(3);
    expect(printed).toContain(
      '  "I would like to officially declare here that we have lifted sanctions',
    );
    expect(printed).toContain("[1] Show ¶13");
    expect(printed).not.toContain("\u001b[");
  });

  it("answers /quotes with a bare speaker and a topic", async () => {
    const printed = await session(["/quotes Lukashenko topic:peace", "/quotes speaker:Coale"]);
    expect(printed).toContain("Quotes: Aleksandr Lukashenko on “peace”");
    expect(printed).toContain("Quotes: John Coale");
    expect(printed).toContain("3 quotes by John Coale, in release order.");
  });

  it("presses a button of the last answer by its number", async () => {
    const printed = await session(["/quotes speaker:Lukashenko", "1", "1", "2"]);
    expect(printed).toContain("Page 1 of 2\n[1] Next");
    expect(printed).toContain("Page 2 of 2\n[1] Previous");
    // The second "1" pressed Previous on page 2; "2" then names the buttons there are.
    expect(printed.match(/Page 1 of 2/g)).toHaveLength(2);
    expect(printed).toContain("There is no button [2]; the last answer has buttons [1] to [1].");
  });

  it("keeps the paging buttons after a Show ¶ answer, as Discord keeps the message", async () => {
    const printed = await session(["/ask Lukashenko Belarus Donald", "2", "1"]);
    expect(printed).toContain("[1] More results  [2] Show ¶");
    expect(printed).toContain("Said by");
    expect(printed).toContain("Page 2 of 3");
  });

  it("explains unknown commands, bad options and missing ones, and keeps going", async () => {
    const printed = await session([
      "/frobnicate now",
      "/ask speakr:Coale what",
      "/ask what private:maybe",
      "/quotes topic:peace",
      "/source extra words",
      "1",
      "/help",
    ]);
    expect(printed).toContain(
      "“frobnicate” is not a command. Try /ask, /quotes, /brief, /verify, /source, /release or /help — for example /ask what was lifted.",
    );
    expect(printed).toContain(
      "/ask has no option “speakr:”. Its options are question:, speaker:, release:, private:",
    );
    expect(printed).toContain("private: takes true or false, not “maybe”.");
    expect(printed).toContain("/quotes needs speaker:. Type /help for examples.");
    expect(printed).toContain("/source takes no options; “extra words” is not one.");
    expect(printed).toContain("There is no button [1]: the last answer has none.");
    expect(printed).toContain("How to use Readout");
  });

  it("reads a colon inside a question as text, and type-checks private:", async () => {
    const printed = await session(["/ask what was lifted: sanctions private:true"]);
    expect(printed).toContain("Ask: what was lifted: sanctions");
  });

  it("ends at the end of input, and at /quit", async () => {
    expect(await session([])).toBe("");
    const printed = await session(["/quit", "/help"]);
    expect(printed).not.toContain("How to use Readout");
  });

  it("greets and prompts a person at a terminal, in colour", async () => {
    const printed = await session(["/source", "exit"], true);
    expect(printed).toContain("Type /help for examples");
    expect(printed).toContain("readout> ");
    expect(printed).toContain("\u001b[1mSources\u001b[22m");
  });
});
