import { LibraryError } from "./errors.js";
import { GramIndex } from "./grams.js";
import { MONTH_NAMES } from "./header.js";
import { BackgroundIndex } from "./indexJob.js";
import {
  nothingReadable,
  type ReleaseRead,
  type ReleaseText,
  readRelease,
  releaseNamesIn,
} from "./load.js";
import { parsingRelease } from "./parse.js";
import type { Person } from "./people.js";
import { isSlipOf } from "./people.js";
import { plainQuestion } from "./question/chat.js";
import { focusOf } from "./question/focus.js";
import {
  briefEntries,
  directAnswer,
  meetingAspect,
  meetingFacts,
  meetingWasCall,
} from "./question/meeting.js";
import { reactionAsked } from "./question/reaction.js";
import { preloadThesaurus } from "./question/thesaurus.js";
import {
  type BuiltIndex,
  type DocFilter,
  IndexBuilder,
  type QueryTerm,
  SEARCH_DEFAULTS,
  type SearchOptions,
  StatementSearch,
} from "./search.js";
import { type Pause, readSnapshot, SnapshotKey, writeSnapshot } from "./snapshot.js";
import { SpeakerRegistry } from "./speakers.js";
import { finish, finishGivingWay, givingWay, type Steps } from "./steps.js";
import { isStopWord, preloadEnglishWords, stem, words } from "./text.js";
import type { Entry, LoadWarning, Release, Speaker } from "./types.js";

export { LibraryError };

export interface LibraryOptions {
  /** Tuning of the ranking; the defaults are what the dev set was measured with. */
  search?: SearchOptions;
  /**
   * Whether `load` builds the search index in a worker thread while it parses. By default it
   * does for folders of WORKER_MIN_RELEASES releases or more; the library is the same either way.
   */
  indexInWorker?: boolean;
  /**
   * Load without holding the event loop for long: parsing gives way every few milliseconds.
   * For rebuilding under a running bot (see watch.ts); start-up is faster without.
   */
  background?: boolean;
  /**
   * Whether a symbolic link in the folder is read when its real path stays inside the folder.
   * Off by default: links are refused (see load.ts).
   */
  followLinksInside?: boolean;
  /** Where to keep snapshots of parsed releases and their index (see snapshot.ts); none when unset. */
  cache?: {
    dir: string;
    /** Folders of fewer releases load fast enough and are not cached; default CACHE_MIN_RELEASES. */
    minReleases?: number;
  };
}

/**
 * Options for a seeds folder as the settings give it: snapshots kept in `cacheDir`, or none when
 * it is null (CACHE_DIR=off); links inside the folder followed when SEEDS_LINKS=inside.
 */
export function folderOptions(cacheDir: string | null, followLinksInside: boolean): LibraryOptions {
  return { ...(cacheDir ? { cache: { dir: cacheDir } } : {}), followLinksInside };
}

/** What became of the on-disk snapshot in one load. */
export interface SnapshotReport {
  /**
   * "read": releases and index came from a snapshot; "built": they were parsed and indexed, and
   * a snapshot is being saved; "off": no snapshot is kept (no cache folder, or a small folder).
   */
  state: "read" | "built" | "off";
  /** Why a saved snapshot could not be used, when there was one. */
  problem?: string;
  /**
   * Settles when saving is over: to why the snapshot could not be saved, or to null once it is
   * saved (or there is nothing to save).
   */
  saveFailure: Promise<string | null>;
}

/** From this many releases on, `load` indexes in a worker thread (two cores, half the time). */
export const WORKER_MIN_RELEASES = 150;

/** Below this many releases a folder loads in well under a second: no snapshot is kept. */
export const CACHE_MIN_RELEASES = 150;

/** The most characters of a release autocomplete read: a release is found by a few words. */
const MAX_SUGGESTION_LENGTH = 100;
/** The most words of a release autocomplete that are matched against every release. */
const MAX_SUGGESTION_WORDS = 8;

export interface AskOptions {
  /** How many results to return; default 3. */
  limit?: number;
  offset?: number;
  /** Only statements by this speaker (any alias, fuzzy) are returned. */
  speaker?: string;
  /** Only statements from this release (its id). */
  release?: string;
}

export interface ScoredEntry {
  entry: Entry;
  /** Relevance in (0, 1], higher is better. */
  score: number;
  /** The sentence or sentences of the entry's text that answer the question, verbatim. */
  focus: string;
}

export interface AskResult {
  /** The normalized question: asking it again gives the same results (buttons carry it). */
  query: string;
  /**
   * A one-line answer the release states outright, for questions about the meeting itself
   * ("11 September 2025 (the release's date)"); null where there is none.
   */
  direct: string | null;
  results: ScoredEntry[];
  /** How many entries matched in all, before offset and limit. */
  total: number;
  /** The speaker the results were filtered to, if any. */
  speaker: Speaker | null;
}

export type QuotesStatus = "found" | "never-quoted" | "unknown";

export interface QuotesResult {
  status: QuotesStatus;
  /** The person the name resolved to (also for someone mentioned but never quoted). */
  speaker: Speaker | null;
  /** Their quotes in release order. */
  results: Entry[];
  /** Set when there is something to explain: no quotes, unknown name, nothing on the topic. */
  message?: string;
  /** Closest quoted speakers, when the name did not resolve to someone quoted. */
  suggestions: Speaker[];
}

/** How many of the best matches are looked through for a release that names the people asked about. */
const RELEASE_CANDIDATES = 20;

/** Words that ask who besides the host and guest was there. */
const PRESENCE_WORDS = new Set(["present", "attended", "else", "accompanied", "delegation"]);

/** The shortest typed fragment of a name that is read as the name ("luka", "coal"). */
const MIN_NAME_FRAGMENT = 4;

/** Words before a name that make its bearer the one speaking: "what did Coale say", "by Trump". */
const SPEAKER_BEFORE = new Set([
  "did",
  "does",
  "do",
  "has",
  "had",
  "have",
  "will",
  "would",
  "can",
  "could",
  "by",
  "from",
  "is",
  "was",
]);
/** Words after a name that make its bearer the one speaking: "Lukashenko said", "Coale's words". */
const SPEAKER_AFTER = new Set([
  "say",
  "said",
  "says",
  "think",
  "thinks",
  "thought",
  "tell",
  "told",
  "want",
  "wants",
  "wanted",
  "statement",
  "statements",
  "words",
  "remarks",
  "comments",
  "quote",
  "quotes",
  "view",
  "views",
  "position",
  "opinion",
  "speech",
  "announce",
  "announced",
  "declare",
  "declared",
  "wrote",
  "write",
  "letter",
  "message",
  "on",
  "about",
]);
/** A speaker named in the question weighs their own statements (and narration about them) up. */
const SPEAKER_BOOST = 1.6;
const MENTION_BOOST = 1.3;

