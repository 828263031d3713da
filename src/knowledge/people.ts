import { KNOWN_PEOPLE, type KnownPerson, NATIONALITIES, TITLE_GROUPS } from "./catalogue.js";
import { foldCountries, isStopWord } from "./text.js";

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

/** Capitalised words that begin no person's name: offices, places, institutions, calendar. */
const NOT_NAME_WORDS = new Set(
  `president presidential presidents deputy assistant secretary minister prime ambassador envoy
  representative head leader chairman general governor director mr mrs ms dr dear sir madam
  united states america republic federation kingdom union nations council ministry government
  parliament assembly security organization cooperation department office house open force air one
  white oval new york treasury commerce state eastern western northern southern central europe
  policy regional affairs palace kremlin independence day god lord the this that these those
  it he she we they i you our my his her their its as but and or so if when while however
  according us usa sco eu un january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday firstly secondly thirdly furthermore
  moreover nevertheless well let thank dear regarding by all most interesting`.split(/\s+/),
);

const SPEECH_VERB_WORDS = new Set(
  `said says stated states added adds noted notes emphasized emphasised emphasizes stressed stresses
  remarked explained responded replied continued asked answered declared recalled underlined
  underscored observed concluded announced told commented admitted assured insisted suggested
  proposed urged warned joked mentioned acknowledged shared specified clarified highlighted
  reiterated confirmed expressed informed reminded thanked exclaimed agreed pointed wrote writes
  met handed`.split(/\s+/),
);

interface NameRun {
  tokens: string[];
  start: number;
  end: number;
}

