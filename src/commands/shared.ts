import { createHash } from "node:crypto";
import type { APIApplicationCommandOptionChoice } from "discord.js";
import type { Answer, AnswerButton } from "../answers/model.js";
import { cutAtWord, plural } from "../answers/statements.js";
import type { Library } from "../knowledge/library.js";
import type { Release, Speaker } from "../knowledge/types.js";
import type { CommandRequest } from "./command.js";

/** Discord refuses a button whose custom id is longer than this. */
const CUSTOM_ID_MAX = 100;
/** Discord shows at most this many autocomplete choices, each name and value at most 100 chars. */
const CHOICES_MAX = 25;
const CHOICE_TEXT_MAX = 100;

/** A string option, trimmed; undefined when it is missing or blank. */
export function textOption(request: CommandRequest, name: string): string | undefined {
  const value = request.options[name];
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

export function isPrivate(request: CommandRequest): boolean {
  return request.options.private === true;
}

export function speakerChoices(
  library: Library,
  partial: string,
): APIApplicationCommandOptionChoice<string>[] {
  return library.suggestSpeakers(partial, CHOICES_MAX).map((speaker) => ({
    name: cutAtWord(`${speaker.name} (${plural(speaker.quoteCount, "quote")})`, CHOICE_TEXT_MAX),
    value: speaker.name.slice(0, CHOICE_TEXT_MAX),
  }));
}

/**
 * Joins the parts of a custom id and cuts the free text at the end (a question, a topic) at a
 * word boundary so the whole id fits Discord's limit. Free text may contain ":"; the handler
 * joins the remaining state back together.
 */
export function customId(parts: readonly (string | number)[], freeText: string): string {
  const head = `${parts.join(":")}:`;
  return head + cutAtWord(freeText, CUSTOM_ID_MAX - head.length, "");
}

/** A 1-based number (a page, a paragraph) from button state, or null when the state is not one. */
export function parseOrdinal(value: string | undefined): number | null {
  return value !== undefined && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : null;
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** Previous / next buttons for a paged answer; a button is left out where there is no page. */
export function pageButtons(
  page: { current: number; total: number },
  idFor: (page: number) => string,
  nextLabel: string,
): AnswerButton[] {
  const buttons: AnswerButton[] = [];
  if (page.current > 1) {
    buttons.push({ id: idFor(page.current - 1), label: "Previous", style: "secondary" });
  }
  if (page.current < page.total) {
    buttons.push({ id: idFor(page.current + 1), label: nextLabel, style: "primary" });
  }
  return buttons;
}

export function speakerById(library: Library, id: string | undefined): Speaker | undefined {
  if (!id) return undefined;
  return library.speakers().find((speaker) => speaker.id === id);
}

/** A short, stable stand-in for a release id, which may be a long file name. */
export function releaseKey(releaseId: string): string {
  return createHash("sha256").update(releaseId).digest("hex").slice(0, 6);
}

export function releaseByKey(library: Library, key: string | undefined): Release | undefined {
  if (!key) return undefined;
  return library.releases.find((release) => releaseKey(release.id) === key);
}

/** What a button answers when its state no longer matches the library, or never did. */
export function expiredAnswer(commandName: string): Answer {
  return {
    tone: "error",
    title: "This button has expired",
    intro: `This button has expired — run /${commandName} again.`,
    statements: [],
    buttons: [],
    ephemeral: true,
  };
}

export function errorAnswer(title: string, intro: string): Answer {
  return { tone: "error", title, intro, statements: [], buttons: [], ephemeral: true };
}

/** "John Coale (8 quotes)", one a line, to list people the user may have meant. */
export function speakerList(speakers: readonly Speaker[]): string {
  return speakers
    .map((speaker) => `${speaker.name} (${plural(speaker.quoteCount, "quote")})`)
    .join("\n");
}
