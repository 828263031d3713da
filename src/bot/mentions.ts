import {
  ApplicationCommandType,
  DiscordAPIError,
  type Message,
  RESTJSONErrorCodes,
} from "discord.js";
import { fitContent, renderDiscordMessage } from "../answers/embed.js";
import type { Answer } from "../answers/model.js";
import type { Command, CommandContext, OptionValue } from "../commands/command.js";
import { findCommand } from "../commands/index.js";
import { releaseByKey } from "../commands/shared.js";
import { parseLine } from "../console/parse.js";
import type { Library } from "../knowledge/library/library.js";
import { type Cooldown, cooldownNotice } from "./cooldown.js";
import type { Logger } from "./logger.js";

/**
 * Questions written in a channel to the bot (`@Readout what was lifted`), in a direct message,
 * or as a reply to one of its answers ("and the airline?"). A reply takes the release, and where
 * it speaks of "he" or "she" the speaker, of the answer it replies to, read from that answer's
 * buttons: the conversation carries the context, so nothing is kept per user.
 */
export interface MessageRouterOptions {
  commands: readonly Command[];
  context: CommandContext;
  logger: Logger;
  /** The bot's own user id, once logged in. */
  botUserId: () => string | undefined;
  /** Per-user limit shared with commands and buttons; none when absent. */
  cooldown?: Cooldown;
}

export interface MessageRouter {
  /** Answers one message if it is for the bot; never rejects. */
  handle(message: Message): Promise<void>;
}

export const MentionMessages = {
  apology: "Sorry, something went wrong while answering. Please try again in a moment.",
  privateInChannel:
    "Everyone in a channel sees my answers. For one only you can see, use the slash command with private:true, or write to me in a direct message.",
} as const;

/** What a mention with no question gets: how to talk to the bot this way. */
const MENTION_HELP: Answer = {
  tone: "answer",
  title: "Ask me here",
  intro:
    "Mention me with a question and I answer with the release's own words: @Readout what was lifted. Reply to one of my answers to follow up (and the airline?), or write to me directly.",
  statements: [],
  fields: [
    {
      name: "Commands work too",
      value:
        "@Readout quotes Coale\n@Readout brief\n@Readout verify Coale said the sanctions were lifted",
    },
  ],
  buttons: [],
};

/** Words that point back at someone the last answer was about. */
const PRONOUNS = /\b(?:he|she|him|her|his|hers|they|them|their)\b/i;

/** Discord's refusals that retrying cannot fix: the bot may not post or see the channel. */
const CANNOT_POST = new Set<number | string>([
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.UnknownChannel,
]);

interface FollowUpContext {
  release: string | null;
  speaker: string | null;
}

/**
 * The release and lead speaker of an answer the bot posted, from its buttons: "Show ¶N"
 * (`ask:para:<release>:<paragraph>`) names the release and paragraph of its first statement.
 */
function contextOfAnswer(answer: Message, library: Library): FollowUpContext | null {
  const ids: string[] = [];
  for (const row of answer.components) {
    if (!("components" in row)) continue;
    for (const component of row.components) {
      if ("customId" in component && typeof component.customId === "string") {
        ids.push(component.customId);
      }
    }
  }
  for (const id of ids) {
    const [prefix, state, key, paragraphText] = id.split(":");
    if (prefix !== "ask" || state !== "para") continue;
    const release = releaseByKey(library, key);
    if (!release) continue;
    const paragraph = Number(paragraphText);
    const speaker =
      release.entries.find(
        (entry) => entry.source.paragraph === paragraph && entry.speaker !== null,
      )?.speaker ?? null;
    return { release: release.id, speaker };
  }
  return null;
}

/** Mentions of anyone or anything: they address the message, they are not the question. */
const MENTIONS = /<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b/g;

/** The question: the message without its mentions. */
function questionOf(content: string): string {
  return content.replace(MENTIONS, " ").replace(/\s+/g, " ").trim();
}

export function createMessageRouter(options: MessageRouterOptions): MessageRouter {
  const { context, logger, commands } = options;
  const ask = findCommand("ask", commands);

  /** The command and options a message asks for: a command word first, else a question. */
  function requestOf(
    text: string,
    followUp: FollowUpContext | null,
  ): { command: Command; options: Record<string, OptionValue> } | null {
    const line = parseLine(text, commands);
    if (
      line.kind === "command" &&
      (line.command.data.type ?? ApplicationCommandType.ChatInput) ===
        ApplicationCommandType.ChatInput
    ) {
      return { command: line.command, options: line.options };
    }
    if (!ask) return null;
    const askOptions: Record<string, OptionValue> = { question: text };
    if (followUp?.release) askOptions.release = followUp.release;
    if (followUp?.speaker && PRONOUNS.test(text)) askOptions.speaker = followUp.speaker;
    return { command: ask, options: askOptions };
  }

  async function followUpOf(message: Message, botId: string): Promise<FollowUpContext | null> {
    if (!message.reference?.messageId) return null;
    try {
      const replied = await message.fetchReference();
      if (replied.author.id !== botId) return null;
      return contextOfAnswer(replied, context.library);
    } catch (error) {
      logger.debug({ err: error, messageId: message.id }, "The message replied to is gone");
      return null;
    }
  }

  async function reply(message: Message, answer: Answer | string): Promise<void> {
    const body =
      typeof answer === "string"
        ? { content: fitContent(answer), embeds: [], components: [] }
        : (({ embeds, components }) => ({ embeds, components }))(renderDiscordMessage(answer));
    await message.reply({
      ...body,
      // Replying pings the asker unless told not to; nobody else is pinged either.
      allowedMentions: { parse: [], repliedUser: false },
    });
  }

  async function answer(message: Message, botId: string): Promise<void> {
    const verdict = options.cooldown?.take(message.author.id);
    if (verdict && !verdict.allowed) {
      // One notice per flood: answering every refused message would be a flood of its own.
      if (verdict.first) await reply(message, cooldownNotice(verdict.retryAfterMs));
      return;
    }
    const text = questionOf(message.content);
    if (text === "") {
      await reply(message, MENTION_HELP);
      return;
    }
    const request = requestOf(text, await followUpOf(message, botId));
    if (!request) return;
    const inChannel = message.inGuild();
    if (inChannel && (request.command.alwaysPrivate || request.options.private === true)) {
      await reply(message, MentionMessages.privateInChannel);
      return;
    }
    const result = await request.command.execute(
      { options: request.options, userId: message.author.id },
      context,
    );
    await reply(message, result);
  }

  return {
    async handle(message) {
      const botId = options.botUserId();
      if (!botId || message.author.bot || message.webhookId || message.system) return;
      if (message.author.id === botId) return;
      // In a server only a message that names the bot is for it (a reply to it names it too);
      // @everyone and role mentions do not.
      if (message.inGuild() && !message.mentions.users.has(botId)) return;
      const logContext = { messageId: message.id, channelId: message.channelId };
      try {
        await answer(message, botId);
      } catch (error) {
        if (error instanceof DiscordAPIError && CANNOT_POST.has(error.code)) {
          logger.warn({ ...logContext, code: error.code }, "Cannot answer in this channel");
          return;
        }
        logger.error({ err: error, ...logContext }, "Answering a message failed");
        try {
          await reply(message, MentionMessages.apology);
        } catch (sendError) {
          logger.warn({ err: sendError, ...logContext }, "Could not send the apology either");
        }
      }
    },
  };
}
