import {
  type APIApplicationCommandOptionChoice,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  PermissionFlagsBits,
  type RepliableInteraction,
} from "discord.js";
import { type DiscordMessage, fitContent, renderDiscordMessage } from "../answers/embed.js";
import { AutocompleteLimits } from "../answers/limits.js";
import { clip, truncate } from "../answers/text.js";
import type {
  Command,
  CommandAttachment,
  CommandContext,
  CommandRequest,
  OptionValue,
} from "../commands/command.js";
import { findButtonCommand } from "../commands/index.js";
import { type Cooldown, cooldownNotice } from "./cooldown.js";
import type { Logger } from "./logger.js";

/** Under Discord's 3 s to acknowledge, with room for the deferral itself to travel. */
export const DEFER_AFTER_MS = 1500;

export const RouterMessages = {
  apology: "Sorry, something went wrong while answering. Please try again in a moment.",
  unknownCommand:
    "I don't know that command. It may have been removed or renamed; type / to see Readout's commands.",
  unknownButton: "I don't know that button any more. Run the command again for fresh buttons.",
  answeredPrivately: "Answered privately.",
} as const;

export interface RouterOptions {
  commands: readonly Command[];
  context: CommandContext;
  logger: Logger;
  /** How long a handler may take before the reply is deferred; tests shorten it. */
  deferAfterMs?: number;
  /** Per-user limit on commands and button clicks (not autocomplete); none when absent. */
  cooldown?: Cooldown;
  /** Per-user limit on autocomplete requests, a bucket of its own; none when absent. */
  autocompleteCooldown?: Cooldown;
}

export interface InteractionRouter {
  /** Answers one interaction; never rejects, whatever the command does. */
  handle(interaction: Interaction): Promise<void>;
}

type Options = Record<string, OptionValue | undefined>;

/** What chat-input and autocomplete option resolvers have in common. */
interface OptionSource {
  getString(name: string): string | null;
  getBoolean(name: string): boolean | null;
  getInteger(name: string): number | null;
  getNumber(name: string): number | null;
  getSubcommand(required: false): string | null;
  /** Only a chat-input command carries attachments. */
  getAttachment?(name: string): { name: string; size: number; url: string } | null;
}

type Body = Pick<DiscordMessage, "embeds" | "components" | "allowedMentions"> & {
  content?: string;
};

function bodyOf(message: DiscordMessage): Body {
  return {
    embeds: message.embeds,
    components: message.components,
    allowedMentions: message.allowedMentions,
  };
}

function notice(text: string): Body {
  return { content: fitContent(text), embeds: [], components: [], allowedMentions: { parse: [] } };
}

function ephemeralFlags(ephemeral: boolean): { flags?: MessageFlags.Ephemeral } {
  return ephemeral ? { flags: MessageFlags.Ephemeral } : {};
}

/**
 * Where an interaction's response stands, because that decides how the next message can be sent.
 * Discord fixes a reply's privacy at deferral, and the first follow-up after a deferral replaces
 * the "thinking" placeholder with the deferral's privacy, not its own.
 */
type Stage = "fresh" | "deferred-public" | "deferred-private" | "deferred-update" | "answered";

class Responder {
  private stage: Stage = "fresh";

  constructor(private readonly interaction: RepliableInteraction) {}

  async defer(ephemeral: boolean): Promise<void> {
    await this.interaction.deferReply(ephemeralFlags(ephemeral));
    this.stage = ephemeral ? "deferred-private" : "deferred-public";
  }

  async deferUpdate(button: ButtonInteraction): Promise<void> {
    await button.deferUpdate();
    this.stage = "deferred-update";
  }

  async update(button: ButtonInteraction, body: Body): Promise<void> {
    if (this.stage === "deferred-update") await button.editReply(body);
    else await button.update(body);
    this.stage = "answered";
  }

  async send(body: Body, ephemeral: boolean): Promise<void> {
    switch (this.stage) {
      case "fresh":
        await this.interaction.reply({ ...body, ...ephemeralFlags(ephemeral) });
        this.stage = "answered";
        return;
      case "deferred-private":
        await this.interaction.editReply(body);
        this.stage = "answered";
        return;
      case "deferred-public":
        if (!ephemeral) {
          await this.interaction.editReply(body);
          this.stage = "answered";
          return;
        }
        // Editing first makes the follow-up a message of its own, so it can be private.
        await this.interaction.editReply(notice(RouterMessages.answeredPrivately));
        this.stage = "answered";
        await this.interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
        // The answer is out; a placeholder that outlives a failed delete is harmless.
        await this.interaction.deleteReply().catch(() => undefined);
        return;
      case "deferred-update":
      case "answered":
        await this.interaction.followUp({ ...body, ...ephemeralFlags(ephemeral) });
        this.stage = "answered";
        return;
    }
  }
}

