import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningReadout, startReadout } from "./harness.js";

let readout: RunningReadout;
beforeAll(async () => {
  readout = await startReadout();
});
afterAll(async () => {
  await readout?.stop();
});

describe("/ask through the real client", () => {
  it("answers what was lifted with Coale's statement, quoted and attributed", async () => {
    const trace = await readout.fake.slashCommand("ask", { question: "what was lifted" });
    await trace.settled();
    const message = trace.response?.data;
    const embed = message?.embeds?.[0];
    expect(embed?.fields?.[0]?.name).toMatch(/^John Coale · ¶13 · 11 September 2025/);
    expect(embed?.fields?.[0]?.value).toContain("we have lifted sanctions from Belavia");
    expect(message?.allowed_mentions).toEqual({ parse: [] });
  });
});
