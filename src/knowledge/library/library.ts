/**
 * The library: every release loaded, asked as the commands ask it. A question is read (chat
 * typing, who it names, whether it asks about the meeting itself or a reaction), searched in the
 * index, and its hits ranked; /quotes lists a speaker's statements. The parts it asks have a room
 * each: loading.ts (reading and indexing a folder), names.ts (who a question names),
 * releaseRanges.ts (which release an entry is in, release filters), quoteLists.ts (each
 * speaker's statements) and ranking.ts (the best hits in order). What stays here, a little over
 * 500 lines, is one piece: the kinds of question ask tells apart (about the meeting, a reaction,
 * a position in the release, a topic) each end in the same ranked search with pinned entries
 * first, so that every page of one question lists the same statements and the same total.
 */
import { LibraryError } from "../errors.js";
import type { DocFilter, QueryTerm, StatementSearch } from "../index/search.js";
import { plainQuestion } from "../question/chat.js";
import { focusOf } from "../question/focus.js";
import {
  briefEntries,
  directAnswer,
  meetingAspect,
  meetingFacts,
  meetingWasCall,
} from "../question/meeting.js";
import { reactionAsked } from "../question/reaction.js";
import type { ReleaseText } from "../reading/load.js";
import type { SpeakerRegistry } from "../reading/speakers.js";
import type { Entry, LoadWarning, Release, Speaker } from "../types.js";
import { isStopWord, stem, words } from "../words/text.js";
import {
  type LibraryOptions,
  type LoadedLibrary,
  loadFolder,
  loadTexts,
  type SnapshotReport,
} from "./loading.js";
import { NameMatcher } from "./names.js";
import { hasBit, QuoteLists } from "./quoteLists.js";
import { bestHits, concat, flatten } from "./ranking.js";
import { ReleaseRanges } from "./releaseRanges.js";

export {
  CACHE_MIN_RELEASES,
  folderOptions,
  type LibraryOptions,
  type SnapshotReport,
  WORKER_MIN_RELEASES,
} from "./loading.js";
export { LibraryError };

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
  /** The sentence or sentences of the entry's text that answer the question, verbatim. */
  focus: string;
}

export interface AskResult {
  /** The normalized question: asking it again gives the same results (buttons carry it). */
  query: string;
  /**
   * A one-line answer the release states outright, for questions about the meeting itself
   * ("11 September 2025 (the release's date)"); null where there is none.
   */
  direct: string | null;
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

/** How many of the best matches are looked through for a release that names the people asked about. */
const RELEASE_CANDIDATES = 20;

/** Words that ask who besides the host and guest was there. */
const PRESENCE_WORDS = new Set(["present", "attended", "else", "accompanied", "delegation"]);

/** A speaker named in the question weighs their own statements (and narration about them) up. */
const SPEAKER_BOOST = 1.6;
const MENTION_BOOST = 1.3;
/** Words that ask for what someone said in their own words ("tokayev quote on china"), not a topic. */
const QUOTE_WORDS = new Set(["quote", "quotes", "quoted", "quotation", "quotations"]);

/** How many statements on the thing asked about are read on from for a reaction. */
const REACTION_TOPICS = 3;
/** How many statements on a reaction may come: a reply follows at once, or after a line of narration. */
const REACTION_REACH = 3;

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
 *
 * Built for thousands of releases: entries are numbered in release order, so a release is a range
 * of numbers; each speaker's quotes are a precomputed list; the search keeps its postings in typed
 * arrays; and a question only touches the entries its words occur in.
 */
export class Library {
  readonly releases: readonly Release[];
  readonly entries: readonly Entry[];
  readonly warnings: readonly LoadWarning[];
  readonly speakerRegistry: SpeakerRegistry;
  /**
   * Where the search index came from: built in a worker thread alongside parsing, built on this
   * one, or read back from a snapshot.
   */
  readonly indexSource: "worker" | "main" | "snapshot";
  /** Whether this load used, or is saving, a snapshot on disk. */
  readonly snapshot: SnapshotReport;
  private readonly search: StatementSearch;
  private readonly nameFormsBySpeaker: Map<Speaker, string[]>;
  private readonly names: NameMatcher;
  private readonly ranges: ReleaseRanges;
  private readonly quoteLists: QuoteLists;

