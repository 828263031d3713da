import { InteractionResponseType, MessageFlags } from "discord.js";
import type { APIUser } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/bot/config.js";
import { Cooldown, cooldownNotice, DEFAULT_COOLDOWN } from "../../src/bot/cooldown.js";
import { type RunningReadout, startReadout } from "../e2e/harness.js";

function clock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe("Cooldown", () => {
  it("lets max uses through per window, then refuses until the oldest leaves it", () => {
    const time = clock();
    const cooldown = new Cooldown({ windowMs: 1000, max: 3 }, time.now);
    for (let use = 0; use < 3; use += 1) {
      expect(cooldown.take("flooder")).toEqual({ allowed: true });
      time.advance(100);
    }
    expect(cooldown.take("flooder")).toEqual({ allowed: false, retryAfterMs: 700, first: true });
    expect(cooldown.take("flooder")).toMatchObject({ allowed: false, first: false });
    // Someone else is not slowed down by the flood.
    expect(cooldown.take("bystander")).toEqual({ allowed: true });
    time.advance(700);
    expect(cooldown.take("flooder")).toEqual({ allowed: true });
    expect(cooldown.take("flooder")).toMatchObject({ allowed: false, first: true });
  });

  it("does not count refused uses, so a flood does not extend itself", () => {
    const time = clock();
    const cooldown = new Cooldown({ windowMs: 1000, max: 1 }, time.now);
    cooldown.take("flooder");
    for (let use = 0; use < 50; use += 1) {
      time.advance(10);
      expect(cooldown.take("flooder").allowed).toBe(false);
    }
    time.advance(500);
    expect(cooldown.take("flooder").allowed).toBe(true);
  });

  it("is off with a zero window", () => {
    const cooldown = new Cooldown({ windowMs: 0, max: 1 });
    for (let use = 0; use < 100; use += 1) expect(cooldown.take("a").allowed).toBe(true);
    expect(cooldown.tracked).toBe(0);
  });

  it("forgets people whose uses have left the window, so memory stays bounded", () => {
    const time = clock();
    const cooldown = new Cooldown({ windowMs: 1000, max: 5 }, time.now);
    for (let user = 0; user < 10_000; user += 1) cooldown.take(`user-${user}`);
    expect(cooldown.tracked).toBe(10_000);
    time.advance(1001);
    cooldown.take("someone-new");
    expect(cooldown.tracked).toBe(1);
  });

  it("words its notice in whole seconds, never zero", () => {
    expect(cooldownNotice(1)).toBe(
      "You're going a little fast for me. Please wait 1 second, then try again.",
    );
    expect(cooldownNotice(4200)).toContain("wait 5 seconds");
  });
});

describe("COOLDOWN_MS and COOLDOWN_MAX", () => {
  function errorFor(env: Record<string, string>): string {
    try {
      parseConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.message;
      throw error;
    }
    throw new Error("expected a ConfigError");
  }

  it("leave the default in place when neither is set", () => {
    expect(parseConfig({}).cooldown).toBeUndefined();
    expect(DEFAULT_COOLDOWN).toEqual({ windowMs: 10_000, max: 8 });
  });

  it("are read, each defaulting when only the other is set", () => {
    expect(parseConfig({ COOLDOWN_MS: "5000", COOLDOWN_MAX: "3" }).cooldown).toEqual({
      windowMs: 5000,
      max: 3,
    });
    expect(parseConfig({ COOLDOWN_MS: " 0 " }).cooldown).toEqual({ windowMs: 0, max: 8 });
    expect(parseConfig({ COOLDOWN_MAX: "20" }).cooldown).toEqual({ windowMs: 10_000, max: 20 });
    expect(parseConfig({ COOLDOWN_MS: "", COOLDOWN_MAX: "" }).cooldown).toBeUndefined();
  });

  it.each([
    ["COOLDOWN_MS", "-1"],
    ["COOLDOWN_MS", "1.5"],
    ["COOLDOWN_MS", "10s"],
    ["COOLDOWN_MS", "3600001"],
    ["COOLDOWN_MS", "99999999999999999999"],
    ["COOLDOWN_MAX", "0"],
    ["COOLDOWN_MAX", "1001"],
    ["COOLDOWN_MAX", "eight"],
  ])("reject %s=%s with a sentence naming the variable and an example", (name, value) => {
    const message = errorFor({ [name]: value });
    expect(message).toMatch(new RegExp(`^${name} must be a whole number from \\d+ to \\d+\\.`));
    expect(message).toContain(`e.g. ${name}=`);
  });
});

describe("a member flooding the real bot through the fake Discord", () => {
  let readout: RunningReadout;
  const flooder: APIUser = {
    id: "310000000000000001",
    username: "flooder",
    discriminator: "0",
    global_name: "Flooder",
    avatar: null,
  };

  beforeAll(async () => {
    readout = await startReadout({ env: { COOLDOWN_MS: "60000", COOLDOWN_MAX: "3" } });
  });
  afterAll(async () => {
    await readout?.stop();
  });

  it("gets a friendly private notice once over the limit, while others are answered at once", async () => {
    const { fake } = readout;
    const flood = await Promise.all(
      Array.from({ length: 10 }, () =>
        fake.slashCommand("ask", { question: "what was lifted" }, { user: flooder }),
      ),
    );
    const answers = flood.filter((trace) => trace.response?.data?.embeds?.length);
    const notices = flood.filter((trace) =>
      trace.response?.data?.content?.includes("a little fast"),
    );
    expect(answers).toHaveLength(3);
    expect(notices).toHaveLength(7);
    for (const trace of notices) {
      expect(trace.response).toMatchObject({
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
      });
      expect(trace.response?.data?.content).toMatch(/Please wait \d+ seconds?, then try again\./);
    }
    // Buttons count too: the flooder cannot page their way around the limit.
    const click = await fake.clickButton("quotes:2", { user: flooder });
    expect(click.response?.data?.content).toContain("a little fast");

    // Alice and Bob are not slowed down by the flood.
    for (const user of [fake.users.alice, fake.users.bob]) {
      const trace = await fake.slashCommand("ask", { question: "what was lifted" }, { user });
      expect(trace.response?.data?.embeds?.[0]?.fields?.[0]?.value).toContain("lifted sanctions");
    }
    // Autocomplete is typing, not a request for an answer; it is never refused.
    const typing = await fake.autocomplete("quotes", { speaker: "Co" }, "speaker", {
      user: flooder,
    });
    expect(typing.response?.data?.choices?.length).toBeGreaterThan(0);
    expect(readout.logs.join("")).toContain("Cooldown: a user is sending too fast");
  });
});
