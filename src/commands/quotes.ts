import { SlashCommandBuilder } from "discord.js";
import type { Answer } from "../answers/model.js";
import { cutAtWord, plural, releaseOf, sourcesFooter, toStatement } from "../answers/statements.js";
import type { Library } from "../knowledge/library.js";
import type { Command } from "./command.js";
import {
  customId,
  errorAnswer,
  expiredAnswer,
  isPrivate,
  pageButtons,
  pageCount,
  parseOrdinal,
  speakerById,
  speakerChoices,
  speakerList,
  textOption,
} from "./shared.js";

const PREFIX = "quotes";
const PAGE_SIZE = 5;
const TOPIC_MAX = 100;
/** Keeps the title within Discord's embed limit once the renderer has escaped it. */
const TITLE_TEXT_MAX = 80;

export interface QuotesAnswerOptions {
  topic?: string;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/**
 * One page of a person's quotes in release order. A page past the end answers as an expired
 * button, since only a stale button asks for one.
 */
export function quotesAnswer(
  library: Library,
  speakerName: string,
  { topic, page = 1, pageSize = PAGE_SIZE }: QuotesAnswerOptions = {},
): Answer {
  const result = library.quotes(speakerName, topic ? { topic } : {});
  const speaker = result.speaker;
  const about = topic ? ` on “${cutAtWord(topic, TITLE_TEXT_MAX)}”` : "";
  const title = `Quotes: ${cutAtWord(speaker?.name ?? speakerName, TITLE_TEXT_MAX)}${about}`;

  if (result.status !== "found" || !speaker || result.results.length === 0) {
    if (page > 1) return expiredAnswer(PREFIX);
    return {
      tone: "empty",
      title,
      intro: result.message ?? `No quotes by “${speakerName}”${about} in the release.`,
      statements: [],
      fields:
        result.suggestions.length > 0
          ? [{ name: "Quoted in the release", value: speakerList(result.suggestions) }]
          : undefined,
      buttons: [],
    };
  }

  const totalPages = pageCount(result.results.length, pageSize);
  if (page > totalPages) return expiredAnswer(PREFIX);
  const entries = result.results.slice((page - 1) * pageSize, page * pageSize);
  const pageState = { current: page, total: totalPages };
  return {
    tone: "answer",
    title,
    intro:
      result.message ??
      `${plural(result.results.length, "quote")} by ${speaker.name}${about}, in release order.`,
    statements: entries.map((entry) => toStatement(entry, library.releases)),
    footer: sourcesFooter(
      entries
        .map((entry) => releaseOf(entry, library.releases))
        .filter((release) => release !== undefined),
    ),
    page: pageState,
    buttons: pageButtons(
      pageState,
      (target) => customId([PREFIX, target, speaker.id], topic ?? ""),
      "Next",
    ),
  };
}

export default {
  data: new SlashCommandBuilder()
    .setName("quotes")
    .setDescription("Everything one person is quoted saying, in release order.")
    .addStringOption((option) =>
      option
        .setName("speaker")
        .setDescription("Who, e.g. Coale or Lukashenko")
        .setRequired(true)
        .setAutocomplete(true),
    )
    .addStringOption((option) =>
      option
        .setName("topic")
        .setDescription("Only quotes about this, e.g. peace")
        .setMaxLength(TOPIC_MAX),
    )
    .addBooleanOption((option) =>
      option.setName("private").setDescription("Show the answer only to you"),
    )
    .toJSON(),

  buttonPrefix: PREFIX,

  execute(request, { library }) {
    const speakerName = textOption(request, "speaker");
    if (!speakerName) {
      return errorAnswer(
        "Whose quotes?",
        "Name a speaker after /quotes, for example: /quotes speaker:Coale",
      );
    }
    const topic = textOption(request, "topic");
    return {
      ...quotesAnswer(library, speakerName, topic ? { topic } : {}),
      ephemeral: isPrivate(request),
    };
  },

  autocomplete(request, { library }) {
    return request.option === "speaker" ? speakerChoices(library, request.value) : [];
  },

  button(state, _request, { library }) {
    const page = parseOrdinal(state[0]);
    const speaker = speakerById(library, state[1]);
    if (page === null || !speaker) return expiredAnswer(PREFIX);
    const topic = state.slice(2).join(":").trim();
    return quotesAnswer(library, speaker.name, { page, ...(topic ? { topic } : {}) });
  },
} satisfies Command;