const NAME_TOKEN = /^\p{Lu}[\p{L}'’-]*$/u;

/** Runs of capitalised words that could be a name, with square brackets around a word dropped. */
export function nameRuns(text: string): NameRun[] {
  const runs: NameRun[] = [];
  const tokenPattern = /\[?([\p{L}][\p{L}'’.-]*)\]?/gu;
  let current: NameRun | null = null;
  let lastEnd = -1;
  for (const match of text.matchAll(tokenPattern)) {
    // "[Donald] Trump" is one name; "Chris [Christopher Smith, …]" is a name and an insertion.
    const opensInsertion = match[0].startsWith("[") && !match[0].endsWith("]");
    const closesInsertion = match[0].endsWith("]") && !match[0].startsWith("[");
    if (opensInsertion && current) {
      runs.push(current);
      current = null;
    }
    const raw = (match[1] ?? "").replace(/\.$/, "");
    const possessive = /['’]s$/.test(raw);
    const token = raw.replace(/['’]s$/, "");
    const gap = lastEnd >= 0 ? text.slice(lastEnd, match.index) : "";
    const joinable = current !== null && /^\s+$/.test(gap);
    const lower = token.toLowerCase();
    const nameLike =
      NAME_TOKEN.test(token) &&
      !NOT_NAME_WORDS.has(lower) &&
      !NATIONALITIES[lower] &&
      !isStopWord(lower);
    if (nameLike && joinable && current && current.tokens.length < 3) {
      current.tokens.push(token);
      current.end = match.index + match[0].length;
    } else {
      if (current) runs.push(current);
      current = nameLike
        ? { tokens: [token], start: match.index, end: match.index + match[0].length }
        : null;
    }
    lastEnd = match.index + match[0].length;
    if ((possessive || closesInsertion) && current) {
      runs.push(current);
      current = null;
    }
  }
  if (current) runs.push(current);
  return runs;
}

export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/** A spelling slip ("Cole" for "Coale") is a small edit on a name long enough to be distinctive. */
export function isSlipOf(written: string, name: string): boolean {
  const a = written.toLowerCase();
  const b = name.toLowerCase();
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 4) return false;
  return editDistance(a, b) <= (b.length >= 8 ? 2 : 1);
}

function lowerWords(text: string): string[] {
  return foldCountries(text.toLowerCase().replace(/head of (?:the )?state/g, "headofstate"))
    .replace(/['’]s\b/g, " 's")
    .split(/[^\p{L}'’]+/u)
    .filter(Boolean);
}

function nationalityIn(words: readonly string[]): string | null {
  for (const word of words) {
    const nationality = NATIONALITIES[word];
    if (nationality) return nationality;
  }
  return null;
}

/** The office a role phrase names: its head noun, before any "of …" and after any "…'s". */
function titleOfRole(words: readonly string[]): string | null {
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

function catalogueEntryFor(tokens: readonly string[]): KnownPerson | undefined {
  const written = tokens.join(" ").toLowerCase();
  const surname = tokens[tokens.length - 1]?.toLowerCase() ?? "";
  return KNOWN_PEOPLE.find((known) => {
    const forms = [known.name, ...known.variants].map((form) => form.toLowerCase());
    if (forms.includes(written)) return true;
    return forms.some((form) => {
      const knownSurname = form.split(" ").at(-1) ?? "";
      return tokens.length > 1 && isSlipOf(surname, knownSurname) && surname.length >= 5;
    });
  });
}

/**
 * The people of one release: who is named, in which office, and under which other names. Built
 * from the release's own text (names with an office beside them, names with a speech verb) and
 * the catalogue of people the press service writes about.
 */
export class PeopleIndex {
  readonly people: Person[] = [];

  constructor(paragraphs: readonly string[]) {
    const evidence = new Map<
      string,
      { tokens: string[]; count: number; nationality: string | null; titles: Set<string> }
    >();
    for (const paragraph of paragraphs) {
      for (const run of nameRuns(paragraph)) {
        if (run.tokens.length < 2) continue;
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
    const byFrequency = [...evidence.values()].sort((a, b) => b.count - a.count);
    for (const candidate of byFrequency) {
      const existing = this.people.find((person) => this.sameName(person, candidate.tokens));
      if (existing) {
        existing.aliases.add(candidate.tokens.join(" "));
        existing.mentions += candidate.count;
        existing.nationality ??= candidate.nationality;
        for (const title of candidate.titles) existing.titles.add(title);
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
      this.countShortMentions(paragraph);
      this.noteShortFormsBeforeInsertions(paragraph);
    }
  }

  /** "Chris [Christopher Smith, …]": the editor's insertion says who the short form is. */
  private noteShortFormsBeforeInsertions(paragraph: string): void {
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
      nationality: nationality ?? known?.nationality ?? null,
      titles: new Set([...titles, ...(known?.titles ?? [])]),
      aliases: new Set([name]),
      mentions,
      principal: known?.principal ?? false,
    };
    if (known) for (const form of [known.name, ...known.variants]) person.aliases.add(form);
    return person;
  }

  private sameName(person: Person, tokens: readonly string[]): boolean {
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
    const titleBefore = TITLE_GROUPS[before.at(-1) ?? ""] ?? (before.at(-1) === "'s" ? null : null);
    if (titleBefore) return { title: titleBefore, nationality: nationalityIn(before) };
    const after = paragraph.slice(run.end, run.end + 120);
    const apposition = /^,\s*([^,\]]{2,100})/.exec(after);
    if (apposition) {
      const words = lowerWords(apposition[1] ?? "");
      const title = titleOfRole(words.slice(0, 6));
      if (title) return { title, nationality: nationalityIn(words) };
    }
    const nextWords = lowerWords(after).slice(0, 2);
    const previousWord = before.at(-1) ?? "";
    if (
      nextWords.some((word) => SPEECH_VERB_WORDS.has(word)) ||
      SPEECH_VERB_WORDS.has(previousWord)
    ) {
      return { title: null, nationality: null };
    }
    if (["mr", "mrs", "ms", "dr"].includes(previousWord)) return { title: null, nationality: null };
    return null;
  }

  private countShortMentions(paragraph: string): void {
    for (const run of nameRuns(paragraph)) {
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
    const tokens = nameRuns(written).flatMap((run) => run.tokens);
    if (tokens.length === 0) return null;
    const full = tokens.join(" ").toLowerCase();
    const exact = this.people.find((person) =>
      [...person.aliases].some((alias) => alias.toLowerCase() === full),
    );
    if (exact) return exact;
    const surname = tokens[tokens.length - 1] ?? "";
    const bySurname = this.people.filter((person) =>
      [...person.aliases].some(
        (alias) => alias.split(" ").at(-1)?.toLowerCase() === surname.toLowerCase(),
      ),
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

  /** Every person named in a text, with where the name stands. */
  mentionsIn(text: string): Array<{ person: Person; index: number }> {
    const found: Array<{ person: Person; index: number }> = [];
    for (const run of nameRuns(text)) {
      const person = this.findByName(run.tokens.join(" "));
      if (person) found.push({ person, index: run.start });
    }
    return found;
  }

  /** The release's principal: the catalogue's head of state if named, else the first person named. */
  principal(): Person | null {
    return this.people.find((person) => person.principal) ?? this.people[0] ?? null;
  }

  /**
   * A role phrase ("the Belarusian leader", "the envoy of the American leader", "the U.S.
   * President's representative", "the head of state") to the one person who holds that office.
   */
  resolveRole(phrase: string): Person | null {
    const words = lowerWords(phrase);
    const title = titleOfRole(words);
    if (!title) return null;
    const nationality = nationalityIn(words);
    const holders = this.people.filter(
      (person) =>
        person.titles.has(title) && (nationality === null || person.nationality === nationality),
    );
    if (holders.length === 1) return holders[0] ?? null;
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