  private constructor(
    readonly dir: string,
    { parts, search, indexSource, report }: LoadedLibrary,
  ) {
    this.indexSource = indexSource;
    this.snapshot = report;
    this.releases = parts.releases;
    this.entries = parts.entries;
    this.warnings = parts.warnings;
    this.speakerRegistry = parts.registry;
    this.nameFormsBySpeaker = parts.forms;
    this.search = search;
    this.names = new NameMatcher(
      parts.speakerOrder,
      parts.forms,
      (word) => search.docsWithTerm(stem(word)).length > 0,
    );
    this.ranges = new ReleaseRanges(parts.releases);
    this.quoteLists = new QuoteLists(parts.entries, parts.forms, (word) =>
      search.docsWithWord(word),
    );
  }

  /**
   * Loads every .txt release in `dir`; throws LibraryError when none can be loaded (see
   * loading.ts: a worker thread for a large folder, snapshots with `cache`).
   */
  static async load(dir: string, options: LibraryOptions = {}): Promise<Library> {
    return new Library(dir, await loadFolder(dir, options));
  }

  /** Parses release texts already read; one that fails to parse becomes a warning. */
  static fromTexts(
    dir: string,
    texts: readonly ReleaseText[],
    warnings: LoadWarning[] = [],
    options: LibraryOptions = {},
  ): Library {
    return new Library(dir, loadTexts(dir, texts, warnings, options));
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
    return this.ranges.entry(id);
  }

  release(id: string): Release | undefined {
    return this.ranges.release(id);
  }

  /**
   * Releases for an autocomplete: those whose file, date, title or lead has every typed word,
   * best first; with nothing typed, the newest releases.
   */
  suggestReleases(partial: string, limit = 25): Release[] {
    return this.ranges.suggest(partial, limit);
  }

  /**
   * The question reduced to the words the search reads: stop words go, except those beside a
   * name, which tell whether that person is speaking. Asking the reduced form gives the same answer.
   */
  normalizeQuestion(question: string): string {
    const questionWords = words(plainQuestion(question));
    const named = new Set(this.names.inQuestion(questionWords).map((found) => found.index));
    return questionWords
      .filter((word, index) => !isStopWord(word) || named.has(index - 1) || named.has(index + 1))
      .join(" ");
  }

  /** Scores 1 for entries listed in order (or reversed), paged. */
  private listed(
    parts: readonly Int32Array[],
    offset: number,
    limit: number,
    reverse: boolean,
  ): { results: ScoredEntry[]; total: number } {
    const total = parts.reduce((sum, part) => sum + part.length, 0);
    const results: ScoredEntry[] = [];
    const flat = parts.length === 1 ? (parts[0] ?? new Int32Array(0)) : concat(parts);
    for (let rank = offset; rank < Math.min(total, offset + limit); rank++) {
      const doc = flat[reverse ? total - 1 - rank : rank] ?? 0;
      const entry = this.entries[doc];
      if (entry) results.push({ entry, score: 1, focus: focusOf(entry.text, []) });
    }
    return { results, total };
  }

  /**
   * The statements that answer a question, best first. A question about the meeting itself (when,
   * where, who took part, what came of it) is answered from the release's structure: a direct
   * answer where the release states one, the lead first, or for its gist the release's brief.
   */
  ask(question: string, options: AskOptions = {}): AskResult {
    // The words as typed, stop words and all: they tell what part of the meeting is asked about.
    const typed = words(plainQuestion(question));
    const isName = (word: string) => this.names.speakerNamedBy(word) !== undefined;
    const inPerson = options.speaker ? null : meetingAspect(typed, isName);
    // "When was the call?" asks about the meeting only where the meeting was a call.
    const aspect = inPerson ?? (options.speaker ? null : meetingAspect(typed, isName, true));
    const release = aspect ? this.releaseAskedAbout(question, typed, options) : null;
    if (!aspect || !release) {
      const asking = options.speaker ? null : reactionAsked(typed);
      const reactions = asking ? this.reactionsAskedFor(typed, asking, options) : [];
      return { ...this.ranked(question, options, reactions), direct: null };
    }
    const facts = meetingFacts(release, (text) => this.names.peopleIn(text));
    if (!inPerson && !meetingWasCall(facts)) {
      return { ...this.ranked(question, options, []), direct: null };
    }
    if (aspect === "summary" || aspect === "outcome") {
      return this.briefAnswer(question, release, options, aspect === "outcome");
    }
    const direct = directAnswer(aspect, release, facts);
    // Without a direct answer the lead says nothing to the point: the search answers alone.
    if (direct === null) return { ...this.ranked(question, options, []), direct };
    const start = this.ranges.start(release);
    const lead = release.entries.findIndex((entry) => facts.leadSentence.includes(entry.text));
    const present =
      aspect === "who"
        ? release.entries.flatMap((entry, index) => {
            const named = this.names.peopleIn(entry.text);
            return facts.alsoPresent.some((name) => named.includes(name)) ? [index] : [];
          })
        : [];
    // "Who else was present?" asks for those beside the host and guest: they come first.
    const presentFirst = typed.some((word) => PRESENCE_WORDS.has(word));
    const order = presentFirst ? [...present, Math.max(0, lead)] : [Math.max(0, lead), ...present];
    const pinned = [...new Set(order)].map((index) => start + index);
    return { ...this.ranked(question, options, pinned), direct };
  }

