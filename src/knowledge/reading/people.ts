import { finish, type Steps } from "../steps.js";
import { foldCountries, isEnglishWord, isStopWord } from "../words/text.js";
import {
  CAPITALS,
  KNOWN_PEOPLE,
  type KnownPerson,
  NATIONALITIES,
  TITLE_GROUPS,
} from "./catalogue.js";
import { isSlipOf, type NameRun, nameRuns, SPEECH_VERB_WORDS } from "./nameRuns.js";

export interface Person {
  name: string;
  firstName: string | null;
  surname: string;
  nationality: string | null;
  /** Office groups (see TITLE_GROUPS): "president", "envoy", … */
  titles: Set<string>;
  /** Other ways the release or common usage names this person. */
  aliases: Set<string>;
  mentions: number;
  principal: boolean;
}

function lowerWords(text: string): string[] {
  return foldCountries(text.toLowerCase().replace(/head of (?:the )?state/g, "headofstate"))
    .replace(/['’]s\b/g, " 's")
    .split(/[^\p{L}'’]+/u)
    .filter(Boolean);
}

/** The first nationality among words ("belarusian", "american" …), as its country. */
export function nationalityIn(words: readonly string[]): string | null {
  for (const word of words) {
    const nationality = NATIONALITIES[word];
    if (nationality) return nationality;
  }
  return null;
}

/** The nationality nearest the end of the words: the one that goes with an office after them. */
function lastNationalityIn(words: readonly string[]): string | null {
  for (let index = words.length - 1; index >= 0; index--) {
    const nationality = NATIONALITIES[words[index] ?? ""];
    if (nationality) return nationality;
  }
  return null;
}

/** Words that may stand inside an office's name in title case: "Head of the … (SVR)". */
const OFFICE_JOINERS = new Set(["of", "the", "for", "and", "on"]);
const OFFICE_WORD = /^(?:\p{Lu}[\p{L}.'’-]*|\(\p{Lu}[\p{Lu}\p{Ll}]*\))$/u;

/**
 * The office written in title case right before a name, when the name does not follow its title
 * word at once: "Governor of Russia's Primorye Territory Oleg Kozhemyako", "Head of Russia's
 * Foreign Intelligence Service (SVR) Sergei Naryshkin". The phrase runs back over capitalised
 * words, abbreviations in brackets and the small words of an office's name.
 */
function officeBefore(paragraph: string, start: number): string | null {
  const words = paragraph.slice(Math.max(0, start - 160), start).split(/\s+/);
  if (words.at(-1) === "") words.pop();
  // "the Secretary of Foreign Affairs, Marcelo Ebrard": the office may stand apart by a comma.
  const lastWord = words.at(-1);
  const apart = lastWord?.endsWith(",") ?? false;
  if (apart && lastWord) words[words.length - 1] = lastWord.slice(0, -1);
  let first = words.length;
  while (first > 0) {
    const word = (words[first - 1] ?? "").replace(/['’]s$/, "");
    // A headline capitalises every word ("… Of State To NATO …"): its small words end the phrase.
    if (OFFICE_WORD.test(word) && isStopWord(word.toLowerCase())) break;
    if (!OFFICE_WORD.test(word) && !OFFICE_JOINERS.has(word)) break;
    first--;
  }
  // "President elect of …", "Minister designate of …": one lower-case word after the office.
  if (first >= 2 && TITLE_GROUPS[(words[first - 2] ?? "").toLowerCase()]) first -= 2;
  // The phrase opens with its office, not with a joining word.
  while (first < words.length && OFFICE_JOINERS.has(words[first] ?? "")) first++;
  if (words.length - first < 3) return null;
  // Between two commas the office describes someone named before it ("Wang Yi, member of the
  // State Council, Minister of Foreign Affairs of China, Kazinform News Agency reports"), unless
  // what stands before it is a short opening ("Today, Secretary of Foreign Affairs, …").
  if (apart && words[first - 1]?.endsWith(",") && clauseLength(words, first - 1) >= 3) return null;
  // It is an office only if it opens with one, after any country: "Governor of …", "U.S.
  // Secretary of …".
  let opening = first;
  while (opening < words.length - 1 && nationalityIn(lowerWords(words[opening] ?? ""))) opening++;
  if (!TITLE_GROUPS[(words[opening] ?? "").toLowerCase()]) return null;
  return words.slice(first).join(" ");
}

/**
 * An acronym followed by a common word names an organisation or an event, not a person: "NATO
 * Summit", "NATO Allies". A surname in capitals before a given name ("MOTEGI Toshimitsu", as
 * Japan's foreign ministry writes it) is a person.
 */
function isOrganisation(tokens: readonly string[]): boolean {
  const [first = "", ...rest] = tokens;
  const last = rest.at(-1);
  return (
    first.length >= 2 &&
    first === first.toUpperCase() &&
    last !== undefined &&
    isEnglishWord(last.toLowerCase())
  );
}

/** How many words the clause ending with words[last] has, back to a comma or a full stop. */
function clauseLength(words: readonly string[], last: number): number {
  let first = last;
  while (first > 0 && !/[,.]$/.test(words[first - 1] ?? "")) first--;
  return last - first + 1;
}

/** The office a role phrase names: its head noun, before any "of …" and after any "…'s". */
export function titleOfRole(words: readonly string[]): string | null {
  const ofIndex = words.indexOf("of");
  let head = ofIndex >= 0 ? words.slice(0, ofIndex) : [...words];
  const possessiveIndex = head.lastIndexOf("'s");
  if (possessiveIndex >= 0) head = head.slice(possessiveIndex + 1);
  for (let index = head.length - 1; index >= 0; index--) {
    const group = TITLE_GROUPS[head[index] ?? ""];
    if (group) return group;
  }
  return null;
}

const CATALOGUE_FORMS = KNOWN_PEOPLE.map((known) => {
  const forms = [known.name, ...known.variants].map((form) => form.toLowerCase());
  return { known, forms, surnames: forms.map((form) => form.split(" ").at(-1) ?? "") };
});
/** The same names come up in release after release; the answer depends on the name alone. */
const catalogueCache = new Map<string, KnownPerson | null>();

function catalogueEntryFor(tokens: readonly string[]): KnownPerson | undefined {
  const key = tokens.join(" ");
  const cached = catalogueCache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const written = key.toLowerCase();
  const surname = tokens[tokens.length - 1]?.toLowerCase() ?? "";
  const found = CATALOGUE_FORMS.find(({ forms, surnames }) => {
    if (forms.includes(written)) return true;
    return surnames.some(
      (knownSurname) => tokens.length > 1 && surname.length >= 5 && isSlipOf(surname, knownSurname),
    );
  })?.known;
  if (catalogueCache.size > 50_000) catalogueCache.clear();
  catalogueCache.set(key, found ?? null);
  return found;
}

/** Offices that different governments name differently: a Mexican Secretary is a minister. */
const SAME_OFFICES: Readonly<Record<string, string[]>> = {
  minister: ["secretary"],
  secretary: ["minister"],
  premier: ["chancellor"],
  chancellor: ["premier"],
  head: ["director", "chairman"],
  director: ["head"],
  chairman: ["head"],
};

/** "The Italian diplomat" may be the ambassador, the envoy or the minister. */
const DIPLOMATIC_OFFICES = ["ambassador", "envoy", "minister", "secretary"];

/** Words between a name and its verb that do not stop it being the verb's subject. */
const PASSING_WORDS = new Set(["in", "turn", "also", "then", "further", "however", "again"]);

/** An office's "of" right before a name: "Secretary of the Interior Deb Haaland". */
const OFFICE_OF_BEFORE = /(\p{L}+) of (?:the )?$/u;

/**
 * Whether the word a name run opens with, at `start`, names the department of an office: an
 * English word after an office's "of" ("Secretary of the Interior Deb Haaland"). After another
 * "of" it may be a first name ("the visit of Bill de Blasio").
 */
function isDepartment(paragraph: string, start: number, word: string): boolean {
  const office = OFFICE_OF_BEFORE.exec(paragraph.slice(Math.max(0, start - 40), start));
  return TITLE_GROUPS[(office?.[1] ?? "").toLowerCase()] !== undefined && isEnglishWord(word);
}

/** An honorific right before a name: "Mr", "H.E.", "His Excellency," and their like. */
const HONORIFIC_BEFORE =
  /(?:(?<!\p{L})(?:Mr|Mrs|Ms|Dr|Madam|Hon|Honou?rable|Sir|Dame)\.?|(?<!\p{L})H\.\s?E\.|(?<!\p{L})Excellency,?)\s+$/u;
/** The longest honorific with its spacing: only this much before a name is read for one. */
const HONORIFIC_REACH = 16;

/** Whether an honorific stands right before the text's character at `start`. */
function honorificBefore(text: string, start: number): boolean {
  // One character more than the reach, so that the lookbehinds see where a word begins.
  return HONORIFIC_BEFORE.test(text.slice(Math.max(0, start - HONORIFIC_REACH - 1), start));
}

/** Words that stand before a name without being part of it: honorifics and office modifiers. */
const NAME_PREFIXES = new Set(
  "mr mrs ms dr hon honourable honorable sir dame excellency deputy vice state foreign first prime acting former chief".split(
    " ",
  ),
);

/**
 * A run of capitalised words without the offices, nationalities and honorifics that open it
 * ("State Secretary Anna Weiss" → "Anna Weiss"), keeping two words at least ("President Putin").
 */
function withoutLeadingTitles(paragraph: string, run: NameRun): NameRun {
  let drop = 0;
  while (run.tokens.length - drop > 2) {
    const word = (run.tokens[drop] ?? "").toLowerCase().replace(/\.$/, "");
    const title = TITLE_GROUPS[word] ?? NATIONALITIES[word];
    if (title === undefined && !NAME_PREFIXES.has(word)) {
      if (drop > 0 || !isDepartment(paragraph, run.start, word)) break;
    }
    drop++;
  }
  if (drop === 0) return run;
  const tokens = run.tokens.slice(drop);
  const start = paragraph.indexOf(tokens[0] ?? "", run.start);
  return { tokens, start: start < 0 ? run.start : start, end: run.end };
}

/**
 * The most people one release is read for. A meeting names a few dozen at most; past this the
 * text is a list of names, not a cast, and every name looked up would be compared with all of
 * them. The most named are kept.
 */
export const MAX_PEOPLE = 200;
/** Name candidates compared with the people found so far between two steps. */
const CANDIDATES_PER_STEP = 64;

/**
 * The people of one release: who is named, in which office, and under which other names. Built
 * from the release's own text (names with an office beside them, names with a speech verb) and
 * the catalogue of people the press service writes about.
 */
export class PeopleIndex {
  readonly people: Person[] = [];
  /** The release's paragraphs are read for names again and again: their runs, kept. */
  private readonly paragraphRuns = new Map<string, NameRun[]>();
  /** The name words of strings looked up by name (aliases, references), kept. */
  private readonly nameTokens = new Map<string, string[]>();

  /** Names seen with the evidence of a person that were left out because MAX_PEOPLE were known. */
  overflow = 0;

  constructor(paragraphs: readonly string[] = []) {
    finish(this.read(paragraphs));
  }

  /** The people of the paragraphs, read a step at a time (see steps.ts). */
  static *reading(paragraphs: readonly string[]): Steps<PeopleIndex> {
    const index = new PeopleIndex();
    yield* index.read(paragraphs);
    return index;
  }

  private *read(paragraphs: readonly string[]): Steps<void> {
    const evidence = new Map<
      string,
      { tokens: string[]; count: number; nationality: string | null; titles: Set<string> }
    >();
    for (const paragraph of paragraphs) {
      this.paragraphRuns.set(paragraph, nameRuns(paragraph));
      yield;
    }
    const singleCounts = new Map<string, number>();
    for (const runs of this.paragraphRuns.values()) {
      for (const run of runs) {
        const [only] = run.tokens;
        if (run.tokens.length === 1 && only)
          singleCounts.set(only, (singleCounts.get(only) ?? 0) + 1);
      }
    }
    for (const paragraph of paragraphs) {
      yield;
      for (const written of this.paragraphRuns.get(paragraph) ?? []) {
        const run = withoutLeadingTitles(paragraph, written);
        if (run.tokens.length < 2 && !this.maySpeakAlone(paragraph, run, singleCounts)) continue;
        if (isOrganisation(run.tokens)) continue;
        const found = this.evidenceFor(paragraph, run);
        const known = catalogueEntryFor(run.tokens);
        if (!found && !known) continue;
        const key = run.tokens.join(" ");
        const entry = evidence.get(key) ?? {
          tokens: run.tokens,
          count: 0,
          nationality: null,
          titles: new Set<string>(),
        };
        entry.count++;
        entry.nationality ??= found?.nationality ?? null;
        if (found?.title) entry.titles.add(found.title);
        evidence.set(key, entry);
      }
    }
    // Full names first, so that "Mr Orbán" joins "Viktor Orbán" rather than naming him.
    const byFrequency = [...evidence.values()].sort(
      (a, b) => Math.min(b.tokens.length, 2) - Math.min(a.tokens.length, 2) || b.count - a.count,
    );
    for (const [order, candidate] of byFrequency.entries()) {
      if (order % CANDIDATES_PER_STEP === 0) yield;
      const existing = this.people.find((person) => this.sameName(person, candidate.tokens));
      if (existing) {
        existing.aliases.add(candidate.tokens.join(" "));
        existing.mentions += candidate.count;
        existing.nationality ??= candidate.nationality;
        for (const title of candidate.titles) existing.titles.add(title);
        continue;
      }
      if (this.people.length >= MAX_PEOPLE) {
        this.overflow++;
        continue;
      }
      this.people.push(
        this.createPerson(
          candidate.tokens,
          candidate.count,
          candidate.nationality,
          candidate.titles,
        ),
      );
    }
    for (const paragraph of paragraphs) {
      yield;
      this.countShortMentions(this.paragraphRuns.get(paragraph) ?? []);
      this.noteShortFormsBeforeInsertions(paragraph);
    }
    const host = this.mentionsIn(paragraphs[0] ?? "")[0]?.person;
    if (host) host.principal = true;
  }

  /**
   * Whether a surname alone may be someone: after an honorific ("Mr Orbán said"), or when the
   * release names it again (and, as for every name, it speaks or holds an office: "Ngutter also
   * expressed …"), unless it is an acronym, a capital ("Moscow said"), a word, or the start of an
   * institution's name ("European Council"). A name that ends a sentence ("said Ngutter. Later")
   * is not the start of one.
   */
  private maySpeakAlone(
    paragraph: string,
    run: NameRun,
    singleCounts: ReadonlyMap<string, number>,
  ): boolean {
    if (honorificBefore(paragraph, run.start)) return true;
    const [only = ""] = run.tokens;
    return (
      (singleCounts.get(only) ?? 0) >= 2 &&
      only !== only.toUpperCase() &&
      !CAPITALS.has(only.toLowerCase()) &&
      !isEnglishWord(only.toLowerCase()) &&
      (paragraph[run.end - 1] === "." || !/^\s+\p{Lu}/u.test(paragraph.slice(run.end, run.end + 3)))
    );
  }

  /** "Chris [Christopher Smith, …]": the editor's insertion says who the short form is. */
  private noteShortFormsBeforeInsertions(paragraph: string): void {
    if (!paragraph.includes("[")) return;
    for (const match of paragraph.matchAll(/(\p{Lu}\p{Ll}+)\s+\[(\p{Lu}[^\],]+)/gu)) {
      const shortForm = match[1] ?? "";
      const person = this.findByName(match[2] ?? "");
      if (person?.firstName?.startsWith(shortForm) && !this.findByName(shortForm)) {
        person.aliases.add(shortForm);
      }
    }
  }

  private createPerson(
    tokens: string[],
    mentions: number,
    nationality: string | null,
    titles: Set<string>,
  ): Person {
    const name = tokens.join(" ");
    const known = catalogueEntryFor(tokens);
    const person: Person = {
      name,
      firstName: tokens.length > 1 ? (tokens[0] ?? null) : null,
      surname: tokens[tokens.length - 1] ?? name,
      nationality: known?.nationality ?? nationality ?? null,
      titles: new Set([...titles, ...(known?.titles ?? [])]),
      aliases: new Set([name]),
      mentions,
      principal: false,
    };
    if (known) for (const form of [known.name, ...known.variants]) person.aliases.add(form);
    return person;
  }

  private sameName(person: Person, tokens: readonly string[]): boolean {
    // "Vila Dosal" is "Mauricio Vila Dosal" with a double surname.
    const written = tokens.join(" ").toLowerCase();
    if (tokens.length > 1 && person.name.toLowerCase().endsWith(` ${written}`)) return true;
    const first = tokens.length > 1 ? tokens[0] : null;
    const surname = tokens[tokens.length - 1] ?? "";
    if (first && person.firstName && first.toLowerCase() !== person.firstName.toLowerCase()) {
      const knownForms = [...person.aliases].map((alias) => alias.toLowerCase());
      return knownForms.includes(tokens.join(" ").toLowerCase());
    }
    return isSlipOf(surname, person.surname);
  }

  /** An office right before the name ("U.S. President Donald Trump") or after it ("Smith, Deputy Secretary"), or a speech verb beside it. */
  private evidenceFor(
    paragraph: string,
    run: NameRun,
  ): { title: string | null; nationality: string | null } | null {
    const before = lowerWords(paragraph.slice(Math.max(0, run.start - 80), run.start)).slice(-6);
    const titleBefore = TITLE_GROUPS[before.at(-1) ?? ""];
    if (titleBefore) return { title: titleBefore, nationality: lastNationalityIn(before) };
    const office = officeBefore(paragraph, run.start);
    if (office) {
      const words = lowerWords(office);
      const title = titleOfRole(words);
      if (title) return { title, nationality: nationalityIn(words) };
    }
    const after = paragraph.slice(run.end, run.end + 120);
    const apposition = /^,\s*([^,\]]{2,100})/.exec(after);
    if (apposition) {
      const words = lowerWords(apposition[1] ?? "");
      const title = titleOfRole(words.slice(0, 6));
      if (title) return { title, nationality: nationalityIn(words) };
    }
    const nextWords = lowerWords(after)
      .filter((word) => !PASSING_WORDS.has(word))
      .slice(0, 2);
    const previousWord = before.at(-1) ?? "";
    if (
      nextWords.some((word) => SPEECH_VERB_WORDS.has(word)) ||
      SPEECH_VERB_WORDS.has(previousWord)
    ) {
      return { title: null, nationality: null };
    }
    if (honorificBefore(paragraph, run.start)) {
      return { title: null, nationality: null };
    }
    return null;
  }

  private countShortMentions(runs: readonly NameRun[]): void {
    for (const run of runs) {
      if (run.tokens.length !== 1) continue;
      const person = this.findByName(run.tokens.join(" "));
      if (person) {
        person.mentions++;
        if (person.surname !== run.tokens[0] && person.firstName !== run.tokens[0]) {
          person.aliases.add(run.tokens[0] ?? "");
        }
      }
    }
  }

  /** The person a written name (full name, surname, unique first name or a slip of one) means. */
  findByName(written: string): Person | null {
    let tokens = this.nameTokens.get(written);
    if (!tokens) {
      tokens = nameRuns(written).flatMap((run) => run.tokens);
      this.nameTokens.set(written, tokens);
    }
    if (tokens.length === 0) return null;
    const full = tokens.join(" ").toLowerCase();
    const exact = this.people.find((person) => this.lowerAliases(person).full.includes(full));
    if (exact) return exact;
    const surname = tokens[tokens.length - 1] ?? "";
    const lowerSurname = surname.toLowerCase();
    const bySurname = this.people.filter((person) =>
      this.lowerAliases(person).last.includes(lowerSurname),
    );
    if (bySurname.length === 1) return bySurname[0] ?? null;
    if (tokens.length === 1) {
      const byFirst = this.people.filter((person) => person.firstName?.toLowerCase() === full);
      if (byFirst.length === 1) return byFirst[0] ?? null;
    }
    const slips = this.people.filter(
      (person) =>
        isSlipOf(surname, person.surname) &&
        (tokens.length === 1 ||
          !person.firstName ||
          person.firstName.toLowerCase() === tokens[0]?.toLowerCase()),
    );
    return slips.length === 1 ? (slips[0] ?? null) : null;
  }

  /** Lower-case aliases and their last words, redone only when a person gains an alias. */
  private readonly aliasCache = new Map<Person, { size: number; full: string[]; last: string[] }>();

  private lowerAliases(person: Person): { full: string[]; last: string[] } {
    const cached = this.aliasCache.get(person);
    if (cached && cached.size === person.aliases.size) return cached;
    const full: string[] = [];
    const last: string[] = [];
    for (const alias of person.aliases) {
      full.push(alias.toLowerCase());
      last.push(alias.split(" ").at(-1)?.toLowerCase() ?? "");
    }
    const fresh = { size: person.aliases.size, full, last };
    this.aliasCache.set(person, fresh);
    return fresh;
  }

  /** Every person named in a text, with where the name stands. */
  mentionsIn(text: string): Array<{ person: Person; index: number }> {
    const found: Array<{ person: Person; index: number }> = [];
    for (const run of this.paragraphRuns.get(text) ?? nameRuns(text)) {
      const person = this.findByName(run.tokens.join(" "));
      if (person) found.push({ person, index: run.start });
    }
    return found;
  }

  /**
   * The release's principal, whom "the head of state" means: the person its lead names first (the
   * host, or the one whose press service speaks), else the first person found.
   */
  principal(): Person | null {
    return this.people.find((person) => person.principal) ?? this.people[0] ?? null;
  }

  /**
   * A role phrase ("the Belarusian leader", "the envoy of the American leader", "the U.S.
   * President's representative", "the head of state") to the one person who holds that office.
   */
  resolveRole(phrase: string, salient: Person | null = null): Person | null {
    const words = lowerWords(phrase);
    const title = titleOfRole(words);
    if (!title) return null;
    const nationality = nationalityIn(words);
    const offices = title === "diplomat" ? DIPLOMATIC_OFFICES : [title];
    let holders = this.people.filter(
      (person) =>
        offices.some((office) => person.titles.has(office)) &&
        (nationality === null || person.nationality === nationality),
    );
    // Failing that, the office under its other name ("the foreign minister" for a "Secretary of
    // Foreign Affairs") held by someone whose country the release does not give.
    if (holders.length === 0) {
      const alike = offices.flatMap((office) => SAME_OFFICES[office] ?? []);
      holders = this.people.filter(
        (person) =>
          [...offices, ...alike].some((office) => person.titles.has(office)) &&
          (nationality === null ||
            person.nationality === nationality ||
            person.nationality === null),
      );
    }
    if (holders.length === 1) return holders[0] ?? null;
    // "The president said", with two presidents present, means the one the text is about; "the
    // head of state" is the release's own.
    if (salient && holders.includes(salient) && !words.includes("headofstate")) return salient;
    if (nationality === null && (title === "president" || title === "head")) {
      const principal = this.principal();
      if (principal) return principal;
    }
    if (holders.length > 1) return [...holders].sort((a, b) => b.mentions - a.mentions)[0] ?? null;
    return null;
  }

  /** Remembers a role phrase as an alias of the person it resolved to. */
  noteRole(person: Person, phrase: string): void {
    const cleaned = phrase.trim().replace(/^the\s+/i, "");
    if (cleaned && cleaned.split(/\s+/).length <= 8) person.aliases.add(cleaned);
  }
}
