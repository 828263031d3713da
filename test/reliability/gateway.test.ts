/**
 * Gateway faults against the real bot (startBot, router, commands, discord.js) through the fake
 * Discord: after each one the bot reconnects on its own and answers every interaction sent after.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { BotClientOptions } from "../../src/bot/client.js";
import { buttonIds, type RunningReadout, type StartOptions, startReadout } from "../e2e/harness.js";
import { expectAnswered, sendMixed } from "./mixed.js";

/**
 * Production REST settings. Discord lets a bot IDENTIFY once per 5 s; discord.js's throttler waits
 * that out, which the fake does not need, so a fresh IDENTIFY is let through at once here.
 */
const CLIENT: BotClientOptions = {
  waitGuildTimeout: 0,
  ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
};

let readout: RunningReadout | undefined;

async function start(options: StartOptions = {}): Promise<RunningReadout> {
  readout = await startReadout({ clientOptions: CLIENT, ...options });
  expectAnswered(await sendMixed(readout.fake));
  return readout;
}

function errorLines(logs: readonly string[]): string[] {
  return logs
    .join("")
    .split("\n")
    .filter((line) => /"level":(50|60)/.test(line));
}

afterEach(async () => {
  await readout?.stop();
  readout = undefined;
});

describe("gateway faults", () => {
  it("resumes after a resumable close (4000) and answers everything after", async () => {
    const { fake, logs } = await start();
    fake.closeGateway(4000);
    const connection = await fake.waitForShardReady(0);

    expect(connection.readyVia).toBe("resume");
    expect(fake.identifies).toHaveLength(1);
    expectAnswered(await sendMixed(fake));
    expect(errorLines(logs)).toEqual([]);
  });

  it("resumes after the connection drops without a close frame (1006)", async () => {
    const { fake, logs } = await start();
    fake.terminateGateway();
    const connection = await fake.waitForShardReady(0);

    expect(fake.connections[0]?.closeCode).toBe(1006);
    expect(connection.readyVia).toBe("resume");
    expectAnswered(await sendMixed(fake));
    expect(errorLines(logs)).toEqual([]);
  });

  it.each([
    [4007, "invalid sequence"],
    [4009, "session timed out"],
  ])("identifies afresh after a non-resumable close (%i, %s)", async (code) => {
    const { fake, logs } = await start();
    fake.closeGateway(code);

    await expect.poll(() => fake.identifies.length, { timeout: 5_000 }).toBe(2);
    const connection = await fake.waitForShardReady(0);
    expect(connection.readyVia).toBe("identify");
    expectAnswered(await sendMixed(fake));
    expect(errorLines(logs)).toEqual([]);
  });

  it("keeps replacing connections whose heartbeats are never acknowledged, and answers", async () => {
    const { fake, logs } = await start({ fake: { heartbeatIntervalMs: 150 } });
    fake.acknowledgeHeartbeats = false;

    // discord.js notices a missing acknowledgement at the next beat, closes the zombie (4200)
    // and resumes on a new connection, again and again while Discord stays silent.
    const zombies = () => fake.connections.filter((c) => c.closeCode === 4200).length;
    await expect.poll(zombies, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    const answered = [];
    for (const send of [
      () => fake.slashCommand("ask", { question: "what was lifted" }),
      () => fake.slashCommand("quotes", { speaker: "Coale" }),
      () => fake.autocomplete("quotes", { speaker: "Luka" }, "speaker"),
    ]) {
      answered.push(await (await whenConnected(send)).settled());
    }
    const quotes = answered[1];
    const next = quotes ? buttonIds(quotes)[0] : undefined;
    expect(next).toBeDefined();
    answered.push(
      await (
        await whenConnected(() => fake.clickButton(next ?? "", { message: quotes?.original }))
      ).settled(),
    );
    expectAnswered(answered);
    expect(fake.connections.every((c) => c.readyVia === "resume" || c.id === 1)).toBe(true);
    expect(errorLines(logs)).toEqual([]);
  });
});

/** Sends once a connection is up: between a zombie's close and its replacement there is none. */
async function whenConnected<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      if (attempt > 100 || !String(error).includes("no ready gateway connection")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
