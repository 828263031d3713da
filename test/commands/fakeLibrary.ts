import type {
  AskOptions,
  AskResult,
  Library,
  QuotesResult,
} from "../../src/knowledge/library/library.js";
import type { Entry, LoadWarning, Release, Speaker } from "../../src/knowledge/types.js";

/**
 * A small stand-in for the knowledge library, built on part of the seed release, so command tests
 * do not depend on the real search: matching is plain word overlap.
 */

export const RELEASE_ID = "2025-09-11-lukashenko-coale";
export const RELEASE_FILE = `${RELEASE_ID}.txt`;

const PARAGRAPHS: Record<number, string> = {
  1: "Belarusian President Aleksandr Lukashenko met with U.S. President's representative John Coale.",
  2: '"I welcome you to Belarus. Thank you for finding the time to visit our country, especially during these difficult times," the head of state said at the beginning of the meeting.',
  4: '"Thank you! I very much appreciate that," John Coale said.',
  13: '"I would like to officially declare here that we have lifted sanctions from Belavia. This is official." John Cole emphasized.',
  14: '"The removal of sanctions [from the Belarusian flag carrier Belavia] that we\'ve just declared during this meeting is only the beginning," John Coale noted.',
  16: 'The letter reads: "Dear Mr. Lukashenko, Melania [Donald Trump\'s wife] joins me in sending our best wishes on the occasion of your birthday."',
  22: "John Coale handed over a gift from Donald Trump to Aleksandr Lukashenko.",
  23: "\"As I was leaving the Oval Office, he [Donald Trump] said: 'Wait, come back, don't forget to give this to the President',\" John Coale remarked.",
  24: '"Interesting cufflinks with the White House image on them," Aleksandr Lukashenko said, examining the gift. "Well, I\'ll try not to be in his debt."',
};

const LUKASHENKO = "Aleksandr Lukashenko";
const COALE = "John Coale";
const TRUMP = "Donald Trump";

type EntrySeed = [
  id: string,
  speaker: string | null,
  paragraph: number,
  text: string,
  extra?: Partial<Entry>,
];

const ENTRY_SEEDS: EntrySeed[] = [
  [
    "e02",
    LUKASHENKO,
    2,
    "I welcome you to Belarus. Thank you for finding the time to visit our country, especially during these difficult times,",
  ],
  ["e04", COALE, 4, "Thank you! I very much appreciate that,"],
  [
    "e05",
    LUKASHENKO,
    5,
    "The most important thing now is that Donald does not cool off towards this topic of peace.",
  ],
  ["e06", LUKASHENKO, 6, "Most importantly, I wish you more objectivity."],
  ["e07", LUKASHENKO, 7, "We will also need to discuss the subject of war and peace,"],
  ["e08", LUKASHENKO, 8, "I have no objection to discussing this topic in a global context."],
  ["e09", LUKASHENKO, 9, "We strongly oppose the imprisonment of these individuals."],
  [
    "e13",
    COALE,
    13,
    "I would like to officially declare here that we have lifted sanctions from Belavia. This is official.",
  ],
  [
    "e14",
    COALE,
    14,
    "The removal of sanctions [from the Belarusian flag carrier Belavia] that we've just declared during this meeting is only the beginning,",
  ],
  [
    "e16",
    TRUMP,
    16,
    "Dear Mr. Lukashenko, Melania [Donald Trump's wife] joins me in sending our best wishes on the occasion of your birthday.",
    { letter: true },
  ],
  [
    "e22",
    null,
    22,
    "John Coale handed over a gift from Donald Trump to Aleksandr Lukashenko.",
    { kind: "fact" },
  ],
  [
    "e23",
    TRUMP,
    23,
    "Wait, come back, don't forget to give this to the President",
    { reportedBy: COALE },
  ],
  ["e24a", LUKASHENKO, 24, "Interesting cufflinks with the White House image on them,"],
  ["e24b", LUKASHENKO, 24, "Well, I'll try not to be in his debt."],
];

const PEOPLE: Omit<Speaker, "quoteCount">[] = [
  {
    id: "aleksandr-lukashenko",
    name: LUKASHENKO,
    aliases: ["Lukashenko", "head of state", "Belarusian leader"],
  },
  { id: "john-coale", name: COALE, aliases: ["Coale", "Cole"] },
  { id: "donald-trump", name: TRUMP, aliases: ["Trump", "Donald"] },
  { id: "christopher-smith", name: "Christopher Smith", aliases: ["Chris"] },
];

const STOPWORDS = new Set(["the", "was", "what", "who", "did", "about", "and", "for", "with"]);

function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]+/g) ?? []).filter(
    (word) => word.length > 2 && !STOPWORDS.has(word),
  );
}

export interface FakeLibraryOptions {
  releaseId?: string;
  date?: string | null;
  warnings?: LoadWarning[];
  /** A second release, to test answers that span several. */
  extraRelease?: Release;
}

export function makeEntry(
  seed: EntrySeed,
  file = RELEASE_FILE,
  date: string | null = "2025-09-11",
): Entry {
  const [id, speaker, paragraph, text, extra] = seed;
  return {
    id,
    kind: "quote",
    speaker,
    reportedBy: null,
    letter: false,
    text,
    source: { file, date, dateText: null, paragraph },
    context: PARAGRAPHS[paragraph] ?? "",
    ...extra,
  };
}

