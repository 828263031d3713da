import { SlashCommandBuilder } from "discord.js";
import type { AnswerField } from "../answers/model.js";
import { formatDate, plural, publisherOf, warningLine } from "../answers/statements.js";
import { truncate } from "../answers/text.js";
import type { LoadWarning, Release } from "../knowledge/types.js";
import type { Command } from "./command.js";

/** Discord allows 25 fields an embed; one is kept for the load warnings. */
const RELEASES_SHOWN = 20;
const WARNINGS_SHOWN = 10;
const LEAD_MAX = 300;

function releaseField(release: Release): AnswerField {
  const quotes = release.entries.filter((entry) => entry.kind === "quote");
  const facts = release.entries.length - quotes.length;
  const speakers = new Set(quotes.map((entry) => entry.speaker).filter((name) => name !== null));
  const counts = [
    plural(quotes.length, "quote"),
    plural(facts, "fact"),
    plural(speakers.size, "speaker"),
  ].join(" · ");
  return {
    name: `${formatDate(release.date ?? release.dateText)} · ${publisherOf(release)}`,
    value: `${truncate(release.lead, LEAD_MAX)}\n${counts} · ${release.file}`,
  };
}

function warningsField(warnings: readonly LoadWarning[]): AnswerField {
  const lines = warnings.slice(0, WARNINGS_SHOWN).map(warningLine);
  if (warnings.length > WARNINGS_SHOWN) {
    lines.push(`…and ${warnings.length - WARNINGS_SHOWN} more.`);
  }
  return { name: "Load warnings", value: lines.join("\n") };
}

export default {
  data: new SlashCommandBuilder()
    .setName("source")
    .setDescription("The press releases the answers come from.")
    .toJSON(),

  execute(_request, { library }) {
    const { releases, warnings } = library;
    if (releases.length === 0) {
      return {
        tone: "empty",
        title: "Sources",
        intro: "No release is loaded, so there is nothing to answer from.",
        statements: [],
        fields: warnings.length > 0 ? [warningsField(warnings)] : undefined,
        buttons: [],
      };
    }
    const fields = releases.slice(0, RELEASES_SHOWN).map(releaseField);
    if (releases.length > RELEASES_SHOWN) {
      fields.push({
        name: "More releases",
        value: `…and ${plural(releases.length - RELEASES_SHOWN, "more release")}.`,
      });
    }
    if (warnings.length > 0) fields.push(warningsField(warnings));
    return {
      tone: "answer",
      title: "Sources",
      intro: `${plural(releases.length, "release")} loaded. Every answer quotes ${releases.length === 1 ? "it" : "them"} word for word.`,
      statements: [],
      fields,
      buttons: [],
    };
  },
} satisfies Command;
