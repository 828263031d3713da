/**
 * No reply can ping anyone, on every way the bot sends a message: replies, updates, deferred
 * replies filled by an edit, private follow-ups, apologies and notices. Releases and questions are
 * full of @everyone, @here and user and role mentions; every request body the fake Discord
 * receives is checked.
 */
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { InteractionResponseType } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFER_AFTER_MS } from "../../src/bot/router.js";
import type { Command } from "../../src/commands/command.js";
import { commands as registry } from "../../src/commands/index.js";
import { buttonIds, type RunningReadout, startReadout } from "../e2e/harness.js";
import type { RecordedRequest } from "../fakeDiscord/index.js";
import { messageProblems, type SentMessage } from "./hostile.js";

const MENTIONS =
  "@everyone @here <@123456789012345678> <@!123456789012345678> <@&987654321098765432>";

const HOSTILE_RELEASE = [
  "11 September 2025",
  `John Coale met ${MENTIONS} to talk about sanctions and prisoners.`,
  `"${MENTIONS}, thank you for the sanctions talks," John Coale said.`,
  `"**Bold** claims, @everyone: the sanctions on potash stay <@&987654321098765432>," Aleksandr Lukashenko said.`,
  `"@here the prisoners are free <@123456789012345678>," John Coale said.`,
  `"@everyone sanctions @everyone sanctions @everyone," John Coale said.`,
].join("\n");

const SLOW_MS = DEFER_AFTER_MS + 200;

function command(name: string): Command {
  const found = registry.find((candidate) => candidate.data.name === name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
}

/** The real command under another name and button prefix, answering after the bot defers. */
function slow(name: string): Command {
  const real = command(name);
  const prefix = `slow${real.buttonPrefix ?? name}`;
  return {
    ...real,
    data: { ...real.data, name: `slow${name}` },
    buttonPrefix: prefix,
    async execute(request, context) {
      await sleep(SLOW_MS);
      return real.execute(request, context);
    },
    async button(state, request, context) {
      await sleep(SLOW_MS);
      const answer = await real.button?.(state, request, context);
      if (!answer) throw new Error("no button handler");
      return answer;
    },
  };
}

const boom: Command = {
  data: { name: "boom", description: "Always fails" },
  execute() {
    throw new Error(`handler failed for ${MENTIONS}`);
  },
};

let readout: RunningReadout;
let seeds: string;

beforeAll(async () => {
  seeds = await mkdtemp(join(tmpdir(), "readout-mentions-"));
  await copyFile("seeds/2025-09-11-lukashenko-coale.txt", join(seeds, "a.txt"));
  await writeFile(join(seeds, "b-hostile.txt"), HOSTILE_RELEASE);
  readout = await startReadout({
    seedsDir: seeds,
    commands: [...registry, slow("ask"), slow("quotes"), boom],
  });
});
afterAll(async () => {
  await readout?.stop();
  await rm(seeds, { recursive: true, force: true });
});

type Via = "reply" | "update" | "defer" | "deferred update" | "edit" | "follow-up";

/** Every message body the bot sent, and how it sent it. */
function sentBodies(requests: readonly RecordedRequest[]): { via: Via; body: SentMessage }[] {
  const sent: { via: Via; body: SentMessage }[] = [];
  for (const request of requests) {
    const body = (request.body ?? {}) as { type?: number; data?: SentMessage } & SentMessage;
    if (request.method === "POST" && request.path.endsWith("/callback")) {
      if (body.type === InteractionResponseType.ChannelMessageWithSource) {
        sent.push({ via: "reply", body: body.data ?? {} });
      } else if (body.type === InteractionResponseType.UpdateMessage) {
        sent.push({ via: "update", body: body.data ?? {} });
      } else if (body.type === InteractionResponseType.DeferredChannelMessageWithSource) {
        sent.push({ via: "defer", body: {} });
      } else if (body.type === InteractionResponseType.DeferredMessageUpdate) {
        sent.push({ via: "deferred update", body: {} });
      }
    } else if (request.method === "PATCH" && request.path.startsWith("/webhooks/")) {
      sent.push({ via: "edit", body });
    } else if (request.method === "POST" && request.path.startsWith("/webhooks/")) {
      sent.push({ via: "follow-up", body });
    }
  }
  return sent;
}

describe("mentions on every send path", () => {
  it("are suppressed and neutralised in replies, updates, edits, follow-ups and notices", async () => {
    const { fake } = readout;
    const { alice, bob } = fake.users;
    const question = `${MENTIONS} sanctions`;

    // Replies, and the buttons under them.
    const asked = await fake.slashCommand("ask", { question });
    const quotes = await fake.slashCommand("quotes", { speaker: "Coale", topic: MENTIONS });
    const coale = await fake.slashCommand("quotes", { speaker: "Coale" });
    const next = buttonIds(coale).find((id) => id.startsWith("quotes:")) ?? "";
    expect(next).not.toBe("");
    const paragraph = buttonIds(asked).find((id) => id.includes("para")) ?? "";
    expect(paragraph).not.toBe("");
    const traces = [asked, quotes, coale];
    traces.push(
      await fake.clickButton(next, { user: alice, message: coale.original }), // update
      await fake.clickButton(next, { user: bob, message: coale.original }), // private copy
      await fake.clickButton(paragraph, { user: alice, message: asked.original }),
      await fake.slashCommand("verify", { claim: `Coale said "${MENTIONS}"` }),
      await fake.slashCommand("source"),
      await fake.slashCommand("boom"), // apology
      await fake.slashCommand("nosuchcommand"), // unknown command notice
      await fake.clickButton(`nosuch:${MENTIONS}`), // unknown button notice
      await fake.autocomplete("quotes", { speaker: MENTIONS }, "speaker"),
    );

    // Deferred paths, all at once: each answers after the bot has deferred.
    const slowNext = `slow${next}`;
    traces.push(
      ...(await Promise.all([
        fake.slashCommand("slowask", { question }), // defer, then edit
        fake.slashCommand("slowask", { question, private: true }), // private defer, edit
        fake.slashCommand("slowquotes", { speaker: MENTIONS }), // defer, edit
        fake.clickButton(slowNext, { user: alice, message: coale.original }), // deferred update
        fake.clickButton(slowNext, { user: bob, message: coale.original }), // private defer
      ])),
    );
    await Promise.all(traces.map((trace) => trace.settled({ timeoutMs: 5_000 })));
    // A public deferral answered privately (an error is private): the placeholder is edited and
    // the answer follows up.
    const privateAfterPublic = await fake.slashCommand("slowask", { question: " " });
    await expect.poll(() => privateAfterPublic.followUps.length, { timeout: 5_000 }).toBe(1);

    const sent = sentBodies(fake.requests);
    const problems = sent.flatMap(({ via, body }) =>
      via === "defer" || via === "deferred update"
        ? []
        : messageProblems(body).map((problem) => `${via}: ${problem}`),
    );
    expect(problems).toEqual([]);
    // Every path was taken, so every path was checked.
    const paths = new Set(sent.map(({ via }) => via));
    expect([...paths].sort()).toEqual(
      ["defer", "deferred update", "edit", "follow-up", "reply", "update"].sort(),
    );
    // The mentions were there to neutralise: they reached the answers, defused.
    const shown = JSON.stringify(sent.map(({ body }) => body));
    expect(shown).toContain("@\u200beveryone");
    expect(shown).toContain("<\u200b@&987654321098765432>");
    expect(readout.logs.join("")).toContain("Answering an interaction failed");
  });
});
