/**
 * Who a question names: a speaker's name as written, shortened ("luka") or misspelt ("Lukashanka",
 * "coal"), and whether the person named is the one speaking ("what did Coale say") or a topic
 * ("what did they say about Coale"). Name forms are matched in the order of the speakers given,
 * most quoted first, so a form two people share means the more quoted one.
 */

import { isSlipOf, nameRuns } from "../reading/nameRuns.js";
import type { Speaker } from "../types.js";
import { GramIndex } from "../words/grams.js";
import { isEnglishWord, isStopWord, words } from "../words/text.js";

/** The shortest typed fragment of a name that is read as the name ("luka", "coal"). */
const MIN_NAME_FRAGMENT = 4;

/** Question words remembered with the speaker they name (or none); past this many, afresh. */
const NAME_CACHE_SIZE = 20_000;

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
/** A person a question names, where, and whether they are the one speaking. */
export interface NamedInQuestion {
  speaker: Speaker;
  /** The position of the word that names them. */
  index: number;
  speaking: boolean;
}

export class NameMatcher {
  /** A name form → the first speaker (in speaker order) who has it. */
  private readonly formOwner = new Map<string, number>();
  /**
   * Name forms more than one speaker has ("vladimir" of Vladimir Putin and Vladimir Zelensky),
   * with all their owners in speaker order.
   */
  private readonly sharedForms = new Map<string, number[]>();
  /** Every name form, sorted, and its owner: the forms a typed fragment ("luka") begins. */
  private readonly formsInOrder: string[];
  private readonly formsInOrderOwner: Int32Array;
  /** Name forms of five letters or more, short (≤ 7, one slip allowed) and long (two). */
  private readonly shortForms: GramIndex;
  private readonly longForms: GramIndex;
  private readonly shortFormOwner: Int32Array;
  private readonly longFormOwner: Int32Array;
  /** Longest name form: a word longer by more than two letters cannot be a slip of one. */
  private readonly longestForm: number;
  private readonly namedCache = new Map<string, number>();

  /**
   * `speakerOrder`: the speakers, most quoted first; `formsOf`: each one's name forms, as
   * `words()` spells them; `inReleases`: whether a word is one the releases use, which is then
   * never read as a shortened or misspelt name.
   */
  constructor(
    private readonly speakerOrder: readonly Speaker[],
    formsOf: ReadonlyMap<Speaker, readonly string[]>,
    private readonly inReleases: (word: string) => boolean,
  ) {
    const shortForms = new Map<string, number>();
    const longForms = new Map<string, number>();
    speakerOrder.forEach((speaker, order) => {
      for (const form of formsOf.get(speaker) ?? []) {
        const owner = this.formOwner.get(form);
        if (owner === undefined) this.formOwner.set(form, order);
        else if (owner !== order) {
          const owners = this.sharedForms.get(form) ?? [owner];
          if (!owners.includes(order)) owners.push(order);
          this.sharedForms.set(form, owners);
        }
        const slips = form.length >= 8 ? longForms : shortForms;
        if (form.length >= 5 && !slips.has(form)) slips.set(form, order);
      }
    });
    this.formsInOrder = [...this.formOwner.keys()].sort();
    this.formsInOrderOwner = Int32Array.from(
      this.formsInOrder,
      (form) => this.formOwner.get(form) ?? -1,
    );
    let longest = 7;
    for (const form of longForms.keys()) longest = Math.max(longest, form.length);
    this.longestForm = longest;
    this.shortForms = new GramIndex([...shortForms.keys()]);
    this.shortFormOwner = Int32Array.from(shortForms.values());
    this.longForms = new GramIndex([...longForms.keys()]);
    this.longFormOwner = Int32Array.from(longForms.values());
  }

  /** The speaker a question word names, if any. */
  speakerNamedBy(word: string): Speaker | undefined {
    return this.speakerOrder[this.ownerOf(word)];
  }

  /** The number (in speaker order) of the first speaker a question word names, or -1. */
  private ownerOf(word: string): number {
    const cached = this.namedCache.get(word);
    if (cached !== undefined) return cached;
    let best = this.formOwner.get(word) ?? Number.POSITIVE_INFINITY;
    if (word.length >= 5 && word.length <= this.longestForm + 2) {
      // A slip ("Lukashenka" for "Lukashanka") is at most one edit on a name of up to seven
      // letters and two on a longer one; letter pairs narrow the forms down first.
      const check = (grams: GramIndex, owners: Int32Array, minShared: number) => {
        for (const index of grams.candidates(word, minShared)) {
          const owner = owners[index] ?? -1;
          if (owner >= 0 && owner < best && isSlipOf(word, grams.words[index] ?? "")) best = owner;
        }
      };
      check(this.shortForms, this.shortFormOwner, word.length - 3);
      if (word.length >= 6) check(this.longForms, this.longFormOwner, word.length - 5);
    }
    if (!Number.isFinite(best) && this.mayBeNameFragment(word)) {
      best = Math.min(this.ownerOfPrefix(word), this.ownerOfShortSlip(word));
    }
    const found = Number.isFinite(best) ? best : -1;
    if (this.namedCache.size >= NAME_CACHE_SIZE) this.namedCache.clear();
    this.namedCache.set(word, found);
    return found;
  }

