import { SlashCommandBuilder } from "discord.js";
import type { Answer, AnswerButton } from "../answers/model.js";
import {
  attribution,
  formatDate,
  plural,
  releaseOf,
  sourcesFooter,
} from "../answers/statements.js";
import { truncate } from "../answers/text.js";
import type { Library } from "../knowledge/library/library.js";
import type { Entry, Release, Speaker } from "../knowledge/types.js";
import type { Command } from "./command.js";
import {
  errorAnswer,
  expiredAnswer,
  isPrivate,
  pageButtons,
  pageCount,
  pageTextRoom,
  parseOrdinal,
  privateOption,
  readPageState,
  releaseByKey,
  releaseKey,
  releaseOption,
  requestedRelease,
  speakerAndReleaseAutocomplete,
  speakerByKey,
  speakerOption,
  statementPageAnswer,
  textOption,
  unquotedSpeakerAnswer,
} from "./shared.js";

const PREFIX = "ask";
/** Second state part of a "Show ¶N" button; paging buttons carry a page number there instead. */
const PARAGRAPH_STATE = "para";
const PAGE_SIZE = 3;
const QUESTION_MAX = 300;
/** People offered instead of a speaker name no one in the release answers to. */
const SUGGESTIONS_SHOWN = 5;
/** Keeps the title within Discord's embed limit once the renderer has escaped it. */
const TITLE_QUESTION_MAX = 150;

