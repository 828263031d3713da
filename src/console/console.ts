import { createInterface } from "node:readline";
import type { Answer } from "../answers/model.js";
import { pressableButtons, renderTerminal } from "../answers/terminal.js";
import { printable } from "../answers/text.js";
import type {
  Command,
  CommandAttachment,
  CommandContext,
  CommandRequest,
  ReleaseShelf,
} from "../commands/command.js";
import { findButtonCommand } from "../commands/index.js";
import { readReleaseFile } from "../knowledge/intake/release.js";
import type { Library } from "../knowledge/library/library.js";
import { parseLine } from "./parse.js";

export interface ConsoleOptions {
  /** The releases to answer from: one library, or something whose `current` is swapped on reload. */
  library: Library | { readonly current: Library };
  /** Where /release adds and removes releases; without it they are refused. */
  releases?: ReleaseShelf;
  commands: readonly Command[];
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A person at a terminal gets a prompt and colour; piped input is read one command a line. */
  isTTY: boolean;
}

const CONSOLE_USER = "console";

/** The files typed for attachment options, read from this machine as Discord would attach them. */
async function readFiles(
  paths: Record<string, string>,
): Promise<Record<string, CommandAttachment>> {
  const files: Record<string, CommandAttachment> = {};
  for (const [option, path] of Object.entries(paths)) {
    const { name, bytes } = await readReleaseFile(path);
    files[option] = { name, size: bytes.length, bytes };
  }
  return files;
}

/**
 * The offline console: slash commands typed as text, answers rendered for the terminal, buttons
 * pressed by their number. Resolves when the input ends or the user quits.
 */
export async function runConsole({
  library,
  releases,
  commands,
  input,
  output,
  isTTY,
}: ConsoleOptions): Promise<void> {
  const context: CommandContext = {
    get library(): Library {
      return "current" in library ? library.current : library;
    },
    ...(releases ? { releases } : {}),
  };
  const lines = createInterface({
    input,
    // Given the output, readline echoes what it reads; only a terminal needs that.
    ...(isTTY ? { output, terminal: true } : { terminal: false }),
    prompt: "readout> ",
  });
  const print = (text: string) => output.write(`${text}\n\n`);
  /** The answer whose buttons the numbers press, as on Discord where that message stays up. */
  let pressable: Answer | undefined;

  const run = async (handler: () => Answer | Promise<Answer>): Promise<Answer | undefined> => {
    try {
      const answer = await handler();
      print(renderTerminal(answer, { color: isTTY }));
      return answer;
    } catch (error) {
      print(
        printable(
          `Something went wrong: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
      return undefined;
    }
  };

  if (isTTY) {
    print("Readout console. Type /help for examples, a number to press a button, /quit to leave.");
    lines.prompt();
  }
  for await (const line of lines) {
    const parsed = parseLine(line, commands);
    if (parsed.kind === "quit") break;
    if (parsed.kind === "invalid") print(parsed.message);
    if (parsed.kind === "command") {
      const answer = await run(async () => {
        const request: CommandRequest = {
          options: parsed.options,
          attachments: await readFiles(parsed.files),
          userId: CONSOLE_USER,
          canManageServer: true,
        };
        return parsed.command.execute(request, context);
      });
      pressable = answer;
    }
    if (parsed.kind === "press") {
      const buttons = pressable ? pressableButtons(pressable) : [];
      const button = buttons[parsed.button - 1];
      const target = button && findButtonCommand(button.id, commands);
      const handler = target?.command.button;
      if (!target || !handler) {
        print(
          buttons.length > 0
            ? `There is no button [${parsed.button}]; the last answer has buttons [1] to [${buttons.length}].`
            : `There is no button [${parsed.button}]: the last answer has none. Run a command first, e.g. /ask what was lifted.`,
        );
      } else {
        const request: CommandRequest = { options: {}, userId: CONSOLE_USER };
        const answer = await run(() => handler(target.state, request, context));
        // A paging button replaces the answer's buttons; "Show ¶N" opens a side answer with none.
        if (answer && answer.buttons.length > 0) pressable = answer;
      }
    }
    if (isTTY) lines.prompt();
  }
  // Ctrl-D leaves the cursor after the prompt; the shell's own prompt belongs on a line of its own.
  if (isTTY) output.write("\n");
  lines.close();
}
