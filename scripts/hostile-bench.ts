/**
 * The slowest answers to hostile input, measured outside the test runner (no parallel test files
 * competing for the CPU), over a synthetic corpus of each size with the seed and a few hostile
 * releases beside it. For every command and every finding of the hostile-input reviews it prints
 * the worst wall time and the longest event-loop hold:
 * - random Unicode, long strings, control, zero-width and right-to-left characters, Fuse.js
 *   operators, regular-expression metacharacters, mentions and markdown, through every command as
 *   Discord could send it (each string option cut to its max_length, 6,000 without one), each
 *   answer rendered for Discord and for a terminal;
 * - a 4,000-character message of nested quotes and brackets checked from its menu;
 * - claims full of names, and a claim against a 10,000-character one-sentence quote;
 * - masked links in /quotes topic:, /ask speaker: and /verify claim:;
 * - "Show ¶N" on a paragraph of link brackets;
 * - releases of long runs of spaces, crowded quotes, thousands of names and link brackets, parsed
 *   a step at a time and loaded in the background as a live reload does;
 * - release and speaker autocomplete at its limits.
 * A command runs synchronously, so its hold is its wall time; a background load's hold is the
 * event loop's longest delay while it ran.
 *
 * Usage: npx tsx scripts/hostile-bench.ts [--sizes 1000,10000] [--samples 100] [--seed 42]
 */
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { ApplicationCommandOptionType, ApplicationCommandType } from "discord.js";
import fc from "fast-check";
import { renderDiscordMessage } from "../src/answers/embed.js";
import type { Answer } from "../src/answers/model.js";
import { renderTerminal } from "../src/answers/terminal.js";
import type { Command, OptionValue } from "../src/commands/command.js";
import { commands, findButtonCommand } from "../src/commands/index.js";
import { Library } from "../src/knowledge/library/library.js";
import { MAX_RELEASE_BYTES } from "../src/knowledge/reading/load.js";
import { parsingRelease } from "../src/knowledge/reading/parse.js";
import { prepareVerify } from "../src/knowledge/verify/verify.js";
import { HOSTILE_EXAMPLES, hostileText } from "../test/hostile/hostile.js";
import { generateCorpus, writeCorpus } from "./syntheticCorpus.js";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000" },
    samples: { type: "string", default: "100" },
    seed: { type: "string", default: "42" },
  },
});
const SIZES = args.sizes.split(",").map(Number);
const SAMPLES = Number(args.samples);
const SEED = Number(args.seed);
/** The bound every interaction and parse step is held to at 1,000 releases. */
const HOLD_TARGET_MS = 100;
/** The longest message a Nitro user can send, which the message command reads. */
const MESSAGE_MAX = 4_000;
const STRING_OPTION_MAX = 6_000;

interface Worst {
  ms: number;
  holdMs: number;
  input: string;
}

const SEED_RELEASE = "seeds/2025-09-11-lukashenko-coale.txt";
const MASKED_LINKS = "[source](https://a.example) [Official release](https://evil.example) ";
const NESTED_MESSAGE = `${"“".repeat(1_000)}a b${"[".repeat(1_997)}${"”".repeat(1_000)}`;

/** Releases a hostile member could supply once releases can be added from Discord. */
function hostileReleases(): Record<string, string> {
  const date = "22 October 2020";
  const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length));
  const name = (i: number) =>
    [0, 1, 2].map((k) => String.fromCharCode(97 + (Math.floor(i / 26 ** k) % 26))).join("");
  return {
    "hostile-spaces.txt": `${date}\n"We agree," Putin said. a${" ".repeat(100_000)}b\n`,
    "hostile-brackets.txt": `${date}\n"Link brackets follow," Putin said.\n${fill('"[](', 10_000)}\n`,
    "hostile-quotes.txt": `${date}\n${`${fill("“a” ‘b c’ ", 9_000)}\n`.repeat(60)}`,
    "hostile-names.txt": `${date}\n${Array.from(
      { length: 20_000 },
      (_, i) =>
        `President ${name(i).toUpperCase()}ov ${name(i + 7).toUpperCase()}ski said: "We agree."`,
    ).join("\n")}\n`.slice(0, MAX_RELEASE_BYTES - 1),
    "hostile-long-quote.txt": `${date}\nPutin said: "${fill("the decision was made and ", 9_900)}"\n`,
    // The largest release allowed, every line a quote naming everyone.
    "hostile-largest.txt": `${date}\n${`"We agree on sanctions, @everyone <@123>," Vladimir Putin said. \n`.repeat(
      Math.floor((MAX_RELEASE_BYTES - 100) / 66),
    )}`,
  };
}