/** How many statements on the thing asked about are read on from for a reaction. */
const REACTION_TOPICS = 3;
/** How many statements on a reaction may come: a reply follows at once, or after a line of narration. */
const REACTION_REACH = 3;

const FIRST_WORDS = new Set([
  "first",
  "firstly",
  "begin",
  "beginning",
  "start",
  "initially",
  "opening",
  "open",
]);
const LAST_WORDS = new Set([
  "last",
  "lastly",
  "end",
  "final",
  "finally",
  "closing",
  "close",
  "conclude",
  "conclusion",
]);

/** Whether a question asks only for the first or the last thing said. */
function sequenceAsked(terms: readonly QueryTerm[]): "first" | "last" | null {
  if (terms.length === 0) return null;
  if (terms.every((term) => FIRST_WORDS.has(term.word))) return "first";
  if (terms.every((term) => LAST_WORDS.has(term.word))) return "last";
  return null;
}

/** Question words remembered with the speaker they name (or none); past this many, afresh. */
const NAME_CACHE_SIZE = 20_000;

/** How many speakers' mention maps (a bit per entry each) are kept. */
const MENTION_MAPS_KEPT = 32;

/** Up to this many results (offset + limit) are kept in order while scanning the hits. */
const TOP_INSERTION_LIMIT = 64;

type Ranges = ReadonlyArray<readonly [number, number]>;

