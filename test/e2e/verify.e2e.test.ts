import { InteractionResponseType } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAllDiscordSafe, firstEmbed, isEphemeral, replyData } from "./discordRules.js";
import { type RunningReadout, reportFigures, startReadout } from "./harness.js";

const FOOTER_SOURCE = "Source: Press release · Public · 2025-09-11-lukashenko-coale.txt";
const MESSAGE_COMMAND = "Check against the release";

let readout: RunningReadout;
beforeAll(async () => {
  readout = await startReadout();
});
afterAll(async () => {
  if (readout) reportFigures("/verify and Check against the release", readout.traces);
  await readout?.stop();
});

async function verify(options: Record<string, string | boolean>) {
  return (await readout.fake.slashCommand("verify", options)).settled();
}

async function checkMessage(content: string) {
  const target = readout.fake.build.userMessage({
    author: readout.fake.users.bob,
    content,
  });
  return (await readout.fake.messageCommand(MESSAGE_COMMAND, target)).settled();
}

describe("/verify claim:<text>", () => {
  it("names who really said misattributed words, in a public reply that pings no one", async () => {
    const trace = await verify({ claim: 'Lukashenko said: "This is official."' });
    expect(trace.response?.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const data = replyData(trace);
    expect(isEphemeral(data)).toBe(false);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const embed = firstEmbed(data);
    expect(embed.title).toBe("Verdict: misattributed");
    expect(embed.description).toContain(
      "Aleksandr Lukashenko did not say this. These words were said by John Coale in ¶13 · 11 September 2025.",
    );
    expect(embed.fields?.[0]?.name).toBe("John Coale · ¶13 · 11 September 2025");
    expect(embed.fields?.[0]?.value).toContain("This is official.");
    expect(embed.footer?.text).toBe(FOOTER_SOURCE);
  });

  it("shows a paraphrase beside the release's wording, with the dropped negation spelled out", async () => {
    const trace = await verify({
      claim: "Lukashenko said the prisoners were convicted on political grounds",
    });
    const embed = firstEmbed(replyData(trace));
    expect(embed.title).toBe("Verdict: paraphrase");
    const fields = new Map(embed.fields?.map((field) => [field.name, field.value]));
    // Every bracket of shown text is escaped, so none can start a masked link.
    expect(fields.get("Differences")).toContain(
      "\\[-the prisoners] \\[+they] were \\[+not] convicted",
    );
    expect(fields.get("Negation differs")).toMatch(/^The release says “not” here/);
  });

  it("answers not found rather than the least-bad match", async () => {
    const trace = await verify({
      claim: "Coale said Lukashenko should release all prisoners by Friday",
    });
    const embed = firstEmbed(replyData(trace));
    expect(embed.title).toBe("Verdict: not found in the release");
    expect(embed.description).toMatch(/^Nothing in the release supports this claim/);
  });

  it("answers privately with private:true", async () => {
    const trace = await verify({ claim: 'Coale said "The decision has been made"', private: true });
    const data = replyData(trace);
    expect(isEphemeral(data)).toBe(true);
    expect(firstEmbed(data).title).toBe("Verdict: verbatim");
  });
});

describe("Check against the release (message command)", () => {
  it("checks the message's text and answers only the person who asked", async () => {
    const trace = await checkMessage(
      "Trump wrote that Sabalenka represents the very best of Belarus",
    );
    expect(trace.response?.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const data = replyData(trace);
    expect(isEphemeral(data)).toBe(true);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const embed = firstEmbed(data);
    expect(embed.title).toBe("Verdict: paraphrase");
    expect(embed.description).toContain("much the same is said by Donald Trump (letter) in ¶18");
    expect(embed.description).toContain(
      "Claim: Trump wrote that Sabalenka represents the very best of Belarus",
    );
  });

  it("keeps a message's mentions and markdown from coming alive in the verdict", async () => {
    const trace = await checkMessage(
      '@everyone **Lukashenko** said "We will celebrate it" <@123456789012345678>',
    );
    const data = replyData(trace);
    expect(isEphemeral(data)).toBe(true);
    expect(firstEmbed(data).title).toBe("Verdict: verbatim");
    expect(firstEmbed(data).description).toContain("\\*\\*Lukashenko\\*\\*");
  });

  it("explains privately that a message without text cannot be checked", async () => {
    const trace = await checkMessage("");
    const data = replyData(trace);
    expect(isEphemeral(data)).toBe(true);
    expect(firstEmbed(data).title).toBe("Nothing to check");
  });
});

describe("every verdict sent", () => {
  it("stays within Discord's limits and pings no one", () => {
    expect(expectAllDiscordSafe(readout.traces)).toBeGreaterThan(0);
  });
});
