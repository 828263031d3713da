/**
 * `npm run mutate`: StrykerJS mutation testing on the code where a silent bug hurts most, one file
 * at a time against the unit tests written for it, and a table of the score per file at the end.
 *
 * A file is run against its own tests rather than the whole unit suite: most of a file's mutants
 * run at module load or in a `beforeAll` ("static" to Stryker), and each of those reruns every
 * test given, so the whole suite would take hours a file on two cores. Other tests can only kill
 * more mutants: the score printed is a floor.
 *
 * Usage: npm run mutate [-- <part of a file name> …]   e.g. npm run mutate -- people escape
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import { basename } from "node:path";

/**
 * Where stryker.config.json has Stryker write its JSON report; each file's is kept beside it as
 * reports/mutation/<file>.json, for the mutants that survived.
 */
const REPORT = "reports/mutation/mutation.json";

/** The test files run against the mutants of each file stryker.config.json mutates. */
const TESTS_OF: Readonly<Record<string, readonly string[]>> = {
  "src/knowledge/reading/parse.ts": ["test/knowledge/reading/*.test.ts"],
  "src/knowledge/reading/people.ts": ["test/knowledge/reading/*.test.ts"],
  "src/knowledge/reading/speakers.ts": ["test/knowledge/reading/*.test.ts"],
  "src/knowledge/index/search.ts": ["test/knowledge/index/search.test.ts"],
  "src/commands/shared.ts": ["test/commands/*.test.ts"],
  "src/answers/escape.ts": ["test/answers/*.test.ts"],
  "src/bot/logger.ts": ["test/bot/logger.test.ts"],
};

const { mutate: files } = JSON.parse(readFileSync("stryker.config.json", "utf8")) as {
  mutate: string[];
};
const unmatched = files.filter((file) => !TESTS_OF[file]);
if (unmatched.length > 0) {
  console.error(
    `mutate: stryker.config.json mutates ${unmatched.join(", ")}, for which scripts/mutate.ts names no tests; add them to TESTS_OF.`,
  );
  process.exit(2);
}
const TARGETS = files.map((file) => ({ file, tests: TESTS_OF[file] ?? [] }));

interface MutantReport {
  status: string;
}
interface MutationReport {
  files: Record<string, { mutants: MutantReport[] }>;
}

const wanted = process.argv.slice(2);
const chosen = TARGETS.filter(
  ({ file }) => wanted.length === 0 || wanted.some((part) => file.includes(part)),
);
if (chosen.length === 0) {
  console.error(
    `mutate: no file matches ${wanted.join(", ")}; the files are ${TARGETS.map(({ file }) => file).join(", ")}.`,
  );
  process.exit(2);
}

const rows: string[] = [];
let failed = false;
for (const { file, tests } of chosen) {
  const started = Date.now();
  console.log(`\nmutate: ${file} against ${tests.join(", ")}`);
  const run = spawnSync("npx", ["stryker", "run", "--mutate", file], {
    stdio: "inherit",
    env: { ...process.env, MUTATE_TESTS: tests.join(",") },
  });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  if (run.status !== 0) {
    failed = true;
    const ending = run.signal ? `stopped by ${run.signal}` : `exit ${run.status}`;
    rows.push(`| ${file} | failed (${ending}) | | | | | ${minutes} |`);
    continue;
  }
  copyFileSync(REPORT, `reports/mutation/${basename(file, ".ts")}.json`);
  const report = JSON.parse(readFileSync(REPORT, "utf8")) as MutationReport;
  const mutants = Object.values(report.files).flatMap((each) => each.mutants);
  const count = (status: string) => mutants.filter((mutant) => mutant.status === status).length;
  const detected = count("Killed") + count("Timeout");
  const valid = detected + count("Survived") + count("NoCoverage");
  const score = valid === 0 ? "no mutants" : `${((100 * detected) / valid).toFixed(2)}%`;
  rows.push(
    `| ${file} | ${score} | ${count("Killed")} | ${count("Timeout")} | ${count("Survived")} | ${count("NoCoverage")} | ${minutes} |`,
  );
}

console.log(
  [
    "",
    "| file | score | killed | timed out | survived | no coverage | minutes |",
    "|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n"),
);
if (failed) process.exit(1);
