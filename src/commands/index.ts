import ask from "./ask.js";
import brief from "./brief.js";
import checkMessage from "./checkMessage.js";
import type { Command } from "./command.js";
import help from "./help.js";
import quotes from "./quotes.js";
import release from "./release.js";
import source from "./source.js";
import verify from "./verify.js";

export const commands: Command[] = [
  ask,
  quotes,
  brief,
  verify,
  source,
  release,
  help,
  checkMessage,
];

export function findCommand(
  name: string,
  among: readonly Command[] = commands,
): Command | undefined {
  return among.find((command) => command.data.name === name);
}

/** The command a button belongs to, and the button's state: its custom id after the prefix, split on ":". */
export function findButtonCommand(
  customId: string,
  among: readonly Command[] = commands,
): { command: Command; state: string[] } | undefined {
  const [prefix, ...state] = customId.split(":");
  const command = among.find((candidate) => candidate.buttonPrefix === prefix);
  return command ? { command, state } : undefined;
}
