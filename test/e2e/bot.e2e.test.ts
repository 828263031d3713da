import { InteractionResponseType, MessageFlags } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Command } from "../../src/commands/command.js";
import { commands as registry } from "../../src/commands/index.js";
import {
  expectAllDiscordSafe,
  firstEmbed,
  isEphemeral,
  replyData,
  visibleTexts,
} from "./discordRules.js";
import { FAKE_TOKEN, type RunningReadout, reportFigures, startReadout } from "./harness.js";

/** A command whose every handler throws, as a bug in a command would. */
const broken: Command = {
  data: { name: "broken", description: "Always fails", options: [] },
  buttonPrefix: "broken",
  execute() {
    throw new Error("the handler blew up");
  },
  autocomplete() {
    throw new Error("autocomplete blew up");
  },
  async button() {
    throw new Error(`the button blew up, token ${FAKE_TOKEN}`);
  },
};

let readout: RunningReadout;
beforeAll(async () => {
  readout = await startReadout({ commands: [...registry, broken] });
});
afterAll(async () => {
  if (readout) reportFigures("/source, /help, errors", readout.traces);
  await readout?.stop();
});

describe("/source", () => {
  it("lists the releases loaded: date, publisher, lead, counts and file", async () => {
    const trace = await (await readout.fake.slashCommand("source")).settled();
    const data = replyData(trace);
    const embed = firstEmbed(data);
    expect(embed.title).toBe("Sources");
    expect(embed.description).toBe("1 release loaded. Every answer quotes it word for word.");
    expect(embed.fields).toEqual([
      {
        name: "11 September 2025 · Public",
        value:
          "Belarusian President Aleksandr Lukashenko met with U.S. President's representative John Coale.\n" +
          "27 quotes · 8 facts · 3 speakers · 2025-09-11-lukashenko-coale.txt",
      },
    ]);
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });
});

describe("/help", () => {
  it("explains every command with examples, privately", async () => {
    const trace = await (await readout.fake.slashCommand("help")).settled();
    const data = replyData(trace);
    expect(isEphemeral(data)).toBe(true);
    const embed = firstEmbed(data);
    expect(embed.title).toBe("How to use Readout");
    const text = visibleTexts(data).join("\n");
    for (const example of [
      "/ask question:what was lifted",
      "/quotes speaker:Coale",
      "/quotes speaker:Lukashenko topic:peace",
      "/source",
      "private:true",
      "More results",
      "Show ¶",
    ]) {
      expect(text).toContain(example);
    }
  });
});

describe("errors", () => {
  it("answers a command it does not know with a private message", async () => {
    const trace = await (await readout.fake.slashCommand("nonexistent")).settled();
    expect(trace.response?.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const data = replyData(trace);
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).toMatch(/^I don't know that command/);
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it("apologises privately when a command throws, and keeps answering", async () => {
    const trace = await (await readout.fake.slashCommand("broken")).settled();
    const data = replyData(trace);
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).toBe(
      "Sorry, something went wrong while answering. Please try again in a moment.",
    );
    // The error is logged for the operator, not shown to the user.
    expect(visibleTexts(data).join(" ")).not.toContain("blew up");
    expect(readout.logs.join("")).toContain("the handler blew up");

    const after = await (
      await readout.fake.slashCommand("ask", { question: "what was lifted" })
    ).settled();
    expect(firstEmbed(replyData(after)).fields?.[0]?.name).toMatch(/^John Coale · ¶13/);
  });

  it("apologises privately when a button handler throws", async () => {
    const trace = await (await readout.fake.clickButton("broken:1")).settled();
    const data = replyData(trace);
    expect(trace.response?.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).toMatch(/^Sorry, something went wrong/);
  });

  it("answers an autocomplete that throws with no choices rather than an error", async () => {
    const trace = await readout.fake.autocomplete("broken", { what: "x" }, "what");
    expect(trace.response?.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(trace.response?.data?.choices).toEqual([]);
  });

  it("answers in a direct message with the bot too (no guild, no cached channel)", async () => {
    const trace = await (
      await readout.fake.slashCommand("ask", { question: "what was lifted" }, { guildId: null })
    ).settled();
    expect(firstEmbed(replyData(trace)).fields?.[0]?.name).toMatch(/^John Coale · ¶13/);
  });

  it("answers several people at once, one failure among them", async () => {
    const traces = await Promise.all([
      readout.fake.slashCommand("ask", { question: "peace" }),
      readout.fake.slashCommand("broken", {}, { user: readout.fake.users.bob }),
      readout.fake.slashCommand("quotes", { speaker: "Coale" }),
      readout.fake.slashCommand("source"),
    ]);
    await Promise.all(traces.map((trace) => trace.settled()));
    expect(traces.map((trace) => isEphemeral(trace.response?.data))).toEqual([
      false,
      true,
      false,
      false,
    ]);
  });

  it("never writes the token to its log, even when an error message carries it", () => {
    const log = readout.logs.join("");
    expect(log).toContain("the button blew up, token [redacted]");
    expect(log).not.toContain(FAKE_TOKEN);
  });

  it("sent every message with allowed_mentions parse [] and within Discord's limits", () => {
    expect(expectAllDiscordSafe(readout.traces)).toBeGreaterThan(8);
  });
});
