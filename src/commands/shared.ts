import { createHash } from "node:crypto";
import type {
  APIApplicationCommandOptionChoice,
  SlashCommandBooleanOption,
  SlashCommandStringOption,
} from "discord.js";
import { AutocompleteLimits, ComponentLimits } from "../answers/limits.js";
import type { Answer, AnswerButton } from "../answers/model.js";
import {
  formatDate,
  plural,
  releaseOf,
  sourcesFooter,
  toStatement,
} from "../answers/statements.js";
import { truncate } from "../answers/text.js";
import type { Library } from "../knowledge/library/library.js";
import type { Entry, Release, Speaker } from "../knowledge/types.js";
import type { AutocompleteRequest, CommandContext, CommandRequest } from "./command.js";

const PRIVATE_OPTION = "private";

/** A string option, trimmed; undefined when it is missing or blank. */
export function textOption(request: CommandRequest, name: string): string | undefined {
  const value = request.options[name];
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** The option that makes an answer private, for `addBooleanOption`. */
export function privateOption(option: SlashCommandBooleanOption): SlashCommandBooleanOption {
  return option.setName(PRIVATE_OPTION).setDescription("Show the answer only to you");
}

export function isPrivate(request: CommandRequest): boolean {
  return request.options[PRIVATE_OPTION] === true;
}

/**
 * Autocomplete for the speaker and release options /ask and /quotes share: quoted people, and
 * releases by date or words. The router fits names and values to Discord's lengths, as it does
 * for every command.
 */
export function speakerAndReleaseAutocomplete(
  request: AutocompleteRequest,
  { library }: CommandContext,
): APIApplicationCommandOptionChoice<string>[] {
  if (request.option === "release") {
    return library
      .suggestReleases(request.value, AutocompleteLimits.choices)
      .map((release) => ({ name: releaseChoiceLabel(release), value: release.id }));
  }
  if (request.option !== "speaker") return [];
  return library
    .suggestSpeakers(request.value, AutocompleteLimits.choices)
    .map((speaker) => ({ name: speakerLabel(speaker), value: speaker.name }));
}

/** The speaker option of /ask and /quotes, for `addStringOption`: autocompleted, a name. */
export function speakerOption(description: string) {
  return (option: SlashCommandStringOption): SlashCommandStringOption =>
    option
      .setName("speaker")
      .setDescription(description)
      .setMaxLength(AutocompleteLimits.choiceValueMax)
      .setAutocomplete(true);
}

/** The release option of /ask and /quotes: autocompleted, its value a release id. */
export function releaseOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option
    .setName("release")
    .setDescription("Only this release (by date or words of its lead)")
    .setMaxLength(AutocompleteLimits.choiceValueMax)
    .setAutocomplete(true);
}

function releaseChoiceLabel(release: Release): string {
  return `${formatDate(release.date ?? release.dateText)} · ${release.title ?? release.lead}`;
}

/**
 * The release a release option names: its id (what autocomplete sends), or typed words that fit
 * exactly one release. Undefined when it names none or several.
 */
