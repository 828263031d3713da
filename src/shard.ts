/**
 * `npm run start:sharded`: the bot split over shards by discord.js's ShardingManager, for when
 * it serves more servers than one gateway connection may (Discord requires it past 2,500).
 */
import { ConfigError, loadConfig } from "./bot/config.js";
import { createLogger, scrubToken } from "./bot/logger.js";
import { planShards, startSharded } from "./bot/sharding.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, token: config.token });
  const plan = await planShards(config, process.env.SHARD_COUNT);
  logger.info(plan, "Starting shards");
  const sharded = await startSharded(config, plan, logger);
  logger.info({ shards: sharded.manager.shards.size }, "All shards ready");
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, "Stopping shards");
    sharded.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`readout: ${scrubToken(message, process.env.DISCORD_TOKEN)}\n`);
  process.exit(1);
});
