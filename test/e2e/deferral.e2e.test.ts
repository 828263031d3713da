import { setTimeout as sleep } from "node:timers/promises";
import { InteractionResponseType, MessageFlags } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFER_AFTER_MS } from "../../src/bot/router.js";
import type { Command } from "../../src/commands/command.js";
import { commands as registry } from "../../src/commands/index.js";
import type { InteractionTrace } from "../fakeDiscord/index.js";
import {
  buttonId,
  expectAllDiscordSafe,
  firstEmbed,
  isEphemeral,
  waitUntil,
} from "./discordRules.js";
import { type RunningReadout, reportFigures, startReadout } from "./harness.js";

/** Long enough that the router must defer; short of Discord's 3 s either way. */
const SLOW_MS = DEFER_AFTER_MS + 100;

/** The same command, only slow: every reply then goes through a deferral. */
function slowed(command: Command): Command {
  const { button } = command;
  return {
    ...command,
    async execute(request, context) {
      await sleep(SLOW_MS);
      return command.execute(request, context);
    },
    ...(button
      ? {
          async button(state, request, context) {
            await sleep(SLOW_MS);
            return button.call(command, state, request, context);
          },
        }
      : {}),
  };
}

const slowBroken: Command = slowed({
  data: { name: "broken", description: "Fails after a while", options: [] },
  execute() {
    throw new Error("slow handler blew up");
  },
});

let readout: RunningReadout;
beforeAll(async () => {
  readout = await startReadout({ commands: [...registry.map(slowed), slowBroken] });
});
afterAll(async () => {
  if (readout) {
    reportFigures(`deferred replies (handlers slowed by ${SLOW_MS} ms on purpose)`, readout.traces);
  }
  await readout?.stop();
});

function accepted<T extends { status: number }>(attempts: readonly T[]): T[] {
  return attempts.filter((attempt) => attempt.status >= 200 && attempt.status < 300);
}

/** Settled, and for the multi-step paths every follow-up and deletion done too. */
async function finished(trace: InteractionTrace, followUps = 0, deleted = false) {
  await trace.settled({ timeoutMs: 4000 });
  await waitUntil(
    () => accepted(trace.followUps).length >= followUps && trace.originalDeleted === deleted,
    "follow-ups and deletion",
  );
  return trace;
}

describe("slow answers go through a deferral on every send path", () => {
  let askTrace: InteractionTrace;

  it("defers, then edits in the answer (public, private, and private-only answers)", async () => {
    const [publicAsk, privateAsk, help, broken] = await Promise.all([
      readout.fake.slashCommand("ask", { question: "Belarus" }),
      readout.fake.slashCommand("ask", { question: "peace", private: true }),
      readout.fake.slashCommand("help"),
      readout.fake.slashCommand("broken"),
    ]);
    if (!publicAsk || !privateAsk || !help || !broken) throw new Error("missing trace");
    await Promise.all([
      finished(publicAsk),
      finished(privateAsk),
      finished(help, 1, true),
      finished(broken, 1, true),
    ]);
    askTrace = publicAsk;

    // Public question: a public "thinking" reply, then the answer edited into it.
    expect(publicAsk.response?.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(isEphemeral(publicAsk.response?.data)).toBe(false);
    expect(publicAsk.response?.elapsedMs).toBeLessThan(3000);
    const publicEdit = accepted(publicAsk.originalEdits)[0];
    expect(publicEdit?.data.allowed_mentions).toEqual({ parse: [] });
    expect(publicEdit?.data.embeds?.[0]?.footer?.text).toMatch(/^Page 1 of 5/);

    // private:true is decided at deferral: the thinking reply is already private.
    expect(privateAsk.response?.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(accepted(privateAsk.originalEdits)[0]?.data.allowed_mentions).toEqual({ parse: [] });
    expect(isEphemeral(privateAsk.original ?? undefined)).toBe(true);

    // /help is always private, but its deferral was public: a private follow-up carries the
    // answer and the public placeholder is removed.
    expect(isEphemeral(help.response?.data)).toBe(false);
    const helpEdit = accepted(help.originalEdits)[0];
    expect(helpEdit?.data.content).toBe("Answered privately.");
    expect(helpEdit?.data.allowed_mentions).toEqual({ parse: [] });
    const helpFollowUp = accepted(help.followUps)[0];
    expect(helpFollowUp?.data.flags).toBe(MessageFlags.Ephemeral);
    expect(helpFollowUp?.data.allowed_mentions).toEqual({ parse: [] });
    expect(firstEmbed(helpFollowUp?.data).title).toBe("How to use Readout");
    expect(help.originalDeleted).toBe(true);

    // A slow failure: the apology is private even though the deferral was public.
    const apology = accepted(broken.followUps)[0];
    expect(apology?.data.flags).toBe(MessageFlags.Ephemeral);
    expect(apology?.data.content).toMatch(/^Sorry, something went wrong/);
    expect(apology?.data.allowed_mentions).toEqual({ parse: [] });
    expect(broken.originalDeleted).toBe(true);
  });

  it("defers button clicks too: an update for the owner, a private reply for others", async () => {
    const message = askTrace.original;
    const data = accepted(askTrace.originalEdits)[0]?.data;
    const [ownerPage, ownerParagraph, otherPage] = await Promise.all([
      readout.fake.clickButton(buttonId(data, "More results"), { message }),
      readout.fake.clickButton(buttonId(data, /^Show ¶/), { message }),
      readout.fake.clickButton(buttonId(data, "More results"), {
        message,
        user: readout.fake.users.bob,
      }),
    ]);
    if (!ownerPage || !ownerParagraph || !otherPage) throw new Error("missing trace");
    await Promise.all([finished(ownerPage), finished(ownerParagraph, 1), finished(otherPage)]);

    // The owner's page turn: deferred update, then the message itself is edited.
    expect(ownerPage.response?.type).toBe(InteractionResponseType.DeferredMessageUpdate);
    const pageEdit = accepted(ownerPage.originalEdits)[0];
    expect(pageEdit?.data.allowed_mentions).toEqual({ parse: [] });
    expect(pageEdit?.data.embeds?.[0]?.footer?.text).toMatch(/^Page 2 of 5/);

    // Show ¶N is private: after a deferred update it arrives as a private follow-up.
    expect(ownerParagraph.response?.type).toBe(InteractionResponseType.DeferredMessageUpdate);
    expect(accepted(ownerParagraph.originalEdits)).toHaveLength(0);
    const paragraph = accepted(ownerParagraph.followUps)[0];
    expect(paragraph?.data.flags).toBe(MessageFlags.Ephemeral);
    expect(paragraph?.data.allowed_mentions).toEqual({ parse: [] });
    expect(paragraph?.data.embeds?.[0]?.title).toMatch(/^¶\d+ · 11 September 2025$/);

    // Someone else's click: a private deferral, then their own copy edited in.
    expect(otherPage.response?.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(otherPage.response?.data?.flags).toBe(MessageFlags.Ephemeral);
    const otherEdit = accepted(otherPage.originalEdits)[0];
    expect(otherEdit?.data.allowed_mentions).toEqual({ parse: [] });
    expect(otherEdit?.data.embeds?.[0]?.footer?.text).toMatch(/^Page 2 of 5/);
  });

  it("sent every message with allowed_mentions parse [] and within Discord's limits", () => {
    expect(expectAllDiscordSafe(readout.traces)).toBeGreaterThanOrEqual(9);
  });
});
