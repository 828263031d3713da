import { readdir, readFile, stat } from "node:fs/promises";
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

/** How many release files are read at once. */
const READ_CONCURRENCY = 16;

/** Reads and decodes one release file, or says in a sentence why it was skipped. */
async function readRelease(
  dir: string,
  file: string,
): Promise<{ text: string } | { problem: string }> {
  let bytes: Uint8Array;
  try {
    // Reading a named pipe would wait for a writer forever, and a huge file is not worth
    // reading just to be skipped, so only a regular file of a release's size is opened.
    const info = await stat(join(dir, file));
    if (!info.isFile()) return { problem: "is not a regular file; it was skipped" };
    if (info.size > MAX_RELEASE_BYTES) return { problem: tooLarge(info.size) };
    bytes = await readFile(join(dir, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    return { problem: `cannot be read (${code}); it was skipped` };
  }
  return decodeRelease(bytes);
}

/**
 * Reads every .txt release in a folder. A file that cannot be read is a warning and the others
 * still load; a folder with nothing readable is an error, since nothing could be answered.
 */
export async function readReleaseFolder(
  dir: string,
): Promise<{ texts: ReleaseText[]; warnings: LoadWarning[] }> {
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
  // Files are read a few at a time (a folder may hold thousands) and taken in name order.
  const outcomes = new Array<{ text: string } | { problem: string }>(releaseNames.length);
  let next = 0;
  const reader = async () => {
    for (let index = next++; index < releaseNames.length; index = next++) {
      outcomes[index] = await readRelease(dir, releaseNames[index] ?? "");
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(READ_CONCURRENCY, releaseNames.length) }, reader),
  );
  const texts: ReleaseText[] = [];
  const warnings: LoadWarning[] = [];
  releaseNames.forEach((file, index) => {
    const outcome = outcomes[index] ?? { problem: "cannot be read; it was skipped" };
    if ("problem" in outcome) warnings.push({ file, message: outcome.problem });
    else texts.push({ file, text: outcome.text });
  });
  if (texts.length === 0) {
    const reasons = warnings.map((warning) => `${warning.file} ${warning.message}`).join("; ");
    throw new LibraryError(`No release in "${dir}" could be loaded: ${reasons}.`);
  }
  return { texts, warnings };
}
