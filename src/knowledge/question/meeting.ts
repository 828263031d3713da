/**
 * Questions about the meeting itself (when, where, who took part, what came of it) are answered
 * from the release's structure: its date, the place and people of its lead, and the statements
 * that carry its substance, rather than from whichever statement shares a word with them.
 */

import { isDateWord, MEETING_VERB, MONTH_NAMES } from "../reading/header.js";
import { isNotNameWord } from "../reading/nameRuns.js";
import { sentenceRanges } from "../reading/sentences.js";
import type { Release } from "../types.js";
import { indexTerms, isStopWord } from "../words/text.js";

export type MeetingAspect = "when" | "where" | "who" | "summary" | "outcome";

/** Words that make a "when" or "where" question one about the meeting, not about a remark in it. */
const MEETING_WORDS = new Set(
  `met meet meets meeting meetings received receive receives visit visited visiting talks held hold
  hosted host happen happened place sit sat session summit`.split(/\s+/),
);
/** Words that ask who took part. */
const PARTICIPATION_WORDS = new Set(
  `met meet meets meeting sit sat part attended attend present participated participants
  attendees involved everyone everybody there delegation`.split(/\s+/),
);
/** Words that ask for the gist of the whole meeting. */
const SUMMARY_WORDS = new Set(
  "tldr summary summarize summarise recap gist brief overview highlights".split(" "),
);
/** Words that ask what the meeting led to. */
const OUTCOME_WORDS = new Set(
  "outcome outcomes takeaways takeaway agreed decided achieved deliverables".split(" "),
);

/**
 * Words that make a question one about the meeting when the meeting was a call. In a release
 * about talks in person, a call is a topic of the talks ("when did Trump call him?").
 */
const CALL_WORDS = new Set(
  "call called calls calling phoned phone telephone conversation spoke spoken talked".split(" "),
);
/** A lead sentence that tells of a call, not a meeting in person. */
const CALL_LEAD = /\b(?:call|called|phone|phoned|telephone|spoke|conversation)\b/i;

/** Whether a release's meeting, as its lead tells it, was a call. */
export function meetingWasCall(facts: MeetingFacts): boolean {
  return CALL_LEAD.test(facts.leadSentence);
}

/** Words that tie a question to a topic: "happened to …", "involved in …". */
const TOPIC_LINKS = new Set(["to", "in", "on", "about", "with", "regarding", "over"]);

/** A word that names a topic rather than the meeting: not a stop word, not about meeting. */
const isTopicWord = (word: string) =>
  !isStopWord(word) &&
  !MEETING_WORDS.has(word) &&
  !PARTICIPATION_WORDS.has(word) &&
  !CALL_WORDS.has(word) &&
  word.length > 2;

/**
 * Which part of the meeting a question asks about, from its words (lower case, as typed).
 * `isName` tells a person's name, which never makes a question one about a topic.
 */
export function meetingAspect(
  words: readonly string[],
  isName: (word: string) => boolean = () => false,
  byCall = false,
): MeetingAspect | null {
  const has = (word: string) => words.includes(word);
  // Where the meeting was a call, the words for a call are words for the meeting.
  const some = (set: ReadonlySet<string>) =>
    words.some(
      (word) =>
        set.has(word) ||
        (byCall && CALL_WORDS.has(word) && (set === MEETING_WORDS || set === PARTICIPATION_WORDS)),
    );
  const follows = (first: string, second: string) =>
    words.some((word, index) => word === first && words[index + 1] === second);
  if (
    some(OUTCOME_WORDS) ||
    follows("came", "out") ||
    follows("come", "out") ||
    ((has("result") || has("results")) && !some(MEETING_WORDS))
  ) {
    return "outcome";
  }
  // "Who did he call on sept 15" asks about the call of that day: a month and a day, or a month
  // and a year, standing together are a date, not a topic ("the march" alone may be one).
  const inDate = (index: number) =>
    isDateWord(words[index] ?? "") &&
    (isDateWord(words[index - 1] ?? "") || isDateWord(words[index + 1] ?? ""));
  // "What happened to the prisoners?" and "who was involved in the release?" ask about a topic.
  const aboutTopic = words.some(
    (word, index) =>
      TOPIC_LINKS.has(word) &&
      words.some((later, at) => at > index && isTopicWord(later) && !isName(later) && !inDate(at)),
  );
  if (some(SUMMARY_WORDS) || follows("tl", "dr")) return "summary";
  if (follows("what", "happened") && !aboutTopic) return "summary";
  if (aboutTopic) return null;
  if (has("who") && some(PARTICIPATION_WORDS)) return "who";
  if (follows("took", "part") || follows("list", "everyone")) return "who";
  const asksDay = has("when") || has("date") || follows("what", "day");
  if (asksDay && (some(MEETING_WORDS) || words.length <= 3)) return "when";
  if (has("where") && (some(MEETING_WORDS) || words.length <= 3)) return "where";
  return null;
}

