/**
 * Dev-set figures for /ask: top-1 and top-3 hits, and whether off-topic questions stay empty.
 * Usage: npm run eval [-- --questions PATH] [--seeds DIR] [--verbose]
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { Library } from "../src/knowledge/library.js";

interface QuestionSet {
  questions: Array<{ q: string; expect: string[] }>;
  offtopic: string[];
}

const { values } = parseArgs({
  options: {
    questions: { type: "string", default: "../shared/eval/questions.json" },
    seeds: { type: "string", default: process.env.SEEDS_DIR ?? "seeds" },
    verbose: { type: "boolean", default: false },
    "min-coverage": { type: "string" },
  },
});

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, " ");

const set = JSON.parse(await readFile(values.questions, "utf8")) as QuestionSet;
const minCoverage = values["min-coverage"] ? Number(values["min-coverage"]) : undefined;
const library = await Library.load(values.seeds, minCoverage === undefined ? {} : { search: { minCoverage } });
let top1 = 0;
let top3 = 0;
for (const { q, expect } of set.questions) {
  const { results } = library.ask(q, { limit: 3 });
  const rank = results.findIndex((result) =>
    expect.some((passage) => fold(result.entry.text).includes(fold(passage))),
  );
  if (rank === 0) top1++;
  if (rank >= 0) top3++;
  if (values.verbose || rank !== 0) {
    const got = results[0]
      ? `${results[0].entry.speaker ?? "narration"}: ${results[0].entry.text.slice(0, 70)}`
      : "(nothing)";
    console.log(
      `${rank === 0 ? "ok  " : "MISS"} ${q}\n     rank ${rank < 0 ? "-" : rank + 1}; top: ${got}`,
    );
  }
}
let offtopicEmpty = 0;
for (const q of set.offtopic) {
  const { results } = library.ask(q);
  if (results.length === 0) offtopicEmpty++;
  else console.log(`NOT EMPTY ${q}: ${results[0]?.entry.text.slice(0, 70)}`);
}
const total = set.questions.length;
console.log(
  `top-1: ${top1}/${total}  top-3: ${top3}/${total}  off-topic empty: ${offtopicEmpty}/${set.offtopic.length}`,
);
