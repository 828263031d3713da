import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { InteractionResponseType } from "discord.js";
import { type BotClientOptions, type BotHandle, startBot } from "../../src/bot/client.js";
import { parseConfig } from "../../src/bot/config.js";
import { createLogger } from "../../src/bot/logger.js";
import { releaseShelf } from "../../src/bot/releases.js";
import type { Command } from "../../src/commands/command.js";
import { commands as registry } from "../../src/commands/index.js";
import { Library } from "../../src/knowledge/library/library.js";
import { LiveLibrary } from "../../src/knowledge/live/watch.js";
import {
  FakeDiscord,
  type FakeDiscordOptions,
  type InteractionTrace,
} from "../fakeDiscord/index.js";

/** A recognisable fake token, so tests can search every output for it. */
export const FAKE_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gfake1.readout-test-token-do-not-leak";

export interface RunningReadout {
  fake: FakeDiscord;
  bot: BotHandle;
  library: Library;
  /** Set when started with `live`: the library that follows the seeds folder. */
  live?: LiveLibrary;
  /** Every log line the bot wrote, as text. */
  logs: string[];
  /** Every interaction sent through `fake` so far, by any bot that ran against it. */
  traces: InteractionTrace[];
  /** Stops the bot, and the fake Discord too unless it was handed in with `discord`. */
  stop(): Promise<void>;
}

export interface StartOptions {
  seedsDir?: string;
  commands?: readonly Command[];
  fake?: FakeDiscordOptions;
  /**
   * Log in to this fake Discord instead of starting one, as a restarted bot logs in to the same
   * Discord; `stop()` then leaves it running.
   */
  discord?: FakeDiscord;
  env?: Record<string, string>;
  /** Follow the seeds folder as `npm start` does, reloading when a release changes. */
  live?: boolean;
  /**
   * Replaces the test client options (2 s REST timeout, no REST retries, no guild wait); pass
   * `{ waitGuildTimeout: 0 }` to keep discord.js's production REST defaults (3 retries, 15 s).
   */
  clientOptions?: BotClientOptions;
}

const tracesByFake = new WeakMap<FakeDiscord, InteractionTrace[]>();

/** Keeps every trace the fake hands out (slash commands, clicks, autocomplete all pass here). */
function recordTraces(fake: FakeDiscord): InteractionTrace[] {
  const known = tracesByFake.get(fake);
  if (known) return known;
  const traces: InteractionTrace[] = [];
  const send = fake.sendInteraction.bind(fake);
  fake.sendInteraction = (payload, options) => {
    const trace = send(payload, options);
    traces.push(trace);
    return trace;
  };
  tracesByFake.set(fake, traces);
  return traces;
}

/**
 * The real bot (startBot, the real router and commands, the real discord.js client) logged in to
 * a fake Discord on 127.0.0.1 through DISCORD_API_URL, as `npm start` would run it.
 */
export async function startReadout(options: StartOptions = {}): Promise<RunningReadout> {
  const ownsFake = options.discord === undefined;
  const fake = options.discord ?? (await FakeDiscord.start(options.fake));
  const traces = recordTraces(fake);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = parseConfig({
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    SEEDS_DIR: options.seedsDir ?? "seeds",
    LOG_LEVEL: "debug",
    // Tests click faster than a person; a per-user cooldown would turn them away.
    COOLDOWN_MS: "0",
    ...options.env,
  });
  const logger = createLogger({ level: config.logLevel, token: config.token, destination: sink });
  const live = options.live
    ? await LiveLibrary.start(config.seedsDir, { logger, debounceMs: 50 })
    : undefined;
  const library = live?.current ?? (await Library.load(config.seedsDir));
  const bot = await startBot({
    config,
    library: live ?? library,
    commands: options.commands ?? registry,
    logger,
    ...(live ? { releases: releaseShelf(config, live, logger) } : {}),
    clientOptions: options.clientOptions ?? {
      rest: { timeout: 2000, retries: 0 },
      waitGuildTimeout: 0,
    },
  });
  return {
    fake,
    bot,
    library,
    ...(live ? { live } : {}),
    logs,
    traces,
    async stop() {
      live?.close();
      await bot.stop();
      if (ownsFake) await fake.stop();
    },
  };
}

/**
 * Every setting .env.example lists, set to nothing, for a spawned entry point: it then reads only
 * what the caller sets, since dotenv never overrides a variable already set, even to nothing.
 * Read from .env.example, so a setting added there is covered here too.
 */
export const NO_SETTINGS: Readonly<Record<string, string>> = Object.fromEntries(
  readFileSync(fileURLToPath(new URL("../../.env.example", import.meta.url)), "utf8")
    .split("\n")
    .flatMap((line) => /^([A-Z_]+)=/.exec(line)?.slice(1, 2) ?? [])
    .map((name) => [name, ""]),
);

/** The custom ids of a message's buttons. */
export function buttonIds(trace: InteractionTrace): string[] {
  return (trace.original?.components ?? []).flatMap((row) =>
    "components" in row
      ? row.components.flatMap((child) => ("custom_id" in child ? [child.custom_id] : []))
      : [],
  );
}

const DEFERRALS = new Set<InteractionResponseType>([
  InteractionResponseType.DeferredChannelMessageWithSource,
  InteractionResponseType.DeferredMessageUpdate,
]);

/**
 * Milliseconds from dispatching the interaction to the request that put the answer in front of
 * the user: the initial response, or after a deferral the first edit or follow-up that was
 * accepted. Undefined while nothing has been answered.
 */
export function answerMs(trace: InteractionTrace): number | undefined {
  const response = trace.response;
  if (!response) return undefined;
  if (!DEFERRALS.has(response.type)) return response.elapsedMs;
  const later = [...trace.edits, ...trace.followUps]
    .filter((attempt) => attempt.status >= 200 && attempt.status < 300)
    .map((attempt) => attempt.elapsedMs);
  return later.length > 0 ? Math.min(...later) : undefined;
}

export interface Figures {
  interactions: number;
  answered: number;
  slowestAnswerMs: number;
  /** What the slowest interaction was, e.g. `command "ask"`. */
  slowest: string;
  medianAnswerMs: number;
}

function describeTrace(trace: InteractionTrace): string {
  const payload = trace.payload;
  const data = payload.data as { name?: string; custom_id?: string } | undefined;
  return data?.name !== undefined ? `/${data.name}` : `button ${data?.custom_id ?? "?"}`;
}

/** The end-to-end figures of a set of traces; interactions that were never answered count too. */
export function figures(traces: readonly InteractionTrace[]): Figures {
  const timed = traces
    .map((trace) => ({ trace, ms: answerMs(trace) }))
    .filter((item): item is { trace: InteractionTrace; ms: number } => item.ms !== undefined)
    .sort((a, b) => a.ms - b.ms);
  const slowest = timed.at(-1);
  return {
    interactions: traces.length,
    answered: timed.length,
    slowestAnswerMs: slowest?.ms ?? 0,
    slowest: slowest ? describeTrace(slowest.trace) : "none",
    medianAnswerMs: timed[Math.floor(timed.length / 2)]?.ms ?? 0,
  };
}

/** One line for the test output, e.g. for a closing note. */
export function reportFigures(label: string, traces: readonly InteractionTrace[]): string {
  const f = figures(traces);
  const line =
    `[e2e figures] ${label}: ${f.interactions} interactions, ${f.answered} answered; ` +
    `slowest answer ${f.slowestAnswerMs} ms (${f.slowest}), median ${f.medianAnswerMs} ms`;
  console.log(line);
  return line;
}
