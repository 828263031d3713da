/**
 * `npm run bench`: how /ask and /quotes scale. For each corpus size it writes a synthetic corpus
 * (scripts/syntheticCorpus.ts, seeded, so every run reads the same texts) into a temp folder,
 * then, in a fresh Node process started with --expose-gc, measures:
 *   - start-up: loading and indexing the folder, and the first answer, with an empty snapshot
 *     cache; then, in a second process, the restart that reads the snapshot the first saved;
 *   - in a third process, a live rebuild of the folder while a question is asked every 10 ms:
 *     its time, the answers' p95 meanwhile and the longest the event loop was held;
 *   - /ask p50, p95 and worst over a set of questions drawn from the corpus (one in four with a
 *     misspelt word), each asked once, so no answer comes from a cache;
 *   - /quotes p50 and p95;
 *   - resident memory after garbage collection, with the index loaded and the English word list
 *     in use;
 *   - plain Fuse.js over the same statements (keys `text`, ignoreLocation, threshold 0.4), its
 *     index time and per-query p50 and p95, on a sample of the same questions.
 * and prints the figures and the ratios.
 *
 * Usage: npm run bench [-- --sizes 1000,10000] [--queries 400] [--fuse-queries 40,4] [--seed 42]
 * --fuse-queries: how many questions plain Fuse.js is timed on, per size in the order of --sizes;
 * by default 40 up to 1,000 releases and 4 above.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Fuse from "fuse.js";
import { Library } from "../src/knowledge/library/library.js";
import { LiveLibrary } from "../src/knowledge/live/watch.js";
import { preloadEnglishWords } from "../src/knowledge/words/text.js";
import {
  type AskQuery,
  askQueries,
  generateCorpus,
  type QuotesQuery,
  quotesQueries,
  writeCorpus,
} from "./syntheticCorpus.js";

interface SizeResult {
  releases: number;
  entries: number;
  speakers: number;
  vocabulary: number;
  loadMs: number;
  firstAnswerMs: number;
  startupMs: number;
  /** A second process over the same folder: reading the snapshot the first one saved. */
  restart: {
    loadMs: number;
    firstAnswerMs: number;
    startupMs: number;
    indexSource: string;
    rssMb: number;
  } | null;
  /** How long the first process took to save its snapshot, after it had answered. */
  snapshotSaveMs: number;
  /** A third process: the live library rebuilt (no snapshot), asked every 10 ms meanwhile. */
  rebuild: RebuildResult | null;
  ask: Percentiles & { count: number; typos: number };
  askWarm: Percentiles;
  quotes: Percentiles & { count: number };
  rssMb: number;
  heapMb: number;
  externalMb: number;
  indexSource: string;
  fuse: (Percentiles & { count: number; indexMs: number }) | null;
}

interface Percentiles {
  p50: number;
  p95: number;
  max: number;
}

function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
}

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

const gc = (globalThis as { gc?: () => void }).gc;

function collect(): void {
  for (let round = 0; round < 3; round++) gc?.();
}

interface QuerySet {
  vocabulary: number;
  asks: AskQuery[];
  quotes: QuotesQuery[];
}