export function makeRelease(id: string, date: string | null, entries: Entry[]): Release {
  const paragraphs = Array.from(
    { length: 24 },
    (_, index) => PARAGRAPHS[index + 1] ?? `Paragraph ${index + 1}.`,
  );
  return {
    id,
    file: `${id}.txt`,
    date,
    dateText: null,
    place: null,
    publisher: "Public",
    title: "Press release",
    lead: paragraphs[0] ?? "",
    paragraphs,
    entries,
  };
}

/** What commands may use of the library: its public API, without the real one's internals. */
type LibraryApi = Pick<
  Library,
  | "dir"
  | "releases"
  | "entries"
  | "warnings"
  | "speakers"
  | "resolveSpeaker"
  | "suggestSpeakers"
  | "ask"
  | "normalizeQuestion"
  | "brief"
  | "quotes"
  | "entry"
  | "release"
  | "snapshot"
>;

export function createFakeLibrary(options: FakeLibraryOptions = {}): Library {
  const releaseId = options.releaseId ?? RELEASE_ID;
  const date = options.date === undefined ? "2025-09-11" : options.date;
  const mainRelease = makeRelease(
    releaseId,
    date,
    ENTRY_SEEDS.map((seed) => makeEntry(seed, `${releaseId}.txt`, date)),
  );
  const releases = options.extraRelease ? [mainRelease, options.extraRelease] : [mainRelease];
  const entries = releases.flatMap((release) => release.entries);

  const speakers = (): Speaker[] =>
    PEOPLE.map((person) => ({
      ...person,
      quoteCount: entries.filter((entry) => entry.kind === "quote" && entry.speaker === person.name)
        .length,
    }));
  const resolveSpeaker = (name: string): Speaker | null => {
    const wanted = name.trim().toLowerCase();
    if (wanted === "") return null;
    return (
      speakers().find((speaker) =>
        [speaker.name, ...speaker.aliases].some((alias) => alias.toLowerCase() === wanted),
      ) ??
      speakers().find((speaker) => speaker.name.toLowerCase().includes(wanted)) ??
      null
    );
  };
  const quoted = () => speakers().filter((speaker) => speaker.quoteCount > 0);

  const api: LibraryApi = {
    dir: "/fake/seeds",
    releases,
    entries,
    warnings: options.warnings ?? [],
    snapshot: { state: "off", saveFailure: Promise.resolve(null) },
    speakers,
    resolveSpeaker,
    suggestSpeakers(partial: string, limit = 25): Speaker[] {
      const wanted = partial.trim().toLowerCase();
      return quoted()
        .filter((speaker) =>
          [speaker.name, ...speaker.aliases].some((alias) => alias.toLowerCase().includes(wanted)),
        )
        .sort((a, b) => b.quoteCount - a.quoteCount)
        .slice(0, limit);
    },
    normalizeQuestion(question: string): string {
      return words(question).join(" ");
    },
    brief(release?: string) {
      const chosen = releases.find(
        (candidate) => release === undefined || candidate.id === release,
      );
      return chosen ? { release: chosen, entries: chosen.entries.slice(0, 6) } : null;
    },
    ask(question: string, { limit = 3, offset = 0, speaker }: AskOptions = {}): AskResult {
      const queryWords = words(question);
      const only = speaker === undefined ? null : resolveSpeaker(speaker);
      const scored = entries
        .filter((entry) => only === null || entry.speaker === only.name)
        .map((entry) => {
          const haystack = new Set(words(`${entry.text} ${entry.context}`));
          const hits = queryWords.filter((word) => haystack.has(word)).length;
          const score = queryWords.length > 0 ? hits / queryWords.length : 0;
          return { entry, score, focus: entry.text };
        })
        .filter((scored) => scored.score > 0)
        .sort((a, b) => b.score - a.score);
      return {
        query: queryWords.join(" "),
        direct: null,
        results: scored.slice(offset, offset + limit),
        total: scored.length,
        speaker: only,
      };
    },
    quotes(name: string, { topic }: { topic?: string } = {}): QuotesResult {
      const speaker = resolveSpeaker(name);
      if (!speaker) {
        return {
          status: "unknown",
          speaker: null,
          results: [],
          message: `No one called “${name}” is quoted in the release.`,
          suggestions: quoted(),
        };
      }
      if (speaker.quoteCount === 0) {
        return {
          status: "never-quoted",
          speaker,
          results: [],
          message: `${speaker.name} is mentioned in the release but never quoted.`,
          suggestions: quoted(),
        };
      }
      const theirs = entries.filter(
        (entry) => entry.kind === "quote" && entry.speaker === speaker.name,
      );
      if (!topic) return { status: "found", speaker, results: theirs, suggestions: [] };
      const topicWords = words(topic);
      const onTopic = theirs.filter((entry) =>
        words(entry.text).some((word) => topicWords.includes(word)),
      );
      return {
        status: "found",
        speaker,
        results: onTopic,
        ...(onTopic.length === 0
          ? { message: `${speaker.name} says nothing about “${topic}”.` }
          : {}),
        suggestions: [],
      };
    },
    entry: (id: string) => entries.find((entry) => entry.id === id),
    release: (id: string) => releases.find((release) => release.id === id),
  };
  // Commands only call the public API; the real class's private fields make a plain object
  // unassignable, so the fake is handed over as the class type.
  return api as Library;
}
