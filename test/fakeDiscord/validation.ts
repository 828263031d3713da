import {
  type APIApplicationCommandOption,
  type APIEmbed,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  type RESTPostAPIApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { FieldProblem } from "./errors.js";

/**
 * Discord's documented size limits. They are checked because a bot that passes every local test
 * and then exceeds one of them in production fails only on real data (a long quotation, say).
 */
const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooterText: 2048,
  embedAuthorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  componentsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  modalTitle: 45,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
} as const;

type Path = (string | number)[];

function tooLong(path: Path, max: number): FieldProblem {
  return { path, code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${max} or fewer in length.` };
}

function badLength(path: Path, min: number, max: number): FieldProblem {
  return {
    path,
    code: "BASE_TYPE_BAD_LENGTH",
    message: `Must be between ${min} and ${max} in length.`,
  };
}

/** The loosely typed shape every message-creating or -editing body shares. */
export interface MessageBody {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  components?: unknown[] | null;
  attachments?: unknown[] | null;
  flags?: number | null;
  poll?: unknown;
  sticker_ids?: unknown[];
}

function embedTextLength(embed: APIEmbed): number {
  const fieldsLength = (embed.fields ?? []).reduce(
    (sum, field) => sum + field.name.length + field.value.length,
    0,
  );
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    fieldsLength
  );
}

function checkEmbed(embed: APIEmbed, path: Path): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if ((embed.title?.length ?? 0) > LIMITS.embedTitle) {
    problems.push(tooLong([...path, "title"], LIMITS.embedTitle));
  }
  if ((embed.description?.length ?? 0) > LIMITS.embedDescription) {
    problems.push(tooLong([...path, "description"], LIMITS.embedDescription));
  }
  if ((embed.footer?.text.length ?? 0) > LIMITS.embedFooterText) {
    problems.push(tooLong([...path, "footer", "text"], LIMITS.embedFooterText));
  }
  if ((embed.author?.name.length ?? 0) > LIMITS.embedAuthorName) {
    problems.push(tooLong([...path, "author", "name"], LIMITS.embedAuthorName));
  }
  const fields = embed.fields ?? [];
  if (fields.length > LIMITS.embedFields) {
    problems.push(tooLong([...path, "fields"], LIMITS.embedFields));
  }
  fields.forEach((field, index) => {
    if (field.name.length > LIMITS.embedFieldName) {
      problems.push(tooLong([...path, "fields", index, "name"], LIMITS.embedFieldName));
    }
    if (field.value.length > LIMITS.embedFieldValue) {
      problems.push(tooLong([...path, "fields", index, "value"], LIMITS.embedFieldValue));
    }
  });
  return problems;
}

interface LooseComponent {
  type?: number;
  custom_id?: string;
  label?: string;
  components?: LooseComponent[];
}

function checkComponents(components: unknown[], path: Path): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const rows = components as LooseComponent[];
  const actionRows = rows.filter((row) => row.type === ComponentType.ActionRow);
  if (actionRows.length > LIMITS.actionRows) {
    problems.push(tooLong(path, LIMITS.actionRows));
  }
  rows.forEach((row, rowIndex) => {
    if (row.type !== ComponentType.ActionRow) return;
    const children = row.components ?? [];
    if (children.length > LIMITS.componentsPerRow) {
      problems.push(tooLong([...path, rowIndex, "components"], LIMITS.componentsPerRow));
    }
    children.forEach((child, childIndex) => {
      const childPath = [...path, rowIndex, "components", childIndex];
      if ((child.custom_id?.length ?? 0) > LIMITS.customId) {
        problems.push(tooLong([...childPath, "custom_id"], LIMITS.customId));
      }
      if (child.type === ComponentType.Button && (child.label?.length ?? 0) > LIMITS.buttonLabel) {
        problems.push(tooLong([...childPath, "label"], LIMITS.buttonLabel));
      }
    });
  });
  return problems;
}

/** Size limits of a message body; `path` is where the body sits in the request (e.g. `["data"]`). */
export function messageBodyProblems(body: MessageBody, path: Path): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if ((body.content?.length ?? 0) > LIMITS.content) {
    problems.push(tooLong([...path, "content"], LIMITS.content));
  }
  const embeds = body.embeds ?? [];
  if (embeds.length > LIMITS.embeds) {
    problems.push(tooLong([...path, "embeds"], LIMITS.embeds));
  }
  embeds.forEach((embed, index) => {
    problems.push(...checkEmbed(embed, [...path, "embeds", index]));
  });
  const embedTotal = embeds.reduce((sum, embed) => sum + embedTextLength(embed), 0);
  if (embedTotal > LIMITS.embedTotal) {
    problems.push({
      path: [...path, "embeds"],
      code: "MAX_EMBED_SIZE_EXCEEDED",
      message: `Embed size exceeds maximum size of ${LIMITS.embedTotal}`,
    });
  }
  problems.push(...checkComponents(body.components ?? [], [...path, "components"]));
  return problems;
}

/** Discord refuses a message that would show nothing at all (error 50006). */
export function isEmptyMessage(message: MessageBody, fileCount: number): boolean {
  return (
    !message.content?.trim() &&
    (message.embeds ?? []).length === 0 &&
    (message.components ?? []).length === 0 &&
    (message.attachments ?? []).length === 0 &&
    (message.sticker_ids ?? []).length === 0 &&
    !message.poll &&
    fileCount === 0
  );
}

interface LooseChoice {
  name?: string;
  value?: unknown;
}

export function autocompleteProblems(
  data: { choices?: LooseChoice[] } | undefined,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const choices = data?.choices ?? [];
  if (choices.length > LIMITS.choices) {
    problems.push(tooLong(["data", "choices"], LIMITS.choices));
  }
  choices.forEach((choice, index) => {
    const nameLength = choice.name?.length ?? 0;
    if (nameLength < 1 || nameLength > LIMITS.choiceName) {
      problems.push(badLength(["data", "choices", index, "name"], 1, LIMITS.choiceName));
    }
    if (typeof choice.value === "string" && choice.value.length > LIMITS.choiceValue) {
      problems.push(tooLong(["data", "choices", index, "value"], LIMITS.choiceValue));
    }
  });
  return problems;
}

export function modalProblems(
  data: { title?: string; custom_id?: string } | undefined,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if ((data?.title?.length ?? 0) > LIMITS.modalTitle) {
    problems.push(tooLong(["data", "title"], LIMITS.modalTitle));
  }
  if ((data?.custom_id?.length ?? 0) > LIMITS.customId) {
    problems.push(tooLong(["data", "custom_id"], LIMITS.customId));
  }
  return problems;
}

/** Discord's pattern for chat-input command and option names; they must also be lower case. */
const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function nameProblems(name: string | undefined, chatInput: boolean, path: Path): FieldProblem[] {
  const value = name ?? "";
  if (chatInput && (!CHAT_INPUT_NAME.test(value) || value !== value.toLowerCase())) {
    return [
      {
        path: [...path, "name"],
        code: "APPLICATION_COMMAND_INVALID_NAME",
        message: `Command name is invalid: ${JSON.stringify(value)}`,
      },
    ];
  }
  if (value.length < 1 || value.length > LIMITS.commandName) {
    return [badLength([...path, "name"], 1, LIMITS.commandName)];
  }
  return [];
}

/** Where a list of options sits: a command's top level, a subcommand group, or a subcommand. */
type OptionLevel = "command" | "group" | "subcommand";

function isNesting(option: APIApplicationCommandOption): boolean {
  return (
    option.type === ApplicationCommandOptionType.Subcommand ||
    option.type === ApplicationCommandOptionType.SubcommandGroup
  );
}

/** Subcommands sit at the top level (alone) or in a group; groups only at the top level. */
function nestingProblem(
  option: APIApplicationCommandOption,
  level: OptionLevel,
  mixed: boolean,
  path: Path,
): FieldProblem | undefined {
  let message: string | undefined;
  if (level === "command" && mixed) {
    message = "Subcommands and subcommand groups cannot be mixed with other options";
  } else if (level === "group" && option.type !== ApplicationCommandOptionType.Subcommand) {
    message = "A subcommand group may only contain subcommands";
  } else if (level === "subcommand" && isNesting(option)) {
    message = "A subcommand cannot contain subcommands or subcommand groups";
  }
  return message
    ? { path: [...path, "type"], code: "APPLICATION_COMMAND_OPTION_TYPE_INVALID", message }
    : undefined;
}

function optionProblems(
  options: APIApplicationCommandOption[],
  path: Path,
  level: OptionLevel = "command",
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (options.length > LIMITS.commandOptions) {
    problems.push(tooLong(path, LIMITS.commandOptions));
  }
  const nestingCount = options.filter(isNesting).length;
  const mixed = nestingCount > 0 && nestingCount < options.length;
  let sawOptional = false;
  options.forEach((option, index) => {
    const optionPath = [...path, index];
    problems.push(...nameProblems(option.name, true, optionPath));
    const descriptionLength = option.description?.length ?? 0;
    if (descriptionLength < 1 || descriptionLength > LIMITS.commandDescription) {
      problems.push(badLength([...optionPath, "description"], 1, LIMITS.commandDescription));
    }
    const nesting = nestingProblem(option, level, mixed, optionPath);
    if (nesting) problems.push(nesting);
    if (isNesting(option)) {
      const inner =
        option.type === ApplicationCommandOptionType.SubcommandGroup ? "group" : "subcommand";
      const children = (option as { options?: APIApplicationCommandOption[] }).options ?? [];
      problems.push(...optionProblems(children, [...optionPath, "options"], inner));
      return;
    }
    if (option.required && sawOptional) {
      problems.push({
        path: [...optionPath, "required"],
        code: "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
        message: "Required options must be placed before non-required options",
      });
    }
    sawOptional ||= !option.required;
    const choices = "choices" in option ? (option.choices ?? []) : [];
    if (choices.length > LIMITS.choices) {
      problems.push(tooLong([...optionPath, "choices"], LIMITS.choices));
    }
  });
  return problems;
}

export function commandProblems(
  command: RESTPostAPIApplicationCommandsJSONBody,
  path: Path,
): FieldProblem[] {
  const chatInput =
    (command.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput;
  const problems = nameProblems(command.name, chatInput, path);
  const descriptionLength = "description" in command ? (command.description?.length ?? 0) : 0;
  if (chatInput && (descriptionLength < 1 || descriptionLength > LIMITS.commandDescription)) {
    problems.push(badLength([...path, "description"], 1, LIMITS.commandDescription));
  }
  if (!chatInput && descriptionLength > 0) {
    problems.push({
      path: [...path, "description"],
      code: "APPLICATION_COMMAND_DESCRIPTION_NOT_ALLOWED",
      message: "Context menu commands cannot have a description",
    });
  }
  if ("options" in command && command.options) {
    problems.push(...optionProblems(command.options, [...path, "options"]));
  }
  const permissions: unknown = command.default_member_permissions;
  if (permissions !== undefined && permissions !== null && !isPermissionBitfield(permissions)) {
    problems.push({
      path: [...path, "default_member_permissions"],
      code: "NUMBER_TYPE_COERCE",
      message: `Value ${JSON.stringify(String(permissions))} is not int.`,
    });
  }
  return problems;
}

/** Discord takes a permission bit set as a decimal string (or a non-negative integer). */
function isPermissionBitfield(value: unknown): value is string | number {
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0;
  return typeof value === "string" && /^\d{1,20}$/.test(value);
}

/** A bit set as Discord stores and returns it: a decimal string, or null for no default. */
export function normalizedPermissions(value: unknown): string | null {
  return isPermissionBitfield(value) ? BigInt(value).toString() : null;
}