  /**
   * What was said in reaction to the thing a question names ("how did Lukashenko react to the
   * letter"): for each of the best few statements on the thing, the next statement, within a
   * few, by the person asked about, or by anyone other than its speaker when no one is named.
   */
  private reactionsAskedFor(
    typed: readonly string[],
    asking: ReadonlySet<number>,
    options: AskOptions,
  ): number[] {
    const content = typed.filter((word, index) => !asking.has(index) && !isStopWord(word));
    const named = this.names.inQuestion(content).filter((found) => found.speaker.quoteCount > 0);
    const reactor = named[0];
    const reactorNumber = reactor ? this.quoteLists.numberOf(reactor.speaker.name) : null;
    const topic = content.filter((_, index) => index !== reactor?.index);
    const others = named.slice(1).map((found) => ({
      speaker: found.speaker,
      word: content[found.index] ?? "",
    }));
    const terms = this.termsNaming(topic, others);
    if (terms.length === 0) return [];
    const ranges = this.ranges.rangesOf(options.release);
    const filter: DocFilter = {
      accept: (doc) => this.quoteLists.docSpeaker[doc] !== reactorNumber,
    };
    if (ranges) filter.ranges = ranges;
    const hits = this.search.collect(terms, filter);
    const best = bestHits(hits, REACTION_TOPICS, [], () => 1).docs;
    const reactions: number[] = [];
    for (const said of best) {
      const release = this.ranges.releaseOfDoc(said);
      for (let next = said + 1; next <= said + REACTION_REACH; next++) {
        if (next >= this.entries.length || this.ranges.releaseOfDoc(next) !== release) break;
        if (this.quoteLists.docIsQuote[next] !== 1) continue;
        const by = this.quoteLists.docSpeaker[next];
        if (
          reactorNumber === null ? by !== this.quoteLists.docSpeaker[said] : by === reactorNumber
        ) {
          if (!reactions.includes(next)) reactions.push(next);
          break;
        }
      }
    }
    return reactions;
  }

  /** The release a question about "the meeting" means: the one asked about, the only one, or the best match's. */
  private releaseAskedAbout(
    question: string,
    typed: readonly string[],
    options: AskOptions,
  ): Release | null {
    if (options.release) return this.release(options.release) ?? null;
    if (this.releases.length === 1) return this.releases[0] ?? null;
    // "When did Lukashenko meet Lavrov?": a release that names everyone the question names,
    // the best match among them; failing that, the release of the best match.
    const naming = this.releasesNamingAll(typed);
    const { results } = this.ranked(
      question,
      { ...options, limit: RELEASE_CANDIDATES, offset: 0 },
      [],
    );
    const fitting = naming
      ? results.find((result) => naming.has(this.ranges.indexOf(result.entry)))
      : results[0];
    if (fitting) return this.release(fitting.entry.source.file) ?? null;
    if (naming && naming.size > 0) return this.releases[Math.min(...naming)] ?? null;
    const best = results[0];
    return best ? (this.release(best.entry.source.file) ?? null) : null;
  }

