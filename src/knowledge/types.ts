export type EntryKind = "quote" | "fact";

/** Where a statement stands: the release file, its date and the paragraph (1-based, header lines excluded). */
export interface EntrySource {
  file: string;
  /** ISO date (YYYY-MM-DD), or null when the release gives no year. */
  date: string | null;
  /** The day and month as the release writes them ("15 April") when it gives no year; else null. */
  dateText: string | null;
  paragraph: number;
}

export interface Entry {
  /** Stable across restarts while the file name and its text stay the same. */
  id: string;
  kind: EntryKind;
  /** Canonical name of who said it; null for the release's own narration. */
  speaker: string | null;
  /** Who relayed speech quoted inside another quote. */
  reportedBy: string | null;
  /** True when the words are from a letter read out or cited, attributed to its author. */
  letter: boolean;
  /** Verbatim, as the release prints it. */
  text: string;
  source: EntrySource;
  /** Narration around a quote (its attribution or lead-in); searched, never shown as the statement. */
  context: string;
}

export interface Release {
  /** The file name without its extension. */
  id: string;
  file: string;
  /** ISO date (YYYY-MM-DD), or null when the release gives none or gives no year. */
  date: string | null;
  /** The day and month as the release writes them ("15 April") when it gives no year; else null. */
  dateText: string | null;
  /** The city the lead says the meeting was in ("in Minsk", "MINSK, (BelTA) –"), or null. */
  place: string | null;
  publisher: string | null;
  title: string | null;
  /** The first body paragraph. */
  lead: string;
  /** Body paragraphs; index 0 is ¶1. */
  paragraphs: string[];
  entries: Entry[];
}

export interface Speaker {
  /** Lower-case slug of the canonical name, safe for button ids. */
  id: string;
  name: string;
  aliases: string[];
  quoteCount: number;
}

/** Something wrong with one file that did not stop the others from loading. */
export interface LoadWarning {
  file: string;
  paragraph?: number;
  message: string;
}
