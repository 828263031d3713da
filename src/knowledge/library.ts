import { LibraryError } from "./errors.js";
import { type ReleaseText, readReleaseFolder } from "./load.js";
import { parseRelease } from "./parse.js";
import type { Person } from "./people.js";
import { isSlipOf } from "./people.js";
import { type QueryTerm, type SearchOptions, StatementSearch } from "./search.js";
import { SpeakerRegistry } from "./speakers.js";
import { isStopWord, stem, words } from "./text.js";
import type { Entry, LoadWarning, Release, Speaker } from "./types.js";

export { LibraryError };

export interface LibraryOptions {
  /** Tuning of the ranking; the defaults are what the dev set was measured with. */
  search?: SearchOptions;
}

export interface AskOptions {
  /** How many results to return; default 3. */
  limit?: number;
  offset?: number;
  /** Only statements by this speaker (any alias, fuzzy) are returned. */
  speaker?: string;
  /** Only statements from this release (its id). */
  release?: string;
}

export interface ScoredEntry {
  entry: Entry;
  /** Relevance in (0, 1], higher is better. */
  score: number;
}

export interface AskResult {
  /** The normalized question: asking it again gives the same results (buttons carry it). */
  query: string;
  results: ScoredEntry[];
  /** How many entries matched in all, before offset and limit. */
  total: number;
  /** The speaker the results were filtered to, if any. */
  speaker: Speaker | null;
}

export type QuotesStatus = "found" | "never-quoted" | "unknown";

export interface QuotesResult {
  status: QuotesStatus;
  /** The person the name resolved to (also for someone mentioned but never quoted). */
  speaker: Speaker | null;
  /** Their quotes in release order. */
  results: Entry[];
  /** Set when there is something to explain: no quotes, unknown name, nothing on the topic. */
  message?: string;
  /** Closest quoted speakers, when the name did not resolve to someone quoted. */
  suggestions: Speaker[];
}

/** Words before a name that make its bearer the one speaking: "what did Coale say", "by Trump". */
const SPEAKER_BEFORE = new Set([
  "did",
  "does",
  "do",
  "has",
  "had",
  "have",
  "will",
  "would",
  "can",
  "could",
  "by",
  "from",
  "is",
  "was",
]);
/** Words after a name that make its bearer the one speaking: "Lukashenko said", "Coale's words". */
const SPEAKER_AFTER = new Set([
  "say",
  "said",
  "says",
  "think",
  "thinks",
  "thought",
  "tell",
  "told",
  "want",
  "wants",
  "wanted",
  "statement",
  "statements",
  "words",
  "remarks",
  "comments",
  "quote",
  "quotes",
  "view",
  "views",
  "position",
  "opinion",
  "speech",
  "announce",
  "announced",
  "declare",
  "declared",
  "wrote",
  "write",
  "letter",
  "message",
  "on",
  "about",
]);
/** A speaker named in the question weighs their own statements (and narration about them) up. */
const SPEAKER_BOOST = 1.6;
const MENTION_BOOST = 1.3;

const FIRST_WORDS = new Set([
  "first",
  "firstly",
  "begin",
  "beginning",
  "start",
  "initially",
  "opening",
  "open",
]);
const LAST_WORDS = new Set([
  "last",
  "lastly",
  "end",
  "final",
  "finally",
  "closing",
  "close",
  "conclude",
  "conclusion",
]);

/** Whether a question asks only for the first or the last thing said. */
function sequenceAsked(terms: readonly QueryTerm[]): "first" | "last" | null {
  if (terms.length === 0) return null;
  if (terms.every((term) => FIRST_WORDS.has(term.word))) return "first";
  if (terms.every((term) => LAST_WORDS.has(term.word))) return "last";
  return null;
}

/**
 * Every release in a folder, parsed into attributed statements, with the speaker registry and the
 * search behind /ask and /quotes. Pure TypeScript: the bot and the console both ask it.
 */
export class Library {
  readonly releases: readonly Release[];
  readonly entries: readonly Entry[];
  readonly warnings: readonly LoadWarning[];
  readonly speakerRegistry: SpeakerRegistry;
  private readonly search: StatementSearch;
  private readonly order = new Map<string, number>();
  private readonly nameFormsBySpeaker: Map<Speaker, string[]>;

