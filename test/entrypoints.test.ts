import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { NO_SETTINGS } from "./e2e/harness.js";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an entry point the way `npm start` and `npm run cli` do: tsx on the source. */
function run(
  script: string,
  args: string[],
  input: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      env: { ...process.env, ...NO_SETTINGS, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("npm start without DISCORD_TOKEN: the offline console", () => {
  it("answers slash commands read from stdin, one a line, and exits at end of input", async () => {
    const result = await run("src/index.ts", [], "/ask what was lifted\n/quotes speaker:Coale\n");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("John Coale");
    expect(result.stdout).toContain("we have lifted sanctions from Belavia");
    expect(result.stdout).toMatch(/Quotes: John Coale/);
  });

  it("names a missing seeds folder and exits non-zero", async () => {
    const result = await run("src/index.ts", [], "", { SEEDS_DIR: "/nonexistent/seeds" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/"\/nonexistent\/seeds" does not exist/);
  });
});

describe("npm run cli", () => {
  it("answers a question as JSON", async () => {
    const result = await run(
      "src/cli.ts",
      ["ask", "what was lifted", "--json", "--limit", "1"],
      "",
    );
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(answer.results).toHaveLength(1);
    expect(answer.results[0]).toMatchObject({ kind: "quote", speaker: "John Coale" });
    expect(answer.results[0].text).toContain("lifted sanctions from Belavia");
  });

  it("reads questions from stdin and writes one JSON object a line, in order", async () => {
    const result = await run(
      "src/cli.ts",
      ["ask", "--json", "-"],
      "sancions\n\nhow to bake bread\n",
    );
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.query)).toEqual(["sancions", "", "how to bake bread"]);
    expect(lines[0].results[0].text).toMatch(/sanctions/);
    expect(lines[2].results).toEqual([]);
  });

  it("exits non-zero with a message for an empty question", async () => {
    const result = await run("src/cli.ts", ["ask", ""], "");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/question is empty/);
  });
});
