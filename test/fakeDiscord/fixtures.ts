import {
  type APIApplication,
  type APIGuildMember,
  type APIGuildTextChannel,
  type APIMessage,
  type APIRole,
  type APIUser,
  ApplicationFlags,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  type MessageFlags,
  MessageType,
  PermissionFlagsBits,
  type RoleFlags,
  type Snowflake,
} from "discord-api-types/v10";
import { fixedSnowflake } from "./ids.js";

/** What an ordinary member may do in a text channel; enough for every interaction response. */
export const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.UseExternalEmojis;

export const BOT_PERMISSIONS = MEMBER_PERMISSIONS;

/**
 * Fixed-id slots. Slots start at 1 because guild ids (see ids.ts) use increment 0 and could
 * otherwise collide with slot 0.
 */
const SLOT = { application: 1, alice: 10, bob: 11, firstTextChannel: 100 } as const;

/** Since 2016 a bot user shares its id with its application, as it does here. */
export const APPLICATION_ID = fixedSnowflake(SLOT.application);

export function textChannelIdFor(guildIndex: number): Snowflake {
  return fixedSnowflake(SLOT.firstTextChannel + guildIndex);
}

function makeUser(id: Snowflake, username: string, options: { bot?: boolean } = {}): APIUser {
  return {
    id,
    username,
    discriminator: "0",
    global_name: options.bot ? null : username[0]?.toUpperCase() + username.slice(1),
    avatar: null,
    ...(options.bot ? { bot: true } : {}),
  };
}

export const BOT_USER: APIUser = makeUser(APPLICATION_ID, "readout-test-bot", { bot: true });

export const PRESET_USERS = {
  alice: makeUser(fixedSnowflake(SLOT.alice), "alice"),
  bob: makeUser(fixedSnowflake(SLOT.bob), "bob"),
} as const;

export function buildApplication(): APIApplication {
  return {
    id: APPLICATION_ID,
    name: BOT_USER.username,
    icon: null,
    description: "",
    bot_public: false,
    bot_require_code_grant: false,
    bot: BOT_USER,
    owner: PRESET_USERS.alice,
    summary: "",
    verify_key: "0".repeat(64),
    team: null,
    flags: ApplicationFlags.GatewayMessageContentLimited,
    flags_new: String(ApplicationFlags.GatewayMessageContentLimited),
  };
}

export function buildTextChannel(
  channelId: Snowflake,
  guildId: Snowflake,
  name: string,
): APIGuildTextChannel<ChannelType.GuildText> {
  return {
    id: channelId,
    type: ChannelType.GuildText,
    guild_id: guildId,
    name,
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    parent_id: null,
    last_message_id: null,
    rate_limit_per_user: 0,
  };
}

function everyoneRole(guildId: Snowflake): APIRole {
  return {
    id: guildId,
    name: "@everyone",
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position: 0,
    permissions: String(MEMBER_PERMISSIONS),
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

export function buildGuildMember(user: APIUser, joinedAt: string): APIGuildMember {
  return {
    user,
    roles: [],
    joined_at: joinedAt,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    nick: null,
    avatar: null,
    premium_since: null,
    pending: false,
  };
}

export function buildGuild(
  guildId: Snowflake,
  channel: APIGuildTextChannel<ChannelType.GuildText>,
): GatewayGuildCreateDispatchData {
  const joinedAt = new Date().toISOString();
  return {
    id: guildId,
    name: `Fake guild ${guildId}`,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: PRESET_USERS.alice.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [everyoneRole(guildId)],
    emojis: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: joinedAt,
    large: false,
    // discord.js only marks a guild from READY available when GUILD_CREATE says so explicitly.
    unavailable: false,
    member_count: 3,
    voice_states: [],
    members: [buildGuildMember(BOT_USER, joinedAt)],
    channels: [channel],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function buildMessage(
  fields: Partial<APIMessage> & Pick<APIMessage, "id" | "channel_id">,
): APIMessage {
  return {
    author: PRESET_USERS.alice,
    content: "",
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: MessageType.Default,
    flags: 0 as MessageFlags,
    ...fields,
  };
}