const rows: Array<{ size: number; label: string; calls: number; worst: Worst }> = [];

function record(size: number, label: string, worst: Worst, calls: number): void {
  const existing = rows.find((row) => row.size === size && row.label === label);
  if (!existing) {
    rows.push({ size, label, calls, worst });
    return;
  }
  existing.calls += calls;
  if (worst.holdMs > existing.worst.holdMs) existing.worst = worst;
}

async function timeCall(
  size: number,
  label: string,
  input: string,
  work: () => unknown,
): Promise<unknown> {
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  record(size, label, { ms, holdMs: ms, input }, 1);
  return result;
}

/** Wall time and the event loop's longest delay while asynchronous work ran. */
async function timeLoad(size: number, label: string, input: string, work: () => Promise<unknown>) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  delay.disable();
  record(size, label, { ms, holdMs: delay.max / 1e6, input }, 1);
}

function render(answer: Answer): Answer {
  renderDiscordMessage(answer);
  renderTerminal(answer);
  return answer;
}

function commandNamed(name: string): Command {
  const command = commands.find((candidate) => candidate.data.name === name);
  if (!command) throw new Error(`no command ${name}`);
  return command;
}

async function run(
  size: number,
  library: Library,
  name: string,
  options: Record<string, OptionValue>,
  label = `/${name}`,
): Promise<Answer> {
  const command = commandNamed(name);
  return (await timeCall(size, label, JSON.stringify(options), async () =>
    render(await command.execute({ options, userId: "1" }, { library })),
  )) as Answer;
}

async function everyCommandOnHostileText(size: number, library: Library): Promise<void> {
  const inputs = [...HOSTILE_EXAMPLES, ...fc.sample(hostileText, { numRuns: SAMPLES, seed: SEED })];
  for (const command of commands) {
    const name = command.data.name;
    const isMessage = command.data.type === ApplicationCommandType.Message;
    const definitions = "options" in command.data ? (command.data.options ?? []) : [];
    const strings = definitions.filter(
      (option) => option.type === ApplicationCommandOptionType.String,
    );
    for (const text of inputs) {
      const options: Record<string, OptionValue> = {};
      if (isMessage) options.content = text.slice(0, MESSAGE_MAX);
      for (const option of strings) {
        options[option.name] = text.slice(0, option.max_length ?? STRING_OPTION_MAX);
      }
      await run(size, library, name, options, `/${name} on hostile text`);
    }
  }
}

async function findings(size: number, library: Library): Promise<void> {
  const check = "Check against the release";
  await run(size, library, check, { content: NESTED_MESSAGE }, `${check}: nested quotes`);
  await run(
    size,
    library,
    check,
    {
      content: `Coale said "the decision was made" ${"and more ".repeat(500)}`.slice(
        0,
        MESSAGE_MAX,
      ),
    },
    `${check}: 4,000 characters`,
  );
  const names = "Coale Lukashenko Trump Putin Smith Xi Macron ".repeat(12).slice(0, 500);
  await run(size, library, "verify", { claim: names }, "/verify: a claim of names");
  await run(
    size,
    library,
    "verify",
    { claim: 'Putin said "the decision was made and the decision was made"' },
    "/verify: against a 10,000-character quote",
  );
  await run(
    size,
    library,
    "verify",
    { claim: MASKED_LINKS.repeat(8).slice(0, 500) },
    "/verify: masked links",
  );
  await run(
    size,
    library,
    "quotes",
    { speaker: "Coale", topic: MASKED_LINKS.repeat(3).slice(0, 200) },
    "/quotes: masked links in topic",
  );
  await run(
    size,
    library,
    "ask",
    { question: "sanctions", speaker: MASKED_LINKS.slice(0, 100) },
    "/ask: masked links as speaker",
  );

  const asked = await run(size, library, "ask", { question: "link brackets follow" });
  for (const button of asked.buttons.filter((candidate) => candidate.label.startsWith("Show ¶"))) {
    const target = findButtonCommand(button.id, commands);
    const press = target?.command.button;
    if (!target || !press) continue;
    await timeCall(size, "Show ¶N on link brackets", button.id, async () =>
      render(
        await press.call(target.command, target.state, { options: {}, userId: "1" }, { library }),
      ),
    );
  }

  const longRelease = "e ".repeat(50);
  for (const [commandName, option, value] of [
    ["ask", "release", longRelease],
    ["ask", "speaker", "e"],
    ["quotes", "speaker", "e"],
    ["ask", "release", "e"],
  ] as const) {
    const command = commandNamed(commandName);
    await timeCall(size, `autocomplete /${commandName} ${option}:`, value, () =>
      command.autocomplete?.({ option, value, options: {} }, { library }),
    );
  }
}

