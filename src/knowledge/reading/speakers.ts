import Fuse from "fuse.js";
import type { Entry, Speaker } from "../types.js";
import { fuseCandidates, GramIndex } from "../words/grams.js";
import { isSlipOf, nameRuns } from "./nameRuns.js";
import type { Person } from "./people.js";

export function speakerId(name: string): string {
  return fold(name)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Lower case without diacritics or punctuation, so "Lukashénka," matches "lukashenka". */
function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’']s\b/g, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Common spellings of Slavic names in English: -enko/-enka, ks/x, and y/i. */
function transliterations(name: string): string[] {
  const variants = new Set<string>();
  const lower = fold(name);
  variants.add(lower.replace(/enko\b/g, "enka"));
  variants.add(lower.replace(/enka\b/g, "enko"));
  variants.add(lower.replace(/ks/g, "x"));
  variants.add(lower.replace(/x/g, "ks"));
  variants.add(lower.replace(/y/g, "i"));
  variants.delete(lower);
  return [...variants];
}

/**
 * Longer than any name or office a release uses. Longer text is not a name, and matching it
 * fuzzily against every alias would hold up the bot (a speaker option takes 6,000 characters).
 */
const NAME_MAX = 100;
/** The shortest typed name that is matched loosely, in suggestions and in resolving a name. */
const MIN_FUZZY_SUGGESTION = 3;

const FUSE_OPTIONS = {
  keys: ["alias"],
  includeScore: true,
  threshold: 0.34,
  ignoreLocation: true,
};

interface AliasRow {
  alias: string;
  speaker: Speaker;
}

/**
 * Everyone the releases quote or name: canonical names, aliases (full name, surname, the office
 * phrases the releases use, transliterations) and quote counts. Fuzzy look-ups go through Fuse.js.
 */
export class SpeakerRegistry {
  private readonly speakers: Speaker[] = [];
  private readonly byName = new Map<string, Speaker>();
  /** Speakers by the first word of their name, in the order they were added. */
  private readonly byFirstName = new Map<string, Speaker[]>();
  private readonly aliasSets = new Map<Speaker, Set<string>>();
  private readonly rows: AliasRow[] = [];
  /** Rows by alias, in row order. */
  private readonly rowsByAlias = new Map<string, Speaker[]>();
  private fuseIndex: Fuse<AliasRow> | null = null;
  /** Letter pairs of the aliases, so a misspelt name is matched against the few close ones. */
  private readonly gramIndex: GramIndex;

  constructor(peopleByRelease: readonly (readonly Person[])[], entries: readonly Entry[]) {
    for (const people of peopleByRelease) {
      for (const person of people) this.add(person);
    }
    for (const entry of entries) {
      if (entry.kind !== "quote" || !entry.speaker) continue;
      const speaker = this.byName.get(entry.speaker);
      if (speaker) speaker.quoteCount++;
    }
    const firstNameCounts = new Map<string, number>();
    for (const speaker of this.speakers) {
      const first = fold(speaker.name).split(" ")[0] ?? "";
      firstNameCounts.set(first, (firstNameCounts.get(first) ?? 0) + 1);
    }
    for (const speaker of this.speakers) {
      const tokens = fold(speaker.name).split(" ");
      const forms = new Set([speaker.name, ...speaker.aliases].map(fold));
      if (tokens.length > 1) {
        forms.add(tokens.at(-1) ?? "");
        if (firstNameCounts.get(tokens[0] ?? "") === 1) forms.add(tokens[0] ?? "");
      }
      for (const form of [...forms])
        for (const variant of transliterations(form)) forms.add(variant);
      for (const alias of speaker.aliases) {
        for (const token of fold(alias).split(" ")) if (token.length > 3) forms.add(token);
      }
      for (const form of forms) if (form) this.rows.push({ alias: form, speaker });
    }
    this.speakers.sort((a, b) => b.quoteCount - a.quoteCount || a.name.localeCompare(b.name));
    for (const row of this.rows) {
      const same = this.rowsByAlias.get(row.alias);
      if (same) same.push(row.speaker);
      else this.rowsByAlias.set(row.alias, [row.speaker]);
    }
    this.byFirstName.clear();
    this.aliasSets.clear();
    this.gramIndex = new GramIndex(this.rows.map((row) => row.alias));
  }

  private add(person: Person): void {
    const existing =
      this.byName.get(person.name) ??
      (person.firstName === null
        ? undefined
        : this.byFirstName
            .get(person.firstName)
            ?.find((speaker) => isSlipOf(speaker.name.split(" ").at(-1) ?? "", person.surname)));
    if (existing) {
      const known = this.aliasSets.get(existing) ?? new Set(existing.aliases);
      this.aliasSets.set(existing, known);
      for (const alias of person.aliases) {
        if (known.has(alias) || alias === existing.name) continue;
        known.add(alias);
        existing.aliases.push(alias);
      }
      return;
    }
    const speaker: Speaker = {
      id: speakerId(person.name),
      name: person.name,
      aliases: [...person.aliases].filter((alias) => alias !== person.name),
      quoteCount: 0,
    };
    this.speakers.push(speaker);
    this.byName.set(person.name, speaker);
    const first = speaker.name.split(" ")[0] ?? "";
    const sameFirst = this.byFirstName.get(first);
    if (sameFirst) sameFirst.push(speaker);
    else this.byFirstName.set(first, [speaker]);
  }

  /** Fuse.js over the alias rows, made on first use. */
  private get fuse(): Fuse<AliasRow> {
    this.fuseIndex ??= new Fuse(this.rows, FUSE_OPTIONS);
    return this.fuseIndex;
  }

  /**
   * Fuse.js results for a written name, as over all rows: only rows whose alias shares enough
   * letter pairs with it are handed to Fuse.js, in row order (see fuseCandidates).
   */
  private fuzzy(query: string, limit?: number) {
    const candidates = fuseCandidates(this.gramIndex, query.toLowerCase(), FUSE_OPTIONS.threshold);
    const options = limit === undefined ? undefined : { limit };
    if (candidates === null) return this.fuse.search(query, options);
    const rows = candidates.map((index) => this.rows[index] as AliasRow);
    return rows.length === 0 ? [] : new Fuse(rows, FUSE_OPTIONS).search(query, options);
  }

  /** Quoted speakers first, most quoted first; then people only mentioned. */
  all(): Speaker[] {
    return [...this.speakers];
  }

  quoted(): Speaker[] {
    return this.speakers.filter((speaker) => speaker.quoteCount > 0);
  }

  byId(id: string): Speaker | undefined {
    return this.speakers.find((speaker) => speaker.id === id);
  }

  named(name: string): Speaker | undefined {
    return this.byName.get(name);
  }

  /**
   * The one person a written name means: an exact alias first ("Lukashenka", "envoy", "Donald"),
   * then the closest spelling ("Cole"). Between equally good matches the most quoted wins.
   */
  resolve(written: string): Speaker | null {
    const query = fold(written);
    if (!query || query.length > NAME_MAX) return null;
    const exact = this.rowsByAlias.get(query) ?? [];
    if (exact.length > 0) return this.mostQuoted(exact);
    // One or two letters are no one's name spelt loosely; matching them would read every alias.
    if (query.length < MIN_FUZZY_SUGGESTION) return null;
    const results = this.fuzzy(query, 8);
    const best = results[0];
    if (!best || (best.score ?? 1) > 0.3) return null;
    const tied = results
      .filter((result) => (result.score ?? 1) <= (best.score ?? 1) + 0.01)
      .map((result) => result.item.speaker);
    return this.mostQuoted(tied);
  }

  private mostQuoted(candidates: readonly Speaker[]): Speaker | null {
    return [...candidates].sort((a, b) => b.quoteCount - a.quoteCount)[0] ?? null;
  }

  /** Quoted speakers whose names start with, contain or resemble what was typed; all of them for nothing typed. */
  suggest(partial: string, limit = 25): Speaker[] {
    const query = fold(partial);
    const quoted = this.quoted();
    if (!query) return quoted.slice(0, limit);
    if (query.length > NAME_MAX) return [];
    const matches = new Set<Speaker>();
    for (const row of this.rows) {
      if (row.speaker.quoteCount > 0 && row.alias.startsWith(query)) matches.add(row.speaker);
    }
    for (const row of this.rows) {
      if (row.speaker.quoteCount > 0 && row.alias.includes(query)) matches.add(row.speaker);
    }
    // A letter or two resembles every name: what starts with or holds them is the whole answer.
    if (query.length < MIN_FUZZY_SUGGESTION) return [...matches].slice(0, limit);
    for (const result of this.fuzzy(query)) {
      if (result.item.speaker.quoteCount > 0) matches.add(result.item.speaker);
    }
    return [...matches].slice(0, limit);
  }

  /** The quoted speakers closest to a name that did not resolve, to suggest instead. */
  closest(written: string, limit = 3): Speaker[] {
    const suggestions = this.suggest(written, limit);
    return suggestions.length > 0 ? suggestions : this.quoted().slice(0, limit);
  }

  /** The single words that name a speaker (not their office), lower case, with transliterations. */
  nameForms(speaker: Speaker): string[] {
    const forms = new Set<string>();
    for (const alias of [speaker.name, ...speaker.aliases]) {
      for (const run of nameRuns(alias)) {
        for (const token of run.tokens) {
          const folded = fold(token);
          // An initial ("E. Siliņa") names no one: "H.E." would name her in every release.
          if (folded.length < 2) continue;
          forms.add(folded);
          for (const variant of transliterations(folded)) forms.add(variant);
        }
      }
    }
    return [...forms];
  }
}
