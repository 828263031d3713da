import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakeDiscord/index.js";
import { FAKE_TOKEN, NO_SETTINGS } from "./harness.js";

let fake: FakeDiscord;
let manager: ChildProcess;
let output = "";

/** `npm run start:sharded` against a fake Discord, with all it prints gathered in `said`. */
function startSharded(discord: FakeDiscord, said: (chunk: string) => void): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/shard.ts"], {
    env: {
      ...process.env,
      ...NO_SETTINGS,
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_CLIENT_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => said(String(chunk)));
  child.stderr?.on("data", (chunk) => said(String(chunk)));
  return child;
}

beforeAll(async () => {
  fake = await FakeDiscord.start({ shards: 2, guilds: 4, maxConcurrency: 2 });
  manager = startSharded(fake, (chunk) => {
    output += chunk;
  });
  await fake.waitForShardReady(0, { timeoutMs: 20_000 });
  await fake.waitForShardReady(1, { timeoutMs: 20_000 });
}, 30_000);

afterAll(async () => {
  if (manager && manager.exitCode === null) {
    manager.kill("SIGTERM");
    await once(manager, "exit");
  }
  await fake?.stop();
});

describe("npm run start:sharded", () => {
  it("takes Discord's recommendation of two shards, each identifying as its own [id, 2]", () => {
    const shards = fake.identifies.map((identify) => identify.shard);
    expect(shards).toEqual(
      expect.arrayContaining([
        [0, 2],
        [1, 2],
      ]),
    );
    expect(shards).toHaveLength(2);
  });

  it.each([0, 1])("answers an interaction sent on shard %i exactly once", async (shardId) => {
    const trace = await fake.slashCommand(
      "ask",
      { question: "what was lifted" },
      { shardId, guildId: null },
    );
    await trace.settled();
    expect(trace.callbacks).toHaveLength(1);
    const callbacks = fake.requests.filter((request) =>
      request.path.includes(`/interactions/${trace.id}/`),
    );
    expect(callbacks).toHaveLength(1);
    expect(JSON.stringify(trace.response?.data)).toContain("lifted sanctions from Belavia");
  });

  it("never prints the token", () => {
    expect(output).not.toContain(FAKE_TOKEN);
  });
});

describe("npm run start:sharded, refused by Discord for good", () => {
  it("stops every shard and exits 1 instead of respawning them", async () => {
    const refusing = await FakeDiscord.start({ shards: 2, guilds: 2, maxConcurrency: 2 });
    let said = "";
    const sharded = startSharded(refusing, (chunk) => {
      said += chunk;
    });
    try {
      await refusing.waitForShardReady(0, { timeoutMs: 20_000 });
      await refusing.waitForShardReady(1, { timeoutMs: 20_000 });
      const exited = once(sharded, "exit");
      refusing.closeGateway(4004);
      const [code] = await exited;
      expect(code).toBe(1);
      expect(said).toContain("Discord refused the shard for good");
      expect(said).not.toContain("respawning");
      // Each shard identified once: none was started again.
      expect(refusing.identifies).toHaveLength(2);
      expect(said).not.toContain(FAKE_TOKEN);
    } finally {
      if (sharded.exitCode === null) sharded.kill("SIGKILL");
      await refusing.stop();
    }
  }, 60_000);
});
