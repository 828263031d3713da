/**
 * What /verify knows of a library, built once per library in the background: each statement's
 * normalized text and terms, who narrates each quote, and who holds each office, so that a claim
 * is checked against the release without reading it again.
 */

import type { Library } from "../library/library.js";
import { isSlipOf } from "../reading/nameRuns.js";
import { nationalityIn, titleOfRole } from "../reading/people.js";
import { finish, finishGivingWay, givingWay, type Steps } from "../steps.js";
import type { Entry, Speaker } from "../types.js";
import { foldCountries, foldText, indexTerms } from "../words/text.js";
import { normalized } from "./diff.js";

export interface Role {
  title: string;
  nationality: string | null;
}

export interface EntryIndex {
  entry: Entry;
  /** The text normalised, with the editor's [insertions] and without them. */
  forms: string[];
}

export interface ClaimIndex {
  entries: EntryIndex[];
  /** How many entries each stem occurs in, for weighting rare words up. */
  documentFrequency: Map<string, number>;
  /** Stems of people's names: a quote often says "he" or "your President" where a claim names them. */
  nameTerms: Set<string>;
  /** Narration that introduces the quotes of one speaker, and that speaker. */
  narratorOf: Map<Entry, string>;
  nameForms: Map<Speaker, string[]>;
  roles: Map<Speaker, Role[]>;
}

const indexes = new WeakMap<Library, ClaimIndex>();
/** Entries read between two steps of building the claim index. */
const ENTRIES_PER_STEP = 256;

export function indexFor(library: Library): ClaimIndex {
  return indexes.get(library) ?? remember(library, finish(buildingClaimIndex(library)));
}

export function remember(library: Library, index: ClaimIndex): ClaimIndex {
  const first = indexes.get(library) ?? index;
  indexes.set(library, first);
  return first;
}

/**
 * Builds the index /verify reads ahead of the first claim, giving way to the event loop as it
 * goes: built on the first claim instead, it would hold a bot with a thousand releases for most
 * of a second. A claim checked before it is done builds the index at once.
 */
export async function prepareVerify(library: Library): Promise<void> {
  if (indexes.has(library)) return;
  remember(library, await finishGivingWay(buildingClaimIndex(library), givingWay()));
}

export function* buildingClaimIndex(library: Library): Steps<ClaimIndex> {
  const entries: EntryIndex[] = [];
  const documentFrequency = new Map<string, number>();
  for (const [position, entry] of library.entries.entries()) {
    if (position % ENTRIES_PER_STEP === 0) yield;
    entries.push({
      entry,
      forms: [
        ...new Set([normalized(entry.text), normalized(entry.text.replace(/\[[^\]]*\]/g, " "))]),
      ],
    });
    for (const term of new Set(indexTerms(entry.text))) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const narratorOf = yield* narrators(library.entries);
  const speakers = library.speakers();
  const nameForms = new Map<Speaker, string[]>();
  for (const [position, speaker] of speakers.entries()) {
    if (position % ENTRIES_PER_STEP === 0) yield;
    nameForms.set(speaker, library.speakerRegistry.nameForms(speaker));
  }
  yield;
  return {
    entries,
    documentFrequency,
    nameTerms: new Set([...nameForms.values()].flatMap((forms) => indexTerms(forms.join(" ")))),
    narratorOf,
    nameForms,
    roles: new Map(
      speakers.map((speaker) => [speaker, speaker.aliases.flatMap((alias) => roleOf(alias) ?? [])]),
    ),
  };
}

/**
 * "He proposed discussing a number of issues", "John Coale specifically pointed out the fact that
 * …": narration in a paragraph whose quotes are all one person's reports what that person said.
 */
export function* narrators(entries: readonly Entry[]): Steps<Map<Entry, string>> {
  const quotedIn = new Map<string, Set<string>>();
  for (const [position, entry] of entries.entries()) {
    if (position % ENTRIES_PER_STEP === 0) yield;
    if (entry.kind !== "quote" || entry.speaker === null) continue;
    const place = `${entry.source.file}#${entry.source.paragraph}`;
    const speakers = quotedIn.get(place) ?? new Set<string>();
    speakers.add(entry.speaker);
    quotedIn.set(place, speakers);
  }
  const narrated = new Map<Entry, string>();
  for (const [position, entry] of entries.entries()) {
    if (position % ENTRIES_PER_STEP === 0) yield;
    const speakers = quotedIn.get(`${entry.source.file}#${entry.source.paragraph}`);
    const [only] = speakers ?? [];
    if (entry.kind === "fact" && speakers?.size === 1 && only) narrated.set(entry, only);
  }
  return narrated;
}

/** Words of a role phrase, with "head of state" as one office and possessives split off. */
export function roleWords(phrase: string): string[] {
  return foldCountries(foldText(phrase).replace(/head of (?:the )?state/g, "headofstate"))
    .replace(/'s\b/g, " 's")
    .replace(/\./g, "")
    .split(/[^\p{L}']+/u)
    .filter(Boolean);
}

/** The office a phrase names: its head noun, before any "of …" and after any "…'s". */
export function roleOf(phrase: string): Role | null {
  const words = roleWords(phrase);
  const title = titleOfRole(words);
  return title === null ? null : { title, nationality: nationalityIn(words) };
}

/** The one person who holds an office; among several, the most quoted, as the registry does. */
export function holderOf(index: ClaimIndex, role: Role): Speaker | null {
  for (const [speaker, roles] of index.roles) {
    const nationality = roles.map((held) => held.nationality).find(Boolean) ?? null;
    const holds = roles.some((held) => held.title === role.title);
    if (holds && (role.nationality === null || nationality === role.nationality)) return speaker;
  }
  return null;
}

/** The speaker a written name means, checked against their name forms so "Biden" is no one. */
export function speakerNamed(library: Library, index: ClaimIndex, name: string): Speaker | null {
  const written = name
    .split(/\s+/)
    .map((token) => foldText(token).replace(/[^\p{L}-]/gu, ""))
    .filter(Boolean);
  const candidates = [...index.nameForms].filter(([, forms]) =>
    written.some((token) => forms.some((form) => token === form || isSlipOf(token, form))),
  );
  if (candidates.length <= 1) return candidates[0]?.[0] ?? null;
  const resolved = library.resolveSpeaker(name);
  return candidates.find(([speaker]) => speaker === resolved)?.[0] ?? candidates[0]?.[0] ?? null;
}
