import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type APIApplicationCommand,
  type APIAttachment,
  type APIGatewayBotInfo,
  type APIInteraction,
  type APIMessage,
  type APIUser,
  GatewayDispatchEvents,
  type GatewayIdentifyData,
  GatewayOpcodes,
  type GatewayResumeData,
  type Snowflake,
} from "discord-api-types/v10";
import { AttachmentStore, type AttachmentUpload } from "./attachments.js";
import { CommandRegistry } from "./commands.js";
import { ok } from "./errors.js";
import {
  APPLICATION_ID,
  BOT_USER,
  buildApplication,
  buildGuild,
  buildTextChannel,
  PRESET_USERS,
  textChannelIdFor,
} from "./fixtures.js";
import {
  type DispatchRoute,
  FakeGateway,
  GATEWAY_PATH,
  type GatewayConnectionInfo,
  RESUME_GATEWAY_PATH,
  type ReceivedGatewayPayload,
} from "./gateway.js";
import { createSnowflakeFactory, fixedGuildSnowflake, shardForGuild } from "./ids.js";
import { InteractionRegistry, type InteractionTrace } from "./interactions.js";
import { ChannelMessages, type MessageTrace, type WrittenMessageOptions } from "./messages.js";
import {
  type ButtonInteractionOptions,
  type CommandInteractionOptions,
  type CommandOptionsInput,
  type InteractionOptions,
  PayloadFactory,
} from "./payloads.js";
import {
  FakeRest,
  type RecordedRequest,
  type RestFault,
  type RouteDefinition,
  type RouteMatcher,
} from "./rest.js";

export { ATTACHMENT_PATH, type AttachmentUpload } from "./attachments.js";
export type { CommandOptionValue } from "./commandOptions.js";
export { MEMBER_PERMISSIONS } from "./fixtures.js";
export type { DispatchRoute, GatewayConnectionInfo, ReceivedGatewayPayload } from "./gateway.js";
export type {
  CallbackData,
  InteractionTrace,
  RecordedCallback,
  RecordedEdit,
  RecordedFollowUp,
} from "./interactions.js";
export type { MessageTrace, WrittenMessageOptions } from "./messages.js";
export type {
  ButtonInteractionOptions,
  CommandInteractionOptions,
  CommandOptionsInput,
  InteractionOptions,
  PayloadFactory,
} from "./payloads.js";
export type { RecordedFile, RecordedRequest, RestFault, RouteMatcher } from "./rest.js";

export interface FakeDiscordOptions {
  /**
   * The recommended `shards` of `GET /gateway/bot`. Default 1. discord.js only follows it with
   * `shards: "auto"`; otherwise it spawns `shardCount` (default 1) shards.
   */
  shards?: number;
  /** How many guilds the bot is in; guild i is on shard i % (identified shard count). Default 1. */
  guilds?: number;
  /** `session_start_limit.max_concurrency`; raise it to identify several shards without the 5 s wait. */
  maxConcurrency?: number;
  /** Sent in HELLO. Default 41250 like Discord; lower it to exercise heartbeats. */
  heartbeatIntervalMs?: number;
  /** When set, other tokens get 401 on REST and close code 4004 on IDENTIFY. */
  token?: string;
  /** How late an initial interaction response may arrive. Default 3000 like Discord. */
  responseDeadlineMs?: number;
}

export interface WaitOptions {
  timeoutMs?: number;
}

export interface SendOptions extends WaitOptions {
  /** Dispatch on this shard instead of the one Discord would pick. */
  shardId?: number;
}

/** Slack for an acknowledgement that was sent just before the deadline and is still in flight. */
const ACKNOWLEDGEMENT_SLACK_MS = 250;

/**
 * A fake Discord (REST + gateway) on 127.0.0.1 for end-to-end tests of a real discord.js Client.
 * Pass `apiUrl` as the client's `rest.api`.
 */
export class FakeDiscord {
  readonly applicationId: Snowflake = APPLICATION_ID;
  readonly botUserId: Snowflake = BOT_USER.id;
  readonly botUser: APIUser = BOT_USER;
  readonly users = PRESET_USERS;
  readonly guildIds: readonly Snowflake[];
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly snowflake = createSnowflakeFactory();
  /** Builds messages and interaction payloads without sending them (see `sendInteraction`). */
  readonly build: PayloadFactory;

