import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, requireDiscordCredentials } from "../../src/bot/config.js";
import { DEFAULT_CACHE_DIR } from "../../src/knowledge/index/snapshot.js";

const TOKEN = `MTA5ODc2NTQzMjEwOTg3NjU0Mw.GhIjKl.${"a1B2c3D4e5".repeat(4)}`;
const CLIENT_ID = "109876543210987654";

function errorFor(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("needs nothing for the offline console and fills in defaults", () => {
    expect(parseConfig({})).toEqual({
      seedsDir: "seeds",
      cacheDir: DEFAULT_CACHE_DIR,
      followLinksInside: false,
      fetchLoopback: false,
      logLevel: "info",
    });
  });

  it("reads every setting", () => {
    const config = parseConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: CLIENT_ID,
      DISCORD_GUILD_ID: "209876543210987654",
      DISCORD_API_URL: "http://127.0.0.1:8080/api/",
      SEEDS_DIR: "data/releases",
      CACHE_DIR: "/var/cache/readout",
      SEEDS_LINKS: "inside",
      RELEASE_FETCH_ALLOW_LOOPBACK: "1",
      LOG_LEVEL: "DEBUG",
    });
    expect(config).toEqual({
      token: TOKEN,
      clientId: CLIENT_ID,
      guildId: "209876543210987654",
      apiUrl: "http://127.0.0.1:8080/api",
      seedsDir: "data/releases",
      cacheDir: "/var/cache/readout",
      followLinksInside: true,
      fetchLoopback: true,
      logLevel: "debug",
    });
  });

  it("refuses a RELEASE_FETCH_ALLOW_LOOPBACK other than 0 or 1", () => {
    expect(() => parseConfig({ RELEASE_FETCH_ALLOW_LOOPBACK: "yes" })).toThrow(
      "RELEASE_FETCH_ALLOW_LOOPBACK must be 1 (tests only: /release add may fetch links on this machine) or 0.",
    );
  });

  it("accepts the short tokens and ids a local test server hands out", () => {
    const config = parseConfig({ DISCORD_TOKEN: "test-token", DISCORD_CLIENT_ID: "42" });
    expect(config).toMatchObject({ token: "test-token", clientId: "42" });
  });

  it("treats empty variables as not set", () => {
    const config = parseConfig({
      DISCORD_TOKEN: "",
      DISCORD_GUILD_ID: " ",
      SEEDS_DIR: "",
      CACHE_DIR: "",
      SEEDS_LINKS: "",
    });
    expect(config).toEqual({
      seedsDir: "seeds",
      cacheDir: DEFAULT_CACHE_DIR,
      followLinksInside: false,
      fetchLoopback: false,
      logLevel: "info",
    });
  });

  it("refuses links in the seeds folder unless SEEDS_LINKS is inside, and names both values", () => {
    expect(parseConfig({ SEEDS_LINKS: "refuse" }).followLinksInside).toBe(false);
    expect(parseConfig({ SEEDS_LINKS: "Inside" }).followLinksInside).toBe(true);
    expect(() => parseConfig({ SEEDS_LINKS: "yes" })).toThrow(
      /SEEDS_LINKS must be "refuse" .* or "inside"/,
    );
  });

  it("keeps no snapshot cache when CACHE_DIR is off", () => {
    expect(parseConfig({ CACHE_DIR: "off" }).cacheDir).toBeNull();
  });

  it.each([
    [
      "a token with a Bot prefix",
      { DISCORD_TOKEN: `Bot ${TOKEN}` },
      /DISCORD_TOKEN starts with "Bot "/,
    ],
    [
      "a token with spaces",
      { DISCORD_TOKEN: `${TOKEN} ${TOKEN}` },
      /DISCORD_TOKEN contains spaces/,
    ],
    [
      "a token far too long to be one",
      { DISCORD_TOKEN: "a".repeat(201) },
      /DISCORD_TOKEN does not look like a bot token/,
    ],
    [
      "a token with odd characters",
      { DISCORD_TOKEN: `${TOKEN}/+=` },
      /DISCORD_TOKEN does not look like a bot token/,
    ],
    ["a token without a client id", { DISCORD_TOKEN: TOKEN }, /DISCORD_CLIENT_ID is not set/],
    [
      "a client id that is no snowflake",
      { DISCORD_CLIENT_ID: "my-bot" },
      /DISCORD_CLIENT_ID must be a Discord ID/,
    ],
    [
      "a guild id that is no snowflake",
      { DISCORD_GUILD_ID: "my-server" },
      /DISCORD_GUILD_ID must be a Discord ID.*Copy Server ID/,
    ],
    ["an API URL that is no URL", { DISCORD_API_URL: "not a url" }, /DISCORD_API_URL is not a URL/],
    [
      "an API URL that is not http",
      { DISCORD_API_URL: "localhost:8080" },
      /DISCORD_API_URL must start with http/,
    ],
    [
      "an API URL with a version",
      { DISCORD_API_URL: "https://discord.com/api/v10" },
      /DISCORD_API_URL must not end with an API version/,
    ],
    [
      "an unknown log level",
      { LOG_LEVEL: "verbose" },
      /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/,
    ],
  ])("explains %s", (_case, env, message) => {
    expect(errorFor(env).message).toMatch(message);
  });

  it("never repeats the token in a message", () => {
    const secret = `${TOKEN}/`;
    for (const env of [
      { DISCORD_TOKEN: secret },
      { DISCORD_TOKEN: `Bot ${TOKEN}` },
      { DISCORD_TOKEN: TOKEN },
      { DISCORD_CLIENT_ID: TOKEN },
      { DISCORD_GUILD_ID: TOKEN },
      { DISCORD_API_URL: TOKEN },
    ]) {
      expect(errorFor(env).message).not.toContain(TOKEN);
    }
  });
});

describe("requireDiscordCredentials", () => {
  it("returns the token and client id when set", () => {
    const config = parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: CLIENT_ID });
    expect(requireDiscordCredentials(config)).toEqual({ token: TOKEN, clientId: CLIENT_ID });
  });

  it("says how to set the token, or to use the console instead", () => {
    expect(() => requireDiscordCredentials(parseConfig({}))).toThrow(
      /DISCORD_TOKEN is not set.*npm run cli/,
    );
  });
});
