/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise the offline console, which
 * answers the same slash commands typed as text.
 */

import { warningLine } from "./answers/statements.js";
import { startBot } from "./bot/client.js";
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
    logger.warn({ file: warning.file, paragraph: warning.paragraph }, warning.message);
  logger.info(
    { releases: library.releases.length, entries: library.entries.length, seeds: config.seedsDir },
    "Releases loaded",
  );
  await startBot({ config, library, commands, logger });
  return -1;
}

const exitCode = await main();
if (exitCode >= 0) process.exit(exitCode);
