import dotenv from "dotenv";
import type { LevelWithSilent } from "pino";
import { cacheDirFrom } from "../knowledge/index/snapshot.js";
import { followsLinksInside } from "../knowledge/reading/load.js";
import { type CooldownSettings, DEFAULT_COOLDOWN } from "./cooldown.js";

/** A setting that cannot work; the message names the variable and says how to fix it. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export interface BotConfig {
  /** Absent when only the offline console will run. */
  token?: string;
  /** Always set when `token` is. */
  clientId?: string;
  /** Commands go to this server only (they appear at once) instead of globally. */
  guildId?: string;
  /** Base URL of Discord's REST API without the version, e.g. a local test server. */
  apiUrl?: string;
  seedsDir: string;
  /** Whether symbolic links inside the seeds folder are read (SEEDS_LINKS=inside); off by default. */
  followLinksInside: boolean;
  /** Where the parsed releases and index of a large seeds folder are kept; null for none. */
  cacheDir: string | null;
  /**
   * Whether /release add may fetch links on this machine (127.0.0.0/8, ::1) and on any port:
   * RELEASE_FETCH_ALLOW_LOOPBACK=1, for tests only. Off by default, and never in production.
   */
  fetchLoopback: boolean;
  logLevel: LevelWithSilent;
  /** Set when COOLDOWN_MS or COOLDOWN_MAX is; otherwise the bot uses DEFAULT_COOLDOWN. */
  cooldown?: CooldownSettings;
}

const LOG_LEVELS: readonly LevelWithSilent[] = [
  "fatal",
  "error",
  "warn",
  "info",
  "debug",
  "trace",
  "silent",
];

// Discord's IDs are 17 to 20 digits today; any run of digits is accepted so that local test
// servers with short IDs work too.
const SNOWFLAKE = /^\d{1,20}$/;
// Bot tokens are about 70 characters of base64url pieces joined by dots. No minimum length is
// enforced: local test servers hand out short tokens.
const TOKEN_CHARACTERS = /^[A-Za-z0-9._-]+$/;
const TOKEN_MAX_LENGTH = 200;
const TOKEN_HELP =
  "Copy the token again from the Bot page of your application in the Discord Developer Portal " +
  "and put it in .env as DISCORD_TOKEN=<token>.";

type Env = Readonly<Record<string, string | undefined>>;

/** A variable set to nothing (`NAME=` in .env) counts as not set. */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

// The value is never quoted back in a message: it may be a token pasted into the wrong variable.
function checkToken(token: string): void {
  if (/^bot\s/i.test(token)) {
    throw new ConfigError(
      `DISCORD_TOKEN starts with "Bot ". Remove that prefix and keep only the token itself.`,
    );
  }
  if (/\s/.test(token)) {
    throw new ConfigError(`DISCORD_TOKEN contains spaces, so it is not a bot token. ${TOKEN_HELP}`);
  }
  if (token.length > TOKEN_MAX_LENGTH || !TOKEN_CHARACTERS.test(token)) {
    throw new ConfigError(
      `DISCORD_TOKEN does not look like a bot token (about 70 letters, digits, dots, dashes and ` +
        `underscores; the client secret and the public key are not it). ${TOKEN_HELP}`,
    );
  }
}

function checkSnowflake(name: string, value: string, where: string): void {
  if (!SNOWFLAKE.test(value)) {
    throw new ConfigError(`${name} must be a Discord ID, which is digits only. ${where}`);
  }
}

function checkApiUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      `DISCORD_API_URL is not a URL. Set it to the base address of Discord's REST API, such as ` +
        `https://discord.com/api, or remove it to use Discord itself.`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(
      `DISCORD_API_URL must start with http:// or https://, e.g. http://localhost:8080/api.`,
    );
  }
  const base = value.replace(/\/+$/, "");
  if (/\/v\d+$/.test(base)) {
    throw new ConfigError(
      `DISCORD_API_URL must not end with an API version such as /v10; the version is added for you. ` +
        `Remove it, e.g. https://discord.com/api.`,
    );
  }
  return base;
}

/** Longer than this and a person who paged too fast would be locked out for no reason. */
const COOLDOWN_MS_MAX = 3_600_000;
const COOLDOWN_MAX_MAX = 1000;

