/**
 * `npm run soak`: the real bot, started as `npm start` starts it (node --import tsx src/index.ts,
 * configured through the environment), driven through a fake Discord on 127.0.0.1:
 *   1. a warm-up of mixed interactions, which also collects real buttons to click later;
 *   2. a burst: 1,000 mixed interactions (/ask, /quotes, autocomplete, buttons, …) at once;
 *   3. a burst of 200 messages that mention the bot (questions and commands), at once;
 *   4. a release added with /release add while 200 /ask interactions run over two seconds, a
 *      quarter of them about the new release;
 *   5. a steady load: 10,000 interactions at a fixed rate (default 250 a second).
 * The bot answers from a copy of seeds/ in a temporary folder, which the added release joins.
 * Each interaction comes from one of a few thousand members, none faster than a person, so the
 * per-user cooldown stays out of the way as it would in a real server. It prints, per phase, how
 * many were answered and the p50, p99 and slowest answer, and the bot process's resident memory
 * (VmRSS from /proc/<pid>/status) before and after the load. Both are read once a full garbage
 * collection has run, so that garbage V8 has not yet collected is not counted as growth (the raw
 * figures are printed too): SIGUSR1 opens the bot's inspector on 127.0.0.1 (--inspect-port=0
 * picks a free port) and HeapProfiler.collectGarbage runs the collection.
 * Exits 1 if any interaction went unanswered or memory grew by 20 MB or more.
 *
 * Usage: npm run soak [-- --burst 1000] [--mentions 200] [--asks 200] [--count 10000] [--rate 250] [--users 3000] [--log file]
 * SOAK_NODE_ARGS (e.g. "--trace-gc" or "--cpu-prof") are passed to the bot's node.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { REST } from "discord.js";
import {
  type APIInteraction,
  type APIUser,
  InteractionResponseType,
  PermissionFlagsBits,
  Routes,
} from "discord-api-types/v10";
import { WebSocket } from "ws";
import { commands } from "../src/commands/index.js";
import { answerMs, buttonIds, NO_SETTINGS } from "../test/e2e/harness.js";
import {
  FakeDiscord,
  type InteractionTrace,
  MEMBER_PERMISSIONS,
  type MessageTrace,
} from "../test/fakeDiscord/index.js";
import {
  RIVER_PORTS,
  RIVER_PORTS_ANSWER,
  RIVER_PORTS_QUESTION,
} from "../test/fixtures/riverPorts.js";

const { values: args } = parseArgs({
  options: {
    burst: { type: "string", default: "1000" },
    mentions: { type: "string", default: "200" },
    asks: { type: "string", default: "200" },
    count: { type: "string", default: "10000" },
    rate: { type: "string", default: "250" },
    users: { type: "string", default: "3000" },
    /** Writes everything the bot printed to this file. */
    log: { type: "string" },
  },
});
const BURST = Number(args.burst);
const MENTIONS = Number(args.mentions);
const ASKS_DURING_ADD = Number(args.asks);
/** The release added during the load, and a question only it answers. */
const ADDED_RELEASE = RIVER_PORTS;
const ADDED_QUESTION = RIVER_PORTS_QUESTION;
const ADDED_ANSWER = RIVER_PORTS_ANSWER;
const ADD_SPREAD_MS = 2000;
/** What people write to the bot in a channel: questions, and commands named first. */
const MENTION_TEXTS = [
  "what was lifted",
  "wat did coal say about the prisoners thx",
  "quotes Coale",
  "brief",
  "when did they meet",
  "",
];
const COUNT = Number(args.count);
const RATE = Number(args.rate);
const USERS = Number(args.users);
const WARMUP = 200;
const MEMORY_BUDGET_MB = 20;
/** Answers that arrive later than Discord's 3 s are refused by the fake (10062), so this is ample. */
const SETTLE_TIMEOUT_MS = 15_000;
const TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gsoak1.readout-soak-token-not-a-real-one";
/** A member who may add releases. */
const MANAGER = MEMBER_PERMISSIONS | PermissionFlagsBits.ManageGuild;

const QUESTIONS = [
  "what was lifted",
  "sanctions on Belavia",
  "what did Coale say about prisoners",
  "peace in the region",
  "Lukashenko on Trump",
  "the letter from President Trump",
  "sancions",
  "what did Lukashenko say first",
  "normalization of relations",
  "potash",
  "hostages and political prisoners",
  "quantum chromodynamics",
  "@everyone what was lifted <@123456789012345678>",
];
const SPEAKERS = ["Coale", "Lukashenko", "Trump", "Lukashenka", "Cole", "Sabalenka", "nobody"];
const TOPICS = ["peace", "sanctions", "prisoners", "letter", "war"];
const PARTIALS = ["", "C", "Co", "Luk", "Tr", "x", "Lukashenko", "ab"];

