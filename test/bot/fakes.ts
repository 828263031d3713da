import type { Interaction } from "discord.js";
import { type Mock, vi } from "vitest";
import { createLogger, type Logger } from "../../src/bot/logger.js";
import type { Library } from "../../src/knowledge/library/library.js";

type Send = Mock<(payload?: unknown) => Promise<void>>;

/** The response methods a fake interaction records. */
export interface Spies {
  reply: Send;
  deferReply: Send;
  editReply: Send;
  followUp: Send;
  deleteReply: Send;
  update: Send;
  deferUpdate: Send;
  respond: Send;
}

export type FakeInteraction = Interaction & Spies;

type Kind = "chat" | "message" | "autocomplete" | "button";

function spies(): Spies {
  const send = (): Send => vi.fn(async () => undefined);
  return {
    reply: send(),
    deferReply: send(),
    editReply: send(),
    followUp: send(),
    deleteReply: send(),
    update: send(),
    deferUpdate: send(),
    respond: send(),
  };
}

function base(kind: Kind, userId: string) {
  return {
    id: "interaction-1",
    user: { id: userId },
    isAutocomplete: () => kind === "autocomplete",
    isChatInputCommand: () => kind === "chat",
    isMessageContextMenuCommand: () => kind === "message",
    isButton: () => kind === "button",
    ...spies(),
  };
}

type OptionValues = Record<string, string | number | boolean>;

/** What a chat-input command may carry besides plain options, as Discord sends it. */
export interface ChatInputExtras {
  subcommand?: string;
  attachments?: Record<string, { name: string; size: number; url: string }>;
  /** The member's permissions where they asked; none set when absent. */
  permissions?: bigint;
}

function optionResolver(
  values: OptionValues,
  focused?: { name: string; value: string },
  extras: ChatInputExtras = {},
) {
  const typed =
    <T>(type: string) =>
    (name: string) => {
      const value = values[name];
      return typeof value === type ? (value as T) : null;
    };
  return {
    getString: typed<string>("string"),
    getBoolean: typed<boolean>("boolean"),
    getInteger: typed<number>("number"),
    getNumber: typed<number>("number"),
    getFocused: () => focused,
    getSubcommand: () => extras.subcommand ?? null,
    getAttachment: (name: string) => extras.attachments?.[name] ?? null,
  };
}

export function chatInput(
  name: string,
  options: OptionValues = {},
  userId = "100",
  extras: ChatInputExtras = {},
): FakeInteraction {
  const { permissions } = extras;
  return {
    ...base("chat", userId),
    commandName: name,
    options: optionResolver(options, undefined, extras),
    memberPermissions:
      permissions === undefined ? null : { has: (flag: bigint) => (permissions & flag) === flag },
  } as unknown as FakeInteraction;
}

export function messageCommand(name: string, content: string, userId = "100"): FakeInteraction {
  return {
    ...base("message", userId),
    commandName: name,
    targetMessage: { content },
  } as unknown as FakeInteraction;
}

export function autocomplete(
  name: string,
  focused: { name: string; value: string },
  options: OptionValues = {},
): FakeInteraction {
  return {
    ...base("autocomplete", "100"),
    commandName: name,
    options: optionResolver({ ...options, [focused.name]: focused.value }, focused),
  } as unknown as FakeInteraction;
}

/** A click on a button of a message; `owner` is who ran the command that made the message. */
export function button(
  customId: string,
  clicker: string,
  owner: { metadata?: string; legacy?: string } = {},
): FakeInteraction {
  return {
    ...base("button", clicker),
    customId,
    message: {
      interactionMetadata: owner.metadata ? { user: { id: owner.metadata } } : null,
      interaction: owner.legacy ? { user: { id: owner.legacy } } : null,
    },
  } as unknown as FakeInteraction;
}

/** Every payload the bot sent through the interaction, whatever the path. */
export function sent(interaction: Spies): unknown[] {
  const paths = [
    interaction.reply,
    interaction.editReply,
    interaction.followUp,
    interaction.update,
  ];
  return paths.flatMap((spy) => spy.mock.calls.map(([payload]) => payload));
}

export interface CapturedLogger {
  logger: Logger;
  lines: () => Record<string, unknown>[];
}

export function captureLogger(token?: string): CapturedLogger {
  const written: string[] = [];
  const logger = createLogger({
    level: "trace",
    ...(token ? { token } : {}),
    destination: { write: (line: string) => void written.push(line) },
  });
  return {
    logger,
    lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** The router never touches the library itself; commands do. */
export const noLibrary = {} as Library;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
