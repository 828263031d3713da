import { randomBytes } from "node:crypto";
import {
  type APIApplicationCommand,
  type APIApplicationCommandAutocompleteInteraction,
  type APIAttachment,
  type APIBaseInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionDataResolved,
  type APIMessage,
  type APIMessageApplicationCommandInteraction,
  type APIMessageComponentButtonInteraction,
  type APIUser,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ButtonStyle,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageType,
  type Snowflake,
} from "discord-api-types/v10";
import {
  type BuiltOptions,
  buildCommandOptions,
  type CommandOptionsInput,
  type Invocation,
  parseInvocation,
} from "./commandOptions.js";
import { BOT_PERMISSIONS, buildGuildMember, buildMessage, MEMBER_PERMISSIONS } from "./fixtures.js";

export type { CommandOptionsInput, CommandOptionValue } from "./commandOptions.js";

/** Who triggers an interaction, and where. */
export interface InteractionOptions {
  /** Default: `fake.users.alice`. */
  user?: APIUser;
  /** Default: the first guild; `null` sends the interaction from a DM with the bot. */
  guildId?: Snowflake | null;
  /** Default: the guild's text channel, or the user's DM channel. */
  channelId?: Snowflake;
  locale?: Locale;
  /**
   * The member's permissions in the channel, sent as `member.permissions`, e.g.
   * `MEMBER_PERMISSIONS | PermissionFlagsBits.ManageGuild`. Default: `MEMBER_PERMISSIONS`, an
   * ordinary member's (no Manage Server). Ignored in DMs, which have no member.
   */
  memberPermissions?: bigint;
  memberRoles?: Snowflake[];
  appPermissions?: bigint;
}

export interface CommandInteractionOptions extends InteractionOptions {
  /** Merged over what the fake resolves itself (the uploaded attachments the options name). */
  resolved?: APIInteractionDataResolved;
}

export interface ButtonInteractionOptions extends InteractionOptions {
  /** The message the button is on; default: a bot reply owned by the clicking user. */
  message?: APIMessage;
}

export interface PayloadContext {
  applicationId: Snowflake;
  botUser: APIUser;
  defaultUser: APIUser;
  defaultGuildId: Snowflake;
  snowflake: () => Snowflake;
  textChannelOf: (guildId: Snowflake) => Snowflake;
  findCommand: (
    name: string,
    type: ApplicationCommandType,
    guildId: Snowflake | undefined,
  ) => APIApplicationCommand | undefined;
  findAttachment: (id: Snowflake) => APIAttachment | undefined;
}

type BaseFields = Omit<APIBaseInteraction<InteractionType, unknown>, "type" | "data">;

/** An ordinary user's attachment limit; discord.js reads it from every interaction. */
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

/**
 * Builds messages and interaction payloads shaped like Discord's (so discord.js creates the right
 * interaction classes) without sending anything.
 */
export class PayloadFactory {
  readonly #context: PayloadContext;
  /** DM channels get stable ids per user, as they do on Discord. */
  readonly #dmChannels = new Map<Snowflake, Snowflake>();

  constructor(context: PayloadContext) {
    this.#context = context;
  }

  /** A bot reply as a user sees it, owned (via `interaction_metadata`) by `owner`. */
  botMessage(fields: Partial<APIMessage> & { owner?: APIUser } = {}): APIMessage {
    const { owner = this.#context.defaultUser, ...rest } = fields;
    const guildId = this.#context.defaultGuildId;
    return buildMessage({
      id: this.#context.snowflake(),
      channel_id: this.#context.textChannelOf(guildId),
      author: this.#context.botUser,
      type: MessageType.ChatInputCommand,
      application_id: this.#context.applicationId,
      webhook_id: this.#context.applicationId,
      interaction_metadata: {
        id: this.#context.snowflake(),
        type: InteractionType.ApplicationCommand,
        user: owner,
        authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guildId },
      },
      ...rest,
    });
  }

  /** A message by a user (default alice) in the first guild's text channel. */
  userMessage(fields: Partial<APIMessage> = {}): APIMessage {
    return buildMessage({
      id: this.#context.snowflake(),
      channel_id: this.#context.textChannelOf(this.#context.defaultGuildId),
      author: this.#context.defaultUser,
      ...fields,
    });
  }

  /**
   * A chat-input command as Discord sends it. `name` is what the user picks, with the subcommand
   * (and its group) after the command name: `"release add"`, `"release admin add"`; the options
   * then go inside the subcommand. When the command is registered, the options are typed and
   * checked against its definition as Discord's client would (names, types, choices, limits,
   * required options), and a mismatch throws.
   */
  slashCommand(
    name: string,
    options: CommandOptionsInput = {},
    settings: CommandInteractionOptions = {},
  ): APIChatInputApplicationCommandInteraction {
    const base = this.#base(settings);
    const { invocation, command, built } = this.#commandOptions(name, options, base.guild_id);
    const resolved = this.#resolved(built, settings.resolved);
    return {
      ...base,
      type: InteractionType.ApplicationCommand,
      data: {
        id: command?.id ?? this.#context.snowflake(),
        name: invocation.name,
        type: ApplicationCommandType.ChatInput,
        options: built.options,
        ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
        ...(resolved ? { resolved } : {}),
      },
    } as APIChatInputApplicationCommandInteraction;
  }

