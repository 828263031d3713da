/**
 * Dev-set figures for /ask (top-1 and top-3 hits, whether off-topic questions stay empty) and for
 * /verify (right verdicts, and right verdicts with the true speaker) on each claim set.
 * Usage: npm run eval [-- --questions PATH] [--claims PATH ...] [--seeds DIR] [--verbose]
 */
import { access, readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { Library } from "../src/knowledge/library.js";
import { verifyClaim } from "../src/knowledge/verify.js";

interface QuestionSet {
  questions: Array<{ q: string; expect: string[] }>;
  offtopic: string[];
}

interface ClaimSet {
  claims: Array<{ claim: string; verdict: string; speaker?: string }>;
}

/** The shared development claims, then this repository's own extra set. */
const CLAIM_SETS = ["../shared/eval/claims.json", "eval/claims-extra.json"];

const { values } = parseArgs({
  options: {
    questions: { type: "string", default: "../shared/eval/questions.json" },
    seeds: { type: "string", default: process.env.SEEDS_DIR ?? "seeds" },
    claims: { type: "string", multiple: true },
    verbose: { type: "boolean", default: false },
    "min-coverage": { type: "string" },
  },
});

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, " ");

const set = JSON.parse(await readFile(values.questions, "utf8")) as QuestionSet;
const minCoverage = values["min-coverage"] ? Number(values["min-coverage"]) : undefined;
const library = await Library.load(
  values.seeds,
  minCoverage === undefined ? {} : { search: { minCoverage } },
);
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

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
// The shared set may be absent on a fresh clone; a set named with --claims must be there.
const claimSets = values.claims ?? [];
if (!values.claims) for (const path of CLAIM_SETS) if (await exists(path)) claimSets.push(path);
for (const path of claimSets) {
  const { claims } = JSON.parse(await readFile(path, "utf8")) as ClaimSet;
  let verdictsRight = 0;
  let withSpeaker = 0;
  for (const { claim, verdict, speaker } of claims) {
    const result = verifyClaim(library, claim);
    const expectedSpeaker = speaker ? (library.resolveSpeaker(speaker)?.name ?? speaker) : null;
    const verdictRight = result.verdict === verdict;
    const right = verdictRight && result.speaker === expectedSpeaker;
    if (verdictRight) verdictsRight++;
    if (right) withSpeaker++;
    if (values.verbose || !right) {
      const best = result.matches[0];
      console.log(
        `${right ? "ok  " : "MISS"} ${claim}\n     expected ${verdict}/${expectedSpeaker ?? "-"}; got ${result.verdict}/${result.speaker ?? "-"} (claimed ${result.claimedSpeaker ?? "-"}; best ${best ? `${best.entry.id.split(":").at(-1)} ${best.score}` : "none"})`,
      );
    }
  }
  console.log(
    `claims (${path}): ${verdictsRight}/${claims.length} verdicts right, ${withSpeaker}/${claims.length} with the true speaker`,
  );
}
