import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningReadout, startReadout } from "./harness.js";

const SEED = "2025-09-11-lukashenko-coale.txt";
const ADDED = "2020-10-22-lukashenko-putin.txt";
let seeds: string;
let readout: RunningReadout;

beforeAll(async () => {
  seeds = await mkdtemp(join(tmpdir(), "readout-reload-"));
  await copyFile(join("seeds", SEED), join(seeds, SEED));
  readout = await startReadout({ seedsDir: seeds, live: true });
});
afterAll(async () => {
  await readout?.stop();
  await rm(seeds, { recursive: true, force: true });
});

async function askText(question: string): Promise<string> {
  const trace = await readout.fake.slashCommand("ask", { question });
  await trace.settled();
  return JSON.stringify(trace.response?.data);
}

describe("a release added while the bot runs", () => {
  it("is answered from without a restart", async () => {
    expect(await askText("oil supplies")).toContain("Nothing in the release answers that");
    await copyFile(join("test/fixtures/releases", ADDED), join(seeds, ADDED));
    await expect.poll(() => readout.live?.generation, { timeout: 10_000 }).toBe(2);
    expect(await askText("oil supplies")).toContain(
      "We have agreed to keep the supplies of oil stable",
    );
    expect(await askText("what was lifted")).toContain("lifted sanctions from Belavia");
  });

  it("keeps answering from the old releases when a rebuild fails", async () => {
    await rm(join(seeds, SEED));
    await rm(join(seeds, ADDED));
    // The rebuild is attempted, fails, and says so.
    await expect
      .poll(() => readout.logs.join(""), { timeout: 10_000 })
      .toContain("the releases loaded before stay in use");
    await readout.live?.settled();
    expect(readout.live?.generation).toBe(2);
    expect(await askText("what was lifted")).toContain("lifted sanctions from Belavia");
  });
});
