import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
} from "discord.js";
import type { Command, OptionValue } from "../commands/command.js";
import { findCommand } from "../commands/index.js";

/** What one typed line asks for. */
export type ConsoleLine =
  | { kind: "blank" }
  | { kind: "quit" }
  | { kind: "press"; button: number }
  | {
      kind: "command";
      command: Command;
      options: Record<string, OptionValue>;
      /** Paths typed for attachment options, to be read from this machine. */
      files: Record<string, string>;
    }
  | { kind: "invalid"; message: string };

const QUIT_WORDS = new Set(["quit", "exit"]);
/** `name:` at the start of the text or after a space. */
const OPTION_MARKER = /(^|\s)([a-z][\w-]*):/gi;

function optionDefinitions(command: Command): APIApplicationCommandOption[] {
  return "options" in command.data ? (command.data.options ?? []) : [];
}

/** The commands that can be typed: a message command is run from a message's menu, not by name. */
function commandList(commands: readonly Command[]): string {
  const names = commands
    .filter(
      (command) =>
        (command.data.type ?? ApplicationCommandType.ChatInput) ===
        ApplicationCommandType.ChatInput,
    )
    .map((command) => `/${command.data.name}`);
  const last = names.pop();
  return names.length > 0 ? `${names.join(", ")} or ${last}` : (last ?? "");
}

function optionList(definitions: readonly APIApplicationCommandOption[]): string {
  return definitions.map((definition) => `${definition.name}:`).join(", ");
}

/** Turns the text typed for one option into the value Discord would have sent, or explains why not. */
function convert(
  definition: APIApplicationCommandOption,
  text: string,
): { value: OptionValue } | { error: string } {
  const name = `${definition.name}:`;
  if (text === "") return { error: `${name} needs a value.` };
  switch (definition.type) {
    case ApplicationCommandOptionType.String:
      if (definition.max_length !== undefined && text.length > definition.max_length) {
        return { error: `${name} takes at most ${definition.max_length} characters.` };
      }
      return { value: text };
    case ApplicationCommandOptionType.Boolean: {
      const word = text.toLowerCase();
      if (word === "true" || word === "yes") return { value: true };
      if (word === "false" || word === "no") return { value: false };
      return { error: `${name} takes true or false, not “${text}”.` };
    }
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const number = Number(text);
      const whole = definition.type === ApplicationCommandOptionType.Integer;
      if (!Number.isFinite(number) || (whole && !Number.isInteger(number))) {
        return { error: `${name} takes ${whole ? "a whole number" : "a number"}, not “${text}”.` };
      }
      return { value: number };
    }
    default:
      return { error: `${name} cannot be set from the console.` };
  }
}

/**
 * Reads a slash command typed as text: `/quotes speaker:Coale topic:peace`. An option's value runs
 * until the next `name:` of one of the command's options, so a question may itself contain a
 * colon; text before the first option fills the command's first required text option.
 */
export function parseLine(line: string, commands: readonly Command[]): ConsoleLine {
  const text = line.trim();
  if (text === "") return { kind: "blank" };
  if (/^\d+$/.test(text)) return { kind: "press", button: Number(text) };

  const [, word = "", afterName = ""] = /^\/?(\S+)\s*([\s\S]*)$/.exec(text) ?? [];
  const name = word.toLowerCase();
  if (QUIT_WORDS.has(name) && afterName === "") return { kind: "quit" };
  const command = findCommand(name, commands);
  if (!command) {
    return {
      kind: "invalid",
      message: `“${word}” is not a command. Try ${commandList(commands)} — for example /ask what was lifted.`,
    };
  }

  let definitions = optionDefinitions(command);
  let rest = afterName;
  const options: Record<string, OptionValue> = {};
  const subcommands = definitions.filter(
    (definition) => definition.type === ApplicationCommandOptionType.Subcommand,
  );
  if (subcommands.length > 0) {
    const [, first = "", remainder = ""] = /^(\S*)\s*([\s\S]*)$/.exec(rest) ?? [];
    const subcommand = subcommands.find((definition) => definition.name === first.toLowerCase());
    if (subcommand?.type !== ApplicationCommandOptionType.Subcommand) {
      return {
        kind: "invalid",
        message: `/${command.data.name} needs one of ${subcommands.map((definition) => definition.name).join(", ")} after it, e.g. /${command.data.name} ${subcommands[0]?.name ?? ""}.`,
      };
    }
    options.subcommand = subcommand.name;
    definitions = subcommand.options ?? [];
    rest = remainder;
  }
  const markers: { name: string; start: number; valueStart: number }[] = [];
  for (const match of rest.matchAll(OPTION_MARKER)) {
    const optionName = (match[2] ?? "").toLowerCase();
    const start = match.index + (match[1] ?? "").length;
    const valueStart = match.index + match[0].length;
    if (definitions.some((definition) => definition.name === optionName)) {
      markers.push({ name: optionName, start, valueStart });
    } else if (/\S/.test(rest.charAt(valueStart))) {
      // `word:value` with an unknown name is a mistyped option; `word: more words` is just text.
      return {
        kind: "invalid",
        message: `/${command.data.name} has no option “${match[2]}:”.${definitions.length > 0 ? ` Its options are ${optionList(definitions)}` : ""}`,
      };
    }
  }

  const typed = new Map<string, string>();
  const bare = rest.slice(0, markers[0]?.start ?? rest.length).trim();
  if (bare !== "") {
    const target = definitions.find(
      (definition) =>
        definition.required && definition.type === ApplicationCommandOptionType.String,
    );
    if (!target) {
      return {
        kind: "invalid",
        message: `/${command.data.name} takes ${definitions.length > 0 ? `only ${optionList(definitions)}` : "no options"}; “${bare}” is not one.`,
      };
    }
    typed.set(target.name, bare);
  }
  for (const [index, marker] of markers.entries()) {
    if (typed.has(marker.name)) {
      return { kind: "invalid", message: `Give ${marker.name}: only once.` };
    }
    const end = markers[index + 1]?.start ?? rest.length;
    typed.set(marker.name, rest.slice(marker.valueStart, end).trim());
  }

  const files: Record<string, string> = {};
  for (const definition of definitions) {
    const value = typed.get(definition.name);
    if (value === undefined) {
      if (definition.required) {
        return {
          kind: "invalid",
          message: `/${command.data.name} needs ${definition.name}:. Type /help for examples.`,
        };
      }
      continue;
    }
    if (definition.type === ApplicationCommandOptionType.Attachment) {
      files[definition.name] = value;
      continue;
    }
    const converted = convert(definition, value);
    if ("error" in converted) return { kind: "invalid", message: converted.error };
    options[definition.name] = converted.value;
  }
  return { kind: "command", command, options, files };
}
