/**
 * Forged and stale buttons through the fake Discord and the real bot: a page out of range,
 * another user's private answer, garbage. Each gets a polite private refusal (or, for a valid
 * id, a private copy), never a crash, and never a change to someone else's message.
 */
import {
  type APIMessage,
  ComponentType,
  InteractionResponseType,
  MessageFlags,
} from "discord-api-types/v10";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningReadout, startReadout } from "../e2e/harness.js";
import type { InteractionTrace } from "../fakeDiscord/index.js";
import { hostileText, messageProblems } from "./hostile.js";

let readout: RunningReadout;

beforeAll(async () => {
  readout = await startReadout();
});
afterAll(async () => {
  await readout?.stop();
});

function customIds(message: APIMessage | undefined): string[] {
  return (message?.components ?? []).flatMap((row) =>
    "components" in row
      ? row.components.flatMap((child) =>
          child.type === ComponentType.Button && "custom_id" in child ? [child.custom_id] : [],
        )
      : [],
  );
}

function errorLogs(): string[] {
  return readout.logs
    .join("")
    .split("\n")
    .filter((line) => /"level":(50|60)/.test(line));
}

/** A private reply that fits Discord and pings no one; the clicked message is left alone. */
function expectPrivateReply(trace: InteractionTrace): void {
  const response = trace.response;
  expect(response?.type).toBe(InteractionResponseType.ChannelMessageWithSource);
  expect((response?.data?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  expect(messageProblems({ ...response?.data })).toEqual([]);
  expect(trace.originalEdits).toEqual([]);
}

function refusalText(trace: InteractionTrace): string {
  const data = trace.response?.data;
  return `${data?.content ?? ""} ${data?.embeds?.[0]?.title ?? ""} ${data?.embeds?.[0]?.description ?? ""}`;
}

describe("stale and forged buttons", () => {
  it("refuses a page out of range politely and privately", async () => {
    const { fake } = readout;
    const asked = await fake.slashCommand("quotes", { speaker: "Coale" });
    const more = customIds(asked.original).find((id) => /^quotes:\d+:/.test(id));
    expect(more, "the answer has a Next button").toBeDefined();
    const [prefix, , ...rest] = (more ?? "").split(":");

    for (const page of ["999", "0", "-1", "1e3", "99999999"]) {
      const forged = [prefix, page, ...rest].join(":");
      const click = await fake.clickButton(forged, { message: asked.original });
      await click.settled();
      expectPrivateReply(click);
      expect(refusalText(click)).toMatch(/expired|don't know that button/i);
    }
    expect(errorLogs()).toEqual([]);
  });

  it("never shows or changes another user's private answer", async () => {
    const { fake } = readout;
    const { alice, bob } = fake.users;
    const privateAsk = await fake.slashCommand(
      "ask",
      { question: "what was lifted", private: true },
      { user: alice },
    );
    const mine = privateAsk.original;
    expect((mine?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const ids = customIds(mine);
    expect(ids.length).toBeGreaterThan(0);

    for (const id of ids) {
      const click = await fake.clickButton(id, { user: bob, message: mine });
      await click.settled();
      // Bob gets his own private message, and no update to Alice's.
      expectPrivateReply(click);
      expect(click.original?.interaction_metadata?.user.id).toBe(bob.id);
      expect(click.callbacks.map((callback) => callback.type)).not.toContain(
        InteractionResponseType.UpdateMessage,
      );
    }

    // A message that names no owner at all is treated as someone else's too.
    const ownerless = { ...fake.build.botMessage(), interaction_metadata: undefined };
    const click = await fake.clickButton(ids[0] ?? "", { user: bob, message: ownerless });
    await click.settled();
    expectPrivateReply(click);
    expect(errorLogs()).toEqual([]);
  });

  it("answers garbage custom ids with a polite private notice, never a crash", async () => {
    const { fake } = readout;
    const garbage = [
      "x",
      ":",
      "::::",
      "ask",
      "ask:",
      "ask:para",
      "ask:para:zzzzzz:1",
      "ask:para::99999",
      "quotes:1:nobody:",
      "quotes:2:john-coale:".padEnd(100, "x"),
      "__proto__",
      "constructor:prototype",
      "@everyone",
      "<@123456789012345678>",
      "\u202e\u0000\u200b",
      "🇧🇾".repeat(25),
    ];
    for (const id of garbage) {
      const click = await fake.clickButton(id);
      await click.settled();
      expectPrivateReply(click);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileText,
          fc
            .tuple(fc.constantFrom("ask", "quotes", "verify"), hostileText)
            .map(([p, t]) => `${p}:${t}`),
        ),
        async (text) => {
          const id = text.slice(0, 100) || "empty";
          const click = await fake.clickButton(id, { user: fake.users.bob });
          await click.settled();
          expectPrivateReply(click);
        },
      ),
      { numRuns: 40 },
    );
    expect(errorLogs()).toEqual([]);
    expect(readout.bot.client.isReady()).toBe(true);
  });
});
