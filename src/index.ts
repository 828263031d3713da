/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise the offline console, which
 * answers the same slash commands typed as text.
 */

import { Events } from "discord.js";
import { loadWarningLines, notSavedLine, warningLine } from "./answers/statements.js";
import { printable } from "./answers/text.js";
import { type BotHandle, startBot } from "./bot/client.js";
import { type BotConfig, ConfigError, loadConfig } from "./bot/config.js";
import { createLogger, type Logger } from "./bot/logger.js";
import { releaseShelf } from "./bot/releases.js";
import { REFUSED_EXIT_CODE } from "./bot/sharding.js";
import type { ReleaseAudit, ReleaseShelf } from "./commands/command.js";
import { commands } from "./commands/index.js";
import { runConsole } from "./console/console.js";
import { folderOptions, Library, LibraryError } from "./knowledge/library/library.js";
import { LiveLibrary } from "./knowledge/live/watch.js";
import { prepareVerify } from "./knowledge/verify/verify.js";

async function runOffline(config: BotConfig): Promise<number> {
  const library = await Library.load(
    config.seedsDir,
    folderOptions(config.cacheDir, config.followLinksInside),
  );
  for (const line of loadWarningLines(library)) process.stderr.write(`${line}\n`);
  void prepareVerify(library);
  let current = library;
  const releases: ReleaseShelf = {
    seedsDir: config.seedsDir,
    intake: { fetch: { allowLoopback: config.fetchLoopback } },
    reload: async () => {
      try {
        current = await Library.load(
          config.seedsDir,
          folderOptions(config.cacheDir, config.followLinksInside),
        );
        return true;
      } catch {
        return false;
      }
    },
    audit: (record) => process.stderr.write(`${printable(auditLine(record))}\n`),
  };
  await runConsole({
    library: {
      get current() {
        return current;
      },
    },
    releases,
    commands,
    input: process.stdin,
    output: process.stdout,
    isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  });
  const notSaved = await library.snapshot.saveFailure;
  if (notSaved) process.stderr.write(`${notSavedLine(notSaved)}\n`);
  return 0;
}

/** "release add refused: 2024-05-14-talks.txt from https://… by console (why)" */
function auditLine({ action, result, file, url, userId, reason }: ReleaseAudit): string {
  const what = [file, url ? `from ${url}` : null].filter(Boolean).join(" ");
  return `release ${action} ${result}: ${what || "nothing"} by ${userId}${reason ? ` (${reason})` : ""}`;
}

/** Returns an exit code when the bot cannot start; once it runs, its signal handlers exit. */
async function runBot(config: BotConfig, logger: Logger): Promise<number | null> {
  // The bot follows the seeds folder: a release added or changed while it runs is picked up.
  const live = await LiveLibrary.start(config.seedsDir, {
    logger,
    library: folderOptions(config.cacheDir, config.followLinksInside),
  });
  for (const warning of live.current.warnings) {
    logger.warn({ file: warning.file, paragraph: warning.paragraph }, warningLine(warning));
  }
  logger.info(
    {
      releases: live.current.releases.length,
      entries: live.current.entries.length,
      seeds: config.seedsDir,
    },
    "Releases loaded",
  );
  const releases = releaseShelf(config, live, logger);
  let bot: BotHandle;
  try {
    bot = await startBot({ config, library: live, commands, logger, releases });
  } catch (error) {
    logger.fatal({ err: error }, "Could not connect to Discord");
    return 1;
  }
  // discord.js gives up on a shard Discord refused for good (a revoked token, 4004) and would
  // leave the process running but offline; exiting lets a supervisor notice, and the exit code
  // says that restarting will not help until a setting is fixed.
  bot.client.on(Events.ShardDisconnect, (event, shardId) => {
    logger.fatal({ code: event.code, shardId }, "Discord ended the connection for good; exiting");
    live.close();
    void bot.stop().finally(() => process.exit(REFUSED_EXIT_CODE));
  });
  return null;
}

async function main(): Promise<number | null> {
  let config: BotConfig;
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
  try {
    return config.token ? await runBot(config, logger) : await runOffline(config);
  } catch (error) {
    if (error instanceof LibraryError) {
      process.stderr.write(`readout: ${printable(error.message)}\n`);
      return 1;
    }
    throw error;
  }
}

const exitCode = await main();
if (exitCode !== null) process.exit(exitCode);