function findRelease(library: Library, written: string): Release | undefined {
  const exact = library.release(written);
  if (exact) return exact;
  const matches = library.suggestReleases(written, 2);
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The release a request's release option names: null when it names none, and the answer to give
 * instead (titled `title`) when no single release fits what was written.
 */
export function requestedRelease(
  request: CommandRequest,
  library: Library,
  title: string,
): { release: Release | null } | { refusal: Answer } {
  const written = textOption(request, "release");
  if (!written) return { release: null };
  const release = findRelease(library, written);
  if (release) return { release };
  return {
    refusal: errorAnswer(
      title,
      `No single release matches “${written}”. Pick one from the list as you type, or see /source for the releases loaded.`,
    ),
  };
}

/**
 * Joins the parts of a custom id and cuts the free text at the end (a question, a topic) at a
 * word boundary so the whole id fits Discord's limit. Free text may contain ":", so it goes last
 * and readPageState joins the rest of the state back together.
 */
export function customId(parts: readonly (string | number)[], freeText: string): string {
  const head = `${parts.join(":")}:`;
  return head + truncate(freeText, ComponentLimits.customId - head.length, "");
}

/** A 1-based number (a page, a paragraph) from button state, or null when the state is not one. */
export function parseOrdinal(value: string | undefined): number | null {
  return value !== undefined && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : null;
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** What a paging button carries besides its command's prefix. */
export interface PageState {
  page: number;
  /** A speakerKey; empty when the answer is not about one speaker. */
  speakerKey: string;
  /** A releaseKey; empty when the answer spans every release. */
  releaseKey: string;
  /** The question or topic, cut to fit the custom id. */
  text: string;
}

export interface PageButtonsOptions {
  prefix: string;
  page: { current: number; total: number };
  speaker: Speaker | null;
  release: Release | null;
  /** The question or topic the pages answer, at most pageTextRoom() long. */
  text: string;
  nextLabel: string;
}

/** The largest page number a button may carry (see parseOrdinal). */
const MAX_PAGE = 999_999;

/**
 * How long a question or topic a paging button can carry: the custom id's room after the
 * prefix, the largest page number and the keys. A longer one must be shortened before the first
 * page is searched, so that every page searches the same words.
 */
export function pageTextRoom(
  prefix: string,
  withSpeaker: boolean,
  release: Release | null,
): number {
  const keys = [withSpeaker ? KEY_PLACEHOLDER : "", release ? releaseKey(release.id) : ""];
  return ComponentLimits.customId - `${[prefix, MAX_PAGE, ...keys].join(":")}:`.length;
}

/**
 * Previous / next buttons for a paged answer; a button is left out where there is no page. Each
 * id is `prefix:page:speakerKey:releaseKey:text`, which readPageState reads back.
 */
export function pageButtons({
  prefix,
  page,
  speaker,
  release,
  text,
  nextLabel,
}: PageButtonsOptions): AnswerButton[] {
  const keys = [speaker ? speakerKey(speaker) : "", release ? releaseKey(release.id) : ""];
  const idFor = (target: number) => customId([prefix, target, ...keys], text);
  const buttons: AnswerButton[] = [];
  if (page.current > 1) {
    buttons.push({ id: idFor(page.current - 1), label: "Previous", style: "secondary" });
  }
  if (page.current < page.total) {
    buttons.push({ id: idFor(page.current + 1), label: nextLabel, style: "primary" });
  }
  return buttons;
}

/** The state of a button pageButtons made, or null when the state is not one. */
export function readPageState(state: readonly string[]): PageState | null {
  const page = parseOrdinal(state[0]);
  if (page === null) return null;
  return {
    page,
    speakerKey: state[1] ?? "",
    releaseKey: state[2] ?? "",
    text: state.slice(3).join(":"),
  };
}

/** As long as a key shortHash makes, for measuring the room in a custom id. */
const KEY_PLACEHOLDER = "000000";

/** A short, stable stand-in for a speaker in a custom id, however long their name. */
export function speakerKey(speaker: Speaker): string {
  return shortHash(speaker.id);
}

export function speakerByKey(library: Library, key: string | undefined): Speaker | undefined {
  return key ? keysOf(library).speakers.get(key) : undefined;
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 6);
}

/** A short, stable stand-in for a release id, which may be a long file name. */
export function releaseKey(releaseId: string): string {
  return shortHash(releaseId);
}

/**
 * The release a button's key stands for: null for no key (no release filter), undefined when
 * the key matches no release loaded.
 */
export function releaseByKey(
  library: Library,
  key: string | undefined,
): Release | null | undefined {
  return key ? keysOf(library).releases.get(key) : null;
}

/**
 * Each library's speakers and releases by their button keys, made on the first click: a click
 * then costs one lookup, not a hash of every release. The first of several with one key wins.
 */
const keysByLibrary = new WeakMap<
  Library,
  { speakers: Map<string, Speaker>; releases: Map<string, Release> }
>();

function keysOf(library: Library) {
  let keys = keysByLibrary.get(library);
  if (!keys) {
    const speakers = new Map<string, Speaker>();
    for (const speaker of library.speakers()) {
      const key = speakerKey(speaker);
      if (!speakers.has(key)) speakers.set(key, speaker);
    }
    const releases = new Map<string, Release>();
    for (const release of library.releases) {
      const key = releaseKey(release.id);
      if (!releases.has(key)) releases.set(key, release);
    }
    keys = { speakers, releases };
    keysByLibrary.set(library, keys);
  }
  return keys;
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

/** "John Coale (8 quotes)" */
function speakerLabel(speaker: Speaker): string {
  return `${speaker.name} (${plural(speaker.quoteCount, "quote")})`;
}

/**
 * The answer when the person asked about has nothing to show: a name no one answers to, or
 * someone mentioned but never quoted. The people who are quoted are listed once, in a field with
 * their counts, so the intro does not name them again.
 */
export function unquotedSpeakerAnswer(
  title: string,
  who: Speaker | string,
  suggestions: readonly Speaker[] = [],
): Answer {
  return {
    tone: "empty",
    title,
    intro:
      typeof who === "string"
        ? `No one called “${who}” is quoted in the release.`
        : `${who.name} is mentioned in the release but never quoted.`,
    statements: [],
    fields:
      suggestions.length > 0
        ? [{ name: "Quoted in the release", value: suggestions.map(speakerLabel).join("\n") }]
        : undefined,
    buttons: [],
  };
}

export interface StatementPage {
  title: string;
  intro: string;
  /** A one-line answer the release states outright, shown above the statements. */
  direct?: string | null;
  entries: readonly Entry[];
  /** The part of each entry that answers the question, in the entries' order. */
  focuses?: readonly string[];
  page: { current: number; total: number };
  buttons: AnswerButton[];
}

/** One page of statements, with the releases they come from named in the footer. */
export function statementPageAnswer(
  library: Library,
  { title, intro, direct, entries, focuses, page, buttons }: StatementPage,
): Answer {
  const { releases } = library;
  return {
    tone: "answer",
    title,
    ...(direct ? { direct } : {}),
    intro,
    statements: entries.map((entry, index) => toStatement(entry, releases, focuses?.[index])),
    footer: sourcesFooter(
      entries.map((entry) => releaseOf(entry, releases)).filter((release) => release !== undefined),
    ),
    page,
    buttons,
  };
}