  private constructor(
    readonly dir: string,
    releases: Release[],
    people: Person[][],
    warnings: LoadWarning[],
    searchOptions: SearchOptions,
  ) {
    this.releases = releases;
    this.entries = releases.flatMap((release) => release.entries);
    this.warnings = warnings;
    for (const [index, entry] of this.entries.entries()) this.order.set(entry.id, index);
    this.speakerRegistry = new SpeakerRegistry(people, this.entries);
    this.search = new StatementSearch(this.entries, searchOptions);
    this.nameFormsBySpeaker = new Map(
      this.speakerRegistry
        .all()
        .map((speaker) => [speaker, this.speakerRegistry.nameForms(speaker)]),
    );
  }

  /** Loads every .txt release in `dir`; throws LibraryError when none can be loaded. */
  static async load(dir: string, options: LibraryOptions = {}): Promise<Library> {
    const { texts, warnings } = await readReleaseFolder(dir);
    return Library.fromTexts(dir, texts, warnings, options);
  }

  /** Parses release texts already read; one that fails to parse becomes a warning. */
  static fromTexts(
    dir: string,
    texts: readonly ReleaseText[],
    warnings: LoadWarning[] = [],
    options: LibraryOptions = {},
  ): Library {
    const releases: Release[] = [];
    const people: Person[][] = [];
    const allWarnings = [...warnings];
    for (const { file, text } of texts) {
      try {
        const parsed = parseRelease(file, text);
        releases.push(parsed.release);
        people.push(parsed.people.people);
        allWarnings.push(...parsed.warnings);
      } catch (error) {
        allWarnings.push({
          file,
          message: `could not be parsed (${(error as Error).message}); it was skipped`,
        });
      }
    }
    if (releases.length === 0) throw new LibraryError(`No release in "${dir}" could be parsed.`);
    return new Library(dir, releases, people, allWarnings, options.search ?? {});
  }

  speakers(): Speaker[] {
    return this.speakerRegistry.all();
  }

  resolveSpeaker(name: string): Speaker | null {
    return this.speakerRegistry.resolve(name);
  }

  suggestSpeakers(partial: string, limit = 25): Speaker[] {
    return this.speakerRegistry.suggest(partial, limit);
  }

  entry(id: string): Entry | undefined {
    const index = this.order.get(id);
    return index === undefined ? undefined : this.entries[index];
  }

  release(id: string): Release | undefined {
    return this.releases.find((release) => release.id === id || release.file === id);
  }

  /** Speakers named in a question, and whether each is the one speaking or a topic. */
  private namedInQuestion(
    questionWords: readonly string[],
  ): Array<{ speaker: Speaker; index: number; speaking: boolean }> {
    const found: Array<{ speaker: Speaker; index: number; speaking: boolean }> = [];
    questionWords.forEach((word, index) => {
      if (word.length < 3 || isStopWord(word)) return;
      for (const [speaker, forms] of this.nameFormsBySpeaker) {
        const matches =
          forms.includes(word) ||
          (word.length >= 5 && forms.some((form) => form.length >= 5 && isSlipOf(word, form)));
        if (!matches) continue;
        // "Coale on prisoners", "Lukashenka praise for …": a name that opens the question speaks.
        const speaking =
          speaker.quoteCount > 0 &&
          (index === 0 ||
            SPEAKER_BEFORE.has(questionWords[index - 1] ?? "") ||
            SPEAKER_AFTER.has(questionWords[index + 1] ?? ""));
        found.push({ speaker, index, speaking });
        return;
      }
    });
    return found;
  }

  /**
   * The question reduced to the words the search reads: stop words go, except those beside a
   * name, which tell whether that person is speaking. Asking the reduced form gives the same answer.
   */
  normalizeQuestion(question: string): string {
    const questionWords = words(question);
    const named = new Set(this.namedInQuestion(questionWords).map((found) => found.index));
    return questionWords
      .filter((word, index) => !isStopWord(word) || named.has(index - 1) || named.has(index + 1))
      .join(" ");
  }