/**
 * Runs `work`; if it has not finished within `ms`, calls `onSlow` (the deferral) and keeps
 * waiting. Deciding here, for every command, keeps handlers free of Discord's 3 s rule.
 */
async function withDeadline<T>(
  work: () => T | Promise<T>,
  ms: number,
  onSlow: () => Promise<void>,
): Promise<T> {
  const result = Promise.resolve().then(work);
  // If the deferral itself fails, its error is the one reported; the handler's later failure
  // must not surface as an unhandled rejection.
  result.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<"slow">((resolve) => {
    timer = setTimeout(() => resolve("slow"), ms);
  });
  try {
    const first = await Promise.race([result.then((value) => ({ value })), slow]);
    if (first !== "slow") return first.value;
  } finally {
    clearTimeout(timer);
  }
  await onSlow();
  return result;
}

function commandKey(type: ApplicationCommandType, name: string): string {
  return `${type}:${name}`;
}

/** A command's options as typed, a subcommand's under its own name, and the files attached. */
function readOptions(
  command: Command,
  source: OptionSource,
): { options: Options; attachments: Record<string, CommandAttachment> } {
  const options: Options = {};
  const attachments: Record<string, CommandAttachment> = {};
  let definitions = "options" in command.data ? (command.data.options ?? []) : [];
  const subcommandName = definitions.some(
    (definition) => definition.type === ApplicationCommandOptionType.Subcommand,
  )
    ? source.getSubcommand(false)
    : null;
  const subcommand = definitions.find(
    (definition) =>
      definition.type === ApplicationCommandOptionType.Subcommand &&
      definition.name === subcommandName,
  );
  if (subcommand?.type === ApplicationCommandOptionType.Subcommand) {
    options.subcommand = subcommand.name;
    definitions = subcommand.options ?? [];
  }
  for (const definition of definitions) {
    let value: OptionValue | null;
    switch (definition.type) {
      case ApplicationCommandOptionType.Attachment: {
        const attachment = source.getAttachment?.(definition.name);
        if (attachment) {
          const { name, size, url } = attachment;
          attachments[definition.name] = { name, size, url };
        }
        continue;
      }
      case ApplicationCommandOptionType.String:
        value = source.getString(definition.name);
        break;
      case ApplicationCommandOptionType.Boolean:
        value = source.getBoolean(definition.name);
        break;
      case ApplicationCommandOptionType.Integer:
        value = source.getInteger(definition.name);
        break;
      case ApplicationCommandOptionType.Number:
        value = source.getNumber(definition.name);
        break;
      default:
        continue;
    }
    if (value !== null) options[definition.name] = value;
  }
  return { options, attachments };
}

/** At most 25 choices, each name and value 1 to 100 characters, as Discord insists. */
export function fitChoices(
  choices: readonly APIApplicationCommandOptionChoice<string>[],
): APIApplicationCommandOptionChoice<string>[] {
  const fitted: APIApplicationCommandOptionChoice<string>[] = [];
  for (const choice of choices) {
    if (fitted.length === AutocompleteLimits.choices) break;
    // The value comes back as the option's input, so it is cut without an ellipsis.
    const value = clip(choice.value, AutocompleteLimits.choiceValueMax);
    if (value.length < AutocompleteLimits.choiceValueMin) continue;
    const name = truncate(choice.name.trim() || value, AutocompleteLimits.choiceNameMax);
    fitted.push({ name, value });
  }
  return fitted;
}

