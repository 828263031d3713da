import { defineConfig } from "vitest/config";

/**
 * The tests Stryker runs against each mutant: those scripts/mutate.ts names for the file it
 * mutates (MUTATE_TESTS, comma-separated), else the unit tests, without the end-to-end and
 * process tests, which start servers and child processes and would make each of thousands of
 * runs slow without killing more mutants.
 */
const named = (process.env.MUTATE_TESTS ?? "").split(",").filter(Boolean);

export default defineConfig({
  test: {
    include:
      named.length > 0
        ? named
        : [
            "test/answers/**/*.test.ts",
            "test/bot/**/*.test.ts",
            "test/commands/**/*.test.ts",
            "test/knowledge/**/*.test.ts",
            "test/hostile/mentions.test.ts",
          ],
    exclude: ["test/bot/client.test.ts", "test/knowledge/library/scale.test.ts"],
    testTimeout: 20_000,
  },
});