/** Lower case without diacritics, punctuation as spaces: how release suggestions compare text. */
function foldForSuggestion(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A release's date in the ways someone might type it: "2025 09 11 11 september 2025 sep 09 11 2025". */
function dateForms(date: string | null): string {
  if (!date) return "";
  const [year = "", month = "", day = ""] = date.split("-");
  const name = MONTH_NAMES[Number(month) - 1]?.toLowerCase() ?? "";
  return `${year} ${month} ${day} ${Number(day)} ${name} ${year} ${name.slice(0, 3)} ${month} ${day} ${year}`;
}

interface ReleaseKey {
  release: Release;
  id: string;
  file: string;
  date: string;
  title: string;
  lead: string;
}

/**
 * Every release in a folder, parsed into attributed statements, with the speaker registry and the
 * search behind /ask and /quotes. Pure TypeScript: the bot and the console both ask it.
 *
 * Built for thousands of releases: entries are numbered in release order, so a release is a range
 * of numbers; each speaker's quotes are a precomputed list; the search keeps its postings in typed
 * arrays; and a question only touches the entries its words occur in.
 */
export class Library {
  readonly releases: readonly Release[];
  readonly entries: readonly Entry[];
  readonly warnings: readonly LoadWarning[];
  readonly speakerRegistry: SpeakerRegistry;
  /**
   * Where the search index came from: built in a worker thread alongside parsing, built on this
   * one, or read back from a snapshot.
   */
  readonly indexSource: "worker" | "main" | "snapshot";
  /** Whether this load used, or is saving, a snapshot on disk. */
  readonly snapshot: SnapshotReport;
  private readonly search: StatementSearch;
  private readonly nameFormsBySpeaker: Map<Speaker, string[]>;
  /** Speakers in the order names are matched against them: most quoted first. */
  private readonly speakerOrder: Speaker[];
  /** A name form → the first speaker (in speakerOrder) who has it. */
  private readonly formOwner = new Map<string, number>();
  /** Name forms of five letters or more, short (≤ 7, one slip allowed) and long (two). */
  /** Every name form, sorted, and its owner: the forms a typed fragment ("luka") begins. */
  private readonly formsInOrder: string[];
  private readonly formsInOrderOwner: Int32Array;
  private readonly shortForms: GramIndex;
  private readonly longForms: GramIndex;
  private readonly shortFormOwner: Int32Array;
  private readonly longFormOwner: Int32Array;
  private readonly namedCache = new Map<string, number>();
  /** Entry n's release is the one with releaseStart[r] ≤ n < releaseStart[r + 1]. */
  private readonly releaseStart: Int32Array;
  private readonly releaseById = new Map<string, number[]>();
  private readonly releaseByFile = new Map<string, number[]>();
  /** Releases whose id has a colon, which a release filter may name by a prefix. */
  private readonly colonReleases: number[] = [];
  /** Per entry: its speaker's number (-1 for narration) and whether it is a quote. */
  private readonly docSpeaker: Int32Array;
  private readonly docIsQuote: Uint8Array;
  private readonly speakerNumber = new Map<string, number>();
  /** Each speaker's quotes (by speaker number), and all quotes: ascending entry numbers. */
  private readonly quotesBySpeaker: Int32Array[];
  private readonly allQuotes: Int32Array;
  /** Fact entries naming a speaker, for the speakers asked about last (see mentionsOf). */
  private readonly mentionMaps = new Map<Speaker, Uint32Array>();
  /** Longest name form: a word longer by more than two letters cannot be a slip of one. */
  private readonly longestForm: number;
  private releaseKeys: ReleaseKey[] | null = null;
  /** Each speaker's quotes as entries, by speaker number, made on first request. */
  private readonly quoteEntries = new Map<number, Entry[]>();

  private constructor(
    readonly dir: string,
    parts: LibraryParts,
    search: StatementSearch,
    indexSource: "worker" | "main" | "snapshot" = "main",
    snapshot: SnapshotReport = { state: "off", saveFailure: Promise.resolve(null) },
  ) {
    this.indexSource = indexSource;
    this.snapshot = snapshot;
    const { releases } = parts;
    this.releases = releases;
    this.entries = parts.entries;
    this.warnings = parts.warnings;
    this.speakerRegistry = parts.registry;
    this.speakerOrder = parts.speakerOrder;
    this.nameFormsBySpeaker = parts.forms;
    const shortForms = new Map<string, number>();
    const longForms = new Map<string, number>();
    this.speakerOrder.forEach((speaker, order) => {
      for (const form of this.nameFormsBySpeaker.get(speaker) ?? []) {
        if (!this.formOwner.has(form)) this.formOwner.set(form, order);
        const slips = form.length >= 8 ? longForms : shortForms;
        if (form.length >= 5 && !slips.has(form)) slips.set(form, order);
      }
    });
    this.formsInOrder = [...this.formOwner.keys()].sort();
    this.formsInOrderOwner = Int32Array.from(
      this.formsInOrder,
      (form) => this.formOwner.get(form) ?? -1,
    );
    let longest = 7;
    for (const form of longForms.keys()) longest = Math.max(longest, form.length);
    this.longestForm = longest;
    this.shortForms = new GramIndex([...shortForms.keys()]);
    this.shortFormOwner = Int32Array.from(shortForms.values());
    this.longForms = new GramIndex([...longForms.keys()]);
    this.longFormOwner = Int32Array.from(longForms.values());
    this.search = search;

    this.releaseStart = new Int32Array(releases.length + 1);
    releases.forEach((release, index) => {
      this.releaseStart[index + 1] = (this.releaseStart[index] ?? 0) + release.entries.length;
      const sameId = this.releaseById.get(release.id);
      if (sameId) sameId.push(index);
      else this.releaseById.set(release.id, [index]);
      const sameFile = this.releaseByFile.get(release.file);
      if (sameFile) sameFile.push(index);
      else this.releaseByFile.set(release.file, [index]);
      if (release.id.includes(":")) this.colonReleases.push(index);
    });

    const count = this.entries.length;
    this.docSpeaker = new Int32Array(count);
    this.docIsQuote = new Uint8Array(count);
    const quoteLists: number[][] = [];
    const allQuotes: number[] = [];
    this.entries.forEach((entry, doc) => {
      let number = -1;
      if (entry.speaker !== null) {
        number = this.speakerNumber.get(entry.speaker) ?? -1;
        if (number < 0) {
          number = quoteLists.length;
          this.speakerNumber.set(entry.speaker, number);
          quoteLists.push([]);
        }
      }
      this.docSpeaker[doc] = number;
      if (entry.kind === "quote") {
        this.docIsQuote[doc] = 1;
        allQuotes.push(doc);
        if (number >= 0) quoteLists[number]?.push(doc);
      }
    });
    this.quotesBySpeaker = quoteLists.map((list) => Int32Array.from(list));
    this.allQuotes = Int32Array.from(allQuotes);
  }

  /** The speakers of the parsed releases and the name forms the search tracks. */
  private static prepare(
    releases: Release[],
    people: Person[][],
    warnings: LoadWarning[],
  ): LibraryParts {
    const entries = releases.flatMap((release) => release.entries);
    const registry = new SpeakerRegistry(people, entries);
    const speakerOrder = registry.all();
    const forms = new Map(speakerOrder.map((speaker) => [speaker, registry.nameForms(speaker)]));
    const trackWords = new Set<string>();
    for (const list of forms.values()) for (const form of list) trackWords.add(form);
    return { releases, entries, warnings, registry, speakerOrder, forms, trackWords };
  }

  /**
   * Loads every .txt release in `dir`; throws LibraryError when none can be loaded. From
   * WORKER_MIN_RELEASES releases on, the search index is built in a worker thread meanwhile. With
   * `cache`, a large folder's parsed releases and index are read back from a snapshot saved by an
   * earlier load of the same files, and saved after a load that had to build them.
   */
  static async load(dir: string, options: LibraryOptions = {}): Promise<Library> {
    const searchOptions = options.search ?? {};
    const { k1, contextWeight } = { ...SEARCH_DEFAULTS, ...searchOptions };
    const files = await releaseNamesIn(dir);
    const fileCount = files.length;
    const inWorker = options.indexInWorker ?? fileCount >= WORKER_MIN_RELEASES;
    // A thesaurus that cannot be read stops the start with a sentence naming its package. It is
    // read now, or with a worker while the worker indexes (below).
    if (!inWorker) preloadThesaurus();
    // Started before the files are read, so that the worker is up by the time entries come.
    const job = inWorker ? BackgroundIndex.start(contextWeight) : null;
    try {
      const pause = options.background ? givingWay() : null;
      const cache = options.cache;
      const useCache =
        cache !== undefined && fileCount >= (cache.minReleases ?? CACHE_MIN_RELEASES);
      const key = useCache ? new SnapshotKey({ k1, contextWeight }) : null;
      const reads: ReleaseRead[] = [];
      const readWarnings: LoadWarning[] = [];
      for (const file of files) {
        const read = readRelease(dir, file, options.followLinksInside);
        reads.push(read);
        key?.add(read);
        if ("problem" in read) readWarnings.push({ file: read.file, message: read.problem });
        await pause?.();
      }
      if (readWarnings.length === reads.length) throw nothingReadable(dir, readWarnings);

      const keyText = key?.digest() ?? "";
      let problem: string | undefined;
      if (cache && useCache) {
        const found = await readSnapshot(cache.dir, dir, keyText, pause);
        if ("problem" in found) problem = found.problem;
        if ("contents" in found) {
          try {
            const { releases, people, warnings, index } = found.contents;
            const parts = Library.prepare(releases, people, [...readWarnings, ...warnings]);
            const search = new StatementSearch(parts.entries, searchOptions, { prebuilt: index });
            const report = { state: "read" as const, saveFailure: Promise.resolve(null) };
            preloadThesaurus();
            return new Library(dir, parts, search, "snapshot", report);
          } catch (error) {
            // Read in full but not what this code expects: parsed afresh like a damaged one.
            problem = `the saved index for "${dir}" does not fit this version (${(error as Error).message})`;
          }
        }
      }

      const releases: Release[] = [];
      const people: Person[][] = [];
      const parseWarnings: LoadWarning[] = [];
      for (const read of reads) {
        if ("problem" in read) continue;
        const parsing = parsingInto(read.file, read.text, releases, people, parseWarnings);
        if (pause ? await finishGivingWay(parsing, pause) : finish(parsing)) {
          job?.add(releases.at(-1)?.entries ?? []);
        }
      }
      if (releases.length === 0) throw new LibraryError(`No release in "${dir}" could be parsed.`);
      const parts = Library.prepare(releases, people, [...readWarnings, ...parseWarnings]);
      const finishing = job ? job.finish(k1, parts.trackWords) : null;
      // While the worker completes the index, this thread has time for the word list typo
      // correction needs and the thesaurus, which the first question would otherwise wait for.
      if (finishing) {
        preloadEnglishWords();
        preloadThesaurus();
      }
      const fromWorker = finishing ? await finishing : null;
      const index =
        fromWorker ?? (await buildIndex(parts.entries, searchOptions, parts.trackWords, pause));
      const search = new StatementSearch(parts.entries, searchOptions, { prebuilt: index });
      // Saved after the library is handed back, giving way to the event loop between releases,
      // so that start-up does not wait for the disk and a running bot keeps answering.
      const saveFailure =
        cache && useCache
          ? new Promise<void>((resolve) => setImmediate(resolve))
              .then(() =>
                writeSnapshot(
                  cache.dir,
                  dir,
                  keyText,
                  { releases, people, warnings: parseWarnings, index },
                  givingWay(),
                ),
              )
              .then(
                () => null,
                (error: Error) => error.message,
              )
          : Promise.resolve(null);
      const report: SnapshotReport = {
        state: useCache ? "built" : "off",
        saveFailure,
        ...(problem ? { problem } : {}),
      };
      return new Library(dir, parts, search, fromWorker ? "worker" : "main", report);
    } finally {
      job?.cancel();
    }
  }

  /** Parses release texts already read; one that fails to parse becomes a warning. */
  static fromTexts(
    dir: string,
    texts: readonly ReleaseText[],
    warnings: LoadWarning[] = [],
    options: LibraryOptions = {},
  ): Library {
    const releases: Release[] = [];
    const people: Person[][] = [];
    const allWarnings = [...warnings];
    for (const { file, text } of texts) {
      finish(parsingInto(file, text, releases, people, allWarnings));
    }
    if (releases.length === 0) throw new LibraryError(`No release in "${dir}" could be parsed.`);
    const parts = Library.prepare(releases, people, allWarnings);
    const search = new StatementSearch(parts.entries, options.search ?? {}, {
      trackWords: parts.trackWords,
    });
    return new Library(dir, parts, search);
  }

  speakers(): Speaker[] {
    return this.speakerRegistry.all();
  }

  resolveSpeaker(name: string): Speaker | null {
    return this.speakerRegistry.resolve(name);
  }

  suggestSpeakers(partial: string, limit = 25): Speaker[] {
    return this.speakerRegistry.suggest(partial, limit);
  }

  entry(id: string): Entry | undefined {
    const colon = id.lastIndexOf(":");
    if (colon < 0) return undefined;
    // With two releases of one id, the later one's entry is the one an id means.
    const candidates = this.releaseById.get(id.slice(0, colon)) ?? [];
    for (let index = candidates.length - 1; index >= 0; index--) {
      const release = this.releases[candidates[index] ?? -1];
      const found = release?.entries.find((entry) => entry.id === id);
      if (found) return found;
    }
    return undefined;
  }

  release(id: string): Release | undefined {
    const byId = this.releaseById.get(id)?.[0] ?? Number.POSITIVE_INFINITY;
    const byFile = this.releaseByFile.get(id)?.[0] ?? Number.POSITIVE_INFINITY;
    const index = Math.min(byId, byFile);
    return Number.isFinite(index) ? this.releases[index] : undefined;
  }

  /**
   * Releases for an autocomplete: those whose file, date ("2025-09", "11 September", "sep
   * 2025"), title or lead has every typed word, best first (file and date, then title, then
   * lead), newest first among equals. With nothing typed, the newest releases.
   */
  suggestReleases(partial: string, limit = 25): Release[] {
    const keys = this.suggestionKeys();
    const query = foldForSuggestion(partial.slice(0, MAX_SUGGESTION_LENGTH));
    const byDate = (a: ReleaseKey, b: ReleaseKey) =>
      (b.release.date ?? "").localeCompare(a.release.date ?? "") ||
      a.release.id.localeCompare(b.release.id);
    if (!query)
      return [...keys]
        .sort(byDate)
        .slice(0, Math.max(0, limit))
        .map((key) => key.release);
    // Each word is looked for in every release: repeats add nothing, and past a few words the
    // list is already narrowed down.
    const tokens = [...new Set(query.split(" "))].slice(0, MAX_SUGGESTION_WORDS);
    const scored: Array<{ key: ReleaseKey; score: number }> = [];
    for (const key of keys) {
      let score = 0;
      if (key.id.startsWith(query) || key.file.startsWith(query)) score += 10;
      for (const token of tokens) {
        const inName = ` ${key.id} ${key.file}`.includes(` ${token}`);
        const inDate = ` ${key.date}`.includes(` ${token}`);
        const inTitle = ` ${key.title}`.includes(` ${token}`);
        const inLead = ` ${key.lead}`.includes(` ${token}`);
        const anywhere =
          inName ||
          inDate ||
          inTitle ||
          inLead ||
          key.id.includes(token) ||
          key.title.includes(token) ||
          key.lead.includes(token);
        if (!anywhere) {
          score = -1;
          break;
        }
        score += inName || inDate ? 4 : inTitle ? 3 : inLead ? 2 : 1;
      }
      if (score >= 0) scored.push({ key, score });
    }
    return scored
      .sort((a, b) => b.score - a.score || byDate(a.key, b.key))
      .slice(0, Math.max(0, limit))
      .map(({ key }) => key.release);
  }

  private suggestionKeys(): ReleaseKey[] {
    this.releaseKeys ??= this.releases.map((release) => ({
      release,
      id: foldForSuggestion(release.id),
      file: foldForSuggestion(release.file),
      date: `${release.date ?? ""} ${dateForms(release.date)}`.trim(),
      title: foldForSuggestion(release.title ?? ""),
      lead: foldForSuggestion(release.lead.slice(0, 300)),
    }));
    return this.releaseKeys;
  }

  /** The number (in speakerOrder) of the first speaker a question word names, or -1. */
  private speakerNamedBy(word: string): number {
    const cached = this.namedCache.get(word);
    if (cached !== undefined) return cached;
    let best = this.formOwner.get(word) ?? Number.POSITIVE_INFINITY;
    if (word.length >= 5 && word.length <= this.longestForm + 2) {
      // A slip ("Lukashenka" for "Lukashanka") is at most one edit on a name of up to seven
      // letters and two on a longer one; letter pairs narrow the forms down first.
      const check = (grams: GramIndex, owners: Int32Array, minShared: number) => {
        for (const index of grams.candidates(word, minShared)) {
          const owner = owners[index] ?? -1;
          if (owner >= 0 && owner < best && isSlipOf(word, grams.words[index] ?? "")) best = owner;
        }
      };
      check(this.shortForms, this.shortFormOwner, word.length - 3);
      if (word.length >= 6) check(this.longForms, this.longFormOwner, word.length - 5);
    }
    if (!Number.isFinite(best) && this.mayBeNameFragment(word)) {
      best = Math.min(this.ownerOfPrefix(word), this.ownerOfShortSlip(word));
    }
    const found = Number.isFinite(best) ? best : -1;
    if (this.namedCache.size >= NAME_CACHE_SIZE) this.namedCache.clear();
    this.namedCache.set(word, found);
    return found;
  }

  /**
   * Whether a typed word the releases never use could be a shortened or misspelt name ("luka",
   * "coal"): four letters or more, and no word of the releases, so "coal" is Coale only where
   * no release writes about coal.
   */
  private mayBeNameFragment(word: string): boolean {
    return (
      word.length >= MIN_NAME_FRAGMENT &&
      /^\p{L}+$/u.test(word) &&
      this.search.docsWithTerm(stem(word)).length === 0
    );
  }

  /** The most quoted owner of a name form the word begins, two letters short of it or more. */
  private ownerOfPrefix(word: string): number {
    let low = 0;
    let high = this.formsInOrder.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.formsInOrder[middle] ?? "") < word) low = middle + 1;
      else high = middle;
    }
    let best = Number.POSITIVE_INFINITY;
    for (let at = low; at < this.formsInOrder.length; at++) {
      const form = this.formsInOrder[at] ?? "";
      if (!form.startsWith(word)) break;
      if (form.length >= word.length + 2) best = Math.min(best, this.formsInOrderOwner[at] ?? -1);
    }
    return best < 0 ? Number.POSITIVE_INFINITY : best;
  }

  /** The owner of a five-letter name form that a four-letter word is one slip from ("coal"). */
  private ownerOfShortSlip(word: string): number {
    if (word.length !== MIN_NAME_FRAGMENT) return Number.POSITIVE_INFINITY;
    let best = Number.POSITIVE_INFINITY;
    for (const index of this.shortForms.candidates(word, 1)) {
      const owner = this.shortFormOwner[index] ?? -1;
      if (owner >= 0 && owner < best && isSlipOf(word, this.shortForms.words[index] ?? "")) {
        best = owner;
      }
    }
    return best;
  }

  /** Speakers named in a question, and whether each is the one speaking or a topic. */
  private namedInQuestion(
    questionWords: readonly string[],
  ): Array<{ speaker: Speaker; index: number; speaking: boolean }> {
    const found: Array<{ speaker: Speaker; index: number; speaking: boolean }> = [];
    questionWords.forEach((word, index) => {
      if (word.length < 3 || isStopWord(word)) return;
      const speaker = this.speakerOrder[this.speakerNamedBy(word)];
      if (!speaker) return;
      // "Coale on prisoners", "Lukashenka praise for …": a name that opens the question speaks.
      const speaking =
        speaker.quoteCount > 0 &&
        (index === 0 ||
          SPEAKER_BEFORE.has(questionWords[index - 1] ?? "") ||
          SPEAKER_AFTER.has(questionWords[index + 1] ?? ""));
      found.push({ speaker, index, speaking });
    });
    return found;
  }

  /**
   * The question reduced to the words the search reads: stop words go, except those beside a
   * name, which tell whether that person is speaking. Asking the reduced form gives the same answer.
   */
  normalizeQuestion(question: string): string {
    const questionWords = words(plainQuestion(question));
    const named = new Set(this.namedInQuestion(questionWords).map((found) => found.index));
    return questionWords
      .filter((word, index) => !isStopWord(word) || named.has(index - 1) || named.has(index + 1))
      .join(" ");
  }

  /** Entry ranges of the releases a release filter names (by file, id or id prefix). */
  private releaseRanges(release: string | undefined): Ranges | undefined {
    if (!release) return undefined;
    // An entry is in the release its file names, or whose id its own id starts with.
    const matching = new Set<number>([
      ...(this.releaseById.get(release) ?? []),
      ...(this.releaseByFile.get(release) ?? []),
    ]);
    for (const index of this.colonReleases) {
      if (this.releases[index]?.id.startsWith(`${release}:`)) matching.add(index);
    }
    return [...matching]
      .sort((a, b) => a - b)
      .map((index): [number, number] => [
        this.releaseStart[index] ?? 0,
        this.releaseStart[index + 1] ?? 0,
      ]);
  }

  /** The parts of an ascending list of entry numbers that fall in the ranges. */
  private within(list: Int32Array, ranges: Ranges | undefined): Int32Array[] {
    if (!ranges) return [list];
    const parts: Int32Array[] = [];
    const lowerBound = (value: number) => {
      let low = 0;
      let high = list.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((list[middle] ?? 0) < value) low = middle + 1;
        else high = middle;
      }
      return low;
    };
    for (const [from, to] of ranges) {
      const start = lowerBound(from);
      const end = lowerBound(to);
      if (end > start) parts.push(list.subarray(start, end));
    }
    return parts;
  }

  /** A speaker's quotes, in release order, within the ranges. */
  private quotesOf(name: string, ranges: Ranges | undefined): Int32Array[] {
    const number = this.speakerNumber.get(name);
    const list = number === undefined ? undefined : this.quotesBySpeaker[number];
    return list ? this.within(list, ranges) : [];
  }

  /** Scores 1 for entries listed in order (or reversed), paged. */
  private listed(
    parts: readonly Int32Array[],
    offset: number,
    limit: number,
    reverse: boolean,
  ): { results: ScoredEntry[]; total: number } {
    const total = parts.reduce((sum, part) => sum + part.length, 0);
    const results: ScoredEntry[] = [];
    const flat = parts.length === 1 ? (parts[0] ?? new Int32Array(0)) : concat(parts);
    for (let rank = offset; rank < Math.min(total, offset + limit); rank++) {
      const doc = flat[reverse ? total - 1 - rank : rank] ?? 0;
      const entry = this.entries[doc];
      if (entry) results.push({ entry, score: 1, focus: focusOf(entry.text, []) });
    }
    return { results, total };
  }

  /**
   * Which fact entries name a speaker in their own text (any of their name forms, as a word): a
   * bit per entry, made on first need and kept for the most recently asked-about speakers.
   */
  private mentionsOf(speaker: Speaker): Uint32Array {
    const cached = this.mentionMaps.get(speaker);
    if (cached) {
      // Most recently used last.
      this.mentionMaps.delete(speaker);
      this.mentionMaps.set(speaker, cached);
      return cached;
    }
    const bits = new Uint32Array((this.entries.length + 31) >>> 5);
    for (const form of this.nameFormsBySpeaker.get(speaker) ?? []) {
      for (const doc of this.search.docsWithWord(form)) {
        bits[doc >>> 5] = (bits[doc >>> 5] ?? 0) | (1 << (doc & 31));
      }
    }
    if (this.mentionMaps.size >= MENTION_MAPS_KEPT) {
      const oldest = this.mentionMaps.keys().next().value;
      if (oldest) this.mentionMaps.delete(oldest);
    }
    this.mentionMaps.set(speaker, bits);
    return bits;
  }

  /**
   * The statements that answer a question, best first. A question about the meeting itself (when,
   * where, who took part, what came of it) is answered from the release's structure: a direct
   * answer where the release states one, the lead first, or for its gist the release's brief.
   */
  ask(question: string, options: AskOptions = {}): AskResult {
    // The words as typed, stop words and all: they tell what part of the meeting is asked about.
    const typed = words(plainQuestion(question));
    const isName = (word: string) => this.speakerNamedBy(word) >= 0;
    const inPerson = options.speaker ? null : meetingAspect(typed, isName);
    // "When was the call?" asks about the meeting only where the meeting was a call.
    const aspect = inPerson ?? (options.speaker ? null : meetingAspect(typed, isName, true));
    const release = aspect ? this.releaseAskedAbout(question, typed, options) : null;
    if (!aspect || !release) {
      const asking = options.speaker ? null : reactionAsked(typed);
      const reactions = asking ? this.reactionsAskedFor(typed, asking, options) : [];
      return { ...this.ranked(question, options, reactions), direct: null };
    }
    const facts = meetingFacts(release, (text) => this.peopleIn(text));
    if (!inPerson && !meetingWasCall(facts)) {
      return { ...this.ranked(question, options, []), direct: null };
    }
    if (aspect === "summary" || aspect === "outcome") {
      return this.briefAnswer(question, release, options, aspect === "outcome");
    }
    const direct = directAnswer(aspect, release, facts);
    // Without a direct answer the lead says nothing to the point: the search answers alone.
    if (direct === null) return { ...this.ranked(question, options, []), direct };
    const start = this.releaseStart[this.releases.indexOf(release)] ?? 0;
    const lead = release.entries.findIndex((entry) => facts.leadSentence.includes(entry.text));
    const present =
      aspect === "who"
        ? release.entries.flatMap((entry, index) => {
            const named = this.peopleIn(entry.text);
            return facts.alsoPresent.some((name) => named.includes(name)) ? [index] : [];
          })
        : [];
    // "Who else was present?" asks for those beside the host and guest: they come first.
    const presentFirst = typed.some((word) => PRESENCE_WORDS.has(word));
    const order = presentFirst ? [...present, Math.max(0, lead)] : [Math.max(0, lead), ...present];
    const pinned = [...new Set(order)].map((index) => start + index);
    return { ...this.ranked(question, options, pinned), direct };
  }

  /**
   * What was said in reaction to the thing a question names ("how did Lukashenko react to the
   * letter"): for each of the best few statements on the thing, the next statement, within a
   * few, by the person asked about, or by anyone other than its speaker when no one is named.
   */
  private reactionsAskedFor(
    typed: readonly string[],
    asking: ReadonlySet<number>,
    options: AskOptions,
  ): number[] {
    const content = typed.filter((word, index) => !asking.has(index) && !isStopWord(word));
    const named = this.namedInQuestion(content).filter((found) => found.speaker.quoteCount > 0);
    const reactor = named[0];
    const reactorNumber = reactor ? (this.speakerNumber.get(reactor.speaker.name) ?? -2) : null;
    const topic = content.filter((_, index) => index !== reactor?.index);
    const others = named.slice(1).map((found) => ({
      speaker: found.speaker,
      word: content[found.index] ?? "",
    }));
    const terms = this.termsNaming(topic, others);
    if (terms.length === 0) return [];
    const ranges = this.releaseRanges(options.release);
    const filter: DocFilter = { accept: (doc) => this.docSpeaker[doc] !== reactorNumber };
    if (ranges) filter.ranges = ranges;
    const hits = this.search.collect(terms, filter);
    const best = Array.from({ length: hits.count }, (_, index) => index)
      .sort((a, b) => (hits.relevance[b] ?? 0) - (hits.relevance[a] ?? 0) || a - b)
      .slice(0, REACTION_TOPICS)
      .map((index) => hits.docs[index] ?? 0);
    const reactions: number[] = [];
    for (const said of best) {
      const release = this.releaseOfDoc(said);
      for (let next = said + 1; next <= said + REACTION_REACH; next++) {
        if (next >= this.entries.length || this.releaseOfDoc(next) !== release) break;
        if (this.docIsQuote[next] !== 1) continue;
        const by = this.docSpeaker[next];
        if (reactorNumber === null ? by !== this.docSpeaker[said] : by === reactorNumber) {
          if (!reactions.includes(next)) reactions.push(next);
          break;
        }
      }
    }
    return reactions;
  }

  /** The release a question about "the meeting" means: the one asked about, the only one, or the best match's. */
  private releaseAskedAbout(
    question: string,
    typed: readonly string[],
    options: AskOptions,
  ): Release | null {
    if (options.release) return this.release(options.release) ?? null;
    if (this.releases.length === 1) return this.releases[0] ?? null;
    // "When did Lukashenko meet Lavrov?": a release that names everyone the question names,
    // the best match among them; failing that, the release of the best match.
    const naming = this.releasesNamingAll(typed);
    const { results } = this.ranked(
      question,
      { ...options, limit: RELEASE_CANDIDATES, offset: 0 },
      [],
    );
    const fitting = naming
      ? results.find((result) => naming.has(this.releaseIndexOf(result.entry)))
      : results[0];
    if (fitting) return this.release(fitting.entry.source.file) ?? null;
    if (naming && naming.size > 0) return this.releases[Math.min(...naming)] ?? null;
    const best = results[0];
    return best ? (this.release(best.entry.source.file) ?? null) : null;
  }

  /** The release (its index) an entry stands in. */
  private releaseIndexOf(entry: Entry): number {
    return this.releaseById.get(entry.id.slice(0, entry.id.lastIndexOf(":")))?.at(-1) ?? -1;
  }

  /**
   * The releases (indexes) that name every person a question names, or null when it names no
   * one; found through the index's postings of each person's name forms.
   */
  private releasesNamingAll(questionWords: readonly string[]): Set<number> | null {
    const named = this.namedInQuestion(questionWords.filter((word) => !isStopWord(word)));
    const people = [...new Set(named.map((found) => found.speaker))];
    if (people.length === 0) return null;
    const naming = people.map((person) => {
      // By surname: a first name ("Sergei") is shared by too many people.
      const surname = words(person.name).at(-1) ?? "";
      const releases = new Set<number>();
      for (const doc of this.search.docsWithTerm(stem(surname)))
        releases.add(this.releaseOfDoc(doc));
      return releases;
    });
    const [first, ...others] = naming;
    return new Set(
      [...(first ?? [])].filter((index) => others.every((releases) => releases.has(index))),
    );
  }

  /** The release (its index) of entry number `doc`. */
  private releaseOfDoc(doc: number): number {
    let low = 0;
    let high = this.releases.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.releaseStart[middle] ?? 0) <= doc) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  private briefAnswer(
    question: string,
    release: Release,
    options: AskOptions,
    decisionsFirst: boolean,
  ): AskResult {
    const limit = Math.max(1, options.limit ?? 3);
    const offset = Math.max(0, options.offset ?? 0);
    const brief = briefEntries(release, { decisionsFirst });
    return {
      query: this.normalizeQuestion(question),
      direct: null,
      results: brief
        .slice(offset, offset + limit)
        .map((entry) => ({ entry, score: 1, focus: focusOf(entry.text, []) })),
      total: brief.length,
      speaker: null,
    };
  }

  /** The release in at most six statements: its lead, what was decided, the key quotes. */
  brief(release?: string): { release: Release; entries: Entry[] } | null {
    const chosen = release
      ? this.release(release)
      : [...this.releases].sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""))[0];
    return chosen ? { release: chosen, entries: briefEntries(chosen) } : null;
  }

  /** Entry numbers (positions in `entries`, ascending) whose text or context has a stem. */
  entriesWithTerm(term: string): Int32Array {
    return this.search.docsWithTerm(term);
  }

  /** The people a text names, canonical and in order, each once. */
  private peopleIn(text: string): string[] {
    const named: string[] = [];
    for (const word of words(text)) {
      const order = this.formOwner.get(word);
      const speaker = order === undefined ? undefined : this.speakerOrder[order];
      if (speaker && !named.includes(speaker.name)) named.push(speaker.name);
    }
    return named;
  }

  /**
   * The search behind ask, with `pinned` entries (entry numbers) put first in the given order:
   * every page of one question lists the same statements and reports the same total.
   */
  private ranked(
    question: string,
    options: AskOptions,
    pinned: readonly number[],
  ): Omit<AskResult, "direct"> {
    const limit = Math.max(1, options.limit ?? 3);
    const offset = Math.max(0, options.offset ?? 0);
    const query = this.normalizeQuestion(question);
    const questionWords = query.split(" ").filter(Boolean);
    const filterSpeaker = options.speaker ? this.speakerRegistry.resolve(options.speaker) : null;
    if (options.speaker && !filterSpeaker) return { query, results: [], total: 0, speaker: null };
    const named = this.namedInQuestion(questionWords);
    const speaking = named.filter((found) => found.speaking).map((found) => found.speaker);
    const nameIndexes = new Set(
      named.filter((found) => found.speaking).map((found) => found.index),
    );
    const terms = this.termsNaming(
      questionWords.filter((_, index) => !nameIndexes.has(index)),
      named
        .filter((candidate) => !candidate.speaking)
        .map((found) => ({ speaker: found.speaker, word: questionWords[found.index] ?? "" })),
    );
    const ranges = this.releaseRanges(options.release);

    const order = sequenceAsked(terms);
    if ((order || terms.length === 0) && pinned.length === 0) {
      // "What did Lukashenko say first?" asks for a position in the release, not a topic;
      // "What did Coale say?" for the speaker's own statements, in release order.
      const who = filterSpeaker ?? speaking[0];
      const parts = who
        ? this.quotesOf(who.name, ranges)
        : order
          ? this.within(this.allQuotes, ranges)
          : [];
      const { results, total } = this.listed(parts, offset, limit, order === "last");
      return { query, results, total, speaker: filterSpeaker };
    }

    const filter: DocFilter = {};
    if (ranges) filter.ranges = ranges;
    if (filterSpeaker) {
      // Only quotes have a speaker: the search looks up just this speaker's.
      const number = this.speakerNumber.get(filterSpeaker.name) ?? -2;
      filter.accept = (doc) => this.docSpeaker[doc] === number;
      filter.only = flatten(this.quotesOf(filterSpeaker.name, ranges));
    }
    const speakingNumbers = speaking.map((speaker) => this.speakerNumber.get(speaker.name) ?? -2);
    const mentionMaps = speaking.map((speaker) => this.mentionsOf(speaker));
    if (speaking.length > 0 && !filterSpeaker) {
      filter.credit = {
        weight: Math.max(...speaking.map((speaker) => this.nameWeight(speaker))),
        earns: (doc) =>
          speakingNumbers.some(
            (number, which) =>
              this.docSpeaker[doc] === number ||
              (this.docIsQuote[doc] === 0 && hasBit(mentionMaps[which], doc)),
          ),
      };
    }
    const hits = this.search.collect(terms, filter);
    const keep = offset + limit;
    const topDocs: number[] = [];
    const topRaw: number[] = [];
    const all: Array<{ doc: number; raw: number }> = [];
    const speakingCount = speaking.length;
    const { docs, relevance } = hits;
    const isPinned = new Set(pinned);
    let pinnedHits = 0;
    for (let index = 0; index < hits.count; index++) {
      const doc = docs[index] ?? 0;
      if (isPinned.has(doc)) {
        pinnedHits++;
        continue;
      }
      let factor = 1;
      for (let which = 0; which < speakingCount; which++) {
        if (this.docSpeaker[doc] === speakingNumbers[which])
          factor = Math.max(factor, SPEAKER_BOOST);
        else if (this.docIsQuote[doc] === 0 && hasBit(mentionMaps[which], doc))
          factor = Math.max(factor, MENTION_BOOST);
      }
      const raw = (relevance[index] ?? 0) * factor;
      if (keep > TOP_INSERTION_LIMIT) {
        all.push({ doc, raw });
        continue;
      }
      // Keep the best `keep` in order: higher first, earlier entry first among equals.
      const last = topDocs.length - 1;
      if (last + 1 >= keep && !ranksBefore(raw, doc, topRaw[last] ?? 0, topDocs[last] ?? 0)) {
        continue;
      }
      let at = topDocs.length;
      while (at > 0 && ranksBefore(raw, doc, topRaw[at - 1] ?? 0, topDocs[at - 1] ?? 0)) at--;
      topDocs.splice(at, 0, doc);
      topRaw.splice(at, 0, raw);
      if (topDocs.length > keep) {
        topDocs.pop();
        topRaw.pop();
      }
    }
    if (keep > TOP_INSERTION_LIMIT) {
      all.sort((a, b) => b.raw - a.raw || a.doc - b.doc);
      for (const { doc, raw } of all.slice(0, keep)) {
        topDocs.push(doc);
        topRaw.push(raw);
      }
    }
    // Pinned entries come first, as if they had the highest score.
    topDocs.unshift(...pinned);
    topRaw.unshift(...pinned.map(() => Number.POSITIVE_INFINITY));
    const results: ScoredEntry[] = [];
    for (let rank = offset; rank < Math.min(topDocs.length, offset + limit); rank++) {
      const entry = this.entries[topDocs[rank] ?? 0];
      const raw = topRaw[rank] ?? 0;
      if (entry) {
        const score = raw === Number.POSITIVE_INFINITY ? 1 : Number((raw / (raw + 4)).toFixed(3));
        results.push({ entry, score, focus: focusOf(entry.text, terms) });
      }
    }
    const total = hits.count - pinnedHits + pinned.length;
    return { query, results, total, speaker: filterSpeaker };
  }

  /** How much naming a person tells in a question: the weight of their best-known name form. */
  private nameWeight(speaker: Speaker): number {
    const forms = this.nameFormsBySpeaker.get(speaker) ?? [];
    return this.search.termWeight({
      word: speaker.name,
      alternatives: new Map(forms.map((form) => [stem(form), 1])),
    });
  }

  /** Query terms for question words, a person's name met by any of their name forms. */
  private termsNaming(
    questionWords: readonly string[],
    people: ReadonlyArray<{ speaker: Speaker; word: string }>,
  ): QueryTerm[] {
    const terms = this.search.queryTerms(questionWords);
    for (const found of people) {
      const term = terms.find((candidate) => candidate.word === found.word);
      for (const form of this.nameFormsBySpeaker.get(found.speaker) ?? [])
        term?.alternatives.set(stem(form), 1);
    }
    return terms;
  }

  quotes(written: string, options: { topic?: string; release?: string } = {}): QuotesResult {
    const name = written.trim();
    if (!name) {
      return {
        status: "unknown",
        speaker: null,
        results: [],
        message: "Name a speaker, such as Coale or Lukashenko.",
        suggestions: this.speakerRegistry.quoted().slice(0, 3),
      };
    }
    const speaker = this.speakerRegistry.resolve(name);
    if (!speaker) {
      const suggestions = this.speakerRegistry.closest(name);
      return {
        status: "unknown",
        speaker: null,
        results: [],
        message: `No one called "${name}" is named in the releases. Closest speakers: ${suggestions.map((s) => s.name).join(", ")}.`,
        suggestions,
      };
    }
    if (speaker.quoteCount === 0) {
      const suggestions = this.speakerRegistry.closest(name);
      return {
        status: "never-quoted",
        speaker,
        results: [],
        message: `${speaker.name} is mentioned in the releases but never quoted. Speakers with quotes: ${suggestions.map((s) => s.name).join(", ")}.`,
        suggestions,
      };
    }
    const ranges = this.releaseRanges(options.release);
    const topic = options.topic?.trim();
    const parts = topic ? [] : this.quotesOf(speaker.name, ranges);
    const results: Entry[] = [];
    if (topic) {
      const number = this.speakerNumber.get(speaker.name) ?? -2;
      const filter: DocFilter = {
        accept: (doc) => this.docIsQuote[doc] === 1 && this.docSpeaker[doc] === number,
        only: flatten(this.quotesOf(speaker.name, ranges)),
      };
      if (ranges) filter.ranges = ranges;
      const hits = this.search.collect(this.search.queryTerms(words(topic)), filter);
      // The hits are the speaker's quotes on the topic (the filter sees to it): in release order.
      const onTopic = hits.docs.slice(0, hits.count).sort();
      for (const doc of onTopic) {
        const entry = this.entries[doc];
        if (entry) results.push(entry);
      }
      if (results.length === 0) {
        return {
          status: "found",
          speaker,
          results,
          message: `${speaker.name} says nothing about "${topic}" in the releases.`,
          suggestions: [],
        };
      }
    } else if (!ranges) {
      // All of a speaker's quotes: the list is kept, and each caller gets its own copy.
      const number = this.speakerNumber.get(speaker.name) ?? -1;
      let all = this.quoteEntries.get(number);
      if (!all) {
        all = this.entriesOf(parts);
        this.quoteEntries.set(number, all);
      }
      return { status: "found", speaker, results: all.slice(), suggestions: [] };
    } else {
      results.push(...this.entriesOf(parts));
    }
    return { status: "found", speaker, results, suggestions: [] };
  }

  private entriesOf(parts: readonly Int32Array[]): Entry[] {
    const found: Entry[] = [];
    for (const part of parts) {
      for (let index = 0; index < part.length; index++) {
        const entry = this.entries[part[index] ?? -1];
        if (entry) found.push(entry);
      }
    }
    return found;
  }
}