  /**
   * The releases (indexes) that name every person a question names, or null when it names no
   * one; found through the index's postings of each person's name forms.
   */
  private releasesNamingAll(questionWords: readonly string[]): Set<number> | null {
    const named = this.names.inQuestion(questionWords.filter((word) => !isStopWord(word)));
    const people = [...new Set(named.map((found) => found.speaker))];
    if (people.length === 0) return null;
    const naming = people.map((person) => {
      // By surname: a first name ("Sergei") is shared by too many people.
      const surname = words(person.name).at(-1) ?? "";
      const releases = new Set<number>();
      for (const doc of this.search.docsWithTerm(stem(surname)))
        releases.add(this.ranges.releaseOfDoc(doc));
      return releases;
    });
    const [first, ...others] = naming;
    return new Set(
      [...(first ?? [])].filter((index) => others.every((releases) => releases.has(index))),
    );
  }

  private briefAnswer(
    question: string,
    release: Release,
    options: AskOptions,
    decisionsFirst: boolean,
  ): AskResult {
    const limit = Math.max(1, options.limit ?? 3);
    const offset = Math.max(0, options.offset ?? 0);
    const brief = briefEntries(release, { decisionsFirst });
    return {
      query: this.normalizeQuestion(question),
      direct: null,
      results: brief
        .slice(offset, offset + limit)
        .map((entry) => ({ entry, score: 1, focus: focusOf(entry.text, []) })),
      total: brief.length,
      speaker: null,
    };
  }

