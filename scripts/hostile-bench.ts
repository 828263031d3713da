/**
 * The slowest answers to hostile input, measured outside the test runner (no parallel test files
 * competing for the CPU): random Unicode, 10,000-character strings, control, zero-width and
 * right-to-left characters, Fuse.js operators, regular-expression metacharacters, mentions and
 * markdown, through the library and through every command as Discord could send it (each string
 * option cut to its max_length, 6,000 without one), each answer rendered for Discord.
 *
 * Usage: npx tsx scripts/hostile-bench.ts [--samples 300] [--seed 42]
 */
import { parseArgs } from "node:util";
import { ApplicationCommandOptionType, ApplicationCommandType } from "discord.js";
import fc from "fast-check";
import { renderDiscordMessage } from "../src/answers/embed.js";
import { renderTerminal } from "../src/answers/terminal.js";
import type { OptionValue } from "../src/commands/command.js";
import { commands } from "../src/commands/index.js";
import { Library } from "../src/knowledge/library.js";
import { anyText, HOSTILE_EXAMPLES, hostileText, longText } from "../test/hostile/hostile.js";

const { values: args } = parseArgs({
  options: {
    samples: { type: "string", default: "300" },
    seed: { type: "string", default: "42" },
  },
});
const SAMPLES = Number(args.samples);
const SEED = Number(args.seed);

interface Timing {
  ms: number;
  input: string;
}

const timings = new Map<string, Timing[]>();

function record(label: string, input: string, ms: number): void {
  const list = timings.get(label) ?? [];
  list.push({ ms, input });
  timings.set(label, list);
}

function time<T>(label: string, input: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  record(label, input, performance.now() - started);
  return result;
}

function describeInput(input: string): string {
  const shown = JSON.stringify(input.slice(0, 30));
  return `${input.length} chars ${shown}${input.length > 30 ? "…" : ""}`;
}

const library = await Library.load("seeds");
const texts = [
  ...HOSTILE_EXAMPLES,
  ...fc.sample(anyText, { numRuns: SAMPLES, seed: SEED }),
  ...fc.sample(longText(10_000), { numRuns: 5, seed: SEED }),
];

for (const text of texts) {
  time("library.ask", text, () => library.ask(text));
  time("library.ask, speaker option", text, () => library.ask("sanctions", { speaker: text }));
  time("library.quotes, name and topic", text, () => library.quotes(text, { topic: text }));
  time("library.resolveSpeaker", text, () => library.resolveSpeaker(text));
  time("library.suggestSpeakers", text, () => library.suggestSpeakers(text));
}

for (const command of commands) {
  const name = command.data.name;
  const isMessage = command.data.type === ApplicationCommandType.Message;
  const definitions = "options" in command.data ? (command.data.options ?? []) : [];
  const strings = definitions.filter(
    (option) => option.type === ApplicationCommandOptionType.String,
  );
  const inputs = [...HOSTILE_EXAMPLES, ...fc.sample(hostileText, { numRuns: SAMPLES, seed: SEED })];
  for (const text of inputs) {
    const options: Record<string, OptionValue> = {};
    if (isMessage) options.content = text.slice(0, 4000);
    for (const option of strings) {
      options[option.name] = text.slice(0, option.max_length ?? 6000);
    }
    const started = performance.now();
    const answer = await command.execute({ options, userId: "1" }, { library });
    renderDiscordMessage(answer);
    renderTerminal(answer);
    record(`/${name} (execute and render)`, JSON.stringify(options), performance.now() - started);
  }
}

const rows = [...timings.entries()]
  .map(([label, list]) => {
    const sorted = [...list].sort((a, b) => a.ms - b.ms);
    const worst = sorted.at(-1) as Timing;
    const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] as Timing;
    return { label, calls: list.length, p99: p99.ms, worst };
  })
  .sort((a, b) => b.worst.ms - a.worst.ms);

console.log(`Hostile input bench: ${texts.length} texts (seed ${SEED}), seeds/ library`);
for (const row of rows) {
  console.log(
    `${row.label.padEnd(36)} ${String(row.calls).padStart(5)} calls  p99 ${row.p99.toFixed(1).padStart(7)} ms  worst ${row.worst.ms.toFixed(1).padStart(7)} ms  (${describeInput(row.worst.input)})`,
  );
}
const commandWorst = rows.filter((row) => row.label.startsWith("/"))[0];
if (commandWorst) {
  console.log(
    `worst command answer to hostile input: ${commandWorst.worst.ms.toFixed(1)} ms (${commandWorst.label})`,
  );
}