  ask(question: string, options: AskOptions = {}): AskResult {
    const limit = Math.max(1, options.limit ?? 3);
    const offset = Math.max(0, options.offset ?? 0);
    const query = this.normalizeQuestion(question);
    const questionWords = query.split(" ").filter(Boolean);
    const filterSpeaker = options.speaker ? this.speakerRegistry.resolve(options.speaker) : null;
    if (options.speaker && !filterSpeaker) return { query, results: [], total: 0, speaker: null };
    const named = this.namedInQuestion(questionWords);
    const speaking = named.filter((found) => found.speaking).map((found) => found.speaker);
    const nameIndexes = new Set(
      named.filter((found) => found.speaking).map((found) => found.index),
    );
    const terms: QueryTerm[] = this.search.queryTerms(
      questionWords.filter((_, index) => !nameIndexes.has(index)),
    );
    for (const found of named.filter((candidate) => !candidate.speaking)) {
      const term = terms.find((candidate) => candidate.word === questionWords[found.index]);
      for (const form of this.nameFormsBySpeaker.get(found.speaker) ?? [])
        term?.alternatives.set(stem(form), 1);
    }
    const accept = (entry: Entry) =>
      (!filterSpeaker || entry.speaker === filterSpeaker.name) &&
      (!options.release ||
        entry.source.file === options.release ||
        entry.id.startsWith(`${options.release}:`));

    let ranked: ScoredEntry[];
    const order = sequenceAsked(terms);
    if (order) {
      // "What did Lukashenko say first?" asks for a position in the release, not a topic.
      const who = filterSpeaker ?? speaking[0];
      const inOrder = this.entries.filter(
        (entry) => accept(entry) && entry.kind === "quote" && (!who || entry.speaker === who.name),
      );
      if (order === "last") inOrder.reverse();
      ranked = inOrder.map((entry) => ({ entry, score: 1 }));
    } else if (terms.length === 0) {
      // "What did Coale say?": the speaker's own statements, in release order.
      const who = filterSpeaker ?? speaking[0];
      ranked = who
        ? this.entries
            .filter(
              (entry) => accept(entry) && entry.kind === "quote" && entry.speaker === who.name,
            )
            .map((entry) => ({ entry, score: 1 }))
        : [];
    } else {
      const hits = this.search.search(terms, accept);
      const boosted = hits.map((hit) => {
        let factor = 1;
        for (const speaker of speaking) {
          if (hit.entry.speaker === speaker.name) factor = Math.max(factor, SPEAKER_BOOST);
          else if (hit.entry.kind === "fact" && this.mentions(hit.entry, speaker))
            factor = Math.max(factor, MENTION_BOOST);
        }
        return { entry: hit.entry, raw: hit.relevance * factor };
      });
      boosted.sort(
        (a, b) =>
          b.raw - a.raw || (this.order.get(a.entry.id) ?? 0) - (this.order.get(b.entry.id) ?? 0),
      );
      ranked = boosted.map(({ entry, raw }) => ({
        entry,
        score: Number((raw / (raw + 4)).toFixed(3)),
      }));
    }
    return {
      query,
      results: ranked.slice(offset, offset + limit),
      total: ranked.length,
      speaker: filterSpeaker,
    };
  }

  private mentions(entry: Entry, speaker: Speaker): boolean {
    const forms = this.nameFormsBySpeaker.get(speaker) ?? [];
    return words(entry.text).some((word) => forms.includes(word));
  }

  quotes(written: string, options: { topic?: string; release?: string } = {}): QuotesResult {
    const name = written.trim();
    if (!name) {
      return {
        status: "unknown",
        speaker: null,
        results: [],
        message: "Name a speaker, such as Coale or Lukashenko.",
        suggestions: this.speakerRegistry.quoted().slice(0, 3),
      };
    }
    const speaker = this.speakerRegistry.resolve(name);
    if (!speaker) {
      const suggestions = this.speakerRegistry.closest(name);
      return {
        status: "unknown",
        speaker: null,
        results: [],
        message: `No one called "${name}" is named in the releases. Closest speakers: ${suggestions.map((s) => s.name).join(", ")}.`,
        suggestions,
      };
    }
    if (speaker.quoteCount === 0) {
      const suggestions = this.speakerRegistry.closest(name);
      return {
        status: "never-quoted",
        speaker,
        results: [],
        message: `${speaker.name} is mentioned in the releases but never quoted. Speakers with quotes: ${suggestions.map((s) => s.name).join(", ")}.`,
        suggestions,
      };
    }
    const accept = (entry: Entry) =>
      entry.kind === "quote" &&
      entry.speaker === speaker.name &&
      (!options.release ||
        entry.source.file === options.release ||
        entry.id.startsWith(`${options.release}:`));
    const topic = options.topic?.trim();
    let results = this.entries.filter(accept);
    if (topic) {
      const onTopic = new Set(
        this.search.search(this.search.queryTerms(words(topic)), accept).map((hit) => hit.entry.id),
      );
      results = results.filter((entry) => onTopic.has(entry.id));
      if (results.length === 0) {
        return {
          status: "found",
          speaker,
          results,
          message: `${speaker.name} says nothing about "${topic}" in the releases.`,
          suggestions: [],
        };
      }
    }
    return { status: "found", speaker, results, suggestions: [] };
  }
}
