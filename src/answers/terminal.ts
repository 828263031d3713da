import type { Answer, AnswerButton, AnswerTone, Statement } from "./model.js";
import { attribution, placeLabel } from "./statements.js";
import { aroundFocus, printable } from "./text.js";

export interface TerminalOptions {
  /** ANSI colours; only for a terminal, never for a pipe or a file. */
  color?: boolean;
}

type Style = "bold" | "dim" | "red" | "yellow" | "cyan";

const ANSI: Record<Style, [string, string]> = {
  bold: ["\u001b[1m", "\u001b[22m"],
  dim: ["\u001b[2m", "\u001b[22m"],
  red: ["\u001b[31m", "\u001b[39m"],
  yellow: ["\u001b[33m", "\u001b[39m"],
  cyan: ["\u001b[36m", "\u001b[39m"],
};

const TONE_STYLE: Record<AnswerTone, Style> = { answer: "bold", empty: "yellow", error: "red" };

/** The buttons a reader can press, in the order the renderer numbers them from 1. */
export function pressableButtons(answer: Answer): AnswerButton[] {
  return answer.buttons.filter((button) => !button.disabled);
}

function indent(text: string, by = "  "): string {
  return text
    .split("\n")
    .map((line) => by + line)
    .join("\n");
}

/** The statement's text, its focus stressed and a long one cut around it, as on Discord. */
function focusedText(statement: Statement, stress: (text: string) => string): string {
  if (statement.focus === undefined) return printable(statement.text);
  const { before, focus, after } = aroundFocus(statement.text, statement.focus);
  return `${printable(before)}${focus ? stress(printable(focus)) : ""}${printable(after)}`;
}

/** The same content as the Discord embed, as plain text for a terminal. */
export function renderTerminal(answer: Answer, { color = false }: TerminalOptions = {}): string {
  const paint = (style: Style, text: string): string =>
    color ? `${ANSI[style][0]}${text}${ANSI[style][1]}` : text;

  const head = [paint(TONE_STYLE[answer.tone], printable(answer.title))];
  if (answer.direct) head.push(paint("bold", printable(answer.direct)));
  if (answer.intro) head.push(printable(answer.intro));

  const statementBlocks = answer.statements.map((statement: Statement) =>
    [
      paint("bold", printable(attribution(statement))),
      paint("dim", printable(placeLabel(statement.paragraph, statement.date, statement.release))),
      `"${focusedText(statement, (text) => paint("bold", text))}"`,
    ]
      .map((line) => indent(line))
      .join("\n"),
  );

  const fieldBlocks = (answer.fields ?? []).map(
    (field) => `${paint("bold", printable(field.name))}\n${indent(printable(field.value))}`,
  );

  const tail: string[] = [];
  if (answer.footer) tail.push(paint("dim", printable(answer.footer)));
  if (answer.page) tail.push(paint("dim", `Page ${answer.page.current} of ${answer.page.total}`));
  const buttons = pressableButtons(answer);
  if (buttons.length > 0) {
    tail.push(
      buttons
        .map((button, index) => paint("cyan", `[${index + 1}] ${printable(button.label)}`))
        .join("  "),
    );
  }

  return [head.join("\n"), ...statementBlocks, ...fieldBlocks, tail.join("\n")]
    .filter((block) => block !== "")
    .join("\n\n");
}
