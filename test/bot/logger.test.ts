import { describe, expect, it } from "vitest";
import { scrubToken } from "../../src/bot/logger.js";
import { captureLogger } from "./fakes.js";

const TOKEN = `MTA5ODc2NTQzMjEwOTg3NjU0Mw.GhIjKl.${"a1B2c3D4e5".repeat(4)}`;

describe("logger", () => {
  it("redacts token-bearing keys", () => {
    const { logger, lines } = captureLogger();
    logger.info(
      {
        token: "t1",
        client: { token: "t2" },
        request: { headers: { authorization: "Bot t3" } },
        headers: { Authorization: "Bot t4" },
      },
      "request",
    );
    const [line] = lines();
    expect(JSON.stringify(line)).not.toMatch(/t1|t2|t3|t4/);
    expect(line).toMatchObject({ token: "[redacted]", client: { token: "[redacted]" } });
  });

  it("scrubs the token from error messages and stacks wherever it appears", () => {
    const { logger, lines } = captureLogger(TOKEN);
    const error = new Error(`request with ${TOKEN} failed`);
    logger.error({ err: error, note: `saw ${TOKEN}` }, `failed for ${TOKEN}`);
    const written = JSON.stringify(lines());
    expect(written).not.toContain(TOKEN);
    expect(written).toContain("request with [redacted] failed");
  });

  it("honours the level", () => {
    const { logger, lines } = captureLogger();
    logger.level = "warn";
    logger.info("quiet");
    logger.warn("loud");
    expect(lines().map((line) => line.msg)).toEqual(["loud"]);
  });

  it("names every line readout, so the bot's lines can be told from others in a shared log", () => {
    const { logger, lines } = captureLogger();
    logger.info("one");
    expect(lines()[0]).toMatchObject({ name: "readout", msg: "one", level: 30 });
  });
});

describe("scrubToken", () => {
  it("leaves text alone when there is no token", () => {
    expect(scrubToken("plain", undefined)).toBe("plain");
    expect(scrubToken(`a ${TOKEN} b ${TOKEN}`, TOKEN)).toBe("a [redacted] b [redacted]");
  });
});
