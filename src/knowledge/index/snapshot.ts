/**
 * A library's parsed releases and search index kept on disk, so that a restart over the same
 * releases reads them back instead of parsing and indexing again.
 *
 * A snapshot is keyed by everything its contents follow from: the releases' file names and
 * contents, the index settings, the code of this folder (a change to the parser or the index makes
 * old snapshots useless), the stemmer's version, and the V8, ICU and Unicode versions (the
 * serializer, and how words are split and folded). Each seeds folder has one snapshot at a time;
 * saving a new one removes the old.
 *
 * The file is a series of length-prefixed V8-serialized parts: a header, the index (its typed
 * arrays replaced by their places, their bytes following as they are), then each release. It is
 * written and read a part at a time: a caller can give way to the event loop between releases,
 * and neither side holds the whole file in memory.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import type { ReleaseRead } from "../reading/load.js";
import type { Person } from "../reading/people.js";
import type { Entry, LoadWarning, Release } from "../types.js";
import type { BuiltIndex } from "./indexBuilder.js";

/** Changes whenever the layout of the file changes. */
const FORMAT = "readout-snapshot-3";

/** A temporary file this old was left by a save that never finished. */
const ABANDONED_MS = 60 * 60 * 1000;

/** What a snapshot holds: what parsing and indexing the releases gave. */
export interface SnapshotContents {
  releases: Release[];
  /** The people each release names, in release order. */
  people: Person[][];
  /** What parsing warned about (files that could not be read are read again each time). */
  warnings: LoadWarning[];
  index: BuiltIndex;
}

/**
 * Where snapshots are kept unless CACHE_DIR says otherwise: beside the project's installed
 * packages, wherever the process was started from.
 */
export const DEFAULT_CACHE_DIR = fileURLToPath(
  new URL("../../../node_modules/.cache/readout", import.meta.url),
);

/**
 * The cache folder a CACHE_DIR setting names: the default when it is unset or empty, none for
 * "off".
 */
export function cacheDirFrom(setting: string | undefined): string | null {
  const value = setting?.trim();
  if (!value) return DEFAULT_CACHE_DIR;
  return value.toLowerCase() === "off" ? null : value;
}

/** Gives way to the event loop when it is time to; see Library.load's `background`. */
export type Pause = (() => Promise<void> | undefined) | null;

let codeFingerprint: string | null = null;

/**
 * A hash of what parsing and indexing are, besides their input: the source and data files of
 * src/knowledge and its folders, the stemmer's version, and the runtime's serializer and Unicode
 * tables.
 */
function fingerprintOfCode(): string {
  if (codeFingerprint) return codeFingerprint;
  // Every stage of reading and indexing lives under src/knowledge, one folder up.
  const folder = dirname(dirname(fileURLToPath(import.meta.url)));
  const hash = createHash("sha256");
  // The data files beside the code (the related words, say) shape the index too.
  const names = readdirSync(folder, { recursive: true, encoding: "utf8" }).sort();
  for (const name of names) {
    if (!/\.(ts|js|json)$/.test(name)) continue;
    hash
      .update(name)
      .update("\0")
      .update(readFileSync(join(folder, name)))
      .update("\0");
  }
  // The stemmer and the countries data (names, adjectives, capitals) shape the entries too.
  const versionOf = (name: string) => {
    const file = createRequire(import.meta.url).resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version;
  };
  const { v8, icu, unicode } = process.versions;
  hash.update(
    JSON.stringify({
      stemmer: versionOf("stemmer"),
      countries: versionOf("world-countries"),
      v8,
      icu,
      unicode,
    }),
  );
  codeFingerprint = hash.digest("hex");
  return codeFingerprint;
}

/**
 * Builds the key of the snapshot for a folder's files (every .txt file, readable or not, in name
 * order) and index settings, a file at a time as they are read.
 */
export class SnapshotKey {
  private readonly hash = createHash("sha256");

  constructor(settings: object) {
    this.hash.update(FORMAT).update("\0").update(fingerprintOfCode()).update("\0");
    this.hash.update(JSON.stringify(settings));
  }

