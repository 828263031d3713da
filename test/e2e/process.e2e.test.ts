import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { copyFile, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateCorpus, writeCorpus } from "../../scripts/syntheticCorpus.js";
import { CACHE_MIN_RELEASES } from "../../src/knowledge/library/library.js";
import { FakeDiscord, type InteractionTrace } from "../fakeDiscord/index.js";
import { firstEmbed, replyData, waitUntil } from "./discordRules.js";
import { FAKE_TOKEN, NO_SETTINGS, reportFigures } from "./harness.js";

/** The part of a bot token that is secret: the first two are the bot's id and a timestamp. */
const TOKEN_SECRET = FAKE_TOKEN.split(".")[2] ?? FAKE_TOKEN;
/** How long a stopping bot is waited for before it is killed and the test fails. */
const EXIT_WITHIN_MS = 5000;
const SEED_FILE = "2025-09-11-lukashenko-coale.txt";

interface Running {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal that killed it). */
  exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * `npm start` as a user runs it: the real entry point under tsx, configured only through the
 * environment. Variables a developer's .env might set are blanked, and dotenv never overrides a
 * variable that is set, so the .env file cannot leak into the test.
 */
function startEntryPoint(env: Record<string, string>, input?: string): Running {
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    env: {
      ...process.env,
      ...NO_SETTINGS,
      ...env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = once(child, "exit").then(
    ([code, signal]) => (code ?? signal) as number | NodeJS.Signals | null,
  );
  if (input === undefined) child.stdin.end();
  else child.stdin.end(input);
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function exitWithin(running: Running, ms: number) {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  const code = await Promise.race([running.exited, timeout]);
  clearTimeout(timer);
  if (code === "timeout") running.child.kill("SIGKILL");
  return { code, ms: Date.now() - started };
}

const traces: InteractionTrace[] = [];
const children: Running[] = [];
const shutdowns: string[] = [];
afterAll(() => {
  for (const running of children) {
    if (running.child.exitCode === null && running.child.signalCode === null) {
      running.child.kill("SIGKILL");
    }
  }
  reportFigures("npm start as a process", traces);
  console.log(`[e2e figures] shutdown: ${shutdowns.join(", ")}`);
});

describe("the real entry point (node --import tsx src/index.ts)", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it.concurrent(`logs in, answers /ask, and exits 0 within 5 s of ${signal}`, async () => {
      const fake = await FakeDiscord.start({ token: FAKE_TOKEN });
      try {
        const running = startEntryPoint({
          DISCORD_TOKEN: FAKE_TOKEN,
          DISCORD_CLIENT_ID: fake.applicationId,
          DISCORD_API_URL: fake.apiUrl,
          // The most verbose level, so a token anywhere in what the bot logs would show.
          LOG_LEVEL: "trace",
        });
        children.push(running);
        const connection = await fake.waitForShardReady(0, { timeoutMs: 15_000 });
        expect(fake.identifies[0]?.token).toBe(FAKE_TOKEN);

        const trace = await fake.slashCommand("ask", { question: "what was lifted" });
        traces.push(trace);
        await trace.settled();
        const embed = firstEmbed(replyData(trace));
        expect(embed.fields?.[0]?.name).toBe("John Coale · ¶13 · 11 September 2025");
        expect(embed.fields?.[0]?.value).toContain("we have lifted sanctions from Belavia");

        running.child.kill(signal);
        const { code, ms } = await exitWithin(running, EXIT_WITHIN_MS);
        shutdowns.push(`${signal} → exit ${String(code)} in ${ms} ms`);
        expect(code, `exit after ${signal} (${ms} ms)`).toBe(0);
        // client.destroy() closed the gateway connection cleanly (1000), not by dying (1006).
        const closed = () => fake.connections.find((info) => info.id === connection.id);
        await waitUntil(() => closed()?.phase === "closed", "the gateway connection to close");
        expect(closed()?.closeCode).toBe(1000);
        expect(running.stderr()).toContain('"msg":"Readout is online"');
        expect(running.stderr()).toContain(`"signal":"${signal}"`);
        for (const output of [running.stdout(), running.stderr()]) {
          expect(output).not.toContain(FAKE_TOKEN);
          expect(output).not.toContain(TOKEN_SECRET);
        }
      } finally {
        await fake.stop();
      }
    });
  }

  const badSettings: [name: string, env: Record<string, string>, variable: string][] = [
    [
      "DISCORD_API_URL that is not a URL",
      {
        DISCORD_TOKEN: FAKE_TOKEN,
        DISCORD_CLIENT_ID: "123456789012345678",
        DISCORD_API_URL: "not-a-url",
      },
      "DISCORD_API_URL",
    ],
    ["a token without DISCORD_CLIENT_ID", { DISCORD_TOKEN: FAKE_TOKEN }, "DISCORD_CLIENT_ID"],
    [
      "a token with the Bot prefix",
      { DISCORD_TOKEN: `Bot ${FAKE_TOKEN}`, DISCORD_CLIENT_ID: "123456789012345678" },
      "DISCORD_TOKEN",
    ],
  ];
  for (const [what, env, variable] of badSettings) {
    it.concurrent(`exits non-zero naming ${variable} for ${what}`, async () => {
      const running = startEntryPoint(env);
      children.push(running);
      // Generous: these start a whole tsx process while the rest of the suite loads both cores.
      const { code } = await exitWithin(running, 40_000);
      expect(code).toBe(1);
      expect(running.stderr()).toMatch(new RegExp(`^readout: .*${variable}`));
      expect(running.stdout()).toBe("");
      for (const output of [running.stdout(), running.stderr()]) {
        expect(output).not.toContain(TOKEN_SECRET);
      }
    }, 60_000);
  }

  it("saves a large folder's snapshot in CACHE_DIR and reads it back when started again", async () => {
    const work = await mkdtemp(join(tmpdir(), "readout-process-cache-"));
    const fake = await FakeDiscord.start({ token: FAKE_TOKEN });
    try {
      const seeds = join(work, "seeds");
      const cacheDir = join(work, "cache");
      await writeCorpus(seeds, generateCorpus({ releases: CACHE_MIN_RELEASES, seed: 3 }));
      await copyFile(join("seeds", SEED_FILE), join(seeds, SEED_FILE));
      const env = {
        DISCORD_TOKEN: FAKE_TOKEN,
        DISCORD_CLIENT_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        SEEDS_DIR: seeds,
        CACHE_DIR: cacheDir,
      };
      const snapshots = async () =>
        (await readdir(cacheDir).catch(() => [])).filter((name) => name.endsWith(".snapshot"));
      const ask = async () => {
        const trace = await fake.slashCommand("ask", {
          question: "what was lifted",
          release: SEED_FILE.replace(/\.txt$/, ""),
        });
        traces.push(trace);
        await trace.settled();
        return firstEmbed(replyData(trace)).fields?.[0]?.value ?? "";
      };

      const first = startEntryPoint(env);
      children.push(first);
      await fake.waitForShardReady(0, { timeoutMs: 30_000 });
      expect(await ask()).toContain("we have lifted sanctions from Belavia");
      const saved = Date.now();
      while ((await snapshots()).length === 0 && Date.now() - saved < 30_000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await snapshots()).toHaveLength(1);
      first.child.kill("SIGTERM");
      expect((await exitWithin(first, 10_000)).code).toBe(0);
      expect(first.stderr()).not.toContain("read from the saved index");

      const again = startEntryPoint(env);
      children.push(again);
      await waitUntil(
        () => again.stderr().includes('"msg":"Readout is online"'),
        "the restarted bot to be online",
        30_000,
      );
      expect(again.stderr()).toContain('"msg":"Releases and index read from the saved index"');
      expect(await ask()).toContain("we have lifted sanctions from Belavia");
      again.child.kill("SIGTERM");
      expect((await exitWithin(again, 10_000)).code).toBe(0);
    } finally {
      await fake.stop();
      await rm(work, { recursive: true, force: true });
    }
  }, 90_000);

  it.concurrent("without DISCORD_TOKEN, answers /ask from piped stdin and exits 0", async () => {
    const running = startEntryPoint({}, "/ask what was lifted\n");
    children.push(running);
    const { code } = await exitWithin(running, 40_000);
    expect(code).toBe(0);
    expect(running.stdout()).toContain("Ask: what was lifted");
    expect(running.stdout()).toContain("John Coale");
    expect(running.stdout()).toContain("¶13 · 11 September 2025");
    expect(running.stdout()).toContain("we have lifted sanctions from Belavia");
  }, 60_000);
});
