import { Writable } from "node:stream";
import { type BotHandle, startBot } from "../../src/bot/client.js";
import { parseConfig } from "../../src/bot/config.js";
import { createLogger } from "../../src/bot/logger.js";
import type { Command } from "../../src/commands/command.js";
import { commands as registry } from "../../src/commands/index.js";
import { Library } from "../../src/knowledge/library.js";
import { FakeDiscord, type FakeDiscordOptions } from "../fakeDiscord/index.js";

/** A recognisable fake token, so tests can search every output for it. */
export const FAKE_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gfake1.readout-test-token-do-not-leak";

export interface RunningReadout {
  fake: FakeDiscord;
  bot: BotHandle;
  library: Library;
  /** Every log line the bot wrote, as text. */
  logs: string[];
  stop(): Promise<void>;
}

export interface StartOptions {
  seedsDir?: string;
  commands?: readonly Command[];
  fake?: FakeDiscordOptions;
  env?: Record<string, string>;
}

/**
 * The real bot (startBot, the real router and commands, the real discord.js client) logged in to
 * a fake Discord on 127.0.0.1 through DISCORD_API_URL, as `npm start` would run it.
 */
export async function startReadout(options: StartOptions = {}): Promise<RunningReadout> {
  const fake = await FakeDiscord.start(options.fake);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = parseConfig({
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    SEEDS_DIR: options.seedsDir ?? "seeds",
    LOG_LEVEL: "debug",
    ...options.env,
  });
  const logger = createLogger({ level: config.logLevel, token: config.token, destination: sink });
  const library = await Library.load(config.seedsDir);
  const bot = await startBot({
    config,
    library,
    commands: options.commands ?? registry,
    logger,
    clientOptions: { rest: { timeout: 2000, retries: 0 }, waitGuildTimeout: 0 },
  });
  return {
    fake,
    bot,
    library,
    logs,
    async stop() {
      await bot.stop();
      await fake.stop();
    },
  };
}
