import {
  type APIApplicationCommand,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIAttachment,
  ApplicationCommandOptionType,
  type Snowflake,
} from "discord-api-types/v10";

/** A value for one option: an uploaded attachment (see `uploadAttachment`) for attachment options. */
export type CommandOptionValue = string | number | boolean | APIAttachment;

/**
 * Option values by name (types come from the registered command, else are inferred from the
 * value), or the raw option list, which is sent as given: use it for user/role/channel options
 * that need `resolved`, or to send what Discord's client never would.
 */
export type CommandOptionsInput =
  | Record<string, CommandOptionValue>
  | APIApplicationCommandInteractionDataOption[];

/** `"release"`, `"release add"` or `"release admin add"` (command, subcommand group, subcommand). */
export interface Invocation {
  name: string;
  group?: string;
  subcommand?: string;
  /** `/release add`, for messages. */
  label: string;
}

export function parseInvocation(fullName: string): Invocation {
  const parts = fullName.trim().split(/\s+/);
  const [name = "", second, third, ...rest] = parts;
  if (name === "" || rest.length > 0) {
    throw new Error(
      `FakeDiscord: "${fullName}" is not "command", "command subcommand" or "command group subcommand"`,
    );
  }
  const label = `/${parts.join(" ")}`;
  if (third !== undefined) return { name, group: second, subcommand: third, label };
  if (second !== undefined) return { name, subcommand: second, label };
  return { name, label };
}

function isNesting(option: { type: ApplicationCommandOptionType }): boolean {
  return (
    option.type === ApplicationCommandOptionType.Subcommand ||
    option.type === ApplicationCommandOptionType.SubcommandGroup
  );
}

function names(options: readonly { name: string }[]): string {
  return options.length > 0 ? options.map((option) => option.name).join(", ") : "none";
}

/**
 * The options a registered command declares for this invocation, or undefined when the command is
 * not registered (the fake then infers option types from the values).
 */
function declaredOptions(
  invocation: Invocation,
  command: APIApplicationCommand | undefined,
): APIApplicationCommandBasicOption[] | undefined {
  if (!command) return undefined;
  const top: APIApplicationCommandOption[] = command.options ?? [];
  const subcommands = top.filter(isNesting);
  if (invocation.subcommand === undefined) {
    if (subcommands.length > 0) {
      throw new Error(
        `FakeDiscord: /${command.name} is registered with subcommands (${names(subcommands)}); invoke one, e.g. "${command.name} ${subcommands[0]?.name}"`,
      );
    }
    return top as APIApplicationCommandBasicOption[];
  }
  let level = top;
  if (invocation.group !== undefined) {
    const group = top.find(
      (option) =>
        option.type === ApplicationCommandOptionType.SubcommandGroup &&
        option.name === invocation.group,
    );
    if (group?.type !== ApplicationCommandOptionType.SubcommandGroup) {
      throw new Error(
        `FakeDiscord: /${command.name} has no subcommand group "${invocation.group}"; registered: ${names(top.filter((option) => option.type === ApplicationCommandOptionType.SubcommandGroup))}`,
      );
    }
    level = group.options ?? [];
  }
  const subcommand = level.find(
    (option) =>
      option.type === ApplicationCommandOptionType.Subcommand &&
      option.name === invocation.subcommand,
  );
  if (subcommand?.type !== ApplicationCommandOptionType.Subcommand) {
    throw new Error(
      `FakeDiscord: ${invocation.label} is not registered; the subcommands there are: ${names(level.filter((option) => option.type === ApplicationCommandOptionType.Subcommand))}`,
    );
  }
  return subcommand.options ?? [];
}

/** A value for an error message, cut short when it is long. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function inferOptionType(value: CommandOptionValue): ApplicationCommandOptionType {
  if (typeof value === "object") return ApplicationCommandOptionType.Attachment;
  if (typeof value === "boolean") return ApplicationCommandOptionType.Boolean;
  if (typeof value === "number") {
    return Number.isInteger(value)
      ? ApplicationCommandOptionType.Integer
      : ApplicationCommandOptionType.Number;
  }
  return ApplicationCommandOptionType.String;
}

const SNOWFLAKE = /^\d{1,20}$/;

/** What Discord's client guarantees about a value before it sends the command; undefined if fine. */
function valueProblem(
  option: APIApplicationCommandBasicOption,
  value: unknown,
): string | undefined {
  switch (option.type) {
    case ApplicationCommandOptionType.String: {
      if (typeof value !== "string") return "needs a string";
      if (option.min_length !== undefined && value.length < option.min_length) {
        return `needs at least ${option.min_length} characters`;
      }
      if (option.max_length !== undefined && value.length > option.max_length) {
        return `takes at most ${option.max_length} characters`;
      }
      break;
    }
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const integer = option.type === ApplicationCommandOptionType.Integer;
      if (
        typeof value !== "number" ||
        (integer ? !Number.isSafeInteger(value) : !Number.isFinite(value))
      ) {
        return integer ? "needs an integer" : "needs a number";
      }
      if (option.min_value !== undefined && value < option.min_value) {
        return `needs at least ${option.min_value}`;
      }
      if (option.max_value !== undefined && value > option.max_value) {
        return `takes at most ${option.max_value}`;
      }
      break;
    }
    case ApplicationCommandOptionType.Boolean:
      return typeof value === "boolean" ? undefined : "needs a boolean";
    case ApplicationCommandOptionType.Attachment:
      return undefined;
    default:
      // User, channel, role and mentionable options carry an id.
      return typeof value === "string" && SNOWFLAKE.test(value) ? undefined : "needs an id";
  }
  const choices = "choices" in option ? (option.choices ?? []) : [];
  if (choices.length > 0 && !choices.some((choice) => choice.value === value)) {
    return `must be one of its choices (${choices.map((choice) => JSON.stringify(choice.value)).join(", ")})`;
  }
  return undefined;
}