  add(read: ReleaseRead): void {
    this.hash.update("\0").update(read.file).update("\0");
    if ("text" in read) this.hash.update("text\0").update(read.text);
    else this.hash.update("problem\0").update(read.problem);
  }

  digest(): string {
    return this.hash.digest("hex").slice(0, 32);
  }
}

/** The start of the names of a seeds folder's snapshot files in the cache folder. */
function prefixFor(seedsDir: string): string {
  return `${createHash("sha256").update(resolve(seedsDir)).digest("hex").slice(0, 16)}-`;
}

function snapshotPath(cacheDir: string, seedsDir: string, key: string): string {
  return join(cacheDir, `${prefixFor(seedsDir)}${key}.snapshot`);
}

/** The reason an error gives, as a short code or message for a sentence. */
function reasonOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message ?? String(error);
}

/**
 * A release as saved: each entry without what its release already holds (file and date), and
 * its text as a place in its paragraph when it is one, as parsing leaves nearly every statement.
 * Read back, the text is cut from the paragraph again and shares its characters, and repeated
 * names are one string, so a library read from a snapshot takes no more memory than one parsed.
 */
interface SavedRelease extends Omit<Release, "entries"> {
  entries: SavedEntry[];
}

interface SavedEntry {
  id: string;
  kind: Entry["kind"];
  speaker: string | null;
  reportedBy: string | null;
  letter: boolean;
  paragraph: number;
  context: string;
  /** The text, when it is not a stretch of its paragraph. */
  text?: string;
  /** Where the text starts in its paragraph, when it is a stretch of it. */
  at?: number;
  length: number;
}

function saved(release: Release): SavedRelease {
  const entries = release.entries.map((entry): SavedEntry => {
    const { id, kind, speaker, reportedBy, letter, context, text } = entry;
    const paragraph = entry.source.paragraph;
    const at = release.paragraphs[paragraph - 1]?.indexOf(text) ?? -1;
    const common = {
      id,
      kind,
      speaker,
      reportedBy,
      letter,
      paragraph,
      context,
      length: text.length,
    };
    return at >= 0 ? { ...common, at } : { ...common, text };
  });
  return { ...release, entries };
}

function restored(release: SavedRelease, names: Map<string, string>): Release {
  const intern = (name: string | null) => {
    if (name === null) return null;
    const known = names.get(name);
    if (known !== undefined) return known;
    names.set(name, name);
    return name;
  };
  const { file, date, dateText, paragraphs } = release;
  const entries = release.entries.map(
    (entry): Entry => ({
      id: entry.id,
      kind: entry.kind,
      speaker: intern(entry.speaker),
      reportedBy: intern(entry.reportedBy),
      letter: entry.letter,
      text:
        entry.at === undefined
          ? (entry.text ?? "")
          : (paragraphs[entry.paragraph - 1] ?? "").slice(entry.at, entry.at + entry.length),
      source: { file, date, dateText, paragraph: entry.paragraph },
      context: entry.context,
    }),
  );
  // The lead is the first paragraph: one string, as parsing leaves it.
  const lead = release.lead === paragraphs[0] ? paragraphs[0] : release.lead;
  return { ...release, lead, entries };
}

/** The typed arrays an index holds, by the name a saved index gives them. */
const ARRAY_TYPES = { Int32Array, Uint8Array, Uint16Array, Float64Array };
type ArrayTypeName = keyof typeof ARRAY_TYPES;
type IndexArray = InstanceType<(typeof ARRAY_TYPES)[ArrayTypeName]>;

/** Where a typed array of the index was: its bytes follow the index's part, in order. */
interface ArrayPlace {
  array: ArrayTypeName;
  length: number;
}

function isArrayPlace(value: unknown): value is ArrayPlace {
  return typeof value === "object" && value !== null && "array" in value && "length" in value;
}

/**
 * The index with each of its typed arrays (in it or in an object in it) replaced by its place,
 * and the arrays in order. The arrays, nearly all of an index's bytes, are then written as they
 * are, without a serialized copy, and read straight into arrays of their own.
 */
