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

/** Decodes one release file, or says in a sentence why it cannot be a release. */
export function decodeRelease(bytes: Uint8Array): { text: string } | { problem: string } {
  if (bytes.length > MAX_RELEASE_BYTES) {
    const megabytes = (bytes.length / 1024 / 1024).toFixed(1);
    return { problem: `is ${megabytes} MB, more than a release can be (2 MB); it was skipped` };
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
  const texts: ReleaseText[] = [];
  const warnings: LoadWarning[] = [];
  for (const file of releaseNames) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(join(dir, file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
      warnings.push({ file, message: `cannot be read (${code}); it was skipped` });
      continue;
    }
    const decoded = decodeRelease(bytes);
    if ("problem" in decoded) warnings.push({ file, message: decoded.problem });
    else texts.push({ file, text: decoded.text });
  }
  if (texts.length === 0) {
    const reasons = warnings.map((warning) => `${warning.file} ${warning.message}`).join("; ");
    throw new LibraryError(`No release in "${dir}" could be loaded: ${reasons}.`);
  }
  return { texts, warnings };
}
