import type {
  APIApplicationCommandOptionChoice,
  RESTPostAPIApplicationCommandsJSONBody,
} from "discord.js";
import type { Answer } from "../answers/model.js";
import type { IntakeOptions } from "../knowledge/intake/release.js";
import type { Library } from "../knowledge/library/library.js";

export type OptionValue = string | number | boolean;

/** A file given with a command: a link to it (a Discord attachment) or its bytes (the console). */
export type CommandAttachment =
  | { name: string; size: number; url: string }
  | { name: string; size: number; bytes: Uint8Array };

/** A command invocation, whether it came from Discord or was typed into the offline console. */
export interface CommandRequest {
  /** A subcommand's name is the option `subcommand`; its own options sit beside it. */
  options: Readonly<Record<string, OptionValue | undefined>>;
  userId: string;
  attachments?: Readonly<Record<string, CommandAttachment>>;
  /**
   * Whether the member has the Manage Server permission where they asked (Discord says so with
   * each interaction); the console's operator has it.
   */
  canManageServer?: boolean;
}

/** One add or remove of a release: who, what and how it went. Never the release's text. */
export interface ReleaseAudit {
  action: "add" | "remove";
  userId: string;
  file: string | null;
  url: string | null;
  result: "added" | "removed" | "refused";
  reason?: string;
}

/** Where releases are added and removed, for /release. */
export interface ReleaseShelf {
  seedsDir: string;
  intake: IntakeOptions;
  /** Rebuilds the library now: resolves to whether the new one is answering. */
  reload(): Promise<boolean>;
  audit(record: ReleaseAudit): void;
}

export interface CommandContext {
  library: Library;
  /** Absent where releases cannot be added (a library loaded once, in a test). */
  releases?: ReleaseShelf;
}

export interface AutocompleteRequest {
  /** The option the user is typing in. */
  option: string;
  value: string;
  options: Readonly<Record<string, OptionValue | undefined>>;
}

/**
 * One slash command: its definition and its handlers. Handlers ask the knowledge module and
 * return an Answer; the router renders it for Discord and the console for a terminal.
 */
export interface Command {
  data: RESTPostAPIApplicationCommandsJSONBody;
  /**
   * Answered only to whoever asked, always: the router defers a slow answer privately too,
   * before the answer (and its `ephemeral`) exists.
   */
  alwaysPrivate?: boolean;
  /** Button custom ids that start with `${buttonPrefix}:` are routed to `button`. */
  buttonPrefix?: string;
  execute(request: CommandRequest, context: CommandContext): Answer | Promise<Answer>;
  autocomplete?(
    request: AutocompleteRequest,
    context: CommandContext,
  ): APIApplicationCommandOptionChoice<string>[];
  /** `state` is the custom id after the prefix, split on ":". */
  button?(
    state: string[],
    request: CommandRequest,
    context: CommandContext,
  ): Answer | Promise<Answer>;
}
