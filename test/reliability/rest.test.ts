/**
 * REST faults against the real bot through the fake Discord, with the REST settings production
 * runs with (discord.js's defaults: 3 retries, 15 s timeout), not the harness's test settings.
 */
import type { APIInteraction } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningReadout, startReadout } from "../e2e/harness.js";
import type { RecordedRequest } from "../fakeDiscord/index.js";
import { expectAnswered, sendMixed } from "./mixed.js";

let readout: RunningReadout;

beforeAll(async () => {
  readout = await startReadout({ clientOptions: { waitGuildTimeout: 0 } });
});
afterAll(async () => {
  await readout?.stop();
});

function callbackOf(payload: APIInteraction) {
  return (request: RecordedRequest) =>
    request.method === "POST" && request.path.startsWith(`/interactions/${payload.id}/`);
}

function statuses(payload: APIInteraction): (number | undefined)[] {
  return readout.fake.findRequests(callbackOf(payload)).map((request) => request.status);
}

function ask(question = "what was lifted") {
  return readout.fake.build.slashCommand("ask", { question });
}

function logLines(): Record<string, unknown>[] {
  return readout.logs
    .join("")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("REST faults on interaction callbacks", () => {
  it("waits out a 429 with retry_after and rate-limit headers, then delivers once", async () => {
    const { fake } = readout;
    const payload = ask();
    fake.failNext(callbackOf(payload), { status: 429, retryAfterSeconds: 0.3 });
    const trace = fake.sendInteraction(payload);
    await trace.settled({ timeoutMs: 3_000 });

    expect(statuses(payload)).toEqual([429, 204]);
    const [limited, delivered] = fake.findRequests(callbackOf(payload));
    expect((delivered?.receivedAt ?? 0) - (limited?.receivedAt ?? 0)).toBeGreaterThanOrEqual(290);
    // The fake records only accepted attempts on the trace: one answer, not two.
    expect(trace.callbacks).toHaveLength(1);
    expect(trace.original?.embeds?.[0]?.fields?.[0]?.value).toContain("lifted sanctions");
  });

  it.each([
    ["500", [500]],
    ["502", [502]],
    ["500, 502 and 500 in a row", [500, 502, 500]],
  ])("retries a callback that fails with %s and answers once", async (_label, failures) => {
    const { fake } = readout;
    const payload = ask();
    for (const status of failures) fake.failNext(callbackOf(payload), { status });
    const trace = fake.sendInteraction(payload);
    await trace.settled({ timeoutMs: 3_000 });

    expect(statuses(payload)).toEqual([...failures, 204]);
    expect(trace.callbacks).toHaveLength(1);
    expect(trace.original?.embeds).toHaveLength(1);
  });

  it("logs 10062 Unknown interaction, does not crash, and answers the next ones", async () => {
    const { fake } = readout;
    const payload = ask();
    const unknown = { status: 404, body: { code: 10062, message: "Unknown interaction" } };
    // An expired interaction refuses the answer and the apology alike.
    fake.failNext(callbackOf(payload), unknown);
    fake.failNext(callbackOf(payload), unknown);
    const trace = fake.sendInteraction(payload);

    await expect.poll(() => statuses(payload)).toEqual([404, 404]);
    await expect
      .poll(() => logLines().find((line) => line.msg === "Could not send the apology either"))
      .toBeDefined();
    const failure = logLines().find(
      (line) => line.msg === "Answering an interaction failed" && line.interactionId === payload.id,
    );
    expect(failure).toMatchObject({ level: 50, err: { code: 10062 } });
    expect(trace.response).toBeUndefined();
    expect(readout.bot.client.isReady()).toBe(true);
    expectAnswered(await sendMixed(fake));
  });

  it("does not let a callback that takes 2 s hold up anyone else's answer", async () => {
    const { fake } = readout;
    const slowPayload = ask("what did Coale say about prisoners");
    fake.failNext(callbackOf(slowPayload), { delayMs: 2_000 });
    const slow = fake.sendInteraction(slowPayload);

    // Everyone else is answered while the slow callback is still on its way.
    const others = [];
    for (let round = 0; round < 4; round += 1) others.push(...(await sendMixed(fake)));
    expectAnswered(others);
    expect(slow.response).toBeUndefined();

    await slow.settled({ timeoutMs: 4_000 });
    expect(slow.callbacks).toHaveLength(1);
    expect(slow.response?.elapsedMs).toBeGreaterThanOrEqual(2_000);
    expect(slow.original?.embeds).toHaveLength(1);
  });
});