/** Each hostile release parsed a step at a time: the longest step is what a live reload holds. */
function parseSteps(size: number, releases: Record<string, string>): void {
  for (const [file, text] of Object.entries(releases)) {
    const steps = parsingRelease(file, text);
    let longest = 0;
    let total = 0;
    for (;;) {
      const started = performance.now();
      const step = steps.next();
      const ms = performance.now() - started;
      total += ms;
      longest = Math.max(longest, ms);
      if (step.done) break;
    }
    record(size, `parse step: ${file}`, { ms: total, holdMs: longest, input: file }, 1);
  }
}

const made: string[] = [];
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    for (const dir of made) void rm(dir, { recursive: true, force: true });
    process.exit(130);
  });
}

for (const size of SIZES) {
  const work = await mkdtemp(join(tmpdir(), `readout-hostile-bench-${size}-`));
  made.push(work);
  try {
    const dir = join(work, "seeds");
    await writeCorpus(dir, generateCorpus({ releases: size, seed: SEED }));
    await copyFile(SEED_RELEASE, join(dir, "2025-09-11-lukashenko-coale.txt"));
    const releases = hostileReleases();
    for (const [file, text] of Object.entries(releases)) await writeFile(join(dir, file), text);
    console.log(
      `\n${size} releases (and the seed and ${Object.keys(releases).length} hostile ones)`,
    );

    const library = await Library.load(dir);
    // As the bot does once a library is loaded, before its first /verify.
    await timeLoad(size, "prepare /verify's index (background)", dir, () => prepareVerify(library));
    await everyCommandOnHostileText(size, library);
    await findings(size, library);
    parseSteps(size, releases);
    await timeLoad(size, "live reload (background load), whole", dir, () =>
      Library.load(dir, { background: true }),
    );

    for (const row of rows.filter((candidate) => candidate.size === size)) {
      const met = row.worst.holdMs < HOLD_TARGET_MS ? "" : "  over 100 ms";
      const shown = JSON.stringify(row.worst.input.slice(0, 30));
      console.log(
        `${row.label.padEnd(48)} ${String(row.calls).padStart(5)} calls  worst ${row.worst.ms.toFixed(1).padStart(8)} ms  hold ${row.worst.holdMs.toFixed(1).padStart(7)} ms${met}  (${row.worst.input.length} chars ${shown})`,
      );
    }
    const interactions = rows.filter(
      (row) =>
        row.size === size &&
        !row.label.startsWith("live reload") &&
        !row.label.startsWith("prepare"),
    );
    const worst = interactions.sort((a, b) => b.worst.holdMs - a.worst.holdMs)[0];
    if (worst) {
      console.log(
        `worst interaction or parse step at ${size} releases: ${worst.worst.holdMs.toFixed(1)} ms (${worst.label}); target at 1,000 releases < ${HOLD_TARGET_MS} ms: ${size > 1000 ? "n/a" : worst.worst.holdMs < HOLD_TARGET_MS ? "met" : "NOT met"}`,
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