  readonly #server: Server;
  readonly #rest: FakeRest;
  readonly #gateway: FakeGateway;
  readonly #commands: CommandRegistry;
  readonly #interactions: InteractionRegistry;
  readonly #messages: ChannelMessages;
  readonly #attachments: AttachmentStore;
  readonly #textChannels = new Map<Snowflake, Snowflake>();
  readonly #responseDeadlineMs: number;

  private constructor(server: Server, options: FakeDiscordOptions) {
    const { port } = server.address() as AddressInfo;
    const origin = `127.0.0.1:${port}`;
    this.#server = server;
    this.apiUrl = `http://${origin}/api`;
    this.gatewayUrl = `ws://${origin}${GATEWAY_PATH}`;
    this.#responseDeadlineMs = options.responseDeadlineMs ?? 3_000;
    this.guildIds = Array.from({ length: options.guilds ?? 1 }, (_, index) =>
      fixedGuildSnowflake(index),
    );
    for (const [index, guildId] of this.guildIds.entries()) {
      this.#textChannels.set(guildId, textChannelIdFor(index));
    }

    this.#commands = new CommandRegistry(
      this.applicationId,
      new Set(this.guildIds),
      this.snowflake,
    );
    this.#attachments = new AttachmentStore({
      origin: `http://${origin}`,
      snowflake: this.snowflake,
      defaultChannelId: () => this.channelId,
    });
    this.#interactions = new InteractionRegistry({
      applicationId: this.applicationId,
      botUser: this.botUser,
      snowflake: this.snowflake,
      responseDeadlineMs: this.#responseDeadlineMs,
      attachmentBaseUrl: `http://${origin}/attachments`,
    });
    this.build = new PayloadFactory({
      applicationId: this.applicationId,
      botUser: this.botUser,
      defaultUser: this.users.alice,
      defaultGuildId: this.guildId,
      snowflake: this.snowflake,
      textChannelOf: (guildId) => this.channelIdOf(guildId),
      findCommand: (name, type, guildId) => this.#commands.find(name, type, guildId),
      findAttachment: (id) => this.#attachments.find(id),
    });
    this.#gateway = new FakeGateway({
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      token: options.token,
      botUser: this.botUser,
      applicationId: this.applicationId,
      applicationFlags: buildApplication().flags,
      resumeGatewayUrl: `ws://${origin}${RESUME_GATEWAY_PATH}`,
      guildsForShard: (shardId, shardCount) =>
        this.guildIds
          .filter((guildId) => shardForGuild(guildId, shardCount) === shardId)
          .map((guildId) =>
            buildGuild(guildId, buildTextChannel(this.channelIdOf(guildId), guildId, "general")),
          ),
    });
    this.#messages = new ChannelMessages({
      botUser: this.botUser,
      snowflake: this.snowflake,
      guildOfChannel: (channelId) =>
        [...this.#textChannels.entries()].find(([, channel]) => channel === channelId)?.[0],
      dispatch: (dataFor, guildId) =>
        this.#gateway.dispatchEach(GatewayDispatchEvents.MessageCreate, dataFor, { guildId }),
    });
    this.#rest = new FakeRest(
      [
        ...this.#baseRoutes(options),
        ...this.#commands.routes(),
        ...this.#interactions.routes(),
        ...this.#messages.routes(),
        ...this.#attachments.routes(),
      ],
      options.token,
    );

    server.on("request", (request, response) => {
      this.#rest.handle(request, response).catch((error: unknown) => {
        // A crash in the fake must show up as a failing request, not as a hung client.
        if (response.headersSent) return;
        response.writeHead(500, { "content-type": "application/json" });
        response.end(
          JSON.stringify({ message: `fake Discord crashed: ${String(error)}`, code: 0 }),
        );
      });
    });
    server.on("upgrade", (request, socket, head) =>
      this.#gateway.handleUpgrade(request, socket, head),
    );
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    return new FakeDiscord(server, options);
  }

  async stop(): Promise<void> {
    this.#rest.releaseDelays();
    await this.#gateway.shutdown();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      // discord.js keeps REST connections alive; without this, close() waits for them to idle out.
      this.#server.closeAllConnections();
    });
  }

  get guildId(): Snowflake {
    return this.guildIds[0] as Snowflake;
  }

  get channelId(): Snowflake {
    return this.channelIdOf(this.guildId);
  }

  channelIdOf(guildId: Snowflake): Snowflake {
    const channelId = this.#textChannels.get(guildId);
    if (!channelId) throw new Error(`FakeDiscord: unknown guild ${guildId}`);
    return channelId;
  }

  /** Every REST request, in arrival order. */
  get requests(): readonly RecordedRequest[] {
    return this.#rest.requests;
  }

  findRequests(matcher: RouteMatcher): RecordedRequest[] {
    return this.#rest.find(matcher);
  }

  /** The next request matching `matcher` gets `fault` instead of (or, for a bare delay, before) its answer. */
  failNext(matcher: RouteMatcher, fault: RestFault): void {
    this.#rest.failNext(matcher, fault);
  }

  /** Registered application commands, global or of one guild. */
  commands(guildId?: Snowflake): APIApplicationCommand[] {
    return this.#commands.list(guildId);
  }

  get identifies(): GatewayIdentifyData[] {
    return this.#gateway.received
      .filter((payload) => payload.op === GatewayOpcodes.Identify)
      .map((payload) => payload.d as GatewayIdentifyData);
  }

  get resumes(): GatewayResumeData[] {
    return this.#gateway.received
      .filter((payload) => payload.op === GatewayOpcodes.Resume)
      .map((payload) => payload.d as GatewayResumeData);
  }

  /** Everything clients sent over the gateway, heartbeats included. */
  get gatewayPayloads(): readonly ReceivedGatewayPayload[] {
    return this.#gateway.received;
  }

  get connections(): readonly GatewayConnectionInfo[] {
    return this.#gateway.connections;
  }

  /** When false, heartbeats go unanswered and discord.js soon treats the connection as a zombie. */
  get acknowledgeHeartbeats(): boolean {
    return this.#gateway.acknowledgeHeartbeats;
  }

  set acknowledgeHeartbeats(enabled: boolean) {
    this.#gateway.acknowledgeHeartbeats = enabled;
  }

  /** Resolves once the shard has a connection that was sent READY or RESUMED. */
  waitForShardReady(shardId = 0, options: WaitOptions = {}): Promise<GatewayConnectionInfo> {
    return this.#gateway.waitForReady(shardId, options.timeoutMs ?? 5_000);
  }

  /**
   * Sends a dispatch on the shard it belongs on (see DispatchRoute); throws if no connection there
   * is ready, because Discord would not deliver it either (this fake replays nothing on RESUME).
   */
  dispatch(event: GatewayDispatchEvents, data: unknown, route: DispatchRoute = {}): void {
    if (this.#gateway.dispatch(event, data, route) === 0) {
      throw new Error(
        `FakeDiscord: no ready gateway connection for ${event} (${JSON.stringify(route)})`,
      );
    }
  }

  /** Closes the gateway connection(s) with `code`: 4000 lets the client resume; 4007/4009 end the session. */
  closeGateway(code: number, options: { shardId?: number } = {}): void {
    this.#gateway.close(code, options.shardId);
  }

  /** Drops the TCP connection without a close frame; the client sees 1006 and resumes. */
  terminateGateway(options: { shardId?: number } = {}): void {
    this.#gateway.terminate(options.shardId);
  }

  /** Sends opcode 7 (RECONNECT); the client closes and resumes. */
  requestReconnect(options: { shardId?: number } = {}): void {
    this.#gateway.requestReconnect(options.shardId);
  }

  /**
   * Dispatches INTERACTION_CREATE without waiting; use it for interactions a bot might not answer.
   * It goes to the shard Discord would pick (the guild's, or shard 0 for DMs) unless told otherwise.
   */
  sendInteraction(
    payload: APIInteraction,
    options: Pick<SendOptions, "shardId"> = {},
  ): InteractionTrace {
    const trace = this.#interactions.register(payload);
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload, {
      shardId: options.shardId,
      guildId: payload.guild_id,
    });
    return trace;
  }

  /**
   * Sends a chat-input command and waits for its acknowledgement. Name a subcommand after the
   * command, as the user picks it: `slashCommand("release add", { url, file: attachment })`.
   * Registered commands type and check the options (see `PayloadFactory.slashCommand`).
   */
  slashCommand(
    name: string,
    options: CommandOptionsInput = {},
    settings: CommandInteractionOptions & SendOptions = {},
  ): Promise<InteractionTrace> {
    return this.#acknowledged(this.build.slashCommand(name, options, settings), settings);
  }

  autocomplete(
    name: string,
    options: CommandOptionsInput,
    focusedName: string,
    settings: InteractionOptions & SendOptions = {},
  ): Promise<InteractionTrace> {
    return this.#acknowledged(
      this.build.autocomplete(name, options, focusedName, settings),
      settings,
    );
  }

  clickButton(
    customId: string,
    settings: ButtonInteractionOptions & SendOptions = {},
  ): Promise<InteractionTrace> {
    return this.#acknowledged(this.build.button(customId, settings), settings);
  }

  messageCommand(
    name: string,
    targetMessage: APIMessage,
    settings: InteractionOptions & SendOptions = {},
  ): Promise<InteractionTrace> {
    return this.#acknowledged(this.build.messageCommand(name, targetMessage, settings), settings);
  }

  /**
   * Uploads a file as a user does when filling an attachment option, and returns the attachment
   * as Discord puts it in `data.resolved.attachments`. Pass it (or its id) as that option's value;
   * its `url` (signed, as Discord's CDN links are) serves the bytes from this fake until it stops.
   * Other ids, and links without their signature, get 404.
   */
  uploadAttachment(upload: AttachmentUpload): APIAttachment {
    return this.#attachments.upload(upload);
  }

  /**
   * Writes a message as a user (Alice by default) in the guild's text channel, or directly to
   * the bot with `direct`, and dispatches MESSAGE_CREATE to the sessions whose intents ask for
   * it, with the content only where Discord gives it.
   */
  writeMessage(content: string, settings: WrittenMessageOptions = {}): MessageTrace {
    return this.#messages.write(content, {
      ...settings,
      user: settings.user ?? this.users.alice,
      guildChannelId: this.channelId,
    });
  }

  /** `writeMessage` with the bot mentioned first: "@Readout what was lifted". */
  mention(text: string, settings: WrittenMessageOptions = {}): MessageTrace {
    return this.writeMessage(`<@${this.botUserId}> ${text}`, settings);
  }

  /** Every message the bot posted in a channel, oldest first. */
  get postedMessages(): APIMessage[] {
    return this.#messages.posted;
  }

  /** From now on the bot may not post in this channel: Discord answers 403 Missing Permissions. */
  forbidChannel(channelId: Snowflake): void {
    this.#messages.forbid(channelId);
  }

  directChannelOf(user: APIUser): Snowflake {
    return this.#messages.directChannelOf(user);
  }

  /**
   * Waits only as long as an acknowledgement could still be accepted: past the deadline Discord
   * refuses it, so waiting longer could not change the outcome.
   */
  async #acknowledged(payload: APIInteraction, settings: SendOptions): Promise<InteractionTrace> {
    const trace = this.sendInteraction(payload, settings);
    await trace.acknowledged({
      timeoutMs: settings.timeoutMs ?? this.#responseDeadlineMs + ACKNOWLEDGEMENT_SLACK_MS,
    });
    return trace;
  }

  #baseRoutes(options: FakeDiscordOptions): RouteDefinition[] {
    const maxConcurrency = options.maxConcurrency ?? 1;
    return [
      {
        method: "GET",
        pattern: "/gateway/bot",
        auth: true,
        handle: () => {
          const info: APIGatewayBotInfo = {
            url: this.gatewayUrl,
            shards: options.shards ?? 1,
            session_start_limit: {
              total: 1000,
              remaining: 1000,
              reset_after: 86_400_000,
              max_concurrency: maxConcurrency,
            },
          };
          return ok(info);
        },
      },
      { method: "GET", pattern: "/users/@me", auth: true, handle: () => ok(this.botUser) },
      {
        method: "GET",
        pattern: "/applications/@me",
        auth: true,
        handle: () => ok(buildApplication()),
      },
    ];
  }
}