function withoutArrays(value: unknown, arrays: IndexArray[]): unknown {
  if (ArrayBuffer.isView(value)) {
    const array = value as IndexArray;
    const name = array.constructor.name as ArrayTypeName;
    if (!(name in ARRAY_TYPES)) throw new Error(`an index holds a ${name}`);
    arrays.push(array);
    return { array: name, length: array.length } satisfies ArrayPlace;
  }
  return eachField(value, (field) => withoutArrays(field, arrays));
}

/** Puts the arrays back where withoutArrays took them from, reading each from the file. */
function withArrays(value: unknown, read: (place: ArrayPlace) => IndexArray): unknown {
  if (isArrayPlace(value)) return read(value);
  if (value instanceof Map) {
    // Small arrays serialized inside a map are views into the part's buffer: each gets its own.
    for (const [key, entry] of value) {
      if (ArrayBuffer.isView(entry)) value.set(key, (entry as IndexArray).slice());
    }
    return value;
  }
  return eachField(value, (field) => withArrays(field, read));
}

/** A plain object with `change` applied to each field; anything else as it is. */
function eachField(value: unknown, change: (field: unknown) => unknown): unknown {
  if (
    value === null ||
    typeof value !== "object" ||
    Object.getPrototypeOf(value) !== Object.prototype
  ) {
    return value;
  }
  const copy: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) copy[name] = change(field);
  return copy;
}

/** A snapshot read back; `missing` when there is none for this key; `problem` when it was unusable. */
export type SnapshotRead = { contents: SnapshotContents } | { missing: true } | { problem: string };

/** Reads the part at `position`; null at the end of the file. */
function readPart(file: number, position: number): { value: unknown; next: number } | null {
  const prefix = Buffer.alloc(4);
  const got = readSync(file, prefix, 0, 4, position);
  if (got === 0) return null;
  if (got < 4) throw new Error("the file ends inside a part");
  const length = prefix.readUInt32LE(0);
  const body = Buffer.allocUnsafe(length);
  if (readSync(file, body, 0, length, position + 4) < length) {
    throw new Error("the file ends inside a part");
  }
  return { value: deserialize(body), next: position + 4 + length };
}

/** Reads the snapshot for `key`, if the cache folder holds one. */
export async function readSnapshot(
  cacheDir: string,
  seedsDir: string,
  key: string,
  pause: Pause = null,
): Promise<SnapshotRead> {
  const path = snapshotPath(cacheDir, seedsDir, key);
  let file: number;
  try {
    file = openSync(path, "r");
  } catch (error) {
    // No cache folder yet, or something else in its place (which saving will report).
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { missing: true };
    return { problem: `the saved index "${path}" cannot be read (${reasonOf(error)})` };
  }
  try {
    const header = readPart(file, 0);
    const head = header?.value as { format?: string; key?: string; releases?: number } | undefined;
    if (!header || head?.format !== FORMAT || head.key !== key) {
      return { problem: `the saved index "${path}" is not one this version wrote` };
    }
    const indexPart = readPart(file, header.next);
    if (!indexPart) throw new Error("the file ends before the index");
    const saved = indexPart.value as { index: unknown; warnings: LoadWarning[] };
    let position = indexPart.next;
    const index = withArrays(saved.index, (place) => {
      const type = ARRAY_TYPES[place.array];
      if (!type) throw new Error(`the index holds a ${place.array}`);
      const array = new type(place.length);
      const bytes = new Uint8Array(array.buffer);
      if (readSync(file, bytes, 0, bytes.length, position) < bytes.length) {
        throw new Error("the file ends inside the index");
      }
      position += bytes.length;
      return array;
    }) as BuiltIndex;
    const { warnings } = saved;
    const names = new Map<string, string>();
    const releases: Release[] = [];
    const people: Person[][] = [];
    for (let count = 0; count < (head.releases ?? 0); count++) {
      const part = readPart(file, position);
      if (!part) throw new Error("the file ends before its last release");
      const { release, named } = part.value as { release: SavedRelease; named: Person[] };
      releases.push(restored(release, names));
      people.push(named);
      position = part.next;
      await pause?.();
    }
    return { contents: { releases, people, warnings, index } };
  } catch (error) {
    return { problem: `the saved index "${path}" is damaged (${reasonOf(error)})` };
  } finally {
    closeSync(file);
  }
}

