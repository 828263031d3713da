import { escapeMarkdown } from "discord.js";

const ZERO_WIDTH_SPACE = "\u200b";

/**
 * Stops text from reading as a mention. allowedMentions already keeps anyone from being pinged;
 * this also keeps `@everyone`, `<@id>` and `</command:id>` from showing as highlighted mentions,
 * so quoted text never looks as if it addressed someone or offered a command.
 */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<(@|#|\/)/g, `<${ZERO_WIDTH_SPACE}$1`);
}

/**
 * Makes press-release or user text show literally in Discord: no markdown, no mention highlight,
 * no masked link. Backslashes, `*`, `_`, `[` and backticks are escaped here, every one of them,
 * before discord.js escapes strike-through, spoilers, headings and lists:
 * - discord.js's masked-link escape prefixes only the first `[` of a line, so a second
 *   `[label](address)` on it would render as a link; it also backtracks on long lines;
 * - its italic escape looks behind each `*` and `_` for an address, which takes quadratic time
 *   on long text without spaces.
 * Line-leading `>` and `-#` (block quotes and subtext), which discord.js leaves alone, are
 * escaped last.
 */
export function escapeText(text: string): string {
  const escaped = escapeMarkdown(text.replace(/[\\*_[`]/g, "\\$&"), {
    escape: false,
    inlineCode: false,
    codeBlock: false,
    italic: false,
    bold: false,
    underline: false,
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: false,
  })
    .replace(/^([ \t]*)>/gm, "$1\\>")
    .replace(/^([ \t]*)-#/gm, "$1\\-#");
  return neutraliseMentions(escaped);
}