/** Runs in the child process: one corpus size, fresh heap. */
async function measure(options: {
  dir: string;
  cacheDir: string;
  queriesFile: string;
  fuseQueries: number;
  /** Only load and answer once, as a restart would: the figures are printed, not returned. */
  startupOnly: boolean;
}): Promise<SizeResult | null> {
  const set = JSON.parse(await readFile(options.queriesFile, "utf8")) as QuerySet;
  const { asks, vocabulary } = set;
  const quoteRequests = set.quotes;

  const startedAt = performance.now();
  const library = await Library.load(options.dir, { cache: { dir: options.cacheDir } });
  const loadMs = performance.now() - startedAt;
  const [first, ...rest] = asks;
  const [, firstAnswerMs] = time(() => library.ask(first?.question ?? "sanctions"));
  const startupMs = performance.now() - startedAt;
  if (options.startupOnly) {
    preloadEnglishWords();
    collect();
    const rssMb = process.memoryUsage().rss / 1024 / 1024;
    const restart = { loadMs, firstAnswerMs, startupMs, indexSource: library.indexSource, rssMb };
    process.stdout.write(`${JSON.stringify(restart)}\n`);
    return null;
  }

  const askTimes: number[] = [];
  for (const query of rest) askTimes.push(time(() => library.ask(query.question))[1]);
  const warmTimes: number[] = [];
  for (const query of rest) warmTimes.push(time(() => library.ask(query.question))[1]);
  const quoteTimes: number[] = [];
  for (const request of quoteRequests) {
    const topicAndRelease = {
      ...(request.topic ? { topic: request.topic } : {}),
      ...(request.release ? { release: request.release } : {}),
    };
    quoteTimes.push(time(() => library.quotes(request.name, topicAndRelease))[1]);
  }
  // Typo correction reads the English word list on first use; it is counted either way.
  preloadEnglishWords();
  collect();
  const memory = process.memoryUsage();
  const result: SizeResult = {
    releases: library.releases.length,
    entries: library.entries.length,
    speakers: library.speakers().length,
    vocabulary,
    loadMs,
    firstAnswerMs,
    startupMs,
    ask: {
      ...percentiles(askTimes),
      count: askTimes.length,
      typos: rest.filter((q) => q.typo).length,
    },
    askWarm: percentiles(warmTimes),
    quotes: { ...percentiles(quoteTimes), count: quoteTimes.length },
    rssMb: memory.rss / 1024 / 1024,
    heapMb: memory.heapUsed / 1024 / 1024,
    externalMb: memory.external / 1024 / 1024,
    indexSource: library.indexSource,
    fuse: null,
    restart: null,
    snapshotSaveMs: 0,
    rebuild: null,
  };

  process.stderr.write(
    `  Readout: start-up ${ms(startupMs)} ms, /ask p95 ${ms(result.ask.p95)} ms, rss ${result.rssMb.toFixed(0)} MB\n`,
  );
  if (options.fuseQueries > 0) {
    const [fuse, indexMs] = time(
      () =>
        new Fuse(library.entries, {
          keys: ["text"],
          ignoreLocation: true,
          threshold: 0.4,
          includeScore: true,
        }),
    );
    // Every n-th question, so the sample spreads over the same mix (typos, names, topics).
    const step = Math.max(1, Math.floor(rest.length / options.fuseQueries));
    const sample = rest.filter((_, index) => index % step === 0).slice(0, options.fuseQueries);
    // Plain Fuse.js takes seconds to minutes a question on a large corpus: say how far it got.
    const fuseTimes = sample.map((query, index) => {
      const [, took] = time(() => fuse.search(query.question));
      process.stderr.write(
        `  plain Fuse.js over ${result.entries} statements: question ${index + 1} of ${sample.length} took ${ms(took)} ms\n`,
      );
      return took;
    });
    result.fuse = { ...percentiles(fuseTimes), count: fuseTimes.length, indexMs };
  }
  // The snapshot is saved in the background once the library is loaded; the bench's questions
  // ran before it could start, so its time is its own.
  const savingFrom = performance.now();
  const notSaved = await library.snapshot.saveFailure;
  if (notSaved) throw new Error(notSaved);
  result.snapshotSaveMs = performance.now() - savingFrom;
  return result;
}

interface RebuildResult {
  rebuildMs: number;
  asked: number;
  askP95: number;
  /** The longest the event loop was held while the rebuild ran. */
  longestHoldMs: number;
}

/**
 * Runs in a child process: a LiveLibrary over the folder is rebuilt, as after a change to a
 * release, while a question is asked every 10 ms, as a running bot would be.
 */
async function measureRebuild(dir: string, question: string): Promise<RebuildResult> {
  const live = await LiveLibrary.start(dir);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const askTimes: number[] = [];
  let rebuilding = true;
  const asking = (async () => {
    while (rebuilding) {
      askTimes.push(time(() => live.current.ask(question))[1]);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  delay.enable();
  const [rebuilt, rebuildMs] = await timeAsync(() => live.reload());
  delay.disable();
  rebuilding = false;
  await asking;
  live.close();
  if (!rebuilt) throw new Error("the rebuild failed");
  return {
    rebuildMs,
    asked: askTimes.length,
    askP95: percentiles(askTimes).p95,
    longestHoldMs: delay.max / 1e6,
  };
}

async function timeAsync<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
}

function runChild<Result>(args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--expose-gc",
        "--max-old-space-size=4096",
        "--import",
        "tsx",
        fileURLToPath(import.meta.url),
        "--child",
        ...args,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const line = output.trim().split("\n").at(-1) ?? "";
      if (code !== 0) reject(new Error(`bench child exited with ${code}: ${output}`));
      else resolve(JSON.parse(line) as Result);
    });
  });
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(2));
const ratio = (slow: number, fast: number) => (fast > 0 ? `${(slow / fast).toFixed(0)}×` : "∞");