export function createInteractionRouter(options: RouterOptions): InteractionRouter {
  const { context, logger } = options;
  const deferAfterMs = options.deferAfterMs ?? DEFER_AFTER_MS;
  const byName = new Map<string, Command>();
  for (const command of options.commands) {
    byName.set(
      commandKey(command.data.type ?? ApplicationCommandType.ChatInput, command.data.name),
      command,
    );
  }

  async function apologise(
    response: Responder,
    error: unknown,
    logContext: Record<string, unknown>,
  ) {
    logger.error({ err: error, ...logContext }, "Answering an interaction failed");
    try {
      await response.send(notice(RouterMessages.apology), true);
    } catch (sendError) {
      logger.warn({ err: sendError, ...logContext }, "Could not send the apology either");
    }
  }

  async function answerCommand(
    interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
    command: Command,
    { options, attachments }: { options: Options; attachments: Record<string, CommandAttachment> },
  ): Promise<void> {
    const response = new Responder(interaction);
    const logContext = { command: interaction.commandName, interactionId: interaction.id };
    const privateRequested = command.alwaysPrivate === true || options.private === true;
    const request: CommandRequest = {
      options,
      attachments,
      userId: interaction.user.id,
      canManageServer: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    };
    try {
      const answer = await withDeadline(
        () => command.execute(request, context),
        deferAfterMs,
        () => response.defer(privateRequested),
      );
      const message = renderDiscordMessage(answer);
      await response.send(bodyOf(message), privateRequested || answer.ephemeral === true);
    } catch (error) {
      await apologise(response, error, logContext);
    }
  }

  async function handleCommand(
    interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  ): Promise<void> {
    const type = interaction.isChatInputCommand()
      ? ApplicationCommandType.ChatInput
      : ApplicationCommandType.Message;
    const command = byName.get(commandKey(type, interaction.commandName));
    if (!command) {
      logger.warn({ command: interaction.commandName }, "Interaction for an unknown command");
      await new Responder(interaction).send(notice(RouterMessages.unknownCommand), true);
      return;
    }
    const given = interaction.isChatInputCommand()
      ? readOptions(command, interaction.options)
      : { options: { content: interaction.targetMessage.content }, attachments: {} };
    await answerCommand(interaction, command, given);
  }

  async function handleAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    let choices: APIApplicationCommandOptionChoice<string>[] = [];
    const command = byName.get(
      commandKey(ApplicationCommandType.ChatInput, interaction.commandName),
    );
    try {
      // Past the limit the suggestions are simply empty: autocomplete has no room for a notice.
      const admittedNow = options.autocompleteCooldown?.take(interaction.user.id).allowed ?? true;
      if (command?.autocomplete && admittedNow) {
        const focused = interaction.options.getFocused(true);
        const request = {
          option: focused.name,
          value: focused.value,
          options: readOptions(command, interaction.options).options,
        };
        choices = fitChoices(command.autocomplete(request, context));
      }
    } catch (error) {
      logger.error({ err: error, command: interaction.commandName }, "Autocomplete failed");
    }
    await interaction.respond(choices);
  }

  async function handleButton(interaction: ButtonInteraction): Promise<void> {
    const response = new Responder(interaction);
    const logContext = { customId: interaction.customId, interactionId: interaction.id };
    const target = findButtonCommand(interaction.customId, options.commands);
    const handler = target?.command.button;
    if (!target || !handler) {
      logger.warn(logContext, "Click on an unknown button");
      await response.send(notice(RouterMessages.unknownButton), true);
      return;
    }
    const button = handler.bind(target.command);
    const { message } = interaction;
    const owner = message.interactionMetadata?.user.id ?? message.interaction?.user.id;
    const byOwner = owner === interaction.user.id;
    const request: CommandRequest = { options: {}, userId: interaction.user.id };
    try {
      const answer = await withDeadline(
        () => button(target.state, request, context),
        deferAfterMs,
        () => (byOwner ? response.deferUpdate(interaction) : response.defer(true)),
      );
      const rendered = bodyOf(renderDiscordMessage(answer));
      // Only the owner may turn the page of a shared answer; anyone else gets a private copy.
      if (byOwner && !answer.ephemeral) await response.update(interaction, rendered);
      else await response.send(rendered, true);
    } catch (error) {
      await apologise(response, error, logContext);
    }
  }

  /** False, once a private notice is sent, when the person has used up their share for now. */
  async function admitted(interaction: RepliableInteraction): Promise<boolean> {
    const verdict = options.cooldown?.take(interaction.user.id);
    if (!verdict || verdict.allowed) return true;
    const logContext = { userId: interaction.user.id, interactionId: interaction.id };
    if (verdict.first) logger.info(logContext, "Cooldown: a user is sending too fast");
    else logger.debug(logContext, "Cooldown: interaction refused");
    await new Responder(interaction).send(notice(cooldownNotice(verdict.retryAfterMs)), true);
    return false;
  }

  return {
    async handle(interaction) {
      try {
        if (interaction.isAutocomplete()) {
          await handleAutocomplete(interaction);
        } else if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
          if (await admitted(interaction)) await handleCommand(interaction);
        } else if (interaction.isButton()) {
          if (await admitted(interaction)) await handleButton(interaction);
        }
      } catch (error) {
        // Only a failed send of a fixed notice gets here; there is no one left to tell.
        logger.warn(
          { err: error, interactionId: interaction.id },
          "Could not respond to an interaction",
        );
      }
    },
  };
}