export interface BuildOptionsInput {
  invocation: Invocation;
  input: CommandOptionsInput;
  command: APIApplicationCommand | undefined;
  findAttachment: (id: Snowflake) => APIAttachment | undefined;
  /** Set for autocomplete: that option is sent as the partial string typed so far. */
  focusedName?: string;
}

export interface BuiltOptions {
  options: APIApplicationCommandInteractionDataOption[] | undefined;
  /** For `resolved.attachments`: every uploaded attachment the options refer to. */
  attachments: Record<Snowflake, APIAttachment>;
}

function leafFromRecord(
  { invocation, command, findAttachment, focusedName }: BuildOptionsInput,
  values: Record<string, CommandOptionValue>,
  attachments: Record<Snowflake, APIAttachment>,
): APIApplicationCommandInteractionDataBasicOption[] {
  const declared = declaredOptions(invocation, command);
  // An autocomplete carries what has been typed so far, which need not be valid yet.
  const autocomplete = focusedName !== undefined;
  const fail = (message: string): never => {
    throw new Error(`FakeDiscord: ${invocation.label} ${message}`);
  };
  const leaf = Object.entries(values).map(([name, value]) => {
    const definition = declared?.find((option) => option.name === name);
    if (declared && !definition) fail(`has no option "${name}"; registered: ${names(declared)}`);
    const type = definition?.type ?? inferOptionType(value);
    if (type === ApplicationCommandOptionType.Attachment) {
      const attachment =
        typeof value === "object"
          ? (findAttachment(value.id) ?? value)
          : findAttachment(String(value));
      if (!attachment) return fail(`option "${name}": no attachment ${value} was uploaded`);
      attachments[attachment.id] = attachment;
      return {
        name,
        type,
        value: attachment.id,
      } as APIApplicationCommandInteractionDataBasicOption;
    }
    if (typeof value === "object") {
      fail(`option "${name}" is not an attachment option but was given an attachment`);
    }
    const problem = definition && !autocomplete ? valueProblem(definition, value) : undefined;
    if (problem) fail(`option "${name}" ${problem}, got ${shown(value)}`);
    return { name, type, value } as APIApplicationCommandInteractionDataBasicOption;
  });
  if (declared && autocomplete) {
    const focused = declared.find((option) => option.name === focusedName);
    if (!focused) {
      fail(`has no option "${focusedName}" to autocomplete; registered: ${names(declared)}`);
    } else if (!("autocomplete" in focused && focused.autocomplete)) {
      fail(`option "${focusedName}" is not registered with autocomplete, so Discord sends none`);
    }
  }
  if (declared && !autocomplete) {
    const missing = declared.filter((option) => option.required && !(option.name in values));
    if (missing.length > 0) fail(`needs its required options: ${names(missing)}`);
  }
  return leaf;
}

function withFocus(
  options: APIApplicationCommandInteractionDataOption[],
  focusedName: string,
): APIApplicationCommandInteractionDataOption[] {
  // Discord sends the focused option's partial input as a string, whatever the option's type.
  const focus = (option: APIApplicationCommandInteractionDataOption) =>
    ({
      ...option,
      value: "value" in option ? String(option.value) : "",
      focused: true,
    }) as APIApplicationCommandInteractionDataOption;
  if (options.some((option) => option.name === focusedName)) {
    return options.map((option) => (option.name === focusedName ? focus(option) : option));
  }
  return [
    ...options,
    focus({ name: focusedName, type: ApplicationCommandOptionType.String, value: "" }),
  ];
}

/**
 * `data.options` as Discord sends it: the filled options, inside the subcommand (and its group)
 * when one is invoked. A subcommand invoked without options has no `options` key, as on Discord.
 */
export function buildCommandOptions(build: BuildOptionsInput): BuiltOptions {
  const { invocation, input, focusedName, findAttachment } = build;
  const attachments: Record<Snowflake, APIAttachment> = {};
  let leaf: APIApplicationCommandInteractionDataOption[];
  if (Array.isArray(input)) {
    leaf = input;
    for (const option of input) {
      if (option.type !== ApplicationCommandOptionType.Attachment) continue;
      const attachment = findAttachment(option.value);
      if (attachment) attachments[attachment.id] = attachment;
    }
  } else {
    leaf = leafFromRecord(build, input, attachments);
  }
  if (focusedName !== undefined) leaf = withFocus(leaf, focusedName);
  if (invocation.subcommand === undefined) {
    return { options: leaf.length > 0 ? leaf : undefined, attachments };
  }
  const subcommand = {
    type: ApplicationCommandOptionType.Subcommand,
    name: invocation.subcommand,
    ...(leaf.length > 0 ? { options: leaf } : {}),
  } as APIApplicationCommandInteractionDataOption;
  const options =
    invocation.group === undefined
      ? [subcommand]
      : [
          {
            type: ApplicationCommandOptionType.SubcommandGroup,
            name: invocation.group,
            options: [subcommand],
          } as APIApplicationCommandInteractionDataOption,
        ];
  return { options, attachments };
}