function report(result: SizeResult, fuseSampled: boolean): string {
  const lines = [
    `## ${result.releases.toLocaleString("en")} releases: ${result.entries.toLocaleString("en")} statements, ${result.speakers.toLocaleString("en")} people, ${result.vocabulary.toLocaleString("en")} words to draw on`,
    `start-up, first start: load and index ${ms(result.loadMs)} ms (index built in the ${result.indexSource === "worker" ? "worker thread" : "main thread"}) + first answer ${ms(result.firstAnswerMs)} ms = ${ms(result.startupMs)} ms; then the snapshot was saved in the background in ${ms(result.snapshotSaveMs)} ms`,
    ...(result.restart
      ? [
          `start-up, restart:     load ${ms(result.restart.loadMs)} ms (${result.restart.indexSource === "snapshot" ? "releases and index read from the snapshot" : `NOT from the snapshot: index built in ${result.restart.indexSource}`}) + first answer ${ms(result.restart.firstAnswerMs)} ms = ${ms(result.restart.startupMs)} ms; rss ${result.restart.rssMb.toFixed(0)} MB after GC`,
        ]
      : []),
    ...(result.rebuild
      ? [
          `rebuild while answering (a live reload, no snapshot): ${ms(result.rebuild.rebuildMs)} ms; /ask asked ${result.rebuild.asked} times meanwhile, p95 ${ms(result.rebuild.askP95)} ms; longest event-loop hold ${ms(result.rebuild.longestHoldMs)} ms`,
        ]
      : []),
    `/ask     (${result.ask.count} questions, ${result.ask.typos} with a typo, each asked once): p50 ${ms(result.ask.p50)} ms  p95 ${ms(result.ask.p95)} ms  worst ${ms(result.ask.max)} ms`,
    `/ask     asked again (caches warm):                   p50 ${ms(result.askWarm.p50)} ms  p95 ${ms(result.askWarm.p95)} ms  worst ${ms(result.askWarm.max)} ms`,
    `/quotes  (${result.quotes.count} requests): p50 ${ms(result.quotes.p50)} ms  p95 ${ms(result.quotes.p95)} ms  worst ${ms(result.quotes.max)} ms`,
    `memory:  rss ${result.rssMb.toFixed(0)} MB after GC (V8 heap ${result.heapMb.toFixed(0)} MB, typed arrays and other external ${result.externalMb.toFixed(0)} MB), English word list loaded`,
  ];
  const fuse = result.fuse;
  if (fuse) {
    lines.push(
      `plain Fuse.js (${fuse.count} questions${fuseSampled ? `, a sample of the ${result.ask.count}` : ""}, search without a limit; index ${ms(fuse.indexMs)} ms): p50 ${ms(fuse.p50)} ms  p95 ${ms(fuse.p95)} ms  worst ${ms(fuse.max)} ms`,
      `ratio plain Fuse.js / Readout: /ask p50 ${ratio(fuse.p50, result.ask.p50)}, p95 ${ratio(fuse.p95, result.ask.p95)}, worst ${ratio(fuse.max, result.ask.max)}`,
    );
  }
  lines.push(...targets(result).map((line) => `target:  ${line}`));
  return lines.join("\n");
}