/** What a release's lead says of its meeting. */
export interface MeetingFacts {
  /** The sentence of the lead that says who met whom, or its first sentence that names someone. */
  leadSentence: string;
  /**
   * Canonical names in the order the lead names them, the host first; a host the lead names only
   * by office ("The Secretary-General") is that office.
   */
  people: string[];
  /** People a sentence of the release says were also present. */
  alsoPresent: string[];
}

/** A verb of reporting: ", the ministry's spokesman told reporters." */
const REPORTING = /\b(?:told|said|says|reported|reports|announced|informed|according to)\b/i;

/**
 * The people who met, as a lead sentence names them. Its last clause after a comma, when it only
 * tells who reported the meeting (", Kremlin Press Secretary Dmitry Peskov told reporters"),
 * names no one who was in it.
 */
function peopleWhoMet(sentence: string, peopleIn: (text: string) => string[]): string[] {
  const comma = sentence.lastIndexOf(",");
  const clause = comma < 0 ? "" : sentence.slice(comma);
  if (REPORTING.test(clause) && !MEETING_VERB.test(clause)) {
    const met = peopleIn(sentence.slice(0, comma));
    if (met.length > 0) return met;
  }
  return peopleIn(sentence);
}

/**
 * A lead that names its host only by office ("The Secretary-General met today with …") has that
 * office, capitalised, right before the meeting verb, perhaps with a word of time between.
 */
const OFFICE_BEFORE_VERB =
  /(?:^|[\s,–-])([Tt]he\s+(?:\p{Lu}[\p{L}-]*\s+){0,3}(\p{Lu}[\p{L}-]*))(?:\s+(?:today|yesterday|also|jointly))?\s*$/u;

/** The office the lead names its host by, when it gives no name: it stands for the host. */
function hostOffice(sentence: string, peopleIn: (text: string) => string[]): string | null {
  const verb = MEETING_VERB.exec(sentence);
  if (!verb) return null;
  const before = sentence.slice(0, verb.index);
  const found = OFFICE_BEFORE_VERB.exec(before);
  const [, office, lastWord] = found ?? [];
  if (!office || !lastWord || !isNotNameWord(lastWord.toLowerCase())) return null;
  if (peopleIn(before).length > 0) return null;
  return office.charAt(0).toUpperCase() + office.slice(1).replace(/\s+/g, " ");
}

const PRESENT = /\b(?:also present|was present|were present|attended|took part|accompanied)\b/i;

/**
 * The meeting as the lead tells it. `peopleIn` names the people a text mentions, canonical and
 * in order; the host is the first named before the meeting verb.
 */
export function meetingFacts(release: Release, peopleIn: (text: string) => string[]): MeetingFacts {
  const lead = release.paragraphs[0] ?? "";
  const sentences = sentenceRanges(lead).map(([from, to]) => lead.slice(from, to));
  // A dateline ("MOSCOW, September 15. /TASS/.") may stand first and name no one.
  const leadSentence =
    sentences.find((sentence) => MEETING_VERB.test(sentence)) ??
    sentences.find((sentence) => peopleIn(sentence).length > 0) ??
    sentences[0] ??
    lead;
  const people = peopleWhoMet(leadSentence, peopleIn);
  const office = hostOffice(leadSentence, peopleIn);
  if (office && people.length > 0) people.unshift(office);
  const alsoPresent: string[] = [];
  // Who else was present is the release's own word: its narration, or an editor's insertion in a
  // quote ("Chris [Christopher Smith, …, who was also present at the meeting]"). A speaker's
  // "a meeting … attended by several dozen people" is another meeting.
  const ownWords = release.entries.flatMap((entry) =>
    entry.kind === "fact" ? [entry.text] : (entry.text.match(/\[[^\][]*\]/g) ?? []),
  );
  for (const text of ownWords) {
    for (const [from, to] of sentenceRanges(text)) {
      const sentence = text.slice(from, to);
      const at = sentence.search(PRESENT);
      if (at < 0) continue;
      // The person the clause is about is named last before it.
      const person = peopleIn(sentence.slice(0, at)).at(-1);
      if (person && !people.includes(person) && !alsoPresent.includes(person)) {
        alsoPresent.push(person);
      }
    }
  }
  return { leadSentence, people, alsoPresent };
}

/** "2025-09-11" → "11 September 2025". */
function writtenDate(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  return `${day} ${MONTH_NAMES[(month ?? 1) - 1]} ${year}`;
}

