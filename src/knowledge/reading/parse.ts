/**
 * The reading room's last step: a release's paragraphs into attributed statements. Each quote is
 * given to whoever the text says spoke it (a name, an office, a pronoun for the paragraph's
 * subject, a lead-in before a colon), and the narration between quotes becomes facts. One piece,
 * a little under 600 lines: the parser walks the release paragraph by paragraph carrying who was
 * spoken of last, which every rule of attribution reads and updates.
 */

import { finish, type Steps } from "../steps.js";
import type { Entry, LoadWarning, Release } from "../types.js";
import { cutAtWord, isStopWord } from "../words/text.js";
import { parseHeader, placeIn } from "./header.js";
import { nameRuns } from "./nameRuns.js";
import { MAX_PEOPLE, PeopleIndex, type Person, titleOfRole } from "./people.js";
import { findDoubleQuotes, findSingleQuotes, type QuoteSpan } from "./quoteMarks.js";
import { sentenceRanges } from "./sentences.js";

export interface ParsedRelease {
  release: Release;
  people: PeopleIndex;
  warnings: LoadWarning[];
}

/** Verbs that introduce or follow speech; the words before one are who spoke. */
const SPEECH_VERBS = new Set(
  `said says stated states added adds noted notes emphasized emphasised emphasizes emphasises
  stressed stresses remarked remarks explained explains responded replied continued continues
  asked asks answered declared declares recalled recalls underlined underlines underscored observed
  concluded announced announces told commented comments admitted assured assures insisted suggested
  suggests proposed proposes urged warned joked mentioned mentions acknowledged shared specified
  clarified highlighted highlights reiterated confirmed confirms expressed informed reminded
  thanked exclaimed agreed pointed wrote writes reads read summed went spoke voiced welcomed
  addressed greeted believes saying`.split(/\s+/),
);

/** Words between a speaker and the verb that are not part of the speaker ("He also stressed"). */
const NOT_SPEAKER_WORDS =
  /^(?:also|then|further|once|again|in|turn|later|finally|specifically|additionally|however|moreover|too|and|but|had|has|was|is|quoted|as)$/i;

interface Word {
  text: string;
  start: number;
  end: number;
}

