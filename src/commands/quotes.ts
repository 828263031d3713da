import { SlashCommandBuilder } from "discord.js";
import type { Answer } from "../answers/model.js";
import { plural } from "../answers/statements.js";
import { truncate } from "../answers/text.js";
import type { Library } from "../knowledge/library/library.js";
import type { Release } from "../knowledge/types.js";
import type { Command } from "./command.js";
import {
  errorAnswer,
  expiredAnswer,
  isPrivate,
  pageButtons,
  pageCount,
  pageTextRoom,
  privateOption,
  readPageState,
  releaseByKey,
  releaseOption,
  requestedRelease,
  speakerAndReleaseAutocomplete,
  speakerByKey,
  speakerOption,
  statementPageAnswer,
  textOption,
  unquotedSpeakerAnswer,
} from "./shared.js";

const PREFIX = "quotes";
const PAGE_SIZE = 5;
const TOPIC_MAX = 100;
/** Keeps the title within Discord's embed limit once the renderer has escaped it. */
const TITLE_TEXT_MAX = 80;

export interface QuotesAnswerOptions {
  topic?: string;
  /** Only quotes from this release. */
  release?: Release | null;
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
  { topic: typedTopic, release = null, page = 1, pageSize = PAGE_SIZE }: QuotesAnswerOptions = {},
): Answer {
  // Cut to what a Next button can carry before the first page, so every page reads one topic.
  const topic = typedTopic
    ? truncate(typedTopic.trim(), pageTextRoom(PREFIX, true, release), "")
    : undefined;
  const result = library.quotes(speakerName, {
    ...(topic ? { topic } : {}),
    ...(release ? { release: release.id } : {}),
  });
  const speaker = result.speaker;
  const about = topic ? ` on “${truncate(topic, TITLE_TEXT_MAX)}”` : "";
  const title = `Quotes: ${truncate(speaker?.name ?? speakerName, TITLE_TEXT_MAX)}${about}`;

  if (result.status !== "found" || !speaker || result.results.length === 0) {
    if (page > 1) return expiredAnswer(PREFIX);
    if (result.status !== "found") {
      // Not the library's message: it names the suggestions, which the field lists with counts.
      return unquotedSpeakerAnswer(title, speaker ?? speakerName, result.suggestions);
    }
    return {
      tone: "empty",
      title,
      intro: result.message ?? `No quotes by “${speakerName}”${about} in the release.`,
      statements: [],
      buttons: [],
    };
  }

  const totalPages = pageCount(result.results.length, pageSize);
  if (page > totalPages) return expiredAnswer(PREFIX);
  const pageState = { current: page, total: totalPages };
  return statementPageAnswer(library, {
    title,
    intro:
      result.message ??
      `${plural(result.results.length, "quote")} by ${speaker.name}${about}, in release order.`,
    entries: result.results.slice((page - 1) * pageSize, page * pageSize),
    page: pageState,
    buttons: pageButtons({
      prefix: PREFIX,
      page: pageState,
      speaker,
      release,
      text: topic ?? "",
      nextLabel: "Next",
    }),
  });
}

export default {
  data: new SlashCommandBuilder()
    .setName("quotes")
    .setDescription("Everything one person is quoted saying, in release order.")
    .addStringOption((option) =>
      speakerOption("Who, e.g. Coale or Lukashenko")(option).setRequired(true),
    )
    .addStringOption((option) =>
      option
        .setName("topic")
        .setDescription("Only quotes about this, e.g. peace")
        .setMaxLength(TOPIC_MAX),
    )
    .addStringOption(releaseOption)
    .addBooleanOption(privateOption)
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
    const ephemeral = isPrivate(request);
    const chosen = requestedRelease(request, library, `Quotes: ${speakerName}`);
    if ("refusal" in chosen) return { ...chosen.refusal, ephemeral };
    const { release } = chosen;
    return {
      ...quotesAnswer(library, speakerName, { release, ...(topic ? { topic } : {}) }),
      ephemeral,
    };
  },

  autocomplete: speakerAndReleaseAutocomplete,

  button(state, _request, { library }) {
    const paging = readPageState(state);
    const speaker = speakerByKey(library, paging?.speakerKey);
    const release = releaseByKey(library, paging?.releaseKey);
    if (!paging || !speaker || release === undefined) return expiredAnswer(PREFIX);
    const topic = paging.text.trim();
    return quotesAnswer(library, speaker.name, {
      page: paging.page,
      release,
      ...(topic ? { topic } : {}),
    });
  },
} satisfies Command;