interface LibraryParts {
  releases: Release[];
  entries: Entry[];
  warnings: LoadWarning[];
  registry: SpeakerRegistry;
  speakerOrder: Speaker[];
  forms: Map<Speaker, string[]>;
  trackWords: Set<string>;
}

/**
 * Parses one release into the lists, a paragraph a step (see steps.ts); a release that cannot be
 * parsed becomes a warning.
 */
function* parsingInto(
  file: string,
  text: string,
  releases: Release[],
  people: Person[][],
  warnings: LoadWarning[],
): Steps<boolean> {
  try {
    const parsed = yield* parsingRelease(file, text);
    releases.push(parsed.release);
    people.push(parsed.people.people);
    warnings.push(...parsed.warnings);
    return true;
  } catch (error) {
    warnings.push({
      file,
      message: `could not be parsed (${(error as Error).message}); it was skipped`,
    });
    return false;
  }
}

/** Builds the search index on this thread, giving way now and then when `pause` is given. */
async function buildIndex(
  entries: readonly Entry[],
  options: SearchOptions,
  trackWords: Iterable<string>,
  pause: Pause,
): Promise<BuiltIndex> {
  const { k1, contextWeight } = { ...SEARCH_DEFAULTS, ...options };
  const builder = new IndexBuilder(contextWeight);
  for (const [doc, entry] of entries.entries()) {
    builder.add(doc, entry);
    if (doc % 256 === 0) await pause?.();
  }
  return builder.finish(k1, trackWords);
}

/** Whether a mention map (see Library.mentionsOf) has an entry's bit set. */
function hasBit(bits: Uint32Array | undefined, doc: number): boolean {
  return (((bits?.[doc >>> 5] ?? 0) >>> (doc & 31)) & 1) === 1;
}

/**
 * Whether a hit (raw score, entry number) ranks before another, as sorting by
 * `b.raw - a.raw || a.doc - b.doc` orders them: higher score first, then the earlier entry.
 */
function ranksBefore(raw: number, doc: number, otherRaw: number, otherDoc: number): boolean {
  const difference = otherRaw - raw;
  return difference < 0 || (!(difference > 0) && doc < otherDoc);
}

/** Parts of one ascending list as one list (the part itself when there is one). */
function flatten(parts: readonly Int32Array[]): Int32Array {
  return parts.length === 1 ? (parts[0] as Int32Array) : concat(parts);
}

function concat(parts: readonly Int32Array[]): Int32Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const flat = new Int32Array(total);
  let at = 0;
  for (const part of parts) {
    flat.set(part, at);
    at += part.length;
  }
  return flat;
}
