/**
 * The token never reaches the output. The bot runs as `npm start` runs it (the real entry point
 * in its own process) with a recognisable fake token, is led through login and every error path,
 * and through each way it can end, and everything it printed is searched for the token.
 */
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { copyFile, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, type ExpectStatic, it } from "vitest";
import { REFUSED_EXIT_CODE } from "../../src/bot/sharding.js";
import { waitUntil } from "../e2e/discordRules.js";
import { FAKE_TOKEN, NO_SETTINGS } from "../e2e/harness.js";
import { FakeDiscord, type RecordedRequest } from "../fakeDiscord/index.js";

/**
 * The token and its secret part. The first two parts are the bot's id and a timestamp, which
 * discord.js itself prints at trace level ("Provided token: <id>.<time>.*****").
 */
const SECRETS = [FAKE_TOKEN, FAKE_TOKEN.split(".")[2] ?? FAKE_TOKEN];
const FAULTS = join(import.meta.dirname, "faultInjection.ts");

interface Bot {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

let seeds: string;

beforeAll(async () => {
  // A release folder with a file that cannot be read, a pipe that would block and a good release.
  seeds = await mkdtemp(join(tmpdir(), "readout-token-"));
  await copyFile("seeds/2025-09-11-lukashenko-coale.txt", join(seeds, "good.txt"));
  await symlink(join(seeds, "gone"), join(seeds, "unreadable.txt"));
  execFileSync("mkfifo", [join(seeds, "pipe.txt")]);
});

const running: Bot[] = [];
afterAll(async () => {
  for (const bot of running) if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
  await rm(seeds, { recursive: true, force: true });
});

function startBot(fake: FakeDiscord, env: Record<string, string> = {}): Bot {
  const child = spawn(process.execPath, ["--import", "tsx", "--import", FAULTS, "src/index.ts"], {
    env: {
      ...process.env,
      // Set, so that a developer's .env cannot change them (dotenv never overrides).
      ...NO_SETTINGS,
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      SEEDS_DIR: seeds,
      LOG_LEVEL: "trace",
      COOLDOWN_MS: "0",
      ...env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const exited = once(child, "exit").then(([code]) => code as number | null);
  const bot = { child, output: () => output, exited };
  running.push(bot);
  return bot;
}

function online(bot: Bot): Promise<void> {
  return waitUntil(() => bot.output().includes("Readout is online"), "the bot to log in", 15_000);
}

/** Starting (as online() allows) and then exiting (as exitCode() allows). */
const STARTUP_AND_EXIT_MS = 25_000;

async function exitCode(bot: Bot, ms = 10_000): Promise<number | null | "still running"> {
  const timeout = new Promise<"still running">((resolve) => {
    setTimeout(() => resolve("still running"), ms).unref();
  });
  return Promise.race([bot.exited, timeout]);
}

function expectNoToken(output: string, expect: ExpectStatic): void {
  for (const secret of SECRETS) expect(output).not.toContain(secret);
}

function callbackOf(id: string) {
  return (request: RecordedRequest) =>
    request.method === "POST" && request.path.startsWith(`/interactions/${id}/`);
}

describe("the token in every output of the real entry point", () => {
  it.concurrent("stays out of login, load warnings, REST 401 and 500s, a handler throw and an unhandled rejection", async ({
    expect,
  }) => {
    const fake = await FakeDiscord.start({ token: FAKE_TOKEN });
    const bot = startBot(fake);
    try {
      await online(bot);
      expect(fake.identifies[0]?.token).toBe(FAKE_TOKEN);
      const answered = await fake.slashCommand("ask", { question: "what was lifted" });
      expect(answered.response?.data?.embeds).toHaveLength(1);

      // REST refuses the answer: 401 once, then 500 on every attempt (1 try and 3 retries).
      const refused = fake.build.slashCommand("ask", { question: "sanctions" });
      fake.failNext(callbackOf(refused.id), { status: 401 });
      const failing = fake.build.slashCommand("ask", { question: "prisoners" });
      for (let attempt = 0; attempt < 4; attempt += 1) {
        fake.failNext(callbackOf(failing.id), { status: 500 });
      }
      // The handler throws: the option arrives with a type the command does not declare.
      const mistyped = fake.build.slashCommand("ask", [
        { name: "question", type: ApplicationCommandOptionType.Integer, value: 5 },
      ]);
      const traces = [refused, failing, mistyped].map((payload) => fake.sendInteraction(payload));
      // The 500s are retried before the apology: more time than the default.
      await waitUntil(() => traces[0]?.response, "the apology after a 401", 5_000);
      await waitUntil(() => traces[1]?.response, "the apology after the 500s", 5_000);
      await waitUntil(
        () => bot.output().includes("Could not respond to an interaction"),
        "the mistyped option to be logged",
        5_000,
      );

      bot.child.kill("SIGUSR2");
      await waitUntil(
        () => bot.output().includes("Unhandled promise rejection; Readout keeps running"),
        "the unhandled rejection to be logged",
        5_000,
      );
      // Still answering after all of that.
      const after = await fake.slashCommand("quotes", { speaker: "Coale" });
      expect(after.response?.data?.embeds).toHaveLength(1);

      bot.child.kill("SIGTERM");
      expect(await exitCode(bot)).toBe(0);
      const output = bot.output();
      expectNoToken(output, expect);
      // The paths were taken: the warnings, both REST failures and the scrubbed rejection.
      expect(output).toContain(
        "unreadable.txt: is a symbolic link, and links in the seeds folder are not followed",
      );
      expect(output).toContain("pipe.txt: is not a regular file; it was skipped");
      expect(output).toMatch(/"status":401/);
      expect(output).toMatch(/"status":500/);
      expect(output).toContain("rejected while holding Bot [redacted]");
    } finally {
      if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
      await fake.stop();
    }
  });

  it.concurrent.for([
    ["Discord refuses the session for good (close 4004)", "4004"],
    ["an uncaught exception", "crash"],
    ["Discord refuses the token at login (401)", "login"],
  ] as const)(
    "stays out of the output when the bot exits on %s, with a non-zero code",
    { timeout: 40_000 },
    async ([_, how], { expect }) => {
      const fake = await FakeDiscord.start({
        token: how === "login" ? "a.different.token-than-the-bot-has" : FAKE_TOKEN,
      });
      const bot = startBot(fake);
      try {
        if (how !== "login") await online(bot);
        if (how === "4004") fake.closeGateway(4004);
        if (how === "crash") bot.child.kill("SIGHUP");

        // Refused for good: the code that tells a supervisor a restart will not help. Refused at
        // login, the bot has not come online first: its start-up counts in the wait as well.
        const waitMs = how === "login" ? STARTUP_AND_EXIT_MS : 10_000;
        expect(await exitCode(bot, waitMs)).toBe(how === "4004" ? REFUSED_EXIT_CODE : 1);
        const output = bot.output();
        expectNoToken(output, expect);
        const reason = {
          "4004": "Discord ended the connection for good; exiting",
          crash: "crashed while holding [redacted]",
          login: "Could not connect to Discord",
        }[how];
        expect(output).toContain(reason);
      } finally {
        if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
        await fake.stop();
      }
    },
  );
});