function users(count: number): APIUser[] {
  return Array.from({ length: count }, (_, index) => ({
    id: (300_000_000_000_000_000n + BigInt(index)).toString(),
    username: `member${index}`,
    discriminator: "0",
    global_name: `Member ${index}`,
    avatar: null,
  }));
}

function pick<T>(items: readonly T[], index: number): T {
  return items[index % items.length] as T;
}

/** A deterministic spread of interaction kinds: the n-th interaction is always the same kind. */
function mixed(fake: FakeDiscord, n: number, user: APIUser, buttons: readonly string[]) {
  const kind = n % 20;
  if (kind < 8) {
    const question = pick(QUESTIONS, n * 7);
    return fake.build.slashCommand("ask", { question }, { user });
  }
  if (kind < 11) {
    const options: Record<string, string> = { speaker: pick(SPEAKERS, n * 3) };
    if (n % 3 === 0) options.topic = pick(TOPICS, n);
    return fake.build.slashCommand("quotes", options, { user });
  }
  if (kind < 15) {
    const speaker = pick(PARTIALS, n);
    return n % 2 === 0
      ? fake.build.autocomplete("quotes", { speaker }, "speaker", { user })
      : fake.build.autocomplete("ask", { question: "sanctions", speaker }, "speaker", { user });
  }
  if (kind < 19 && buttons.length > 0) {
    // Mostly the member's own answer (the page turns in place), sometimes someone else's.
    const id = pick(buttons, n * 13);
    if (n % 4 !== 0) return fake.build.button(id, { user });
    return fake.build.button(id, {
      user,
      message: fake.build.botMessage({ owner: fake.users.alice }),
    });
  }
  return fake.build.slashCommand(n % 2 === 0 ? "source" : "help", {}, { user });
}

interface Outcome {
  kind: string;
  ms: number | undefined;
}

function kindOf(trace: InteractionTrace): string {
  const response = trace.response;
  if (!response) return "unanswered";
  if (response.type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
    return "autocomplete choices";
  }
  const content = response.data?.content ?? trace.original?.content ?? "";
  if (content.includes("a little fast")) return "cooldown notice";
  if (content.includes("Sorry, something went wrong")) return "apology";
  if (response.type === InteractionResponseType.UpdateMessage) return "page turned";
  return "answer";
}

/** A mention is answered when the bot's reply to it arrives. */
async function mentionOutcome(trace: MessageTrace, sentAt: number): Promise<Outcome> {
  try {
    await trace.reply({ timeoutMs: SETTLE_TIMEOUT_MS });
    return { kind: "reply", ms: Math.round(performance.now() - sentAt) };
  } catch {
    return { kind: "unanswered", ms: undefined };
  }
}

