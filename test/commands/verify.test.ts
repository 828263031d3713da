import { PassThrough, Writable } from "node:stream";
import { ApplicationCommandType } from "discord.js";
import { describe, expect, it } from "vitest";
import { renderDiscordMessage } from "../../src/answers/embed.js";
import type { Answer } from "../../src/answers/model.js";
import { renderTerminal } from "../../src/answers/terminal.js";
import { main } from "../../src/cli.js";
import checkMessage from "../../src/commands/checkMessage.js";
import type { OptionValue } from "../../src/commands/command.js";
import verify from "../../src/commands/verify.js";
import { Library } from "../../src/knowledge/library.js";

/** The verdicts come from the real search, so these run on the seed release. */
const library = await Library.load("seeds");
const context = { library };
const SOURCE = "Source: Press release · Public · 2025-09-11-lukashenko-coale.txt";

async function run(options: Record<string, OptionValue>): Promise<Answer> {
  return verify.execute({ options, userId: "u1" }, context);
}

async function check(content: string | undefined): Promise<Answer> {
  return checkMessage.execute(
    { options: content === undefined ? {} : { content }, userId: "u1" },
    context,
  );
}

function field(answer: Answer, name: string): string | undefined {
  return answer.fields?.find((candidate) => candidate.name === name)?.value;
}

describe("/verify definition", () => {
  it("takes a required claim of at most 500 characters and a private flag", () => {
    expect(verify.data.name).toBe("verify");
    const options = "options" in verify.data ? (verify.data.options ?? []) : [];
    expect(options.map((option) => option.name)).toEqual(["claim", "private"]);
    expect(options[0]).toMatchObject({ required: true, max_length: 500 });
  });
});

describe("/verify execute", () => {
  it("answers a verbatim claim with the statement, who said it, ¶N, date and source", async () => {
    const answer = await run({ claim: 'Coale said "The decision has been made"' });
    expect(answer).toMatchObject({ tone: "answer", title: "Verdict: verbatim", ephemeral: false });
    expect(answer.intro).toBe(
      "The words are in the release word for word, said by John Coale in ¶13 · 11 September 2025.\n" +
        'Claim: Coale said "The decision has been made"',
    );
    expect(answer.statements[0]).toMatchObject({ speaker: "John Coale", paragraph: 13 });
    expect(answer.statements[0]?.text).toContain("The decision has been made");
    expect(answer.fields).toBeUndefined();
    expect(answer.footer).toBe(SOURCE);
  });

  it("names who really said misattributed words", async () => {
    const answer = await run({ claim: 'Lukashenko said: "This is official."' });
    expect(answer.title).toBe("Verdict: misattributed");
    expect(answer.intro).toMatch(
      /^Aleksandr Lukashenko did not say this\. These words were said by John Coale in ¶13 · 11 September 2025\./,
    );
    expect(answer.statements[0]?.speaker).toBe("John Coale");
  });

  it("says when quoted words are the release's narration, which no one said", async () => {
    const answer = await run({
      claim: 'Lukashenko said "the official residence of U.S. Presidents"',
    });
    expect(answer.intro).toMatch(
      /^Aleksandr Lukashenko did not say this\. No one is quoted saying it: the words are the release's own narration in ¶22 · 11 September 2025\./,
    );
    expect(answer.statements[0]).toMatchObject({ kind: "fact", speaker: null });
  });

  it("says so when the claimed speaker is never quoted", async () => {
    const answer = await run({ claim: 'Putin said "This is official"' });
    expect(answer.intro).toMatch(
      /^Putin is never quoted in the release\. These words were said by John Coale/,
    );
  });

  it("shows a paraphrase's differing words with plain markers and a legend", async () => {
    const answer = await run({
      claim: "Trump wrote that Sabalenka represents the very best of Belarus",
    });
    expect(answer.title).toBe("Verdict: paraphrase");
    expect(answer.intro).toMatch(
      /^No word-for-word match, but much the same is said by Donald Trump \(letter\) in ¶18 · 11 September 2025\./,
    );
    expect(field(answer, "Differences")).toBe(
      "[-Sabalenka] [+She] represents the very best of [-Belarus] [+your country,]\n" +
        "[-…] only in the claim · [+…] only in the release",
    );
    expect(field(answer, "Negation differs")).toBeUndefined();
  });

  it("spells out a negation the claim drops", async () => {
    const answer = await run({
      claim: "Lukashenko said the prisoners were convicted on political grounds",
    });
    expect(field(answer, "Differences")).toContain("were [+not] convicted");
    expect(field(answer, "Negation differs")).toBe(
      "The release says “not” here and the claim does not: the claim may say the opposite of the release.",
    );
  });

  it("answers not found, with the source it checked, when nothing supports the claim", async () => {
    const answer = await run({
      claim: "Coale said Lukashenko should release all prisoners by Friday",
    });
    expect(answer).toMatchObject({
      tone: "empty",
      title: "Verdict: not found in the release",
      statements: [],
    });
    expect(answer.intro).toMatch(/^Nothing in the release supports this claim/);
    expect(answer.footer).toBe(SOURCE);
  });

  it("asks for the words when the claim names only a speaker", async () => {
    const answer = await run({ claim: "Coale said" });
    expect(answer.intro).toMatch(/^The claim names no words to check\./);
  });

  it("answers privately on request", async () => {
    const answer = await run({ claim: 'Coale said "The decision has been made"', private: true });
    expect(answer.ephemeral).toBe(true);
  });

  it("explains a missing or overlong claim", async () => {
    expect(await run({ claim: "  " })).toMatchObject({
      tone: "error",
      title: "No claim",
      ephemeral: true,
    });
    expect(await run({ claim: "x".repeat(501) })).toMatchObject({
      tone: "error",
      title: "Claim too long",
    });
  });

  it("renders the same verdict for Discord and for a terminal", async () => {
    const answer = await run({
      claim: "Lukashenko said the prisoners were convicted on political grounds",
    });
    const embed = renderDiscordMessage(answer).embeds[0];
    const differences = embed?.fields?.find((candidate) => candidate.name === "Differences");
    expect(differences?.value).toContain("[-the prisoners] [+they] were [+not] convicted");
    expect(embed?.fields?.[0]?.name).toBe("Aleksandr Lukashenko · ¶9 · 11 September 2025");
    const terminal = renderTerminal(answer);
    expect(terminal).toContain("Verdict: paraphrase");
    expect(terminal).toContain("[-the prisoners] [+they] were [+not] convicted");
    expect(terminal).toContain("Negation differs");
  });
});