/** Temporary files being written, removed if the process exits before they are finished. */
const unfinished = new Set<string>();
let removesUnfinishedOnExit = false;

/** Per seeds folder: the save running or waiting last, and the number of the latest request. */
const saves = new Map<string, { last: Promise<void>; latest: number }>();

/**
 * Saves a snapshot under `key`, replacing the folder's previous one. Saves for one folder run one
 * after another, and a save that a later one supersedes (the folder changed again meanwhile) stops
 * and leaves the file to the later one. Written to a temporary file and renamed, so that a reader
 * sees the old snapshot or the new one, never half of one. Rejects with a sentence when it cannot
 * be saved.
 */
export function writeSnapshot(
  cacheDir: string,
  seedsDir: string,
  key: string,
  contents: SnapshotContents,
  pause: Pause = null,
): Promise<void> {
  const folder = resolve(seedsDir);
  const queue = saves.get(folder) ?? { last: Promise.resolve(), latest: 0 };
  const request = ++queue.latest;
  const superseded = () => queue.latest !== request;
  const run = queue.last.then(() =>
    superseded() ? undefined : save(cacheDir, seedsDir, key, contents, pause, superseded),
  );
  queue.last = run.catch(() => undefined);
  saves.set(folder, queue);
  void queue.last.then(() => {
    if (!superseded()) saves.delete(folder);
  });
  return run;
}

async function save(
  cacheDir: string,
  seedsDir: string,
  key: string,
  contents: SnapshotContents,
  pause: Pause,
  superseded: () => boolean,
): Promise<void> {
  if (!removesUnfinishedOnExit) {
    removesUnfinishedOnExit = true;
    process.once("exit", () => {
      for (const path of unfinished) rmSync(path, { force: true });
    });
  }
  const path = snapshotPath(cacheDir, seedsDir, key);
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  let file: number | null = null;
  let finished = false;
  try {
    mkdirSync(cacheDir, { recursive: true });
    file = openSync(temporary, "w");
    unfinished.add(temporary);
    const prefix = Buffer.alloc(4);
    const writePart = (value: unknown) => {
      const body = serialize(value);
      prefix.writeUInt32LE(body.length, 0);
      writeSync(file as number, prefix);
      writeSync(file as number, body);
    };
    writePart({ format: FORMAT, key, releases: contents.releases.length });
    const arrays: IndexArray[] = [];
    writePart({ index: withoutArrays(contents.index, arrays), warnings: contents.warnings });
    for (const array of arrays) {
      writeSync(file, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    }
    for (const [at, release] of contents.releases.entries()) {
      writePart({ release: saved(release), named: contents.people[at] ?? [] });
      await pause?.();
      if (superseded()) return;
    }
    const written = file;
    file = null;
    closeSync(written);
    renameSync(temporary, path);
    finished = true;
  } catch (error) {
    throw new Error(`The index could not be saved in "${cacheDir}" (${reasonOf(error)}).`);
  } finally {
    if (file !== null) {
      try {
        closeSync(file);
      } catch {
        // Already failing: the first error is the one to report.
      }
    }
    unfinished.delete(temporary);
    if (!finished) {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Nothing was written where nothing can be removed.
      }
    }
  }
  // The folder's older snapshots, and files left by a save that was cut short long ago.
  const prefix = prefixFor(seedsDir);
  for (const name of readdirSync(cacheDir)) {
    const other = join(cacheDir, name);
    if (!name.startsWith(prefix) || other === path) continue;
    const modified = statSync(other, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    const stale =
      name.endsWith(".snapshot") || (name.endsWith(".tmp") && Date.now() - modified > ABANDONED_MS);
    if (stale) rmSync(other, { force: true });
  }
}
