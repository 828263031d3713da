import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIMessage } from "discord.js";
import { InteractionResponseType } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord, type InteractionTrace } from "../fakeDiscord/index.js";
import {
  buttonId,
  buttonsOf,
  expectAllDiscordSafe,
  firstEmbed,
  isEphemeral,
  LIMITS,
  replyData,
  visibleTexts,
} from "./discordRules.js";
import { type RunningReadout, reportFigures, startReadout } from "./harness.js";

/** A different release: the same people are not in it, and nothing in it is about Belarus. */
const OTHER_RELEASE = `5 May 2024
Leaders of Ruritania and Freedonia met in Geneva to discuss the fisheries.
"We discussed fishing quotas at length and agreed on the northern waters," Rudolf Elphberg said.
"Our fleets will share the northern waters from next season," Rufus Firefly added.
`;

let fake: FakeDiscord;
let otherSeeds: string;
/** The bot that is running now; each test section restarts it against the same fake Discord. */
let readout: RunningReadout | undefined;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  otherSeeds = await mkdtemp(join(tmpdir(), "readout-e2e-seeds-"));
  await writeFile(join(otherSeeds, "2024-05-05-fisheries.txt"), OTHER_RELEASE);
});
afterAll(async () => {
  reportFigures("buttons across restarts", readout?.traces ?? []);
  await readout?.stop();
  await fake?.stop();
  await rm(otherSeeds, { recursive: true, force: true });
});

/** Stops the running bot and starts a fresh one, logged in to the same fake Discord. */
async function restart(seedsDir = "seeds"): Promise<RunningReadout> {
  await readout?.stop();
  readout = await startReadout({ discord: fake, seedsDir });
  return readout;
}

async function click(customId: string, message?: APIMessage, user = fake.users.alice) {
  const trace = await fake.clickButton(customId, { ...(message ? { message } : {}), user });
  return trace.settled();
}

/** A polite refusal: private, names what to do, leaves the clicked message alone. */
function expectRefused(trace: InteractionTrace): void {
  expect(trace.response?.type).toBe(InteractionResponseType.ChannelMessageWithSource);
  const data = replyData(trace);
  expect(isEphemeral(data)).toBe(true);
  expect(visibleTexts(data).join(" ")).toMatch(
    /This button has expired — run \/(ask|quotes) again\.|I don't know that button any more\. Run the command again/,
  );
  expect(trace.edits).toHaveLength(0);
}

describe("buttons keep their state in the custom id", () => {
  let askMessage: APIMessage | undefined;
  let quotesMessage: APIMessage | undefined;

  it("are made by one bot instance with ids of at most 100 characters", async () => {
    const first = await restart();
    const ask = await (await fake.slashCommand("ask", { question: "Belarus" })).settled();
    const quotes = await (await fake.slashCommand("quotes", { speaker: "Lukashenko" })).settled();
    askMessage = ask.original;
    quotesMessage = quotes.original;
    for (const message of [askMessage, quotesMessage]) {
      expect(buttonsOf(message).length).toBeGreaterThan(0);
      for (const button of buttonsOf(message)) {
        expect(button.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
      }
    }
    expect(first.bot.client.isReady()).toBe(true);
  });

  it("work when clicked on a freshly started second instance", async () => {
    const identifiesBefore = fake.identifies.length;
    const second = await restart();
    // A new session: the first client is gone, so only the new one can answer.
    expect(fake.identifies.length).toBe(identifiesBefore + 1);

    const more = await click(buttonId(askMessage, "More results"), askMessage);
    expect(more.response?.type).toBe(InteractionResponseType.UpdateMessage);
    expect(firstEmbed(replyData(more)).footer?.text).toMatch(/^Page 2 of 5/);

    const paragraph = await click(buttonId(askMessage, "Show ¶11"), askMessage);
    expect(isEphemeral(replyData(paragraph))).toBe(true);
    expect(firstEmbed(replyData(paragraph)).title).toBe("¶11 · 11 September 2025");
    expect(firstEmbed(replyData(paragraph)).description).toBe(
      second.library.releases[0]?.paragraphs[10],
    );

    const next = await click(buttonId(quotesMessage, "Next"), quotesMessage);
    expect(next.response?.type).toBe(InteractionResponseType.UpdateMessage);
    expect(firstEmbed(replyData(next)).footer?.text).toMatch(/^Page 2 of 3/);
    expect(firstEmbed(replyData(next)).title).toBe("Quotes: Aleksandr Lukashenko");
  });

  it("refuse politely when the id is forged or malformed", async () => {
    const validParagraph = buttonId(askMessage, "Show ¶11");
    const forged = [
      "ask",
      "ask:0::belarus",
      "ask:99::belarus",
      "ask:abc::belarus",
      "ask:2:nobody-of-that-name:belarus",
      "ask:2::",
      "ask:2::   ",
      "ask:para",
      "ask:para:zzzzzz:11",
      validParagraph.replace(/:11$/, ":999"),
      validParagraph.replace(/:11$/, ":0"),
      "quotes",
      "quotes:1",
      "quotes:1:no-such-person:",
      "quotes:x:aleksandr-lukashenko:",
      "quotes:9:aleksandr-lukashenko:",
      "quotes:-1:aleksandr-lukashenko:",
      "nonsense:1:2",
      "x".repeat(LIMITS.customId),
      `ask:${"9".repeat(96)}`,
    ];
    const traces = await Promise.all(
      forged.map((id, index) =>
        click(id, undefined, index % 2 === 0 ? fake.users.alice : fake.users.bob),
      ),
    );
    for (const [index, trace] of traces.entries()) {
      try {
        expectRefused(trace);
      } catch (error) {
        throw new Error(`custom id ${JSON.stringify(forged[index])}: ${String(error)}`);
      }
    }
  });

  it("refuse politely when the release they point into has changed (stale ids)", async () => {
    await restart(otherSeeds);
    // The paragraph key no longer names a loaded release; the speaker is no longer quoted.
    expectRefused(await click(buttonId(askMessage, "Show ¶11"), askMessage));
    expectRefused(await click(buttonId(quotesMessage, "Next"), quotesMessage));
  });

  it("refuse a stale More results whose question no longer has answers", async () => {
    expectRefused(await click(buttonId(askMessage, "More results"), askMessage));
  });

  it("sent every message with allowed_mentions parse [] and within Discord's limits", () => {
    expect(expectAllDiscordSafe(readout?.traces ?? [])).toBeGreaterThan(20);
  });
});
