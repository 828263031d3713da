import type { Library } from "../knowledge/library/library.js";
import { MONTH_NAMES } from "../knowledge/reading/header.js";
import type { Entry, LoadWarning, Release } from "../knowledge/types.js";
import type { Statement } from "./model.js";
import { printable, truncate } from "./text.js";

/** "2025-09-11" → "11 September 2025"; null → "undated". */
export function formatDate(iso: string | null): string {
  if (iso === null) return "undated";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = match ? MONTH_NAMES[Number(match[2]) - 1] : undefined;
  // A date the loader could not normalise is still worth showing as the release printed it.
  if (!match || month === undefined) return iso;
  return `${Number(match[3])} ${month} ${match[1]}`;
}

/** Short name of a release: its title, or the start of its lead. */
function releaseLabel(release: Release): string {
  return truncate(release.title ?? release.lead, 60);
}

/** Names a release as a source: what it is, who published it, and the file it was read from. */
export function sourceLine(release: Release): string {
  const kind = release.title ?? "Press release";
  return `${kind} · ${publisherOf(release)} · ${release.file}`;
}

export function publisherOf(release: Release): string {
  return release.publisher ?? "publisher not given";
}

/** The footer naming every release the statements come from, in the order they first appear. */
export function sourcesFooter(releases: readonly Release[]): string | undefined {
  const unique = [...new Set(releases)];
  if (unique.length === 0) return undefined;
  return `Source: ${unique.map(sourceLine).join("; ")}`;
}

export function releaseOf(entry: Entry, releases: readonly Release[]): Release | undefined {
  return releases.find((release) => release.file === entry.source.file);
}

export function toStatement(entry: Entry, releases: readonly Release[], focus?: string): Statement {
  const release = releaseOf(entry, releases);
  return {
    entryId: entry.id,
    kind: entry.kind,
    speaker: entry.speaker,
    reportedBy: entry.reportedBy,
    letter: entry.letter,
    text: entry.text,
    ...(focus !== undefined && focus !== entry.text && entry.text.includes(focus) ? { focus } : {}),
    paragraph: entry.source.paragraph,
    date: entry.source.date ?? entry.source.dateText,
    release: release && releases.length > 1 ? releaseLabel(release) : "",
  };
}

/**
 * Who a statement is attributed to, as both renderers show it: "Narration (press release)",
 * "Donald Trump (letter)", "Donald Trump, as reported by John Coale".
 */
export function attribution(
  statement: Pick<Statement, "speaker" | "letter" | "reportedBy">,
): string {
  if (statement.speaker === null) return "Narration (press release)";
  const name = statement.letter ? `${statement.speaker} (letter)` : statement.speaker;
  return statement.reportedBy ? `${name}, as reported by ${statement.reportedBy}` : name;
}

/** "¶13 · 11 September 2025" */
export function placeLabel(paragraph: number, date: string | null, release = ""): string {
  const place = `¶${paragraph} · ${formatDate(date)}`;
  return release ? `${place} · ${release}` : place;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "file.txt ¶4: message" — a load warning as one line. */
export function warningLine(warning: LoadWarning): string {
  const place = warning.paragraph === undefined ? "" : ` ¶${warning.paragraph}`;
  return `${warning.file}${place}: ${warning.message}`;
}

/** The warnings of a load for a terminal, a line each: files with problems, an unused snapshot. */
export function loadWarningLines(library: Library): string[] {
  const lines = library.warnings.map((warning) => `warning: ${warningLine(warning)}`);
  const { problem } = library.snapshot;
  if (problem) lines.push(`warning: ${problem}; the releases were parsed again`);
  return lines.map(printable);
}

/** The line for a snapshot that could not be saved (see Library.snapshot.saveFailure). */
export function notSavedLine(failure: string): string {
  return printable(`warning: ${failure} The next run parses the releases again.`);
}
