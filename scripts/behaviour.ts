/**
 * `npm run behaviour`: what Readout answers, written down so that a change meant to move code and
 * not behaviour can show it moved nothing. Over 1,000 synthetic releases it asks 600 /ask
 * questions (two pages each) and 100 /quotes requests, and it checks every claim of the dev
 * claim sets against the seed release; each answer is a line of ids, totals and scores. It prints
 * how many lines and their SHA-256; `--out FILE` writes the lines, for `diff` between two runs.
 *
 * Usage: npm run behaviour [-- --out FILE]
 */
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { Library } from "../src/knowledge/library/library.js";
import { prepareVerify, verifyClaim } from "../src/knowledge/verify/verify.js";
import { askQueries, generateCorpus, quotesQueries } from "./syntheticCorpus.js";

const { values } = parseArgs({ options: { out: { type: "string" } } });

const corpus = generateCorpus({ releases: 1000, seed: 16 });
const library = Library.fromTexts(
  "synthetic",
  corpus.releases.map(({ file, text }) => ({ file, text })),
);
const lines: string[] = [];
for (const { question } of askQueries(corpus, 600, 16)) {
  for (const offset of [0, 3]) {
    const { direct, total, results } = library.ask(question, { limit: 3, offset });
    const found = results.map((result) => `${result.entry.id}=${result.score}`).join(" ");
    lines.push(`ask ${question} @${offset} | ${total} | ${direct ?? "-"} | ${found}`);
  }
}
for (const query of quotesQueries(corpus, 100, 16)) {
  const { status, speaker, results } = library.quotes(query.name, query);
  const ids = results.map((entry) => entry.id).join(" ");
  lines.push(`quotes ${JSON.stringify(query)} | ${status} | ${speaker?.name ?? "-"} | ${ids}`);
}
const seed = await Library.load("seeds");
await prepareVerify(seed);
for (const file of [
  "../shared/eval/claims.json",
  "eval/claims-extra.json",
  "eval/claims-hard.json",
]) {
  const set = JSON.parse(await readFile(file, "utf8").catch(() => "{}")) as {
    claims?: Array<{ claim: string }>;
  };
  for (const { claim } of set.claims ?? []) {
    const result = verifyClaim(seed, claim);
    const best = result.matches?.[0];
    lines.push(
      `verify ${claim} | ${result.verdict} | ${best ? `${best.entry.id}=${best.score}` : "-"}`,
    );
  }
}
const digest = createHash("sha256").update(lines.join("\n")).digest("hex");
console.log(`${lines.length} answers, sha256 ${digest}`);
if (values.out) await writeFile(values.out, `${lines.join("\n")}\n`);
