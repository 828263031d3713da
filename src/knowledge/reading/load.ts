import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
} from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import { LibraryError } from "../errors.js";
import type { LoadWarning } from "../types.js";

export interface ReleaseText {
  file: string;
  text: string;
}

/** Larger files are not press releases; reading one would stall start-up for nothing. */
export const MAX_RELEASE_BYTES = 2 * 1024 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });

function tooLarge(bytes: number): string {
  const megabytes = (bytes / 1024 / 1024).toFixed(1);
  return `is ${megabytes} MB, more than a release can be (2 MB); it was skipped`;
}

/** Decodes one release file, or says in a sentence why it cannot be a release. */
export function decodeRelease(bytes: Uint8Array): { text: string } | { problem: string } {
  if (bytes.length > MAX_RELEASE_BYTES) return { problem: tooLarge(bytes.length) };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: "is UTF-16 text, not UTF-8; save it as UTF-8 and it will load" };
  }
  if (bytes.includes(0)) return { problem: "looks like a binary file, not text; it was skipped" };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { problem: "is not UTF-8 text; save it as UTF-8 and it will load" };
  }
  if (text.replace(/^\uFEFF/, "").trim() === "") return { problem: "is empty; it was skipped" };
  return { text };
}

/**
 * SEEDS_LINKS: "inside" follows a symbolic link whose real path stays inside the seeds folder;
 * unset or "refuse" refuses every link. Anything else is a LibraryError naming the two values.
 */
export function followsLinksInside(setting: string | undefined): boolean {
  const value = setting?.trim().toLowerCase() ?? "";
  if (value === "" || value === "refuse") return false;
  if (value === "inside") return true;
  throw new LibraryError(
    'SEEDS_LINKS must be "refuse" (the default: symbolic links in the seeds folder are not read) or "inside" (links whose real path stays inside the folder are read).',
  );
}

/** How a release file is opened: never through a link, and never waiting on a pipe or device. */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * Reads and decodes one release file, or says in a sentence why it was skipped. Synchronous:
 * a local file of a few kilobytes reads in microseconds, and thousands of promise round trips
 * cost start-up far more than the reading itself.
 *
 * A symbolic link is refused: a link named like a release could show any file the bot can read
 * (its .env with the token) to everyone who asks. With `followLinksInside`, a link whose real
 * path stays inside the folder is read.
 */
export function readRelease(dir: string, file: string, followLinksInside = false): ReleaseRead {
  return { file, ...readBytesOf(dir, file, followLinksInside) };
}

function readBytesOf(
  dir: string,
  file: string,
  followLinksInside: boolean,
): { text: string } | { problem: string } {
  let path = join(dir, file);
  let descriptor: number | undefined;
  let bytes: Uint8Array;
  try {
    const linked = followLinksInside && lstatSync(path).isSymbolicLink();
    if (linked) {
      const target = linkTargetInside(dir, file);
      if (target === null) {
        return { problem: "is a symbolic link to a file outside the seeds folder; it was skipped" };
      }
      path = target;
    }
    // The file is checked once opened, so it cannot be swapped for a pipe or a link between the
    // check and the read; a pipe opened without blocking is then refused for what it is.
    descriptor = openSync(path, OPEN_FLAGS);
    const info = fstatSync(descriptor);
    if (!info.isFile()) return { problem: "is not a regular file; it was skipped" };
    // O_NOFOLLOW guards only the last part of a path: a folder on the way to a link's target
    // could have been swapped for a link out between the check and the open. The file opened
    // must still be the one the link leads to inside the folder.
    if (linked && !isSameFile(info, linkTargetInside(dir, file))) {
      return { problem: "changed while it was being read; it was skipped" };
    }
    if (info.size > MAX_RELEASE_BYTES) return { problem: tooLarge(info.size) };
    bytes = readUpTo(descriptor, info.size);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    if (code === "ELOOP") {
      return {
        problem:
          "is a symbolic link, and links in the seeds folder are not followed; copy the release into the folder instead",
      };
    }
    return { problem: `cannot be read (${code}); it was skipped` };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
  return decodeRelease(bytes);
}

/** Where a link in the folder leads, when that is inside the folder; null when it leads out. */
function linkTargetInside(dir: string, file: string): string | null {
  const target = realpathSync(join(dir, file));
  return target.startsWith(realpathSync(dir) + sep) ? target : null;
}

function isSameFile(opened: Stats, path: string | null): boolean {
  if (path === null) return false;
  const current = statSync(path);
  return current.ino === opened.ino && current.dev === opened.dev;
}

/** The file's bytes, up to one past the size it had when opened, so a file still growing is caught. */
function readUpTo(descriptor: number, size: number): Uint8Array {
  const buffer = Buffer.alloc(Math.min(size, MAX_RELEASE_BYTES) + 1);
  let filled = 0;
  while (filled < buffer.length) {
    const read = readSync(descriptor, buffer, filled, buffer.length - filled, null);
    if (read === 0) break;
    filled += read;
  }
  return buffer.subarray(0, filled);
}

/** A release file read: its text, or why it was skipped. */
export type ReleaseRead = { file: string; text: string } | { file: string; problem: string };

/** The .txt release names of a folder, sorted; a LibraryError when there is nothing to read. */
export async function releaseNamesIn(dir: string): Promise<string[]> {
  let names: string[];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) {
      throw new LibraryError(`The seeds path "${dir}" is a file, not a folder of releases.`);
    }
    names = await readdir(dir);
  } catch (error) {
    if (error instanceof LibraryError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new LibraryError(
        `The seeds folder "${dir}" does not exist. Point --seeds or SEEDS_DIR at a folder of .txt releases.`,
      );
    }
    throw new LibraryError(
      `The seeds folder "${dir}" cannot be read (${code ?? "unknown error"}).`,
    );
  }
  const releaseNames = names.filter((name) => name.toLowerCase().endsWith(".txt")).sort();
  if (releaseNames.length === 0) {
    throw new LibraryError(
      `The seeds folder "${dir}" holds no .txt releases. Add a release, one paragraph a line.`,
    );
  }
  return releaseNames;
}

/** The error for a folder none of whose releases could be read, naming why for each. */
export function nothingReadable(dir: string, warnings: readonly LoadWarning[]): LibraryError {
  const reasons = warnings.map((warning) => `${warning.file} ${warning.message}`).join("; ");
  return new LibraryError(`No release in "${dir}" could be loaded: ${reasons}.`);
}