describe("Check against the release (message command)", () => {
  it("is a message command", () => {
    expect(checkMessage.data).toMatchObject({
      name: "Check against the release",
      type: ApplicationCommandType.Message,
    });
  });

  it("checks the message's text as /verify does, privately", async () => {
    const claim = '"We will celebrate it," Coale responded';
    const answer = await check(claim);
    expect(answer.ephemeral).toBe(true);
    expect({ ...answer, ephemeral: false }).toEqual(await run({ claim }));
    expect(answer.title).toBe("Verdict: misattributed");
  });

  it("explains that a message without text cannot be checked", async () => {
    for (const content of [undefined, "", "   "]) {
      expect(await check(content)).toMatchObject({
        tone: "error",
        title: "Nothing to check",
        ephemeral: true,
      });
    }
  });
});

function sink(): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

async function cli(argv: string[], stdin = "") {
  const stdout = sink();
  const stderr = sink();
  const input = new PassThrough();
  input.end(stdin);
  const code = await main(argv, {
    stdin: input,
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: {},
    load: async () => library,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe("cli verify", () => {
  it("prints the verdict, who said it, who the claim names and the matches as JSON", async () => {
    const run = await cli(["verify", 'Lukashenko said: "This is official."', "--json"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const result = JSON.parse(run.stdout) as Record<string, unknown> & {
      matches: Record<string, unknown>[];
    };
    expect(Object.keys(result)).toEqual(["verdict", "speaker", "claimedSpeaker", "matches"]);
    expect(result).toMatchObject({
      verdict: "misattributed",
      speaker: "John Coale",
      claimedSpeaker: "Aleksandr Lukashenko",
    });
    // The same entry shape as `cli ask --json`.
    expect(Object.keys(result.matches[0] ?? {})).toEqual([
      "id",
      "kind",
      "speaker",
      "reportedBy",
      "letter",
      "text",
      "source",
      "score",
    ]);
    expect(result.matches[0]).toMatchObject({
      speaker: "John Coale",
      source: { paragraph: 13, date: "2025-09-11" },
      score: 1,
    });
  });

  it("gives null speakers and no matches for an unsupported claim without a speaker", async () => {
    const run = await cli(["verify", "the weather in Minsk was lovely", "--json"]);
    expect(JSON.parse(run.stdout)).toEqual({
      verdict: "not_found",
      speaker: null,
      claimedSpeaker: null,
      matches: [],
    });
  });

  it("checks one claim a line from stdin", async () => {
    const run = await cli(
      ["verify", "-", "--json"],
      'Coale said "This is official"\nLukashenko said "This is official"\n',
    );
    const verdicts = run.stdout
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { verdict: string }).verdict);
    expect(verdicts).toEqual(["verbatim", "misattributed"]);
  });

  it("prints the answer as text without --json", async () => {
    const run = await cli(["verify", "Coale said the decision has been made"]);
    expect(run.stdout).toContain("Verdict: verbatim");
    expect(run.stdout).toContain("John Coale");
  });

  it("explains a missing or empty claim", async () => {
    const missing = await cli(["verify"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("readout: verify needs a claim.");
    const empty = await cli(["verify", " "]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("readout: the claim is empty");
  });
});