function checkWholeNumber(
  name: string,
  value: string,
  min: number,
  max: number,
  help: string,
): number {
  const number = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}. ${help}`);
  }
  return number;
}

function parseCooldown(ms: string | undefined, max: string | undefined): CooldownSettings {
  return {
    windowMs:
      ms === undefined
        ? DEFAULT_COOLDOWN.windowMs
        : checkWholeNumber(
            "COOLDOWN_MS",
            ms,
            0,
            COOLDOWN_MS_MAX,
            `It is the per-user cooldown window in milliseconds, e.g. COOLDOWN_MS=${DEFAULT_COOLDOWN.windowMs}; 0 turns the cooldown off.`,
          ),
    max:
      max === undefined
        ? DEFAULT_COOLDOWN.max
        : checkWholeNumber(
            "COOLDOWN_MAX",
            max,
            1,
            COOLDOWN_MAX_MAX,
            `It is how many commands and button clicks one person may use per window, e.g. COOLDOWN_MAX=${DEFAULT_COOLDOWN.max}.`,
          ),
  };
}

function linksSetting(value: string | undefined): boolean {
  try {
    return followsLinksInside(value);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

function loopbackSetting(value: string | undefined): boolean {
  if (value === undefined || value === "0") return false;
  if (value === "1") return true;
  throw new ConfigError(
    "RELEASE_FETCH_ALLOW_LOOPBACK must be 1 (tests only: /release add may fetch links on this machine) or 0.",
  );
}

/** Validates settings from an environment; throws ConfigError on the first bad one. */
export function parseConfig(env: Env): BotConfig {
  const config: BotConfig = {
    seedsDir: read(env, "SEEDS_DIR") ?? "seeds",
    cacheDir: cacheDirFrom(read(env, "CACHE_DIR")),
    followLinksInside: linksSetting(read(env, "SEEDS_LINKS")),
    fetchLoopback: loopbackSetting(read(env, "RELEASE_FETCH_ALLOW_LOOPBACK")),
    logLevel: "info",
  };

  const level = read(env, "LOG_LEVEL")?.toLowerCase();
  if (level !== undefined) {
    const known = LOG_LEVELS.find((candidate) => candidate === level);
    if (!known) {
      throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}.`);
    }
    config.logLevel = known;
  }

  const token = read(env, "DISCORD_TOKEN");
  if (token !== undefined) {
    checkToken(token);
    config.token = token;
  }

  const clientId = read(env, "DISCORD_CLIENT_ID");
  if (clientId !== undefined) {
    checkSnowflake(
      "DISCORD_CLIENT_ID",
      clientId,
      "Copy the Application ID from the General Information page of your application in the Discord Developer Portal.",
    );
    config.clientId = clientId;
  } else if (token !== undefined) {
    throw new ConfigError(
      "DISCORD_CLIENT_ID is not set, but the bot needs it with DISCORD_TOKEN. Copy the Application ID " +
        "from the General Information page of your application in the Discord Developer Portal.",
    );
  }

  const guildId = read(env, "DISCORD_GUILD_ID");
  if (guildId !== undefined) {
    checkSnowflake(
      "DISCORD_GUILD_ID",
      guildId,
      "With Developer Mode on, right-click the server and choose Copy Server ID, or leave it empty to register commands globally.",
    );
    config.guildId = guildId;
  }

  const apiUrl = read(env, "DISCORD_API_URL");
  if (apiUrl !== undefined) config.apiUrl = checkApiUrl(apiUrl);

  const cooldownMs = read(env, "COOLDOWN_MS");
  const cooldownMax = read(env, "COOLDOWN_MAX");
  if (cooldownMs !== undefined || cooldownMax !== undefined) {
    config.cooldown = parseCooldown(cooldownMs, cooldownMax);
  }

  return config;
}

/** Reads .env (without overriding variables already set) and then the environment. */
export function loadConfig(): BotConfig {
  dotenv.config({ quiet: true });
  return parseConfig(process.env);
}

/** The credentials the bot and `npm run deploy` cannot run without. */
export function requireDiscordCredentials(config: BotConfig): { token: string; clientId: string } {
  if (config.token === undefined || config.clientId === undefined) {
    throw new ConfigError(
      "DISCORD_TOKEN is not set, so Readout cannot connect to Discord. Put the bot token and " +
        "DISCORD_CLIENT_ID in .env (see the Bot and General Information pages of your application in " +
        "the Discord Developer Portal), or use `npm run cli` to ask questions offline.",
    );
  }
  return { token: config.token, clientId: config.clientId };
}
