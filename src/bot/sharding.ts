import { fileURLToPath } from "node:url";
import { REST, Routes, ShardingManager } from "discord.js";
import type { RESTGetAPIGatewayBotResult } from "discord-api-types/v10";
import { type BotConfig, ConfigError, requireDiscordCredentials } from "./config.js";
import type { Logger } from "./logger.js";

/**
 * How the bot exits when Discord refuses it for good (a revoked token, intents or a shard setting
 * Discord rejects): EX_CONFIG from sysexits, so that a supervisor, and the sharding manager, can
 * tell a setting to fix from a crash worth restarting.
 */
export const REFUSED_EXIT_CODE = 78;

/** Discord lets one identify through per rate-limit bucket every five seconds. */
const IDENTIFY_INTERVAL_MS = 5_500;

/** The bot's own entry point: each shard runs it as `npm start` would, in its own process. */
const BOT_ENTRY = fileURLToPath(new URL("../index.ts", import.meta.url));

export interface ShardPlan {
  totalShards: number;
  /** Pause between spawning shards; none when every shard can identify at once. */
  spawnDelayMs: number;
}

/**
 * How many shards to run: SHARD_COUNT when set, else Discord's recommendation from
 * /gateway/bot. Asked through discord.js's REST so that DISCORD_API_URL is honoured (the
 * manager's own "auto" always asks discord.com).
 */
export async function planShards(
  config: BotConfig,
  requestedCount: string | undefined,
): Promise<ShardPlan> {
  const { token } = requireDiscordCredentials(config);
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(token);
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  let totalShards = gateway.shards;
  if (requestedCount !== undefined && requestedCount.trim() !== "") {
    totalShards = Number(requestedCount);
    if (!Number.isInteger(totalShards) || totalShards < 1) {
      throw new ConfigError(
        "SHARD_COUNT must be a whole number of shards, 1 or more, or left empty to use Discord's recommendation.",
      );
    }
  }
  const concurrency = gateway.session_start_limit.max_concurrency;
  return { totalShards, spawnDelayMs: concurrency >= totalShards ? 0 : IDENTIFY_INTERVAL_MS };
}

/**
 * Runs the bot sharded with discord.js's ShardingManager: one process per shard, each started as
 * `npm start` would, respawned if it dies. A shard that Discord refused for good would be refused
 * again on every respawn, so then every shard is stopped and the manager exits 1. Resolves once
 * every shard is ready.
 */
export async function startSharded(
  config: BotConfig,
  plan: ShardPlan,
  logger: Logger,
): Promise<ShardedBot> {
  const { token } = requireDiscordCredentials(config);
  const manager = new ShardingManager(BOT_ENTRY, {
    token,
    totalShards: plan.totalShards,
    mode: "process",
    respawn: true,
    execArgv: ["--import", "tsx"],
  });
  let stopping = false;
  const stop = () => {
    stopping = true;
    for (const shard of manager.shards.values()) shard.kill();
  };
  manager.on("shardCreate", (shard) => {
    logger.info({ shard: shard.id, of: plan.totalShards }, "Shard started");
    shard.on("death", (child) => {
      if (stopping) return;
      const exitCode = "exitCode" in child ? child.exitCode : null;
      if (exitCode !== REFUSED_EXIT_CODE) {
        logger.warn({ shard: shard.id, exitCode }, "Shard process ended; respawning");
        return;
      }
      logger.fatal(
        { shard: shard.id },
        "Discord refused the shard for good (check the token and the bot's settings); stopping every shard",
      );
      stop();
      // Exiting here, while discord.js reports the death, comes before it would respawn the shard.
      process.exit(1);
    });
    shard.on("error", (error) => logger.error({ err: error, shard: shard.id }, "Shard error"));
  });
  await manager.spawn({ amount: plan.totalShards, delay: plan.spawnDelayMs });
  return { manager, stop };
}

export interface ShardedBot {
  manager: ShardingManager;
  /** Kills every shard, without respawning them. */
  stop(): void;
}
