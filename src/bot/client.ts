import {
  Client,
  type ClientOptions,
  Events,
  GatewayIntentBits,
  Options,
  Partials,
  RESTEvents,
} from "discord.js";
import type { Command, ReleaseShelf } from "../commands/command.js";
import type { Library } from "../knowledge/library/library.js";
import { type BotConfig, requireDiscordCredentials } from "./config.js";
import { AUTOCOMPLETE_COOLDOWN, Cooldown, DEFAULT_COOLDOWN } from "./cooldown.js";
import type { Logger } from "./logger.js";
import { createMessageRouter } from "./mentions.js";
import { createInteractionRouter } from "./router.js";

/** After SIGINT or SIGTERM, the process exits this soon even if disconnecting hangs. */
const SHUTDOWN_GRACE_MS = 3000;

/**
 * Users and members kept in discord.js's caches. Uncapped, they grow with every member who ever
 * used the bot (about 3.5 kB each: 10 MB in a soak of 3,000 members).
 */
const CACHED_PEOPLE = 500;

/** Client options a caller may change; intents and mention safety are not among them. */
export type BotClientOptions = Partial<Omit<ClientOptions, "intents" | "allowedMentions">>;

/**
 * Slash commands, buttons and autocomplete need only the Guilds intent. Mentions and direct
 * messages need GuildMessages and DirectMessages, and no privileged intent: Discord gives an app
 * the text of messages that mention it and of its direct messages without Message Content.
 * discord.js needs the Channel partial to receive a direct message in a channel it has not
 * cached. Nobody is pinged by default, even by a send path that forgets to say so.
 */
export function createBotClient(
  config: BotConfig,
  logger: Logger,
  options: BotClientOptions = {},
): Client {
  // discord.js takes a client's shard count from SHARD_COUNT in the environment, which the
  // sharding manager sets for each shard it starts. The same name in .env is the setting of
  // `npm run start:sharded` (empty by default, which discord.js would read as 0 shards): outside
  // a manager, this process is the only shard.
  if (process.env.SHARDING_MANAGER === undefined) delete process.env.SHARD_COUNT;
  const client = new Client({
    // discord.js keeps every user and member an interaction brings, for good; Readout reads
    // neither cache, so they are capped (the bot's own user is always kept).
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      UserManager: {
        maxSize: CACHED_PEOPLE,
        keepOverLimit: (user) => user.id === user.client.user?.id,
      },
      GuildMemberManager: {
        maxSize: CACHED_PEOPLE,
        keepOverLimit: (member) => member.id === member.client.user?.id,
      },
    }),
    ...options,
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
    ],
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    rest: { ...(config.apiUrl ? { api: config.apiUrl } : {}), ...options.rest },
  });
  // Without an "error" listener, an emitted client error would crash the process.
  client.on(Events.Error, (error) => logger.error({ err: error }, "Discord client error"));
  client.on(Events.Warn, (message) => logger.warn(message));
  client.on(Events.Debug, (message) => logger.trace(message));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn(
      { route: info.route, retryAfterMs: info.retryAfter, global: info.global },
      "Rate limited by Discord",
    ),
  );
  return client;
}

export interface StartBotOptions {
  config: BotConfig;
  /** The releases to answer from: one library, or something whose `current` is swapped on reload. */
  library: Library | { readonly current: Library };
  commands: readonly Command[];
  logger: Logger;
  clientOptions?: BotClientOptions;
  /** Where /release adds and removes releases; without it, /release add and remove are refused. */
  releases?: ReleaseShelf;
}

export interface BotHandle {
  client: Client;
  /** Disconnects and removes the process handlers; the process itself keeps running. */
  stop(): Promise<void>;
}

/** Connects to Discord and answers interactions; resolves once the bot is ready. */
export async function startBot(options: StartBotOptions): Promise<BotHandle> {
  const { config, library, commands, logger } = options;
  const { token } = requireDiscordCredentials(config);
  const client = createBotClient(config, logger, options.clientOptions);
  // Each interaction reads the library afresh, so a reload never mixes two libraries in one answer.
  const context = {
    get library(): Library {
      return "current" in library ? library.current : library;
    },
    ...(options.releases ? { releases: options.releases } : {}),
  };
  // One share per person, whether they use commands, buttons or mentions.
  const cooldown = new Cooldown(config.cooldown ?? DEFAULT_COOLDOWN);
  const router = createInteractionRouter({
    commands,
    context,
    logger,
    cooldown,
    // COOLDOWN_MS=0 turns both limits off.
    autocompleteCooldown: new Cooldown(
      config.cooldown?.windowMs === 0 ? config.cooldown : AUTOCOMPLETE_COOLDOWN,
    ),
  });
  client.on(Events.InteractionCreate, (interaction) => void router.handle(interaction));
  const messages = createMessageRouter({
    commands,
    context,
    logger,
    cooldown,
    botUserId: () => client.user?.id,
  });
  client.on(Events.MessageCreate, (message) => void messages.handle(message));

  const ready = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, (readyClient) => {
      logger.info(
        {
          user: readyClient.user.tag,
          guilds: readyClient.guilds.cache.size,
          commands: commands.length,
        },
        "Readout is online",
      );
      resolve();
    });
  });

  // One failed promise somewhere must not take the bot offline for everyone.
  const onRejection = (reason: unknown) =>
    logger.error({ err: reason }, "Unhandled promise rejection; Readout keeps running");
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, "Shutting down");
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    void stop().finally(() => process.exit(0));
  };

  let stopped = false;
  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    process.off("unhandledRejection", onRejection);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await client.destroy();
  }

  process.on("unhandledRejection", onRejection);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return { client, stop };
}
