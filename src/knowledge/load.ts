import { readFileSync, statSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { LibraryError } from "./errors.js";
import type { LoadWarning } from "./types.js";

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
function decodeRelease(bytes: Uint8Array): { text: string } | { problem: string } {
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
 * Reads and decodes one release file, or says in a sentence why it was skipped. Synchronous:
 * a local file of a few kilobytes reads in microseconds, and thousands of promise round trips
 * cost start-up far more than the reading itself.
 */
export function readRelease(dir: string, file: string): ReleaseRead {
  return { file, ...readBytesOf(dir, file) };
}

function readBytesOf(dir: string, file: string): { text: string } | { problem: string } {
  let bytes: Uint8Array;
  try {
    // Reading a named pipe would wait for a writer forever, and a huge file is not worth
    // reading just to be skipped, so only a regular file of a release's size is opened.
    const info = statSync(join(dir, file));
    if (!info.isFile()) return { problem: "is not a regular file; it was skipped" };
    if (info.size > MAX_RELEASE_BYTES) return { problem: tooLarge(info.size) };
    bytes = readFileSync(join(dir, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    return { problem: `cannot be read (${code}); it was skipped` };
  }
  return decodeRelease(bytes);
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
