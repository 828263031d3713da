import { defineConfig } from "vitest/config";

/**
 * The tests `npm run mutate` runs against each mutant: the unit tests of the code it mutates,
 * without the end-to-end and process tests, which start servers and child processes and would
 * make each of thousands of runs slow without killing more mutants.
 */
export default defineConfig({
  test: {
    include: [
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