const WORD_WITH_POSITION = /[\p{L}\p{N}][\p{L}\p{N}.'’-]*/gu;
const INITIALS = /^(?:\p{L}\.)+$/u;

function wordsWithPositions(text: string): Word[] {
  const found: Word[] = [];
  for (const match of text.matchAll(WORD_WITH_POSITION)) {
    // A full stop ends the sentence, not the word, except in initials ("U.S.").
    const word =
      match[0].endsWith(".") && !INITIALS.test(match[0]) ? match[0].slice(0, -1) : match[0];
    found.push({ text: word, start: match.index, end: match.index + word.length });
  }
  return found;
}

interface Attribution {
  /** The words naming the speaker: a name, an office, a pronoun or "the letter". */
  ref: string;
  /** Content words besides the speaker and the verb: many of them make the sentence a fact. */
  otherWords: number;
}

function contentWordCount(words: readonly Word[]): number {
  return words.filter((word) => word.text.length > 2 && !isStopWord(word.text.toLowerCase()))
    .length;
}

/**
 * Finds "<speaker> <verb>" or "<verb> <speaker>" at the start of a sentence: "the head of state
 * said at the beginning", "stated Aleksandr Lukashenko", "He also stressed that …".
 */
export function findAttribution(
  sentence: string,
  words: readonly Word[] = wordsWithPositions(sentence),
): Attribution | null {
  const verbIndex = words
    .slice(0, 12)
    .findIndex((word) => SPEECH_VERBS.has(word.text.toLowerCase()));
  if (verbIndex < 0) return null;
  if (verbIndex === 0) {
    const after = sentence.slice(words[0]?.end ?? 0);
    // "said Mr. Stoltenberg": an honorific's full stop does not end the speaker; "said the
    // President to Prime Minister X": the one spoken to is not the speaker.
    const written = /^\s*((?:(?:Mr|Mrs|Ms|Dr|Prof)\.\s+)?[^,.;:!?]+)/.exec(after)?.[1] ?? "";
    const ref = written.replace(/\s+to\s+.*$/s, "").trim();
    const refWords = wordsWithPositions(ref);
    if (refWords.length === 0 || refWords.length > 7) return null;
    return { ref, otherWords: contentWordCount(words.slice(1 + refWords.length)) };
  }
  let refEnd = verbIndex;
  while (refEnd > 0 && NOT_SPEAKER_WORDS.test(words[refEnd - 1]?.text ?? "")) refEnd--;
  while (refEnd > 0 && /ly$/i.test(words[refEnd - 1]?.text ?? "") && refEnd - 1 > 0) refEnd--;
  const refWords = words.slice(0, refEnd);
  if (refWords.length === 0 || refWords.length > 9) return null;
  const ref = sentence.slice(refWords[0]?.start ?? 0, refWords.at(-1)?.end ?? 0);
  return { ref, otherWords: contentWordCount(words.slice(verbIndex + 1)) };
}

interface SpeakerRef {
  person: Person | null;
  letter: boolean;
}

interface Utterance extends QuoteSpan {
  content: string;
  speaker: Person | null;
  letter: boolean;
  context: string[];
}

/**
 * How far after a quote its attribution is looked for, in characters. An attribution is a few
 * words, and a paragraph with many quotes must not be scanned to its end once for each.
 */
const ATTRIBUTION_REACH = 300;
/** The longest speaker reference read after "letter from": a name or an office, not a clause. */
const MAX_LETTER_AUTHOR_LENGTH = 80;
const LETTER_AUTHOR = new RegExp(
  `\\bletter\\s+(?:from|of|by)\\s+([^,.;:"”]{1,${MAX_LETTER_AUTHOR_LENGTH}})`,
  "gi",
);

/** A short quoted word inside narration (signed the letter simply "Donald") is not speech. */
function isQuotedTerm(paragraph: string, span: QuoteSpan): boolean {
  const content = paragraph.slice(span.open + 1, span.close).trim();
  if (!span.closed || /[.!?,…]$/.test(content)) return false;
  if (content.split(/\s+/).length > 4) return false;
  const after = paragraph.slice(span.close + 1, span.close + 1 + ATTRIBUTION_REACH);
  const firstSentence = after.slice(0, sentenceRanges(after)[0]?.[1] ?? after.length);
  return findAttribution(firstSentence.replace(/^[\s,.;:!?—–-]+/, "")) === null;
}

function withoutTrailingComma(text: string): string {
  return text.endsWith(",") ? text.slice(0, -1) : text;
}

const TRAILING_PUNCTUATION = new Set([",", ";", ":", "—", "–", "-"]);

/**
 * Without the punctuation and space around a sentence that a quote was cut from. The end is
 * trimmed in a loop: a pattern anchored at the end would be tried from every space of a long run.
 */
function stripPunctuation(text: string): string {
  const start = text.replace(/^[\s,.;:!?—–-]+/, "");
  let end = start.length;
  while (end > 0) {
    const char = start.charAt(end - 1);
    if (!TRAILING_PUNCTUATION.has(char) && char.trim() !== "") break;
    end--;
  }
  return start.slice(0, end);
}

const FIRST_PERSON_SPEECH =
  /\b(?:I|we)\s+(?:\w+\s+)?(?:said|say|told|tell|asked|ask|replied|answered|added|wrote|stated)\b/;

/** Sentences that lean on the one before ("These are cufflinks …") are kept with it. */
const LEANS_ON_PREVIOUS =
  /^(?:These|This|That|Those|It|Its|They|Their|Such|The latter|The former)\b/;

class ReleaseParser {
  private readonly entries: Entry[] = [];
  private readonly warnings: LoadWarning[] = [];
  private letterAuthor: Person | null = null;
  /** Entry ids are the file name without its extension, a colon, paragraph.position. */
  private readonly idPrefix: string;
  /** Who the previous paragraph was about: its last speaker, or whom its last sentence names first. */
  private previousSubject: Person | null = null;
  /**
   * A quote left open at the end of the last paragraph: the convention for speech that goes on
   * into the next paragraph, which opens with a quotation mark again.
   */
  private openQuote: {
    entry: Entry;
    person: Person | null;
    letter: boolean;
    /** Whether its own attribution or lead-in named the speaker. */
    named: boolean;
    warning: LoadWarning;
  } | null = null;

  constructor(
    private readonly file: string,
    private readonly date: string | null,
    private readonly dateText: string | null,
    private readonly people: PeopleIndex,
  ) {
    this.idPrefix = `${file.replace(/\.[^.]+$/, "")}:`;
  }

  *parse(paragraphs: readonly string[]): Steps<{ entries: Entry[]; warnings: LoadWarning[] }> {
    for (const [index, paragraph] of paragraphs.entries()) {
      yield;
      this.parseParagraph(paragraph, index + 1);
    }
    if (this.openQuote) this.warnings.push(this.openQuote.warning);
    return { entries: this.entries, warnings: this.warnings };
  }

  private resolveRef(ref: string, subject: Person | null): SpeakerRef | null {
    const trimmed = ref.trim();
    const letterMatch = /\b(?:letter|message|telegram)\b(?:\s+(?:from|of|by)\s+(.+))?/i.exec(
      trimmed,
    );
    if (letterMatch) {
      // "a letter from X" names its author; an X the release does not know is no one we know,
      // not the author of the last letter.
      if (!letterMatch[1]) return { person: this.letterAuthor, letter: true };
      this.letterAuthor = this.resolveRef(letterMatch[1], subject)?.person ?? null;
      return { person: this.letterAuthor, letter: true };
    }
    if (/^(?:he|she)$/i.test(trimmed)) return { person: subject, letter: false };
    if (nameRuns(trimmed).length > 0) {
      const named = this.people.findByName(trimmed);
      if (named) return { person: named, letter: false };
      // "the SVR head": an abbreviation in capitals before the office is no one's name.
      if (titleOfRole(trimmed.toLowerCase().split(/\s+/)) === null) return null;
    }
    const role = this.people.resolveRole(trimmed, subject);
    if (role) {
      this.people.noteRole(role, trimmed);
      return { person: role, letter: false };
    }
    return null;
  }

  /** "a letter from President Trump" anywhere in the paragraph tells whose letter "the letter" is. */
  private noteLetterAuthor(paragraph: string, subject: Person | null): void {
    for (const match of paragraph.matchAll(LETTER_AUTHOR)) {
      this.letterAuthor = this.resolveRef(match[1] ?? "", subject)?.person ?? null;
    }
  }

  /** Sentence ranges of the paragraph's pieces, which are split more than once. */
  private readonly pieceSentences = new Map<string, Array<[number, number]>>();

  private sentencesOf(piece: string): Array<[number, number]> {
    let ranges = this.pieceSentences.get(piece);
    if (!ranges) {
      ranges = sentenceRanges(piece);
      this.pieceSentences.set(piece, ranges);
    }
    return ranges;
  }

  private parseParagraph(paragraph: string, number: number): void {
    this.pieceSentences.clear();
    const spans = findDoubleQuotes(paragraph);
    const continued = this.openQuote;
    this.openQuote = null;
    // Speech going on from the last paragraph: it opened a quote it never closed, and this one
    // opens with a quotation mark. Otherwise the open quote was a slip, and is reported.
    const continues = continued !== null && spans[0]?.open === 0;
    if (continued && !continues) this.warnings.push(continued.warning);
    const unclosed = new Map<QuoteSpan, LoadWarning>();
    for (const span of spans.filter((candidate) => !candidate.closed)) {
      unclosed.set(span, {
        file: this.file,
        paragraph: number,
        message: `unbalanced quotation mark: the quote starting "${paragraph.slice(span.open + 1, span.open + 41).trim()}…" never closes, so it is read to the end of the paragraph`,
      });
    }
    const utterances: Utterance[] = spans
      // Marks around nothing but punctuation (`"," he said`) quote no words.
      .filter((span) => /[\p{L}\p{N}]/u.test(paragraph.slice(span.open + 1, span.close)))
      .filter((span) => !isQuotedTerm(paragraph, span))
      .map((span) => ({
        open: span.open,
        close: span.close,
        closed: span.closed,
        // The comma before an attribution ("…that," John Coale said) is the sentence's, not the speaker's.
        content: withoutTrailingComma(paragraph.slice(span.open + 1, span.close).trim()),
        speaker: null,
        letter: false,
        context: [],
      }));
    const pieces = utterances.map((utterance, index) =>
      paragraph.slice(index === 0 ? 0 : (utterances[index - 1]?.close ?? 0) + 1, utterance.open),
    );
    pieces.push(paragraph.slice(utterances.length ? (utterances.at(-1)?.close ?? 0) + 1 : 0));
    const pieceOffsets = utterances.map((_, index) =>
      index === 0 ? 0 : (utterances[index - 1]?.close ?? 0) + 1,
    );
    pieceOffsets.push(utterances.length ? (utterances.at(-1)?.close ?? 0) + 1 : 0);

    let subject = this.firstNamedIn(pieces[0] ?? "") ?? this.previousSubject;
    // Whom the paragraph is about for the next one: an unknown speaker leaves it as it was.
    let known = subject;
    this.noteLetterAuthor(paragraph, subject);

    const facts: Array<{ start: number; text: string }> = [];
    const attributionSentences = new Set<string>();
    const namedSpeakers: boolean[] = [];
    utterances.forEach((utterance, index) => {
      const before = pieces[index] ?? "";
      const after = pieces[index + 1] ?? "";
      const trailing = this.trailingAttribution(after);
      const leading = this.leadIn(before);
      let resolved: SpeakerRef | null = null;
      if (trailing) {
        resolved = this.resolveRef(trailing.attribution.ref, subject);
        if (resolved) {
          utterance.context.push(trailing.sentence);
          if (trailing.attribution.otherWords < 3) attributionSentences.add(`${index + 1}:0`);
        }
      }
      if (leading) {
        const fromLead = this.resolveRef(leading.ref, subject);
        utterance.context.push(leading.sentence);
        resolved ??= fromLead;
      }
      // `"…," the deputy minister said` names a speaker outright; when that name is no one we
      // know, guessing another person would put words in the wrong mouth.
      const namedButUnknown =
        trailing !== null &&
        resolved === null &&
        /[,!?…]$/.test(paragraph.slice(0, utterance.close).trimEnd());
      const named = resolved !== null;
      namedSpeakers.push(named);
      if (continued && continues && index === 0) {
        // One speech over two paragraphs has one speaker: whichever paragraph names them.
        if (!resolved) resolved = { person: continued.person, letter: continued.letter };
        else if (!continued.named) {
          continued.entry.speaker = resolved.person?.name ?? null;
          continued.entry.letter = resolved.letter;
        }
      }
      if (!resolved && !namedButUnknown && index > 0) {
        const previous = utterances[index - 1];
        if (previous) resolved = { person: previous.speaker, letter: previous.letter };
      }
      if (!resolved && !namedButUnknown && subject) resolved = { person: subject, letter: false };
      utterance.speaker = resolved?.person ?? null;
      utterance.letter = resolved?.letter ?? false;
      // After words of someone named but unknown ("the ambassador replied"), "he" is that
      // someone, not whoever the paragraph was about before.
      if (utterance.speaker) {
        subject = utterance.speaker;
        known = subject;
      } else if (namedButUnknown) subject = null;
      if (!utterance.speaker) {
        this.warnings.push({
          file: this.file,
          paragraph: number,
          message: `could not tell who said "${utterance.content.slice(0, 40)}…"; it is listed without a speaker`,
        });
      }
    });

    pieces.forEach((piece, pieceIndex) => {
      const offset = pieceOffsets[pieceIndex] ?? 0;
      this.sentencesOf(piece).forEach(([from, to], sentenceIndex) => {
        if (attributionSentences.has(`${pieceIndex}:${sentenceIndex}`)) return;
        const sentence = stripPunctuation(piece.slice(from, to));
        const sentenceWords = wordsWithPositions(sentence);
        const attribution = findAttribution(sentence, sentenceWords);
        if (attribution ? attribution.otherWords < 3 : contentWordCount(sentenceWords) < 3) return;
        const previous = facts.at(-1);
        if (LEANS_ON_PREVIOUS.test(sentence) && previous && sentenceIndex > 0) {
          previous.text = `${previous.text} ${sentence}`;
          return;
        }
        facts.push({ start: offset + from, text: sentence });
      });
    });

    const items: Array<{ start: number; entries: Omit<Entry, "id">[] }> = [];
    for (const fact of facts) {
      items.push({
        start: fact.start,
        entries: [this.entry("fact", null, null, false, fact.text, number, "")],
      });
    }
    for (const utterance of utterances) {
      const speakerName = utterance.speaker?.name ?? null;
      const quoteEntries = [
        this.entry(
          "quote",
          speakerName,
          null,
          utterance.letter,
          utterance.content,
          number,
          utterance.context.join(" "),
        ),
        ...this.nestedSpeech(utterance, number),
      ];
      items.push({ start: utterance.open, entries: quoteEntries });
    }
    items.sort((a, b) => a.start - b.start);
    let position = 0;
    for (const item of items) {
      for (const entry of item.entries) {
        position++;
        this.entries.push({
          // Joined rather than concatenated: a flat string, not a tree of pieces, which for
          // hundreds of thousands of entries is tens of megabytes.
          id: [this.idPrefix, number, ".", position].join(""),
          ...entry,
        });
      }
    }
    const last = utterances.at(-1);
    const lastSpan = spans.at(-1);
    // The last quote left open may go on in the next paragraph: its warning waits till then.
    const mayGoOn =
      last !== undefined &&
      lastSpan !== undefined &&
      !lastSpan.closed &&
      last.open === lastSpan.open;
    const goingOn = mayGoOn
      ? this.entries.findLast((entry) => entry.kind === "quote" && entry.text === last.content)
      : undefined;
    for (const [span, warning] of unclosed) {
      if (goingOn && last && span === lastSpan) {
        this.openQuote = {
          entry: goingOn,
          person: last.speaker,
          letter: last.letter,
          named: namedSpeakers.at(-1) ?? false,
          warning,
        };
      } else this.warnings.push(warning);
    }
    const lastSpeaker = last?.speaker;
    // The next paragraph goes on about whom this one's last sentence is about: its subject,
    // named first ("Markov thanked Putin …" is about Markov).
    const lastSentence = this.sentencesOf(paragraph).at(-1);
    const aboutLast = lastSentence ? this.firstNamedIn(paragraph.slice(...lastSentence)) : null;
    this.previousSubject = lastSpeaker ?? aboutLast ?? this.lastNamedIn(paragraph) ?? known;
  }

  private entry(
    kind: Entry["kind"],
    speaker: string | null,
    reportedBy: string | null,
    letter: boolean,
    text: string,
    paragraph: number,
    context: string,
  ): Omit<Entry, "id"> {
    return {
      kind,
      speaker,
      reportedBy,
      letter,
      text,
      source: { file: this.file, date: this.date, dateText: this.dateText, paragraph },
      context,
    };
  }

  /** Speech quoted inside a quote in single marks: said by the person named last before it. */
  private nestedSpeech(utterance: Utterance, paragraph: number): Omit<Entry, "id">[] {
    const nested: Omit<Entry, "id">[] = [];
    for (const span of findSingleQuotes(utterance.content)) {
      const text = utterance.content.slice(span.open + 1, span.close).trim();
      if (text.split(/\s+/).length < 2 && !/[.!?]$/.test(text)) continue;
      const before = utterance.content.slice(0, span.open);
      const sentenceStart = sentenceRanges(before).at(-1)?.[0] ?? 0;
      const leadIn = before.slice(sentenceStart).trim();
      // "I told him: '…'" is the speaker quoting themselves; otherwise the person named last speaks.
      const selfQuoted = FIRST_PERSON_SPEECH.test(leadIn);
      const speaker = selfQuoted
        ? utterance.speaker
        : (this.people.mentionsIn(before).at(-1)?.person ?? null);
      nested.push(
        this.entry(
          "quote",
          speaker?.name ?? null,
          selfQuoted ? null : (utterance.speaker?.name ?? null),
          false,
          text.replace(/,$/, ""),
          paragraph,
          leadIn,
        ),
      );
    }
    return nested;
  }

  private trailingAttribution(
    piece: string,
  ): { attribution: Attribution; sentence: string } | null {
    const firstRange = this.sentencesOf(piece)[0];
    if (!firstRange) return null;
    const sentence = stripPunctuation(piece.slice(firstRange[0], firstRange[1]));
    if (!/^[\s,.;:!?—–-]*$/.test(piece.slice(0, firstRange[0]))) return null;
    const attribution = findAttribution(sentence);
    return attribution ? { attribution, sentence } : null;
  }

  /** The sentence that leads into a quote with a colon or comma ("X emphasized …:"). */
  private leadIn(piece: string): { ref: string; sentence: string } | null {
    const beforeColon = /[:,]\s*$/.test(piece);
    // A quote inside a sentence of reported speech ("The President stressed that Russia "…"")
    // is that sentence's speaker's.
    const withinSentence = !beforeColon && /[\p{L}\p{N}]\s*$/u.test(piece);
    if (!beforeColon && !withinSentence) return null;
    const lastRange = this.sentencesOf(piece).at(-1);
    if (!lastRange) return null;
    const sentence = stripPunctuation(piece.slice(lastRange[0], lastRange[1]));
    const attribution = findAttribution(sentence);
    if (attribution) return { ref: attribution.ref, sentence };
    if (withinSentence) return null;
    const named = this.people.mentionsIn(sentence)[0];
    return named ? { ref: named.person.name, sentence } : null;
  }

  private firstNamedIn(text: string): Person | null {
    return this.people.mentionsIn(text)[0]?.person ?? null;
  }

  private lastNamedIn(text: string): Person | null {
    return this.people.mentionsIn(text).at(-1)?.person ?? null;
  }
}

/** The line without the spaces and zero-width spaces that end it (a loop: see stripPunctuation). */
function withoutTrailingSpace(line: string): string {
  let end = line.length;
  while (end > 0 && (line.charAt(end - 1) === "\u200B" || line.charAt(end - 1).trim() === "")) {
    end--;
  }
  return line.slice(0, end);
}

/** Splits a release's text into its header and body paragraphs, one paragraph a line. */
export function splitParagraphs(text: string): { lines: string[] } {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((line) => withoutTrailingSpace(line).trim())
    .filter((line) => line.length > 0);
  return { lines };
}

/**
 * The longest paragraph read, in characters. Parsing a paragraph takes time that grows faster
 * than its length where quotes and names crowd it, and a paragraph of a real release is a few
 * thousand characters at most; a longer one is cut, with a warning.
 */
export const MAX_PARAGRAPH_LENGTH = 10_000;

/** Parses a release at once. */
export function parseRelease(file: string, text: string): ParsedRelease {
  return finish(parsingRelease(file, text));
}

/** Parses a release a paragraph at a time (see steps.ts), for a caller that must stay responsive. */
export function* parsingRelease(file: string, text: string): Steps<ParsedRelease> {
  const { lines } = splitParagraphs(text);
  const header = parseHeader(lines);
  const lengthWarnings: LoadWarning[] = [];
  const paragraphs = lines.slice(header.bodyStart).map((paragraph, index) => {
    const kept = cutAtWord(paragraph, MAX_PARAGRAPH_LENGTH);
    if (kept !== paragraph) {
      lengthWarnings.push({
        file,
        paragraph: index + 1,
        message: `the paragraph is ${paragraph.length.toLocaleString("en-US")} characters long, more than a release paragraph can be (${MAX_PARAGRAPH_LENGTH.toLocaleString("en-US")}); only its first ${kept.length.toLocaleString("en-US")} characters are read`,
      });
    }
    return kept;
  });
  const people = yield* PeopleIndex.reading(paragraphs);
  if (people.overflow > 0) {
    lengthWarnings.push({
      file,
      message: `names more than ${MAX_PEOPLE} people; only the ${MAX_PEOPLE} named most often can be found as speakers`,
    });
  }
  const parser = new ReleaseParser(file, header.date, header.dateText, people);
  const { entries, warnings } = yield* parser.parse(paragraphs);
  const release: Release = {
    id: file.replace(/\.[^.]+$/, ""),
    file,
    date: header.date,
    dateText: header.dateText,
    place: placeIn(paragraphs, lines.slice(0, header.bodyStart)),
    publisher: header.publisher,
    title: header.title,
    lead: paragraphs[0] ?? "",
    paragraphs,
    entries,
  };
  return { release, people, warnings: atMostWarnings(file, [...lengthWarnings, ...warnings]) };
}

/** The most warnings kept for one release: past a few, more of them say nothing new. */
export const MAX_WARNINGS_PER_RELEASE = 20;

function atMostWarnings(file: string, warnings: LoadWarning[]): LoadWarning[] {
  if (warnings.length <= MAX_WARNINGS_PER_RELEASE) return warnings;
  const more = warnings.length - (MAX_WARNINGS_PER_RELEASE - 1);
  return [
    ...warnings.slice(0, MAX_WARNINGS_PER_RELEASE - 1),
    { file, message: `${more.toLocaleString("en-US")} more warnings like the ones above` },
  ];
}
