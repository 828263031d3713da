import { SlashCommandBuilder } from "discord.js";
import type { Answer } from "../answers/model.js";
import { formatDate, publisherOf } from "../answers/statements.js";
import type { Library } from "../knowledge/library/library.js";
import type { Release } from "../knowledge/types.js";
import { paragraphButtons } from "./ask.js";
import type { Command } from "./command.js";
import {
  isPrivate,
  privateOption,
  releaseOption,
  requestedRelease,
  speakerAndReleaseAutocomplete,
  statementPageAnswer,
} from "./shared.js";

const TITLE = "Brief";

/**
 * A release in at most six attributed statements: its lead, what was decided and the key
 * quotes, in release order. Without a release named, the newest.
 */
export function briefAnswer(library: Library, release: Release | null): Answer {
  const brief = library.brief(release?.id);
  if (!brief || brief.entries.length === 0) {
    return {
      tone: "empty",
      title: TITLE,
      intro: "There is no release to brief on. See /source for the releases loaded.",
      statements: [],
      buttons: [],
    };
  }
  const { release: chosen, entries } = brief;
  const several = library.releases.length > 1;
  return statementPageAnswer(library, {
    title: `${TITLE}: ${formatDate(chosen.date ?? chosen.dateText)} · ${chosen.title ?? publisherOf(chosen)}`,
    intro: `The release in ${entries.length} statements: the lead, what was decided and the key quotes.${several && !release ? " The newest release; name another with release:." : ""}`,
    entries,
    page: { current: 1, total: 1 },
    buttons: paragraphButtons(entries, library.releases),
  });
}

export default {
  data: new SlashCommandBuilder()
    .setName("brief")
    .setDescription("A release in six statements: the lead, the decisions and the key quotes.")
    .addStringOption(releaseOption)
    .addBooleanOption(privateOption)
    .toJSON(),

  execute(request, { library }) {
    const chosen = requestedRelease(request, library, TITLE);
    if ("refusal" in chosen) return { ...chosen.refusal, ephemeral: isPrivate(request) };
    return { ...briefAnswer(library, chosen.release), ephemeral: isPrivate(request) };
  },

  autocomplete: speakerAndReleaseAutocomplete,
} satisfies Command;
