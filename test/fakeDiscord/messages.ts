/**
 * Channel messages: what people write (dispatched as MESSAGE_CREATE) and what the bot posts in
 * reply (POST /channels/:id/messages), with the checks Discord makes on the way.
 */
import {
  type APIMessage,
  type APIUser,
  ChannelType,
  GatewayIntentBits,
  MessageType,
  RESTJSONErrorCodes,
  type Snowflake,
} from "discord-api-types/v10";
import {
  discordError,
  emptyMessage,
  type FakeResponse,
  invalidFormBody,
  ok,
  unknownMessage,
} from "./errors.js";
import { buildGuildMember, buildMessage } from "./fixtures.js";
import type { GatewayConnectionInfo } from "./gateway.js";
import type { RouteContext, RouteDefinition } from "./rest.js";
import { isEmptyMessage, type MessageBody, messageBodyProblems } from "./validation.js";

export interface WrittenMessageOptions {
  /** Who writes it; Alice by default. */
  user?: APIUser;
  /** A direct message to the bot instead of a message in the guild's text channel. */
  direct?: boolean;
  /** A reply to this message (one the bot posted, usually). */
  replyTo?: APIMessage;
  /** Whether the reply pings the author of the message replied to, as Discord's reply does by default. */
  ping?: boolean;
  /** Sent by a webhook rather than a user. */
  webhook?: boolean;
}

/** What the bot posted in reply to one written message. */
export class MessageTrace {
  readonly replies: APIMessage[] = [];
  readonly #waiters: Array<() => void> = [];

  constructor(readonly message: APIMessage) {}