  /** The release in at most six statements: its lead, what was decided, the key quotes. */
  brief(release?: string): { release: Release; entries: Entry[] } | null {
    const chosen = release
      ? this.release(release)
      : [...this.releases].sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""))[0];
    return chosen ? { release: chosen, entries: briefEntries(chosen) } : null;
  }

  /** Entry numbers (positions in `entries`, ascending) whose text or context has a stem. */
  entriesWithTerm(term: string): Int32Array {
    return this.search.docsWithTerm(term);
  }

  /**
   * The search behind ask, with `pinned` entries (entry numbers) put first in the given order:
   * every page of one question lists the same statements and reports the same total.
   */
  private ranked(
    question: string,
    options: AskOptions,
    pinned: readonly number[],
  ): Omit<AskResult, "direct"> {
    const limit = Math.max(1, options.limit ?? 3);
    const offset = Math.max(0, options.offset ?? 0);
    const query = this.normalizeQuestion(question);
    const questionWords = query.split(" ").filter(Boolean);
    const filterSpeaker = options.speaker ? this.speakerRegistry.resolve(options.speaker) : null;
    if (options.speaker && !filterSpeaker) return { query, results: [], total: 0, speaker: null };
    const named = this.names.inQuestion(questionWords);
    const speaking = named.filter((found) => found.speaking).map((found) => found.speaker);
    const nameIndexes = new Set(
      named.filter((found) => found.speaking).map((found) => found.index),
    );
    const quoteAsked = questionWords.some((word) => QUOTE_WORDS.has(word));
    const terms = this.termsNaming(
      questionWords.filter((word, index) => !nameIndexes.has(index) && !QUOTE_WORDS.has(word)),
      named
        .filter((candidate) => !candidate.speaking)
        .map((found) => ({ speaker: found.speaker, word: questionWords[found.index] ?? "" })),
    );
    const ranges = this.ranges.rangesOf(options.release);

    const order = sequenceAsked(terms);
    if ((order || terms.length === 0) && pinned.length === 0) {
      // "What did Lukashenko say first?" asks for a position in the release, not a topic;
      // "What did Coale say?" for the speaker's own statements, in release order; "quotes?" for
      // everyone's.
      const who = filterSpeaker ?? speaking[0];
      const parts = who
        ? this.quoteLists.quotesOf(who.name, ranges)
        : order || quoteAsked
          ? this.quoteLists.allQuotesWithin(ranges)
          : [];
      const { results, total } = this.listed(parts, offset, limit, order === "last");
      return { query, results, total, speaker: filterSpeaker };
    }

    const filter: DocFilter = {};
    if (ranges) filter.ranges = ranges;
    if (filterSpeaker) {
      // Only quotes have a speaker: the search looks up just this speaker's.
      const number = this.quoteLists.numberOf(filterSpeaker.name);
      filter.accept = (doc) => this.quoteLists.docSpeaker[doc] === number;
      filter.only = flatten(this.quoteLists.quotesOf(filterSpeaker.name, ranges));
    }
    const speakingNumbers = speaking.map((speaker) => this.quoteLists.numberOf(speaker.name));
    const mentionMaps = speaking.map((speaker) => this.quoteLists.mentionsOf(speaker));
    const { docSpeaker, docIsQuote } = this.quoteLists;
    /** How an entry stands to the people named as speaking: said by one, narration naming one, or neither. */
    const tieOf = (doc: number): "said" | "named" | null => {
      let tie: "named" | null = null;
      for (let which = 0; which < speakingNumbers.length; which++) {
        if (docSpeaker[doc] === speakingNumbers[which]) return "said";
        if (docIsQuote[doc] === 0 && hasBit(mentionMaps[which], doc)) tie = "named";
      }
      return tie;
    };
    if (speaking.length > 0 && !filterSpeaker) {
      filter.credit = {
        weight: Math.max(...speaking.map((speaker) => this.nameWeight(speaker))),
        earns: (doc) => tieOf(doc) !== null,
      };
    }
    if (quoteAsked && !filter.accept) filter.accept = (doc) => docIsQuote[doc] === 1;
    let hits = this.search.collect(terms, filter);
    if (quoteAsked && hits.count === 0 && !filterSpeaker) {
      filter.accept = undefined;
      hits = this.search.collect(terms, filter);
    }
    const best = bestHits(hits, offset + limit, pinned, (doc) => {
      const tie = tieOf(doc);
      return tie === "said" ? SPEAKER_BOOST : tie === "named" ? MENTION_BOOST : 1;
    });
    const { docs: topDocs, raw: topRaw } = best;
    const results: ScoredEntry[] = [];
    for (let rank = offset; rank < Math.min(topDocs.length, offset + limit); rank++) {
      const entry = this.entries[topDocs[rank] ?? 0];
      const raw = topRaw[rank] ?? 0;
      if (entry) {
        const score = raw === Number.POSITIVE_INFINITY ? 1 : Number((raw / (raw + 4)).toFixed(3));
        results.push({ entry, score, focus: focusOf(entry.text, terms) });
      }
    }
    return { query, results, total: best.total, speaker: filterSpeaker };
  }

  /** How much naming a person tells in a question: the weight of their best-known name form. */
  private nameWeight(speaker: Speaker): number {
    const forms = this.nameFormsBySpeaker.get(speaker) ?? [];
    return this.search.termWeight({
      word: speaker.name,
      alternatives: new Map(forms.map((form) => [stem(form), 1])),
    });
  }

  /** Query terms for question words, a person's name met by any of their name forms. */
  private termsNaming(
    questionWords: readonly string[],
    people: ReadonlyArray<{ speaker: Speaker; word: string }>,
  ): QueryTerm[] {
    const terms = this.search.queryTerms(questionWords);
    for (const found of people) {
      const term = terms.find((candidate) => candidate.word === found.word);
      for (const form of this.nameFormsBySpeaker.get(found.speaker) ?? [])
        term?.alternatives.set(stem(form), 1);
    }
    return terms;
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
    const ranges = this.ranges.rangesOf(options.release);
    const topic = options.topic?.trim();
    const parts = topic ? [] : this.quoteLists.quotesOf(speaker.name, ranges);
    const results: Entry[] = [];
    if (topic) {
      const number = this.quoteLists.numberOf(speaker.name);
      const filter: DocFilter = {
        accept: (doc) =>
          this.quoteLists.docIsQuote[doc] === 1 && this.quoteLists.docSpeaker[doc] === number,
        only: flatten(this.quoteLists.quotesOf(speaker.name, ranges)),
      };
      if (ranges) filter.ranges = ranges;
      const hits = this.search.collect(this.search.queryTerms(words(topic)), filter);
      // The hits are the speaker's quotes on the topic (the filter sees to it): in release order.
      const onTopic = hits.docs.slice(0, hits.count).sort();
      for (const doc of onTopic) {
        const entry = this.entries[doc];
        if (entry) results.push(entry);
      }
      if (results.length === 0) {
        return {
          status: "found",
          speaker,
          results,
          message: `${speaker.name} says nothing about "${topic}" in the releases.`,
          suggestions: [],
        };
      }
    } else if (!ranges) {
      return {
        status: "found",
        speaker,
        results: this.quoteLists.allQuoteEntries(speaker.name),
        suggestions: [],
      };
    } else {
      results.push(...this.quoteLists.entriesOf(parts));
    }
    return { status: "found", speaker, results, suggestions: [] };
  }
}
