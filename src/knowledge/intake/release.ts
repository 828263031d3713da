/**
 * Adding a release to the seeds folder, and taking one out, from wherever it comes: a file (text
 * or a saved web page), a pasted text or a link. A release is read, parsed and checked before
 * anything is written; it is written to a hidden temporary file and renamed into place, so the
 * library (which reloads on any .txt change) never reads half a release. A removed release is
 * moved to `.removed/`, never deleted.
 */
import { randomBytes } from "node:crypto";
import { access, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { LibraryError } from "../errors.js";
import { decodeRelease, MAX_RELEASE_BYTES } from "../reading/load.js";
import { parseRelease } from "../reading/parse.js";
import { type FetchOptions, fetchPage } from "./fetch.js";

/** Where a release comes from. A file is given by its bytes, or by a link to them (an attachment). */
export type ReleaseSource =
  | { kind: "file"; name: string; bytes: Uint8Array }
  | { kind: "attachment"; name: string; url: string; size: number }
  | { kind: "text"; text: string }
  | { kind: "url"; url: string };

/** What was understood of a release, to show before or after it is added. */
export interface ReleaseSummary {
  /** The file name in the seeds folder. */
  file: string;
  title: string | null;
  /** ISO date, or the day and month as printed when the release gives no year; null when neither. */
  date: string | null;
  speakers: Array<{ name: string; quotes: number }>;
  statements: number;
  warnings: string[];
}

/** A release that cannot be added: the message is a sentence the person adding it can act on. */
export class ReleaseRefused extends LibraryError {
  override name = "ReleaseRefused";
}

/** Where the removed releases go, inside the seeds folder; the library reads only top-level .txt files. */
export const REMOVED_FOLDER = ".removed";

/** The file types a release may come in, by extension. */
const TEXT_FILES = new Set([".txt"]);
const PAGE_FILES = new Set([".html", ".htm"]);
/** The most characters of a title kept in a file name. */
const NAME_TITLE_MAX = 60;

export interface IntakeOptions {
  /** How links are fetched (see fetch.ts); `allowLoopback` is for tests only. */
  fetch?: FetchOptions;
}

/** A release file on this machine, for the command line and the console; refuses one over 2 MB. */
export async function readReleaseFile(path: string): Promise<{ name: string; bytes: Uint8Array }> {
  try {
    if ((await stat(path)).size > MAX_RELEASE_BYTES) {
      throw new ReleaseRefused(`${path} is larger than 2 MB, more than a press release can be.`);
    }
    return { name: basename(path), bytes: await readFile(path) };
  } catch (error) {
    if (error instanceof LibraryError) throw error;
    throw new ReleaseRefused(
      `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? "unknown error"}).`,
    );
  }
}

/** The release text a source holds, and the link it came from if any. */
export async function releaseText(
  source: ReleaseSource,
  options: IntakeOptions = {},
): Promise<{ text: string; url: string | null }> {
  switch (source.kind) {
    case "text":
      return { text: checkedSize(source.text), url: null };
    case "file":
      return { text: await fileText(source.name, source.bytes), url: null };
    case "attachment": {
      kindOfFile(source.name);
      if (source.size > MAX_RELEASE_BYTES) throw new ReleaseRefused(tooLarge());
      const page = await fetchPage(source.url, options.fetch);
      return { text: await textOfFile(source.name, page.body), url: null };
    }
    case "url": {
      const page = await fetchPage(source.url, options.fetch);
      const text =
        page.contentType === "text/html"
          ? await pageText(page.body, page.url)
          : checkedSize(page.body);
      return { text, url: page.url };
    }
  }
}

function tooLarge(): string {
  return "The release is larger than 2 MB, more than a press release can be.";
}

function checkedSize(text: string): string {
  if (Buffer.byteLength(text, "utf8") > MAX_RELEASE_BYTES) throw new ReleaseRefused(tooLarge());
  return text;
}

function kindOfFile(name: string): "text" | "page" {
  const extension = extname(name).toLowerCase();
  if (TEXT_FILES.has(extension)) return "text";
  if (PAGE_FILES.has(extension)) return "page";
  throw new ReleaseRefused(
    `"${basename(name)}" is not a .txt or .html file. Attach the release as text, or as the press service's page saved as HTML.`,
  );
}

async function fileText(name: string, bytes: Uint8Array): Promise<string> {
  const kind = kindOfFile(name);
  const decoded = decodeRelease(bytes);
  if ("problem" in decoded) throw new ReleaseRefused(`The file ${decoded.problem.split(";")[0]}.`);
  return kind === "page" ? pageText(decoded.text, null) : decoded.text;
}

async function textOfFile(name: string, body: string): Promise<string> {
  if (body.includes("\u0000")) {
    throw new ReleaseRefused(`"${basename(name)}" looks like a binary file, not text.`);
  }
  return kindOfFile(name) === "page" ? pageText(body, null) : checkedSize(body);
}

async function pageText(html: string, url: string | null): Promise<string> {
  // Readability and its DOM take a fifth of a second to load: only a page to read pays for it.
  const { releaseTextFromHtml } = await import("./html.js");
  const page = releaseTextFromHtml(html, url ?? undefined);
  if (page.text === "") {
    throw new ReleaseRefused(
      "No article could be found on that page. Save the release's own page, or paste its text.",
    );
  }
  return page.text;
}

/** The release as it would be added: its file name, text and what was understood of it. */
export interface ReleaseDraft {
  text: string;
  summary: ReleaseSummary;
}

/**
 * Parses and checks a release text; throws ReleaseRefused when it holds no statement. The file
 * name is made from its date and title and is new in the folder.
 */
export async function draftRelease(text: string, seedsDir: string): Promise<ReleaseDraft> {
  const cleaned = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .trim();
  if (cleaned === "") throw new ReleaseRefused("The release is empty: there is nothing to add.");
  checkedSize(cleaned);
  const { release, warnings } = parseRelease("draft.txt", cleaned);
  if (release.entries.length === 0) {
    throw new ReleaseRefused(
      "No statement could be read from that text. A release needs its paragraphs one a line, with what was said in quotation marks.",
    );
  }
  const quotes = new Map<string, number>();
  for (const entry of release.entries) {
    if (entry.kind === "quote" && entry.speaker) {
      quotes.set(entry.speaker, (quotes.get(entry.speaker) ?? 0) + 1);
    }
  }
  const date = release.date ?? release.dateText;
  const stem = fileStem(release.date, release.title ?? release.lead);
  return {
    text: `${cleaned}\n`,
    summary: {
      file: await freeName(seedsDir, stem),
      title: release.title,
      date,
      speakers: [...quotes].map(([name, count]) => ({ name, quotes: count })),
      statements: release.entries.length,
      warnings: warnings.map((warning) =>
        warning.paragraph ? `¶${warning.paragraph}: ${warning.message}` : warning.message,
      ),
    },
  };
}

/** "2025-09-11-lukashenko-met-with-coale": the date, then the title's words, in plain letters. */
function fileStem(date: string | null, title: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  let slug = "";
  for (const word of words.split(" ")) {
    if (word === "" || slug.length + word.length + 1 > NAME_TITLE_MAX) break;
    slug = slug ? `${slug}-${word}` : word;
  }
  return [date ?? "undated", slug || "release"].join("-");
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** The stem's file name, or with "-2", "-3" … when a release of that name is already there. */
async function freeName(seedsDir: string, stem: string): Promise<string> {
  for (let number = 1; ; number++) {
    const name = number === 1 ? `${stem}.txt` : `${stem}-${number}.txt`;
    if (!(await exists(join(seedsDir, name)))) return name;
  }
}

/**
 * Writes a checked release into the seeds folder: to a hidden temporary file first, then renamed
 * into place, so a half-written release is never loaded. Refuses a text that is already there.
 */
export async function saveRelease(draft: ReleaseDraft, seedsDir: string): Promise<ReleaseSummary> {
  const { summary } = draft;
  const target = join(seedsDir, summary.file);
  const temporary = join(seedsDir, `.adding-${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, draft.text, { flag: "wx" });
    if (await exists(target)) {
      throw new ReleaseRefused(`A release named ${summary.file} was added meanwhile; try again.`);
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    if (error instanceof ReleaseRefused) throw error;
    throw new ReleaseRefused(
      `The release could not be written to the seeds folder (${(error as NodeJS.ErrnoException).code ?? "unknown error"}).`,
    );
  }
  return summary;
}

/** Reads, checks and adds a release: what was understood of it. Throws ReleaseRefused or FetchRefused. */
export async function addRelease(
  source: ReleaseSource,
  seedsDir: string,
  options: IntakeOptions = {},
): Promise<ReleaseSummary & { url: string | null }> {
  const { text, url } = await releaseText(source, options);
  const draft = await draftRelease(text, seedsDir);
  const existing = await sameTextIn(seedsDir, draft.text);
  if (existing) throw new ReleaseRefused(`That release is already in the library, as ${existing}.`);
  return { ...(await saveRelease(draft, seedsDir)), url };
}

/** The release file in the folder whose text is the same, if one is. */
async function sameTextIn(seedsDir: string, text: string): Promise<string | null> {
  for (const name of await readdir(seedsDir)) {
    if (!name.toLowerCase().endsWith(".txt")) continue;
    try {
      const other = await readFile(join(seedsDir, name), "utf8");
      if (other.trim() === text.trim()) return name;
    } catch {
      // A file that cannot be read is not the same release.
    }
  }
  return null;
}

/**
 * Moves a release file (by its file name, or its id: the name without .txt) out of the seeds
 * folder into `.removed/`; returns the file name. A file of the same name removed before is kept
 * too: the later one gets the time in its name.
 */
export async function removeRelease(release: string, seedsDir: string): Promise<string> {
  const file = release.toLowerCase().endsWith(".txt") ? release : `${release}.txt`;
  if (basename(file) !== file || file.startsWith(".") || file.includes("\u0000")) {
    throw new ReleaseRefused(`"${release}" is not a release in the library.`);
  }
  const from = join(seedsDir, file);
  if (!(await exists(from)))
    throw new ReleaseRefused(`"${release}" is not a release in the library.`);
  const releases = (await readdir(seedsDir)).filter((name) => name.toLowerCase().endsWith(".txt"));
  if (releases.length <= 1) {
    throw new ReleaseRefused(
      `${file} is the only release, and Readout needs one to answer from. Add another release before removing it.`,
    );
  }
  const removed = join(seedsDir, REMOVED_FOLDER);
  await mkdir(removed, { recursive: true });
  let to = join(removed, file);
  if (await exists(to)) to = join(removed, `${file.slice(0, -4)}-${Date.now()}.txt`);
  await rename(from, to);
  return file;
}