  /**
   * Discord sends the focused option's partial input as a string, whatever the option's type.
   * `name` may name a subcommand as in `slashCommand`; the focus is then inside it.
   */
  autocomplete(
    name: string,
    options: CommandOptionsInput,
    focusedName: string,
    settings: InteractionOptions = {},
  ): APIApplicationCommandAutocompleteInteraction {
    const base = this.#base(settings);
    const { invocation, command, built } = this.#commandOptions(
      name,
      options,
      base.guild_id,
      focusedName,
    );
    const resolved = this.#resolved(built, undefined);
    return {
      ...base,
      type: InteractionType.ApplicationCommandAutocomplete,
      data: {
        id: command?.id ?? this.#context.snowflake(),
        name: invocation.name,
        type: ApplicationCommandType.ChatInput,
        options: built.options ?? [],
        ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
        ...(resolved ? { resolved } : {}),
      },
    } as APIApplicationCommandAutocompleteInteraction;
  }

  button(
    customId: string,
    settings: ButtonInteractionOptions = {},
  ): APIMessageComponentButtonInteraction {
    const base = this.#base(settings);
    const clicked =
      settings.message ??
      this.botMessage({
        owner: settings.user ?? this.#context.defaultUser,
        channel_id: base.channel_id,
        components: [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.Button,
                style: ButtonStyle.Secondary,
                custom_id: customId,
                label: customId,
              },
            ],
          },
        ],
      });
    return {
      ...base,
      type: InteractionType.MessageComponent,
      data: { component_type: ComponentType.Button, custom_id: customId },
      message: clicked,
    } as APIMessageComponentButtonInteraction;
  }

  messageCommand(
    name: string,
    target: APIMessage,
    settings: InteractionOptions = {},
  ): APIMessageApplicationCommandInteraction {
    const base = this.#base(settings);
    const command = this.#context.findCommand(name, ApplicationCommandType.Message, base.guild_id);
    return {
      ...base,
      type: InteractionType.ApplicationCommand,
      data: {
        id: command?.id ?? this.#context.snowflake(),
        name,
        type: ApplicationCommandType.Message,
        target_id: target.id,
        resolved: { messages: { [target.id]: target } },
        ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
      },
    } as APIMessageApplicationCommandInteraction;
  }

  #commandOptions(
    name: string,
    input: CommandOptionsInput,
    guildId: Snowflake | undefined,
    focusedName?: string,
  ): { invocation: Invocation; command: APIApplicationCommand | undefined; built: BuiltOptions } {
    const invocation = parseInvocation(name);
    const command = this.#context.findCommand(
      invocation.name,
      ApplicationCommandType.ChatInput,
      guildId,
    );
    const built = buildCommandOptions({
      invocation,
      input,
      command,
      findAttachment: this.#context.findAttachment,
      ...(focusedName !== undefined ? { focusedName } : {}),
    });
    return { invocation, command, built };
  }

  #resolved(
    built: BuiltOptions,
    given: APIInteractionDataResolved | undefined,
  ): APIInteractionDataResolved | undefined {
    if (Object.keys(built.attachments).length === 0) return given;
    return { ...given, attachments: { ...built.attachments, ...given?.attachments } };
  }

  #dmChannelOf(user: APIUser): Snowflake {
    let channelId = this.#dmChannels.get(user.id);
    if (!channelId) {
      channelId = this.#context.snowflake();
      this.#dmChannels.set(user.id, channelId);
    }
    return channelId;
  }

  #base(settings: InteractionOptions): BaseFields {
    const user = settings.user ?? this.#context.defaultUser;
    const locale = settings.locale ?? Locale.EnglishUS;
    const guildId =
      settings.guildId === undefined ? this.#context.defaultGuildId : settings.guildId;
    const common = {
      id: this.#context.snowflake(),
      application_id: this.#context.applicationId,
      token: `fake-interaction-token-${randomBytes(18).toString("base64url")}`,
      version: 1 as const,
      app_permissions: String(settings.appPermissions ?? BOT_PERMISSIONS),
      locale,
      entitlements: [],
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    };
    if (guildId === null) {
      const channelId = settings.channelId ?? this.#dmChannelOf(user);
      const dm: BaseFields = {
        ...common,
        user,
        channel_id: channelId,
        channel: {
          id: channelId,
          type: ChannelType.DM,
          recipients: [user],
          last_message_id: null,
        },
        context: InteractionContextType.BotDM,
        // Discord reports a guild installation used in a bot DM with the placeholder guild id "0".
        authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: "0" },
      };
      return dm;
    }
    const channelId = settings.channelId ?? this.#context.textChannelOf(guildId);
    const inGuild: BaseFields = {
      ...common,
      guild_id: guildId,
      guild: { id: guildId, locale: Locale.EnglishUS, features: [] },
      guild_locale: Locale.EnglishUS,
      channel_id: channelId,
      channel: { id: channelId, type: ChannelType.GuildText, guild_id: guildId, name: "general" },
      member: {
        ...buildGuildMember(user, new Date(0).toISOString()),
        roles: settings.memberRoles ?? [],
        permissions: String(settings.memberPermissions ?? MEMBER_PERMISSIONS),
      },
      context: InteractionContextType.Guild,
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guildId },
    };
    return inGuild;
  }
}
