import { escapeMarkdown } from "discord.js";

const ZERO_WIDTH_SPACE = "\u200b";

/**
 * Stops text from reading as a mention. allowedMentions already keeps anyone from being pinged;
 * this also keeps `@everyone` and `<@id>` from showing as highlighted mentions, so quoted text
 * never looks as if it addressed someone.
 */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<(@|#)/g, `<${ZERO_WIDTH_SPACE}$1`);
}

/**
 * Makes press-release or user text show literally in Discord: no markdown, no mention highlight.
 * escapeMarkdown leaves block quotes and subtext alone, so line-leading `>` and `-#` are escaped
 * here too.
 */
export function escapeText(text: string): string {
  const escaped = escapeMarkdown(text, {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  })
    .replace(/^(\s*)>/gm, "$1\\>")
    .replace(/^(\s*)-#/gm, "$1\\-#");
  return neutraliseMentions(escaped);
}