/** The issue's targets for this corpus size, each with whether this run met it. */
function targets(result: SizeResult): string[] {
  const met = (ok: boolean) => (ok ? "met" : "NOT met");
  const found: string[] = [];
  if (result.releases <= 1000) {
    if (result.fuse) {
      const times = result.fuse.p95 / Math.max(result.ask.p95, 1e-9);
      found.push(
        `/ask p95 at least 100× below plain Fuse.js: ${times.toFixed(0)}× (${met(times >= 100)})`,
      );
    }
    const restart = result.restart?.startupMs ?? Number.POSITIVE_INFINITY;
    found.push(
      `start-up (load, index, first answer) under 2 s: restart ${ms(restart)} ms (${met(restart < 2000)}); the first start, which parses and indexes, ${ms(result.startupMs)} ms (${met(result.startupMs < 2000)})`,
    );
  }
  if (result.releases >= 10000) {
    found.push(`/ask p95 under 10 ms: ${ms(result.ask.p95)} ms (${met(result.ask.p95 < 10)})`);
    const restartMb = result.restart?.rssMb ?? Number.POSITIVE_INFINITY;
    found.push(
      `memory under 500 MB: ${result.rssMb.toFixed(0)} MB after the first start (${met(result.rssMb < 500)}), ${restartMb.toFixed(0)} MB after a restart (${met(restartMb < 500)})`,
    );
  }
  return found;
}

const { values } = parseArgs({
  options: {
    child: { type: "boolean", default: false },
    "startup-only": { type: "boolean", default: false },
    rebuild: { type: "boolean", default: false },
    dir: { type: "string" },
    "cache-dir": { type: "string" },
    "queries-file": { type: "string" },
    sizes: { type: "string", default: "1000,10000" },
    queries: { type: "string", default: "400" },
    "fuse-queries": { type: "string" },
    seed: { type: "string", default: "42" },
  },
});

if (values.child && values.rebuild) {
  const set = JSON.parse(await readFile(values["queries-file"] ?? "", "utf8")) as QuerySet;
  const rebuild = await measureRebuild(values.dir ?? "", set.asks[0]?.question ?? "sanctions");
  process.stdout.write(`${JSON.stringify(rebuild)}\n`);
} else if (values.child) {
  const result = await measure({
    dir: values.dir ?? "",
    cacheDir: values["cache-dir"] ?? "",
    queriesFile: values["queries-file"] ?? "",
    fuseQueries: Number(values["fuse-queries"]),
    startupOnly: values["startup-only"] ?? false,
  });
  if (result) process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const sizes = (values.sizes ?? "").split(",").map(Number).filter(Boolean);
  const fuseCounts = values["fuse-queries"]?.split(",").map(Number) ?? [];
  const seed = Number(values.seed);
  console.log(
    `Readout bench: node ${process.version}, seed ${seed}; questions drawn from the corpus, one in four misspelt.`,
  );
  // A corpus of 10,000 releases is about 80 MB: stopped with Ctrl-C, the bench removes it too.
  let current: string | null = null;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (current) rmSync(current, { recursive: true, force: true });
      process.exit(130);
    });
  }
  for (const [index, releases] of sizes.entries()) {
    const work = await mkdtemp(join(tmpdir(), `readout-bench-${releases}-`));
    current = work;
    const dir = join(work, "seeds");
    const queriesFile = join(work, "queries.json");
    try {
      const started = performance.now();
      const corpus = generateCorpus({ releases, seed });
      await writeCorpus(dir, corpus);
      const queries = Number(values.queries);
      const set: QuerySet = {
        vocabulary: corpus.vocabularySize,
        asks: askQueries(corpus, queries + 1, seed + 1),
        quotes: quotesQueries(corpus, Math.ceil(queries / 2), seed + 2),
      };
      await writeFile(queriesFile, JSON.stringify(set));
      console.log(
        `\n(wrote ${releases} releases to ${dir} in ${ms(performance.now() - started)} ms)`,
      );
      // Plain Fuse.js takes about a minute a question at 10,000 releases: a smaller sample there.
      const fuseQueries = fuseCounts[index] ?? fuseCounts.at(-1) ?? (releases <= 1000 ? 40 : 4);
      const common = [
        "--dir",
        dir,
        "--cache-dir",
        join(work, "cache"),
        "--queries-file",
        queriesFile,
      ];
      const result = await runChild<SizeResult>([...common, "--fuse-queries", String(fuseQueries)]);
      result.restart = await runChild<SizeResult["restart"]>([...common, "--startup-only"]);
      result.rebuild = await runChild<RebuildResult>([...common, "--rebuild"]);
      console.log(report(result, fuseQueries < queries));
      // Other work on the machine slows every figure: say how busy it was.
      console.log(
        `machine: load average ${loadavg()
          .map((load) => load.toFixed(2))
          .join(" ")}`,
      );
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
}
