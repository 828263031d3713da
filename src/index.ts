/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise the offline console, which
 * answers the same slash commands typed as text.
 */

import { Events } from "discord.js";
import { warningLine } from "./answers/statements.js";
import { type BotHandle, startBot } from "./bot/client.js";
import { ConfigError, loadConfig } from "./bot/config.js";
import { createLogger } from "./bot/logger.js";
import { commands } from "./commands/index.js";
import { runConsole } from "./console/console.js";
import { Library, LibraryError } from "./knowledge/library.js";

async function main(): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`readout: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, token: config.token });
  // Node would print the error itself, token and all if a message carried it; the logger scrubs.
  process.on("uncaughtException", (error) => {
    logger.fatal({ err: error }, "Readout crashed");
    process.exit(1);
  });
  let library: Library;
  try {
    library = await Library.load(config.seedsDir);
  } catch (error) {
    if (error instanceof LibraryError) {
      process.stderr.write(`readout: ${error.message}\n`);
      return 1;
    }
    throw error;
  }

  if (!config.token) {
    for (const warning of library.warnings)
      process.stderr.write(`warning: ${warningLine(warning)}\n`);
    await runConsole({
      library,
      commands,
      input: process.stdin,
      output: process.stdout,
      isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    });
    return 0;
  }

  for (const warning of library.warnings)
    logger.warn({ file: warning.file, paragraph: warning.paragraph }, warningLine(warning));
  logger.info(
    { releases: library.releases.length, entries: library.entries.length, seeds: config.seedsDir },
    "Releases loaded",
  );
  let bot: BotHandle;
  try {
    bot = await startBot({ config, library, commands, logger });
  } catch (error) {
    logger.fatal({ err: error }, "Could not connect to Discord");
    return 1;
  }
  // discord.js gives up on a shard Discord refused for good (a revoked token, 4004) and would
  // leave the process running but offline; exiting lets a supervisor notice and restart it.
  bot.client.on(Events.ShardDisconnect, (event, shardId) => {
    logger.fatal({ code: event.code, shardId }, "Discord ended the connection for good; exiting");
    void bot.stop().finally(() => process.exit(1));
  });
  return -1;
}

const exitCode = await main();
if (exitCode >= 0) process.exit(exitCode);