  /**
   * Whether a typed word the releases never use could be a shortened or misspelt name ("luka",
   * "coal"): four letters or more, and no word of the releases, so "coal" is Coale only where
   * no release writes about coal.
   */
  private mayBeNameFragment(word: string): boolean {
    return word.length >= MIN_NAME_FRAGMENT && /^\p{L}+$/u.test(word) && !this.inReleases(word);
  }

  /** The most quoted owner of a name form the word begins, two letters short of it or more. */
  private ownerOfPrefix(word: string): number {
    let low = 0;
    let high = this.formsInOrder.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.formsInOrder[middle] ?? "") < word) low = middle + 1;
      else high = middle;
    }
    let best = Number.POSITIVE_INFINITY;
    for (let at = low; at < this.formsInOrder.length; at++) {
      const form = this.formsInOrder[at] ?? "";
      if (!form.startsWith(word)) break;
      if (form.length >= word.length + 2) best = Math.min(best, this.formsInOrderOwner[at] ?? -1);
    }
    return best < 0 ? Number.POSITIVE_INFINITY : best;
  }

  /** The owner of a five-letter name form that a four-letter word is one slip from ("coal"). */
  private ownerOfShortSlip(word: string): number {
    if (word.length !== MIN_NAME_FRAGMENT) return Number.POSITIVE_INFINITY;
    let best = Number.POSITIVE_INFINITY;
    for (const index of this.shortForms.candidates(word, 1)) {
      const owner = this.shortFormOwner[index] ?? -1;
      if (owner >= 0 && owner < best && isSlipOf(word, this.shortForms.words[index] ?? "")) {
        best = owner;
      }
    }
    return best;
  }

  /** Speakers named in a question, and whether each is the one speaking or a topic. */
  inQuestion(questionWords: readonly string[]): NamedInQuestion[] {
    const found: NamedInQuestion[] = [];
    questionWords.forEach((word, index) => {
      if (word.length < 3 || isStopWord(word)) return;
      const speaker = this.speakerNamedBy(word);
      if (!speaker) return;
      // "Coale on prisoners", "Lukashenka praise for …": a name that opens the question speaks.
      const speaking =
        speaker.quoteCount > 0 &&
        (index === 0 ||
          SPEAKER_BEFORE.has(questionWords[index - 1] ?? "") ||
          SPEAKER_AFTER.has(questionWords[index + 1] ?? ""));
      found.push({ speaker, index, speaking });
    });
    return found;
  }

  /**
   * The people a text names, canonical and in order, each once. A name form several people share
   * ("Vladimir") names no one when another form in the text names one of them alone: "Vladimir
   * Putin spoke with Vladimir Zelensky" is Putin and Zelensky by their surnames. Else it is the
   * first of them.
   */
  peopleIn(text: string): string[] {
    // A name that is also a word ("May", "Price") names someone only where it stands in a name:
    // not "may", nor "on 14 May". The text's names are read only when such a word is in it.
    let inNames: Set<string> | undefined;
    const names = (word: string) => {
      if (!isEnglishWord(word)) return true;
      inNames ??= new Set(
        words(
          nameRuns(text)
            .flatMap((run) => run.tokens)
            .join(" "),
        ),
      );
      return inNames.has(word);
    };
    const textWords = words(text).filter(
      (word) => (!this.formOwner.has(word) && !this.sharedForms.has(word)) || names(word),
    );
    const namedAlone = new Set<number>();
    for (const word of textWords) {
      const order = this.formOwner.get(word);
      if (order !== undefined && !this.sharedForms.has(word)) namedAlone.add(order);
    }
    const named: string[] = [];
    for (const word of textWords) {
      if (this.sharedForms.get(word)?.some((owner) => namedAlone.has(owner))) continue;
      const order = this.formOwner.get(word);
      const speaker = order === undefined ? undefined : this.speakerOrder[order];
      if (speaker && !named.includes(speaker.name)) named.push(speaker.name);
    }
    return named;
  }
}