async function outcome(trace: InteractionTrace): Promise<Outcome> {
  try {
    await trace.settled({ timeoutMs: SETTLE_TIMEOUT_MS });
  } catch {
    // Counted as unanswered below.
  }
  return { kind: kindOf(trace), ms: answerMs(trace) };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

interface PhaseReport {
  name: string;
  sent: number;
  answered: number;
  p50: number;
  p99: number;
  slowest: number;
  kinds: Record<string, number>;
  seconds: number;
}

function report(name: string, outcomes: readonly Outcome[], seconds: number): PhaseReport {
  const times = outcomes
    .map((item) => item.ms)
    .filter((ms): ms is number => ms !== undefined)
    .sort((a, b) => a - b);
  const kinds: Record<string, number> = {};
  for (const item of outcomes) kinds[item.kind] = (kinds[item.kind] ?? 0) + 1;
  return {
    name,
    sent: outcomes.length,
    answered: times.length,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    slowest: times.at(-1) ?? Number.NaN,
    kinds,
    seconds,
  };
}

/**
 * Runs a full garbage collection in the bot through the inspector, which SIGUSR1 opens on
 * 127.0.0.1 (on a free port: the bot runs with --inspect-port=0), so that memory is compared
 * between two moments with no garbage waiting to be collected.
 */
async function collectGarbage(child: ChildProcess, log: () => string): Promise<void> {
  if (!/Debugger listening on ws:/.test(log())) child.kill("SIGUSR1");
  let url: string | undefined;
  await waitFor(
    () => {
      url = /Debugger listening on (ws:\/\/\S+)/.exec(log())?.[1];
      return url !== undefined;
    },
    10_000,
    "the bot's inspector did not open",
  );
  const socket = new WebSocket(url as string);
  await once(socket, "open");
  for (let id = 1; id <= 2; id += 1) {
    const reply = new Promise<void>((resolve) => {
      socket.on("message", (data) => {
        if ((JSON.parse(String(data)) as { id?: number }).id === id) resolve();
      });
    });
    socket.send(JSON.stringify({ id, method: "HeapProfiler.collectGarbage" }));
    await reply;
  }
  socket.close();
  await sleep(500);
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  return kb / 1024;
}

function startBot(fake: FakeDiscord, seedsDir: string): { child: ChildProcess; log: () => string } {
  // SOAK_NODE_ARGS, e.g. "--cpu-prof", go to the bot's node (NODE_OPTIONS refuses some flags).
  const nodeArgs = (process.env.SOAK_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "src/index.ts"], {
    env: {
      ...process.env,
      // The production defaults for everything else, whatever a developer's .env says.
      ...NO_SETTINGS,
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      SEEDS_DIR: seedsDir,
      LOG_LEVEL: "info",
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --inspect-port=0`.trim(),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (chunk) => {
    log += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    log += chunk;
  });
  return { child, log: () => log };
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`soak: ${what} within ${timeoutMs} ms`);
    await sleep(20);
  }
}

function line(phase: PhaseReport): string {
  const kinds = Object.entries(phase.kinds)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
  return [
    `${phase.name}: ${phase.answered}/${phase.sent} answered in ${phase.seconds.toFixed(1)} s`,
    `  answer time p50 ${phase.p50} ms, p99 ${phase.p99} ms, slowest ${phase.slowest} ms`,
    `  ${kinds}`,
  ].join("\n");
}

interface Memory {
  /** VmRSS as it is. */
  raw: number;
  /** VmRSS once a full garbage collection has run: what the bot really holds on to. */
  collected: number;
}

async function memory(bot: ReturnType<typeof startBot>, pid: number): Promise<Memory> {
  const raw = await rssMb(pid);
  await collectGarbage(bot.child, bot.log);
  return { raw, collected: await rssMb(pid) };
}

const mb = (value: number) => `${value.toFixed(1)} MB`;
const signed = (value: number) => `${value >= 0 ? "+" : ""}${mb(value)}`;

async function main(): Promise<number> {
  const fake = await FakeDiscord.start();
  const seedsDir = await mkdtemp(join(tmpdir(), "readout-soak-seeds-"));
  await cp("seeds", seedsDir, { recursive: true });
  // Registered as `npm run deploy` would, so that /release add is checked as Discord checks it.
  await new REST({ api: fake.apiUrl })
    .setToken(TOKEN)
    .put(Routes.applicationGuildCommands(fake.applicationId, fake.guildId), {
      body: commands.map((command) => command.data),
    });
  const bot = startBot(fake, seedsDir);
  const pid = bot.child.pid;
  if (pid === undefined) throw new Error("soak: the bot did not start");
  const members = users(USERS);
  let next = 0;
  const member = () => pick(members, next++);
  try {
    await waitFor(() => bot.log().includes("Readout is online"), 30_000, "the bot was not online");
    const readyRss = await rssMb(pid);

    // 1. Warm-up, one at a time, collecting the buttons the answers carry.
    const buttons = new Set<string>();
    const warmup: Outcome[] = [];
    for (let n = 0; n < WARMUP; n += 1) {
      const trace = fake.sendInteraction(mixed(fake, n, member(), [...buttons]));
      warmup.push(await outcome(trace));
      for (const id of buttonIds(trace)) buttons.add(id);
    }
    const clickable = [...buttons];
    const before = await memory(bot, pid);

    // 2. Burst: every interaction dispatched at once.
    let started = performance.now();
    const burstTraces: InteractionTrace[] = [];
    for (let n = 0; n < BURST; n += 1) {
      burstTraces.push(fake.sendInteraction(mixed(fake, n, member(), clickable)));
    }
    const burst = report(
      `burst of ${BURST}`,
      await Promise.all(burstTraces.map(outcome)),
      (performance.now() - started) / 1000,
    );

    // 3. Mentions: messages written to the bot in the channel, all at once.
    started = performance.now();
    const mentionOutcomes: Promise<Outcome>[] = [];
    for (let n = 0; n < MENTIONS; n += 1) {
      const sentAt = performance.now();
      const trace = fake.mention(pick(MENTION_TEXTS, n), { user: member() });
      mentionOutcomes.push(mentionOutcome(trace, sentAt));
    }
    const mentions = report(
      `burst of ${MENTIONS} mentions`,
      await Promise.all(mentionOutcomes),
      (performance.now() - started) / 1000,
    );

    // 4. A release added while /ask interactions run, a quarter of them about the new release.
    started = performance.now();
    const adding = fake.sendInteraction(
      fake.build.slashCommand(
        "release add",
        { text: ADDED_RELEASE },
        { user: fake.users.alice, memberPermissions: MANAGER },
      ),
    );
    const asking: InteractionTrace[] = [];
    // Spread over two seconds, so that the later questions come after the release is in.
    for (let n = 0; n < ASKS_DURING_ADD; n += 1) {
      await sleep(ADD_SPREAD_MS / ASKS_DURING_ADD);
      const question = n % 4 === 0 ? ADDED_QUESTION : pick(QUESTIONS, n * 7);
      asking.push(
        fake.sendInteraction(fake.build.slashCommand("ask", { question }, { user: member() })),
      );
    }
    const addOutcome = await outcome(adding);
    const added = JSON.stringify(adding.original ?? adding.response?.data ?? "").includes(
      "Added: Talks on the river ports",
    );
    const duringAdd = report(
      `${ASKS_DURING_ADD} /ask while a release is added`,
      await Promise.all(asking.map(outcome)),
      (performance.now() - started) / 1000,
    );
    const afterTrace = fake.sendInteraction(
      fake.build.slashCommand("ask", { question: ADDED_QUESTION }, { user: member() }),
    );
    await outcome(afterTrace);
    const answersAdded = (trace: InteractionTrace) =>
      JSON.stringify(trace.response?.data ?? trace.original ?? "").includes(ADDED_ANSWER);
    const addedAnsweredAfter = answersAdded(afterTrace);
    const answeredFromAdded = asking.filter(answersAdded).length;
    const addLine = `release added: ${added ? "yes" : "NO"}, the reply in ${addOutcome?.ms ?? "-"} ms; ${answeredFromAdded} of ${Math.ceil(ASKS_DURING_ADD / 4)} questions about it answered from it during the load (the others came before it was in); asked after the reply: ${addedAnsweredAfter ? "answered from it" : "NOT answered from it"}`;

    // 5. Steady load at a fixed rate, sampling memory every second.
    started = performance.now();
    let peakRss = await rssMb(pid);
    const sampler = setInterval(() => {
      void rssMb(pid).then((value) => {
        peakRss = Math.max(peakRss, value);
      });
    }, 1000);
    const pending: Promise<Outcome>[] = [];
    for (let n = 0; n < COUNT; n += 1) {
      const due = started + (n * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const payload: APIInteraction = mixed(fake, n + BURST, member(), clickable);
      pending.push(outcome(fake.sendInteraction(payload)));
    }
    const steady = report(
      `${COUNT} at ${RATE}/s`,
      await Promise.all(pending),
      (performance.now() - started) / 1000,
    );
    clearInterval(sampler);
    const after = await memory(bot, pid);

    const growth = after.collected - before.collected;
    const logLines = bot.log().split("\n");
    const errors = logLines.filter((entry) => /"level":(50|60)/.test(entry)).length;
    const warnings = logLines.filter((entry) => /"level":40/.test(entry)).length;
    const unanswered = [burst, mentions, duringAdd, steady].reduce(
      (sum, phase) => sum + phase.sent - phase.answered,
      0,
    );
    const passed = unanswered === 0 && growth < MEMORY_BUDGET_MB && added && addedAnsweredAfter;
    console.log(
      [
        `Readout soak: the real bot (pid ${pid}, node --import tsx src/index.ts) against a fake Discord on 127.0.0.1`,
        `${USERS} members; ${clickable.length} real buttons collected in a warm-up of ${warmup.length}`,
        line(burst),
        line(mentions),
        line(duringAdd),
        addLine,
        line(steady),
        `resident memory (VmRSS) before the load: ${mb(before.collected)} (${mb(before.raw)} before garbage collection; ${mb(readyRss)} when it came online)`,
        `resident memory (VmRSS) after the load:  ${mb(after.collected)} (${mb(after.raw)} before garbage collection; peak ${mb(peakRss)})`,
        `memory growth over the load: ${signed(growth)} (budget ${MEMORY_BUDGET_MB} MB); without collecting garbage first ${signed(after.raw - before.raw)}`,
        `bot log: ${errors} errors, ${warnings} warnings`,
        passed
          ? "PASS: every interaction and mention answered, the release added and answered from, memory growth within budget"
          : `FAIL: ${unanswered} unanswered, release added ${added && addedAnsweredAfter ? "and answered" : "NOT in use"}, memory growth ${signed(growth)}`,
      ].join("\n"),
    );
    return passed ? 0 : 1;
  } finally {
    bot.child.kill("SIGTERM");
    await Promise.race([once(bot.child, "exit"), sleep(5000)]);
    if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
    if (args.log) await writeFile(args.log, bot.log());
    await fake.stop();
    await rm(seedsDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
