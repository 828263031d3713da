import { ApplicationCommandType } from "discord.js";
import { describe, expect, it } from "vitest";
import { renderDiscordMessage } from "../../src/answers/embed.js";
import type { Answer } from "../../src/answers/model.js";
import { renderTerminal } from "../../src/answers/terminal.js";
import checkMessage from "../../src/commands/checkMessage.js";
import type { OptionValue } from "../../src/commands/command.js";
import verify from "../../src/commands/verify.js";
import { Library } from "../../src/knowledge/library/library.js";

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
    // Discord shows "\[" as "[": every bracket of shown text is escaped, so none starts a link.
    expect(differences?.value).toContain("\\[-the prisoners] \\[+they] were \\[+not] convicted");
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

  it("checks a message longer than a claim can be by its start, and says so", async () => {
    const hostile = `${"“".repeat(1_000)}a b${"[".repeat(1_997)}${"”".repeat(1_000)}`;
    const long = `Coale said "The decision has been made" ${"and then some more ".repeat(200)}`;
    for (const content of [hostile, long]) {
      const answer = await check(content);
      expect(answer.intro).toContain(
        "Only the first 500 characters were checked. To check the rest, put it in /verify claim: a part at a time.",
      );
    }
    expect((await check(long)).title).toBe("Verdict: verbatim");
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