export interface AskAnswerOptions {
  /** Only statements by this person. */
  speaker?: Speaker | null;
  /** Only statements from this release. */
  release?: Release | null;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

function askTitle(question: string): string {
  return `Ask: ${truncate(question, TITLE_QUESTION_MAX)}`;
}

/**
 * The answer to a question: the best statements for one page, with buttons for the other pages
 * and for each statement's whole paragraph. A page past the end answers as an expired button.
 */
export function askAnswer(
  library: Library,
  question: string,
  { speaker = null, release = null, page = 1, pageSize = PAGE_SIZE }: AskAnswerOptions = {},
): Answer {
  const typed = question.trim();
  const room = pageTextRoom(PREFIX, speaker !== null, release);
  // A question too long for a button is asked in its compact form from the first page on, so
  // that every page searches the same words and reports the same total.
  const asked = typed.length <= room ? typed : truncate(library.normalizeQuestion(typed), room, "");
  const result = library.ask(asked, {
    limit: pageSize,
    offset: (page - 1) * pageSize,
    ...(speaker ? { speaker: speaker.name } : {}),
    ...(release ? { release: release.id } : {}),
  });
  const title = askTitle(question);

  if (result.total === 0 && page === 1) {
    return {
      tone: "empty",
      title,
      intro: speaker
        ? `Nothing ${speaker.name} says in the release answers that. Try different words, or /quotes speaker:${speaker.name} to browse their quotes.`
        : "Nothing in the release answers that. Try different words, or /quotes to browse a speaker.",
      statements: [],
      buttons: [],
    };
  }
  const totalPages = pageCount(result.total, pageSize);
  if (page > totalPages || result.results.length === 0) return expiredAnswer(PREFIX);

  const entries = result.results.map((scored) => scored.entry);
  const pageState = { current: page, total: totalPages };
  return statementPageAnswer(library, {
    title,
    direct: result.direct,
    focuses: result.results.map((scored) => scored.focus),
    intro: `${plural(result.total, "matching statement")}${result.speaker ? ` by ${result.speaker.name}` : ""}, best first.`,
    entries,
    page: pageState,
    buttons: [
      ...pageButtons({
        prefix: PREFIX,
        page: pageState,
        speaker: result.speaker,
        release,
        text: asked,
        nextLabel: "More results",
      }),
      ...paragraphButtons(entries, library.releases),
    ],
  });
}

/** One "Show ¶N" button per paragraph: Discord rejects a message with two equal custom ids. */
export function paragraphButtons(
  entries: readonly Entry[],
  releases: readonly Release[],
): AnswerButton[] {
  const spansReleases = new Set(entries.map((entry) => entry.source.file)).size > 1;
  const buttons = new Map<string, AnswerButton>();
  for (const entry of entries) {
    const release = releaseOf(entry, releases);
    if (!release) continue;
    const { paragraph, date } = entry.source;
    const id = [PREFIX, PARAGRAPH_STATE, releaseKey(release.id), paragraph].join(":");
    const label = spansReleases ? `Show ¶${paragraph} · ${formatDate(date)}` : `Show ¶${paragraph}`;
    buttons.set(id, { id, label, style: "secondary" });
  }
  return [...buttons.values()];
}

/** The whole paragraph a statement comes from, with who is quoted in it. */
function paragraphAnswer(library: Library, state: readonly string[]): Answer {
  const release = releaseByKey(library, state[0]);
  const paragraph = parseOrdinal(state[1]);
  const text = paragraph === null ? undefined : release?.paragraphs[paragraph - 1];
  if (!release || paragraph === null || text === undefined) return expiredAnswer(PREFIX);

  const quoted = release.entries.filter(
    (entry) => entry.source.paragraph === paragraph && entry.speaker !== null,
  );
  const names = [...new Set(quoted.map(attribution))];
  return {
    tone: "answer",
    title: `¶${paragraph} · ${formatDate(release.date ?? release.dateText)}`,
    intro: text,
    statements: [],
    fields: [
      {
        name: "Said by",
        value:
          names.length > 0
            ? names.join(", ")
            : "No one is quoted: this is the release's own narration.",
      },
    ],
    footer: sourcesFooter([release]),
    buttons: [],
    ephemeral: true,
  };
}

export default {
  data: new SlashCommandBuilder()
    .setName("ask")
    .setDescription("Ask a question; get the release's own words, with who said them.")
    .addStringOption((option) =>
      option
        .setName("question")
        .setDescription("What you want to know, e.g. what was lifted")
        .setRequired(true)
        .setMaxLength(QUESTION_MAX),
    )
    .addStringOption(speakerOption("Only statements by this person"))
    .addStringOption(releaseOption)
    .addBooleanOption(privateOption)
    .toJSON(),

  buttonPrefix: PREFIX,

  execute(request, { library }) {
    const question = textOption(request, "question");
    if (!question) {
      return errorAnswer(
        "No question",
        "Type a question after /ask, for example: /ask question:what was lifted",
      );
    }
    if (question.length > QUESTION_MAX) {
      return errorAnswer(
        "Question too long",
        `Keep the question to ${QUESTION_MAX} characters or fewer; a few key words work best.`,
      );
    }

    const ephemeral = isPrivate(request);
    const speakerName = textOption(request, "speaker");
    const speaker = speakerName ? library.resolveSpeaker(speakerName) : null;
    if (speakerName && !speaker) {
      const suggestions = library.suggestSpeakers(speakerName, SUGGESTIONS_SHOWN);
      return {
        ...unquotedSpeakerAnswer(askTitle(question), speakerName, suggestions),
        ephemeral,
      };
    }
    if (speaker && speaker.quoteCount === 0) {
      return { ...unquotedSpeakerAnswer(askTitle(question), speaker), ephemeral };
    }
    const chosen = requestedRelease(request, library, askTitle(question));
    if ("refusal" in chosen) return { ...chosen.refusal, ephemeral };
    return { ...askAnswer(library, question, { speaker, release: chosen.release }), ephemeral };
  },

  autocomplete: speakerAndReleaseAutocomplete,

  button(state, _request, { library }) {
    if (state[0] === PARAGRAPH_STATE) return paragraphAnswer(library, state.slice(1));

    const paging = readPageState(state);
    const speaker = paging?.speakerKey ? speakerByKey(library, paging.speakerKey) : null;
    const release = releaseByKey(library, paging?.releaseKey);
    if (!paging || speaker === undefined || release === undefined || paging.text.trim() === "") {
      return expiredAnswer(PREFIX);
    }
    return askAnswer(library, paging.text, { speaker, release, page: paging.page });
  },
} satisfies Command;