/** The one-line answer to a question about the meeting, where the release states it. */
export function directAnswer(
  aspect: MeetingAspect,
  release: Release,
  facts: MeetingFacts,
): string | null {
  if (aspect === "when") {
    if (release.date) return `${writtenDate(release.date)} (the release's date)`;
    return release.dateText ? `${release.dateText} (the release gives no year)` : null;
  }
  if (aspect === "where") return release.place;
  if (aspect === "who") {
    const [host, ...guests] = facts.people;
    if (!host || guests.length === 0) return null;
    const met = `${host} ${meetingWasCall(facts) ? "spoke with" : "met"} ${guests.join(" and ")}`;
    if (facts.alsoPresent.length === 0) return met;
    const also = facts.alsoPresent.join(" and ");
    return `${met}; ${also} ${facts.alsoPresent.length > 1 ? "were" : "was"} also present`;
  }
  return null;
}

/** The most statements a brief gives. */
const BRIEF_SIZE = 6;
/** Below this many characters a quote is a courtesy ("Thank you!"), not a key quote. */
const KEY_QUOTE_MIN_LENGTH = 60;
/** Statements that say what was decided or done. */
const DECISION =
  /\b(?:agreed (?:to|on|that|upon)|signed (?:an?|the) (?:agreement|memorandum|treaty|declaration|contract|roadmap|deal)|signed (?:agreements|documents|memoranda|contracts)|decided to|decision (?:has been|was|had been) (?:made|taken)|(?:have|has|had|were|was) lifted|lifted (?:the )?sanctions|approved|adopted|launched|(?:will|to) (?:open|establish|set up|expand|increase|resume))\b/i;

type BriefEntry = Release["entries"][number];

/**
 * How central a statement is to its release: the summed frequency, across the release, of the
 * content words it uses, per word it has. The key quote of a speaker is their most central one.
 */
function centrality(entry: BriefEntry, counts: ReadonlyMap<string, number>): number {
  const terms = indexTerms(entry.text);
  if (terms.length === 0) return 0;
  const unique = new Set(terms);
  let sum = 0;
  for (const term of unique) sum += counts.get(term) ?? 0;
  return sum / Math.sqrt(terms.length);
}

/**
 * The release in at most BRIEF_SIZE statements, in release order: its lead, up to two that say
 * what was decided, and each speaker's key quote (their most central), most quoted speakers
 * first. With `decisionsFirst`, for what a meeting led to, the decisions come before the rest.
 */
export function briefEntries(
  release: Release,
  { decisionsFirst = false }: { decisionsFirst?: boolean } = {},
): BriefEntry[] {
  const { entries } = release;
  const counts = new Map<string, number>();
  for (const entry of entries) {
    for (const term of new Set(indexTerms(entry.text)))
      counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const chosen = new Set<BriefEntry>();
  const lead = entries.find((entry) => entry.source.paragraph === 1 && entry.kind === "fact");
  const first = lead ?? entries[0];
  if (first) chosen.add(first);
  for (const entry of entries) {
    if (chosen.size >= 3) break;
    if (entry.reportedBy === null && DECISION.test(entry.text)) chosen.add(entry);
  }
  const quotes = entries.filter(
    (entry) =>
      entry.kind === "quote" &&
      entry.speaker !== null &&
      entry.reportedBy === null &&
      entry.text.length >= KEY_QUOTE_MIN_LENGTH,
  );
  const quoteCounts = new Map<string, number>();
  for (const quote of quotes) {
    quoteCounts.set(quote.speaker ?? "", (quoteCounts.get(quote.speaker ?? "") ?? 0) + 1);
  }
  const speakers = [...quoteCounts.keys()].sort(
    (a, b) => (quoteCounts.get(b) ?? 0) - (quoteCounts.get(a) ?? 0),
  );
  const byCentrality = [...quotes].sort((a, b) => centrality(b, counts) - centrality(a, counts));
  for (const speaker of speakers) {
    if (chosen.size >= BRIEF_SIZE) break;
    const key = byCentrality.find((quote) => quote.speaker === speaker && !chosen.has(quote));
    if (key) chosen.add(key);
  }
  for (const quote of byCentrality) {
    if (chosen.size >= BRIEF_SIZE) break;
    chosen.add(quote);
  }
  const inOrder = entries.filter((entry) => chosen.has(entry));
  if (!decisionsFirst) return inOrder;
  const decides = (entry: BriefEntry) => entry.reportedBy === null && DECISION.test(entry.text);
  return [...inOrder.filter(decides), ...inOrder.filter((entry) => !decides(entry))];
}