  add(reply: APIMessage): void {
    this.replies.push(reply);
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** The bot's first reply; rejects when none comes within `timeoutMs`. */
  async reply({ timeoutMs = 5_000 } = {}): Promise<APIMessage> {
    const deadline = Date.now() + timeoutMs;
    while (this.replies.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`FakeDiscord: no reply to message ${this.message.id}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.replies[0] as APIMessage;
  }
}

interface ChannelMessagesOptions {
  botUser: APIUser;
  snowflake: () => Snowflake;
  /** The guild a text channel belongs to; undefined when the channel is not a guild's. */
  guildOfChannel: (channelId: Snowflake) => Snowflake | undefined;
  dispatch: (
    dataFor: (info: GatewayConnectionInfo) => unknown,
    guildId: Snowflake | undefined,
  ) => void;
}

type PostBody = MessageBody & {
  message_reference?: { message_id?: Snowflake; fail_if_not_exists?: boolean };
  allowed_mentions?: { parse?: string[]; replied_user?: boolean; users?: string[] };
};

const MENTION = /<@!?(\d+)>/g;

export class ChannelMessages {
  /** Messages by channel, then id. */
  readonly #channels = new Map<Snowflake, Map<Snowflake, APIMessage>>();
  readonly #directChannels = new Map<Snowflake, Snowflake>();
  readonly #forbidden = new Set<Snowflake>();
  readonly #traces = new Map<Snowflake, MessageTrace>();
  readonly #knownUsers = new Map<Snowflake, APIUser>();

  constructor(private readonly options: ChannelMessagesOptions) {
    this.#knownUsers.set(options.botUser.id, options.botUser);
  }

  /** The messages of a channel, oldest first. */
  in(channelId: Snowflake): APIMessage[] {
    return [...(this.#channels.get(channelId)?.values() ?? [])];
  }

  /** Every message the bot posted, oldest first. */
  get posted(): APIMessage[] {
    return [...this.#channels.values()]
      .flatMap((messages) => [...messages.values()])
      .filter((message) => message.author.id === this.options.botUser.id);
  }

  /** The bot may no longer post in this channel (403 Missing Permissions). */
  forbid(channelId: Snowflake): void {
    this.#forbidden.add(channelId);
  }

  directChannelOf(user: APIUser): Snowflake {
    let channelId = this.#directChannels.get(user.id);
    if (!channelId) {
      channelId = this.options.snowflake();
      this.#directChannels.set(user.id, channelId);
    }
    return channelId;
  }

  /** Writes a message as a user and dispatches MESSAGE_CREATE as Discord would. */
  write(
    content: string,
    settings: WrittenMessageOptions & { user: APIUser; guildChannelId: Snowflake },
  ): MessageTrace {
    const { user, replyTo } = settings;
    this.#knownUsers.set(user.id, user);
    const channelId = settings.direct ? this.directChannelOf(user) : settings.guildChannelId;
    const guildId = settings.direct ? undefined : this.options.guildOfChannel(channelId);
    const mentioned = new Map<Snowflake, APIUser>();
    for (const match of content.matchAll(MENTION)) {
      const found = this.#knownUsers.get(match[1] ?? "");
      if (found) mentioned.set(found.id, found);
    }
    if (replyTo && settings.ping !== false) mentioned.set(replyTo.author.id, replyTo.author);
    const author = settings.webhook ? { ...user, bot: true } : user;
    const message = buildMessage({
      id: this.options.snowflake(),
      channel_id: channelId,
      author,
      content,
      mentions: [...mentioned.values()],
      ...(settings.webhook ? { webhook_id: this.options.snowflake() } : {}),
      ...(replyTo
        ? {
            type: MessageType.Reply,
            message_reference: {
              message_id: replyTo.id,
              channel_id: channelId,
              ...(guildId ? { guild_id: guildId } : {}),
            },
            referenced_message: replyTo,
          }
        : {}),
    });
    this.#store(message);
    const trace = new MessageTrace(message);
    this.#traces.set(message.id, trace);
    const botMentioned = mentioned.has(this.options.botUser.id);
    this.options.dispatch((info) => {
      const wanted = guildId ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages;
      if ((info.intents & wanted) === 0) return null;
      const payload = {
        ...message,
        // Discord says which kind of channel a message is in; a direct message's channel is
        // known to the client by this alone.
        channel_type: guildId ? ChannelType.GuildText : ChannelType.DM,
        ...(guildId
          ? { guild_id: guildId, member: buildGuildMember(user, "2024-01-01T00:00:00.000Z") }
          : {}),
      };
      // Without Message Content, Discord blanks what was written, except in messages that
      // mention the app and in its direct messages.
      const entitled =
        (info.intents & GatewayIntentBits.MessageContent) !== 0 || !guildId || botMentioned;
      return entitled ? payload : { ...payload, content: "", embeds: [], attachments: [] };
    }, guildId);
    return trace;
  }

  routes(): RouteDefinition[] {
    return [
      {
        method: "POST",
        pattern: "/channels/:channel/messages",
        auth: true,
        handle: (context) => this.#post(context),
      },
      {
        method: "GET",
        pattern: "/channels/:channel/messages/:message",
        auth: true,
        handle: ({ params }) => {
          const found = this.#channels.get(params.channel ?? "")?.get(params.message ?? "");
          return found ? ok(found) : unknownMessage();
        },
      },
    ];
  }

  #isChannel(channelId: Snowflake): boolean {
    return (
      this.options.guildOfChannel(channelId) !== undefined ||
      [...this.#directChannels.values()].includes(channelId)
    );
  }

  #store(message: APIMessage): void {
    let messages = this.#channels.get(message.channel_id);
    if (!messages) {
      messages = new Map();
      this.#channels.set(message.channel_id, messages);
    }
    messages.set(message.id, message);
  }

  #post({ request, params }: RouteContext): FakeResponse {
    const channelId = params.channel ?? "";
    if (!this.#isChannel(channelId)) {
      return discordError(404, RESTJSONErrorCodes.UnknownChannel, "Unknown Channel");
    }
    if (this.#forbidden.has(channelId)) {
      return discordError(403, RESTJSONErrorCodes.MissingPermissions, "Missing Permissions");
    }
    const body = (request.body ?? {}) as PostBody;
    if (isEmptyMessage(body, request.files.length)) return emptyMessage();
    const problems = messageBodyProblems(body, []);
    if (problems.length > 0) return invalidFormBody(problems);
    const referencedId = body.message_reference?.message_id;
    const referenced = referencedId ? this.#channels.get(channelId)?.get(referencedId) : undefined;
    if (referencedId && !referenced) {
      return invalidFormBody([
        {
          path: ["message_reference"],
          code: "REPLIES_UNKNOWN_MESSAGE",
          message: "Unknown message",
        },
      ]);
    }
    // Who is pinged: only what allowed_mentions lets through (everyone, by default).
    const allowed = body.allowed_mentions;
    const pings: APIUser[] = [];
    if (referenced && (allowed === undefined || allowed.replied_user === true)) {
      pings.push(referenced.author);
    }
    const message = buildMessage({
      id: this.options.snowflake(),
      channel_id: channelId,
      author: this.options.botUser,
      content: body.content ?? "",
      embeds: body.embeds ?? [],
      components: (body.components ?? []) as APIMessage["components"],
      mentions: pings,
      ...(referenced
        ? {
            type: MessageType.Reply,
            message_reference: { message_id: referenced.id, channel_id: channelId },
            referenced_message: referenced,
          }
        : {}),
    });
    this.#store(message);
    if (referenced) this.#traces.get(referenced.id)?.add(message);
    return ok(message);
  }
}
