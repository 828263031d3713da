import type {
  APIApplicationCommandOptionChoice,
  RESTPostAPIApplicationCommandsJSONBody,
} from "discord.js";
import type { Answer } from "../answers/model.js";
import type { Library } from "../knowledge/library.js";

export type OptionValue = string | number | boolean;

/** A command invocation, whether it came from Discord or was typed into the offline console. */
export interface CommandRequest {
  options: Readonly<Record<string, OptionValue | undefined>>;
  userId: string;
}

export interface CommandContext {
  library: Library;
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
