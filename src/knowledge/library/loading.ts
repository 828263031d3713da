/**
 * Loading a library: every release of a folder read and parsed into statements, the speakers
 * registered, and the search index built, in a worker thread for a large folder, or read back
 * with the releases from a snapshot an earlier load saved.
 */
import { LibraryError } from "../errors.js";
import { type BuiltIndex, IndexBuilder } from "../index/indexBuilder.js";
import { BackgroundIndex } from "../index/indexJob.js";
import { SEARCH_DEFAULTS, type SearchOptions, StatementSearch } from "../index/search.js";
import { type Pause, readSnapshot, SnapshotKey, writeSnapshot } from "../index/snapshot.js";
import {
  nothingReadable,
  type ReleaseRead,
  type ReleaseText,
  readRelease,
  releaseNamesIn,
} from "../reading/load.js";
import { parsingRelease } from "../reading/parse.js";
import type { Person } from "../reading/people.js";
import { SpeakerRegistry } from "../reading/speakers.js";
import { finish, finishGivingWay, givingWay, type Steps } from "../steps.js";
import type { Entry, LoadWarning, Release, Speaker } from "../types.js";
import { preloadEnglishWords } from "../words/text.js";
import { preloadThesaurus } from "../words/thesaurus.js";

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

/** A library's parts as loaded, for the Library to be made of. */
export interface LoadedLibrary {
  parts: LibraryParts;
  search: StatementSearch;
  indexSource: "worker" | "main" | "snapshot";
  report: SnapshotReport;
}

const NO_SNAPSHOT: SnapshotReport = { state: "off", saveFailure: Promise.resolve(null) };

/** The speakers of the parsed releases and the name forms the search tracks. */
export function prepare(
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
export async function loadFolder(
  dir: string,
  options: LibraryOptions = {},
): Promise<LoadedLibrary> {
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
    const useCache = cache !== undefined && fileCount >= (cache.minReleases ?? CACHE_MIN_RELEASES);
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
          const parts = prepare(releases, people, [...readWarnings, ...warnings]);
          const search = new StatementSearch(parts.entries, searchOptions, { prebuilt: index });
          const report = { state: "read" as const, saveFailure: Promise.resolve(null) };
          preloadThesaurus();
          return { parts, search, indexSource: "snapshot", report };
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
    const parts = prepare(releases, people, [...readWarnings, ...parseWarnings]);
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
    return { parts, search, indexSource: fromWorker ? "worker" : "main", report };
  } finally {
    job?.cancel();
  }
}

/** Parses release texts already read; one that fails to parse becomes a warning. */
export function loadTexts(
  dir: string,
  texts: readonly ReleaseText[],
  warnings: LoadWarning[],
  options: LibraryOptions,
): LoadedLibrary {
  const releases: Release[] = [];
  const people: Person[][] = [];
  const allWarnings = [...warnings];
  for (const { file, text } of texts) {
    finish(parsingInto(file, text, releases, people, allWarnings));
  }
  if (releases.length === 0) throw new LibraryError(`No release in "${dir}" could be parsed.`);
  const parts = prepare(releases, people, allWarnings);
  const search = new StatementSearch(parts.entries, options.search ?? {}, {
    trackWords: parts.trackWords,
  });
  return { parts, search, indexSource: "main", report: NO_SNAPSHOT };
}

export interface LibraryParts {
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
