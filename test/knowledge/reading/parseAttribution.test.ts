import { describe, expect, it } from "vitest";
import {
  findAttribution,
  MAX_PARAGRAPH_LENGTH,
  MAX_WARNINGS_PER_RELEASE,
  parseRelease,
  splitParagraphs,
} from "../../../src/knowledge/reading/parse.js";
import { MAX_PEOPLE } from "../../../src/knowledge/reading/people.js";

/**
 * Invented releases: every fixture is parsed inside its test, so a change that makes parsing
 * throw fails the tests here rather than the loading of the file.
 */
const MARKOV = "Ivan Markov";
const WEISS = "Anna Weiss";
const LEAD = "President Ivan Markov met with Chancellor Anna Weiss in Minsk.";

function read(paragraphs: readonly string[], file = "talks.txt") {
  return parseRelease(file, paragraphs.join("\n"));
}

function quotes(paragraphs: readonly string[]) {
  return read(paragraphs).release.entries.filter((entry) => entry.kind === "quote");
}

function facts(paragraphs: readonly string[]) {
  return read(paragraphs)
    .release.entries.filter((entry) => entry.kind === "fact")
    .map((entry) => entry.text);
}

const spoken = (paragraphs: readonly string[]) =>
  quotes(paragraphs).map((entry) => [entry.speaker, entry.text]);

describe("findAttribution", () => {
  it("reads the speaker before the verb, without the adverbs between them", () => {
    expect(findAttribution("The head of state said at the beginning of the talks")).toEqual({
      ref: "The head of state",
      otherWords: 2,
    });
    expect(findAttribution("He also stressed that trade grows")?.ref).toBe("He");
    expect(findAttribution("The minister firmly stated his view")?.ref).toBe("The minister");
  });

  it("keeps a name ending in -ly that stands alone before the verb", () => {
    expect(findAttribution("Kelly said nothing")?.ref).toBe("Kelly");
  });

  it("reads the speaker after a leading verb however it is spaced", () => {
    expect(findAttribution("said  Dr. Anna Weiss")?.ref).toBe("Dr. Anna Weiss");
    expect(findAttribution("said the minister ; then left")?.ref).toBe("the minister");
    expect(findAttribution("\u2014 Anna Weiss said")?.ref).toBe("Anna Weiss");
  });

  it("a name that begins or ends like a filler word or an adverb is still the speaker", () => {
    expect(findAttribution("Boris said")?.ref).toBe("Boris");
    expect(findAttribution("Isabel said")?.ref).toBe("Isabel");
    expect(findAttribution("Minister Lyons said")?.ref).toBe("Minister Lyons");
  });

  it("finds no speaker when only filler words come before the verb", () => {
    expect(findAttribution("And then said nothing")).toBeNull();
  });

  it("reads the speaker after a leading verb, up to the punctuation or the one spoken to", () => {
    expect(findAttribution("said Mr. Jens Holm to the press")).toEqual({
      ref: "Mr. Jens Holm",
      otherWords: 1,
    });
    expect(findAttribution("said the minister, opening the session on energy security")).toEqual({
      ref: "the minister",
      otherWords: 4,
    });
    expect(findAttribution("stated Dr. Anna Weiss")?.ref).toBe("Dr. Anna Weiss");
    expect(findAttribution("said the envoy to the press and to the ambassador")?.ref).toBe(
      "the envoy",
    );
  });

  it("counts the content words after the verb, not short or common ones", () => {
    expect(findAttribution("Anna Weiss said it is so")?.otherWords).toBe(0);
    expect(findAttribution("Anna Weiss said EU aid")?.otherWords).toBe(1);
    expect(findAttribution("Anna Weiss said the new bridge opens soon")?.otherWords).toBe(4);
    expect(findAttribution("said Anna Weiss, on the new bridge opening soon")?.otherWords).toBe(4);
  });

  it("keeps the full stops of initials but not the one that ends a word", () => {
    expect(findAttribution("Officials of the U.S. said")?.ref).toBe("Officials of the U.S.");
    expect(findAttribution("Envoy J.Doe. said")?.ref).toBe("Envoy J.Doe");
  });

  it("finds no speaker in a verb alone, or in a clause too long to be a name", () => {
    expect(findAttribution("said")).toBeNull();
    expect(findAttribution("said, and left")).toBeNull();
    expect(findAttribution("said one two three four five six seven")?.ref).toBe(
      "one two three four five six seven",
    );
    expect(findAttribution("said one two three four five six seven eight")).toBeNull();
    expect(findAttribution("one two three four five six seven eight nine said")?.ref).toBe(
      "one two three four five six seven eight nine",
    );
    expect(findAttribution("one two three four five six seven eight nine ten said")).toBeNull();
  });

  it("looks for the verb only near the start of the sentence", () => {
    expect(
      findAttribution(
        "Markov then also further once again in turn later finally moreover too said",
      ),
    ).toBeNull();
    expect(findAttribution("The trade talks lasted without a break")).toBeNull();
  });
});

describe("quoted words in narration", () => {
  it("a short quoted phrase with no attribution after it is narration, kept in its fact", () => {
    const parsed = read([
      LEAD,
      'The minister called the accord "a bridge between peoples" at the signing.',
      'She signed the card "Yours, Anna" and sent it.',
    ]);
    expect(parsed.release.entries.filter((entry) => entry.kind === "quote")).toEqual([]);
    expect(parsed.release.entries.map((entry) => entry.text)).toContain(
      'The minister called the accord "a bridge between peoples" at the signing.',
    );
  });

  it("a short quoted phrase is narration even when a later sentence has an attribution", () => {
    expect(
      quotes([
        LEAD,
        'The minister called the accord "a new chapter" at the signing. Later Anna Weiss said more.',
      ]),
    ).toEqual([]);
  });

  it("a quoted phrase is measured in words, however they are spaced", () => {
    expect(
      quotes([
        LEAD,
        'The minister called it "a  bridge  between  peoples" at the signing.',
        'The minister called the accord " a new chapter " at the signing.',
      ]),
    ).toEqual([]);
  });

  it("a short quoted phrase that ends its paragraph is narration", () => {
    expect(
      read([LEAD, 'The minister called the accord "a new chapter"']).release.entries.at(-1),
    ).toMatchObject({ kind: "fact", text: 'The minister called the accord "a new chapter"' });
  });

  it("a quoted phrase of five words or more is speech", () => {
    expect(
      spoken([LEAD, 'The chancellor called it "a bridge between our two peoples" at the signing.']),
    ).toEqual([[MARKOV, "a bridge between our two peoples"]]);
  });

  it("a short quote is speech when an attribution follows it, with or without a comma", () => {
    expect(
      spoken([
        LEAD,
        '"Peace first" Anna Weiss said.',
        '"Trade next", Ivan Markov added.',
        '"Peace first" said Anna Weiss.',
      ]),
    ).toEqual([
      [WEISS, "Peace first"],
      [MARKOV, "Trade next"],
      [WEISS, "Peace first"],
    ]);
  });

  it("a short quote ending in punctuation is speech", () => {
    expect(spoken([LEAD, '"Yes." Then the ministers went to lunch at the old palace.'])).toEqual([
      [MARKOV, "Yes."],
    ]);
  });
});

describe("who spoke", () => {
  it("a name starting or ending like a pronoun is a name, not the subject", () => {
    expect(
      spoken([
        LEAD,
        "Ivan Markov welcomed the guests to the palace.",
        '"We agree," Helena Roche said.',
        '"So do we," Sheila Grant said.',
      ]),
    ).toEqual([
      ["Helena Roche", "We agree"],
      ["Sheila Grant", "So do we"],
    ]);
  });

  it("a pronoun means the previous paragraph's last speaker rather than whom its narration names", () => {
    expect(
      spoken([
        LEAD,
        '"We agree," Anna Weiss said. Ivan Markov thanked the chancellor for the visit.',
        '"We do too," he said.',
      ]).at(-1),
    ).toEqual([WEISS, "We do too"]);
  });

  it("a pronoun means whom the paragraph before names last when its last sentence names no one", () => {
    expect(
      spoken([
        LEAD,
        "Ivan Markov opened the session. Ivan Markov then greeted Anna Weiss warmly. The talks lasted three hours.",
        '"We agree," she said.',
      ]),
    ).toEqual([[WEISS, "We agree"]]);
  });

  it("a pronoun means whom the last sentence before names first when no one spoke", () => {
    expect(
      spoken([
        LEAD,
        "Ivan Markov opened the session. Anna Weiss then thanked the hosts for the visit.",
        '"We agree," she said.',
      ]),
    ).toEqual([[WEISS, "We agree"]]);
  });

  it("an attribution to an office no one holds leaves the quote and what follows it unattributed", () => {
    const parsed = read([
      LEAD,
      '"We agree on the bridge, the railway and the new border crossing," the ambassador replied. "Fully."',
    ]);
    expect(
      parsed.release.entries
        .filter((entry) => entry.kind === "quote")
        .map((entry) => [entry.speaker, entry.letter, entry.context]),
    ).toEqual([
      [null, false, ""],
      [null, false, ""],
    ]);
    expect(parsed.warnings.map((warning) => warning.message)).toEqual([
      'could not tell who said "We agree on the bridge, the railway and …"; it is listed without a speaker',
      'could not tell who said "Fully.…"; it is listed without a speaker',
    ]);
    expect(parsed.warnings[0]).toMatchObject({ file: "talks.txt", paragraph: 2 });
  });

  it("the quote that goes on after a letter's is the letter's too", () => {
    expect(
      quotes([
        LEAD,
        '"Dear friend," the letter from Anna Weiss reads. "We will meet soon in the capital."',
      ]).map((entry) => [entry.speaker, entry.letter]),
    ).toEqual([
      [WEISS, true],
      [WEISS, true],
    ]);
  });

  it("a message or telegram is its author's, named in the attribution or remembered", () => {
    expect(
      quotes([
        LEAD,
        '"Congratulations on the anniversary," the message from Anna Weiss reads.',
        '"Good luck in the elections," the telegram says.',
        '"We agree," Ivan Markov said.',
      ]).map((entry) => [entry.speaker, entry.letter]),
    ).toEqual([
      [WEISS, true],
      [WEISS, true],
      [MARKOV, false],
    ]);
  });

  it("a message's author is read however the words are spaced", () => {
    expect(
      quotes([LEAD, '"Congratulations," the message  from  Anna Weiss reads.']).map((entry) => [
        entry.speaker,
        entry.letter,
      ]),
    ).toEqual([[WEISS, true]]);
  });

  it("a letter named anywhere in a paragraph tells whose the letter read later is", () => {
    expect(
      quotes([
        LEAD,
        "Ivan Markov handed over a letter from Anna Weiss to the guests.",
        '"Dear friends, welcome," the letter reads.',
      ]).map((entry) => [entry.speaker, entry.letter]),
    ).toEqual([[WEISS, true]]);
  });

  it("a lead-in naming someone without a speech verb, before a colon, names the speaker", () => {
    const [entry] = quotes([
      LEAD,
      "Anna Weiss spoke first.",
      'Ivan Markov on the talks: "We agree on everything that matters."',
    ]);
    expect(entry).toMatchObject({ speaker: MARKOV, context: "Ivan Markov on the talks" });
  });

  it("a quote inside a sentence that names someone without a speech verb is not theirs", () => {
    expect(
      quotes([
        LEAD,
        'Anna Weiss spoke first. Then Ivan Markov arrived "with a smile and a wave of both hands" at the hall.',
        'Anna Weiss spoke first. Then, Ivan Markov arrived "with a smile and a wave of both hands" at the hall.',
      ]).map((entry) => entry.speaker),
    ).toEqual([WEISS, WEISS]);
  });

  it("a trailing attribution wins over a lead-in naming the host", () => {
    const [entry] = quotes([
      LEAD,
      'The talks began at noon. Ivan Markov opened the session: "We will trade more," Anna Weiss said. The guests applauded.',
    ]);
    expect(entry).toMatchObject({
      speaker: WEISS,
      context: "Anna Weiss said. Ivan Markov opened the session",
    });
  });

  it("keeps the attribution sentence as the quote's context, and as a fact when it says more", () => {
    const parsed = read([
      LEAD,
      '"We agree," Ivan Markov said after the long talks in the capital on Tuesday.',
      '"So do we," Anna Weiss said.',
    ]);
    expect(
      parsed.release.entries.map((entry) => [entry.id, entry.kind, entry.text, entry.context]),
    ).toEqual([
      ["talks:1.1", "fact", LEAD, ""],
      [
        "talks:2.1",
        "quote",
        "We agree",
        "Ivan Markov said after the long talks in the capital on Tuesday.",
      ],
      ["talks:2.2", "fact", "Ivan Markov said after the long talks in the capital on Tuesday.", ""],
      ["talks:3.1", "quote", "So do we", "Anna Weiss said."],
    ]);
  });
});

describe("letters", () => {
  it("a letter from someone the release does not know is no one's, not the last letter's author", () => {
    const read = quotes([
      LEAD,
      '"I have brought a letter from Anna Weiss," Ivan Markov said.',
      "The guests were also given a letter from the organisers of the festival.",
      '"Dear friends, welcome to the festival," the letter reads.',
    ]);
    expect(read.at(-1)).toMatchObject({
      speaker: null,
      text: "Dear friends, welcome to the festival",
    });
  });

  it('a letter from someone the release knows is theirs, and "the letter" after it too', () => {
    const read = quotes([
      LEAD,
      '"Let me read this letter from Anna Weiss," Ivan Markov said.',
      '"Dear friends, welcome," the letter reads.',
    ]);
    expect(read.at(-1)).toMatchObject({ speaker: WEISS, letter: true });
  });
});

describe("several quotes in a paragraph", () => {
  it("a pronoun after a speaker named but unknown is that unknown speaker, not the host", () => {
    expect(
      spoken([
        "President Ivan Markov met with a delegation in Minsk.",
        '"We agree," the ambassador replied. "Trade comes first," he added.',
        '"Welcome," Ivan Markov said. "We have much to discuss," he added.',
      ]),
    ).toEqual([
      [null, "We agree"],
      [null, "Trade comes first"],
      [MARKOV, "Welcome"],
      [MARKOV, "We have much to discuss"],
    ]);
  });

  it("the next paragraph's pronoun still means the one spoken of before the unknown speaker", () => {
    expect(
      spoken([
        "President Ivan Markov met with a delegation in Minsk.",
        '"Welcome," Ivan Markov said. "We agree," the ambassador replied.',
        'He also stressed that trade was a key issue: "Our ports are open."',
      ]).at(-1),
    ).toEqual([MARKOV, "Our ports are open."]);
  });

  it("each quote is its own attribution's, and a pronoun means the last speaker", () => {
    expect(
      spoken([
        LEAD,
        'Ivan Markov opened the session. "We agree," Anna Weiss said. "So do we," Ivan Markov replied. "Trade comes first," she added.',
      ]),
    ).toEqual([
      [WEISS, "We agree"],
      [MARKOV, "So do we"],
      [MARKOV, "Trade comes first"],
    ]);
    expect(
      spoken([
        LEAD,
        'Ivan Markov opened the session. "We agree," Anna Weiss said. "Trade comes first," she added.',
      ]),
    ).toEqual([
      [WEISS, "We agree"],
      [WEISS, "Trade comes first"],
    ]);
  });

  it("lists quotes and the narration between them in the order of the text", () => {
    const parsed = read([
      LEAD,
      'The ministers met at noon in the palace. "We agree," Anna Weiss said. The ministers then signed three agreements. "So do we" Ivan Markov replied. "Good," she said. Both delegations then had lunch at the old palace.',
    ]);
    expect(
      parsed.release.entries
        .slice(1)
        .map((entry) => [entry.id, entry.kind, entry.text, entry.context]),
    ).toEqual([
      ["talks:2.1", "fact", "The ministers met at noon in the palace.", ""],
      ["talks:2.2", "quote", "We agree", "Anna Weiss said."],
      ["talks:2.3", "fact", "The ministers then signed three agreements.", ""],
      ["talks:2.4", "quote", "So do we", "Ivan Markov replied."],
      ["talks:2.5", "quote", "Good", "she said."],
      ["talks:2.6", "fact", "Both delegations then had lunch at the old palace.", ""],
    ]);
  });

  it("an unknown office after a quote's comma names its speaker, a sentence after its full stop does not", () => {
    expect(
      spoken([
        LEAD,
        'Ivan Markov spoke first. "We agree, fully." The ambassador then asked about visas.',
        '"We agree, " the ambassador replied.',
      ]),
    ).toEqual([
      [MARKOV, "We agree, fully."],
      [null, "We agree"],
    ]);
  });

  it("a quote whose marks hold spaces is kept without them", () => {
    expect(spoken([LEAD, '" We agree on trade," Anna Weiss said.'])).toEqual([
      [WEISS, "We agree on trade"],
    ]);
  });

  it("a lead-in joined to its quote without a space, or with two, still names the speaker", () => {
    expect(
      spoken([
        LEAD,
        "Anna Weiss arrived in the morning.",
        "The president stressed that trade\u201chas grown every year since the treaty\u201d.",
        'Ivan Markov listened. Anna Weiss said:"We agree on all of it."',
        'Ivan Markov listened. Anna Weiss said:  "We agree on most of it."',
      ]),
    ).toEqual([
      [MARKOV, "has grown every year since the treaty"],
      [WEISS, "We agree on all of it."],
      [WEISS, "We agree on most of it."],
    ]);
  });

  it("a quote given to the paragraph's subject is not a letter, and narration never is", () => {
    const parsed = read([
      LEAD,
      '"I have a letter here," Anna Weiss said.',
      '"We will answer it soon."',
    ]);
    expect(
      parsed.release.entries.map((entry) => [entry.kind, entry.speaker, entry.letter]),
    ).toEqual([
      ["fact", null, false],
      ["quote", WEISS, false],
      ["quote", WEISS, false],
    ]);
  });

  it("a letter from someone the release never names is a letter without a speaker", () => {
    const parsed = read([
      LEAD,
      '"Dear friends," the letter from the organisers reads.',
      "The guests read a letter from the organisers at dinner.",
    ]);
    expect(
      parsed.release.entries
        .filter((entry) => entry.kind === "quote")
        .map((entry) => [entry.speaker, entry.letter]),
    ).toEqual([[null, true]]);
  });
});

describe("speech over two paragraphs", () => {
  it("the speaker the second paragraph names is the first paragraph's too", () => {
    const parsed = read([
      LEAD,
      '"We will build the bridge together, and we will finish it by next spring,',
      '"Then we will open it," Anna Weiss said.',
    ]);
    expect(
      parsed.release.entries
        .filter((entry) => entry.kind === "quote")
        .map((entry) => [entry.source.paragraph, entry.speaker]),
    ).toEqual([
      [2, WEISS],
      [3, WEISS],
    ]);
    expect(parsed.warnings).toEqual([]);
  });

  it("a speaker the first paragraph names is kept when the second names another", () => {
    expect(
      quotes([
        LEAD,
        'Anna Weiss said: "We will build the bridge together.',
        '"Then we will open it," the president said.',
      ]).map((entry) => entry.speaker),
    ).toEqual([WEISS, MARKOV]);
  });

  it("the second paragraph without an attribution goes on with the first one's speaker", () => {
    expect(
      quotes([
        LEAD,
        '"We will build the bridge together," Anna Weiss said. "And open it next spring.',
        '"Everyone will be welcome."',
      ]).map((entry) => [entry.source.paragraph, entry.speaker]),
    ).toEqual([
      [2, WEISS],
      [2, WEISS],
      [3, WEISS],
    ]);
  });

  it("a quote left open is not given to a speaker named later in a paragraph that does not go on with it", () => {
    const parsed = read([
      LEAD,
      '"We will build the bridge together.',
      'The talks went on for hours. "We agree," Anna Weiss said.',
    ]);
    expect(
      parsed.release.entries
        .filter((entry) => entry.kind === "quote")
        .map((entry) => entry.speaker),
    ).toEqual([MARKOV, WEISS]);
    expect(parsed.warnings).toHaveLength(1);
  });

  it("the continued speech is the speaker's its first quote names, not a later one's", () => {
    expect(
      quotes([
        LEAD,
        '"We will build the bridge together.',
        '"Everything else follows," Anna Weiss said. "Trade first," the president said.',
      ]).map((entry) => entry.speaker),
    ).toEqual([WEISS, WEISS, MARKOV]);
  });

  it("speech continued into a letter's attribution is marked as a letter", () => {
    expect(
      quotes([
        LEAD,
        '"We will build the bridge together.',
        '"Yours sincerely," the letter reads.',
      ]).map((entry) => entry.letter),
    ).toEqual([true, true]);
  });

  it("the words quoted inside continued speech keep their own speaker", () => {
    expect(
      quotes([
        LEAD,
        `"Then Ivan Markov told me: 'Call me tomorrow.' I did.`,
        '"And we met," Anna Weiss said.',
      ]).map((entry) => [entry.source.paragraph, entry.speaker, entry.text]),
    ).toEqual([
      [2, WEISS, "Then Ivan Markov told me: 'Call me tomorrow.' I did."],
      [2, MARKOV, "Call me tomorrow."],
      [3, WEISS, "And we met"],
    ]);
  });

  it("a stray quotation mark after a closed quote is reported, even before a paragraph opening a quote", () => {
    const parsed = read([
      LEAD,
      '"We will build the bridge together," Anna Weiss said "',
      '"Then we will open it."',
    ]);
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.warnings[0]).toMatchObject({ paragraph: 2 });
  });

  it("a stray quotation mark ending a paragraph without quotes is reported", () => {
    const parsed = read([LEAD, 'The talks ended at noon in the palace. "']);
    expect(parsed.release.entries.filter((entry) => entry.kind === "quote")).toEqual([]);
    expect(parsed.warnings).toHaveLength(1);
  });

  it("a quote left open before a paragraph that opens no quote is reported once", () => {
    const parsed = read([
      LEAD,
      '"We will build the bridge together.',
      "The talks then moved to energy and gas prices for the winter.",
    ]);
    expect(parsed.warnings).toEqual([
      {
        file: "talks.txt",
        paragraph: 2,
        message:
          'unbalanced quotation mark: the quote starting "We will build the bridge together.…" never closes, so it is read to the end of the paragraph',
      },
    ]);
    expect(parsed.release.entries.at(-1)).toMatchObject({
      kind: "fact",
      text: "The talks then moved to energy and gas prices for the winter.",
    });
  });

  it("a quote left open in the last paragraph is reported, quoting its first forty characters", () => {
    const parsed = read([LEAD, '"We will build the bridge in the capital and open it next spring']);
    expect(parsed.warnings.map((warning) => warning.message)).toEqual([
      'unbalanced quotation mark: the quote starting "We will build the bridge in the capital…" never closes, so it is read to the end of the paragraph',
    ]);
  });

  it("a quote left open before an earlier, closed quote in the paragraph is reported at once", () => {
    const parsed = read([
      LEAD,
      '"We agree," Anna Weiss said, "and the bridge will be built by spring',
      "The talks then moved to energy and gas prices for the winter.",
    ]);
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.warnings[0]).toMatchObject({ paragraph: 2 });
  });
});

describe("narration as facts", () => {
  it("a sentence leaning on the one before joins it, but not across a paragraph's quote start", () => {
    expect(
      facts([
        LEAD,
        "Markov opened the new bridge across the river. This crossing will carry freight trains daily.",
        'Markov opened the old tunnel under the river. "We are proud of it." This tunnel will carry freight trains daily.',
      ]).slice(1),
    ).toEqual([
      "Markov opened the new bridge across the river. This crossing will carry freight trains daily.",
      "Markov opened the old tunnel under the river.",
      "This tunnel will carry freight trains daily.",
    ]);
  });

  it("a paragraph's first sentence stands alone however it begins", () => {
    expect(
      facts([
        LEAD,
        "Markov opened the new bridge across the river.",
        "This crossing will carry freight trains daily.",
      ]),
    ).toEqual([
      LEAD,
      "Markov opened the new bridge across the river.",
      "This crossing will carry freight trains daily.",
    ]);
  });

  it("keeps each sentence of narration as its own fact", () => {
    expect(
      facts([LEAD, "The ministers met at noon in the palace. Both sides signed three agreements."]),
    ).toEqual([
      LEAD,
      "The ministers met at noon in the palace.",
      "Both sides signed three agreements.",
    ]);
  });

  it("joins only a sentence that begins with a word leaning on the one before", () => {
    expect(
      facts([
        LEAD,
        "The ministers met at noon in the palace. The guests later saw This Land, an exhibition of photographs.",
      ]),
    ).toEqual([
      LEAD,
      "The ministers met at noon in the palace.",
      "The guests later saw This Land, an exhibition of photographs.",
    ]);
  });

  it("an attribution sentence is a fact when it says three more things", () => {
    expect(
      facts([
        LEAD,
        '"We agree," Anna Weiss said after lengthy trade talks.',
        '"We agree," Ivan Markov said after trade talks.',
        "Delegates signed agreements.",
      ]),
    ).toEqual([LEAD, "Anna Weiss said after lengthy trade talks.", "Delegates signed agreements."]);
  });

  it("a sentence cut short by a quote loses the punctuation that led into it", () => {
    expect(
      read([
        LEAD,
        'The ministers signed three new agreements, "and more will follow," Anna Weiss said.',
        'The ministers signed three new agreements; "and more will follow," Anna Weiss said.',
        'The ministers signed three new agreements \u2013 "and more will follow," Anna Weiss said.',
        'The ministers signed three new agreements - "and more will follow," Anna Weiss said.',
        '"We agree." \u2014 The ministers then signed three agreements.',
      ])
        .release.entries.filter((entry) => entry.kind === "fact")
        .map((entry) => entry.text)
        .slice(1),
    ).toEqual([
      ...Array.from({ length: 4 }, () => "The ministers signed three new agreements"),
      "The ministers then signed three agreements.",
    ]);
  });

  it("keeps sentences of three content words or more, without the punctuation around them", () => {
    expect(
      facts([LEAD, "The talks ended. Both sides signed three agreements; the ministers left —"]),
    ).toEqual([LEAD, "Both sides signed three agreements; the ministers left"]);
  });

  it("lists a paragraph's entries in the order the text gives them", () => {
    const parsed = read([
      LEAD,
      '"We will build the bridge together," Anna Weiss said. The ministers then signed three agreements on transport.',
    ]);
    expect(parsed.release.entries.map((entry) => [entry.id, entry.kind])).toEqual([
      ["talks:1.1", "fact"],
      ["talks:2.1", "quote"],
      ["talks:2.2", "fact"],
    ]);
  });
});

describe("speech quoted inside a quote", () => {
  it("a speaker quoting themselves after an adverb keeps the words", () => {
    expect(
      quotes([
        LEAD,
        `"I once told him: 'We will build it together.' And we did," Anna Weiss said.`,
      ]).map((entry) => [entry.speaker, entry.reportedBy, entry.text, entry.context]),
    ).toEqual([
      [WEISS, null, "I once told him: 'We will build it together.' And we did", "Anna Weiss said."],
      [WEISS, null, "We will build it together.", "I once told him:"],
    ]);
  });

  it("a speaker quoting themselves is recognised however the words are spaced", () => {
    expect(
      quotes([
        LEAD,
        `"I  once  told him: 'We will build it together.' And we did," Anna Weiss said.`,
      ]).map((entry) => entry.speaker),
    ).toEqual([WEISS, WEISS]);
  });

  it("a quote inside a quote is the person named last before it, its lead-in the sentence before", () => {
    expect(
      quotes([
        LEAD,
        `"We met in June. Then Ivan Markov told me: 'Call me tomorrow.' I did," Anna Weiss said.`,
      ])
        .slice(1)
        .map((entry) => [entry.speaker, entry.reportedBy, entry.text, entry.context]),
    ).toEqual([[MARKOV, WEISS, "Call me tomorrow.", "Then Ivan Markov told me:"]]);
  });

  it("a two-word phrase in single marks is speech, and may open the quote", () => {
    expect(
      quotes([LEAD, `"'Call me,' he told me. I did," Anna Weiss said.`]).map((entry) => [
        entry.speaker,
        entry.text,
        entry.context,
      ]),
    ).toEqual([
      [WEISS, "'Call me,' he told me. I did", "Anna Weiss said."],
      [null, "Call me", ""],
    ]);
  });

  it("the lead-in of words quoted inside a quote is the last sentence before them", () => {
    expect(
      quotes([
        LEAD,
        `"We met in June. We talked. Then Ivan Markov told me: 'Call me tomorrow.' I did," Anna Weiss said.`,
      ]).at(-1)?.context,
    ).toBe("Then Ivan Markov told me:");
  });

  it("words quoted inside an unattributed quote are still their speaker's", () => {
    expect(
      quotes([
        LEAD,
        `"Then Ivan Markov told me: 'Call me tomorrow.' I did," the ambassador replied.`,
      ]).map((entry) => [entry.speaker, entry.reportedBy]),
    ).toEqual([
      [null, null],
      [MARKOV, null],
    ]);
  });

  it("a single quoted word with a full stop inside it is no speech", () => {
    expect(quotes([LEAD, `"We spoke of 'belta.by' at length," Anna Weiss said.`])).toHaveLength(1);
  });

  it("a single quoted word is no speech, a quoted sentence naming no one is no one's", () => {
    expect(
      quotes([LEAD, `"We spoke of 'Ivan' and 'peace.' at length," Anna Weiss said.`])
        .slice(1)
        .map((entry) => [entry.speaker, entry.reportedBy, entry.text]),
    ).toEqual([[null, WEISS, "peace."]]);
  });
});

describe("splitParagraphs", () => {
  it("splits at any line break and drops blank lines, a byte-order mark and edge spaces", () => {
    expect(
      splitParagraphs(
        "\uFEFFTitle line\r\n\r\nFirst paragraph.\u200B \u200B\rSecond one.  \n   \n  Third.\t",
      ),
    ).toEqual({ lines: ["Title line", "First paragraph.", "Second one.", "Third."] });
  });

  it("keeps a zero-width space inside a line, and a byte-order mark not at the start", () => {
    expect(splitParagraphs("One\u200Btwo").lines).toEqual(["One\u200Btwo"]);
    expect(splitParagraphs("One\uFEFFtwo").lines).toEqual(["One\uFEFFtwo"]);
  });
});

describe("parseRelease", () => {
  it("names the release and its entries after the file without its extension", () => {
    const parsed = read([LEAD, '"We agree," Anna Weiss said.'], "2024.05.01-talks.txt");
    expect(parsed.release.id).toBe("2024.05.01-talks");
    expect(parsed.release.lead).toBe(LEAD);
    expect(parsed.release.entries.map((entry) => entry.id)).toEqual([
      "2024.05.01-talks:1.1",
      "2024.05.01-talks:2.1",
    ]);
  });

  it("takes the place from the lead, not from a dateline in a later paragraph", () => {
    expect(
      read([
        "President Ivan Markov met with Chancellor Anna Weiss.",
        "VIENNA, (APA) \u2013 The ministers agreed to meet again.",
      ]).release.place,
    ).toBeNull();
  });

  it("gives an empty release an empty lead", () => {
    expect(parseRelease("empty.txt", "").release).toMatchObject({
      lead: "",
      paragraphs: [],
      entries: [],
    });
  });

  it("cuts a paragraph longer than the limit, with a warning giving its length", () => {
    const long = `${"The ministers discussed trade and energy at length. ".repeat(250)}`.trim();
    expect(long.length).toBeGreaterThan(MAX_PARAGRAPH_LENGTH);
    const parsed = read([LEAD, long]);
    expect(parsed.release.paragraphs[1]?.length).toBeLessThanOrEqual(MAX_PARAGRAPH_LENGTH);
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.warnings[0]).toMatchObject({ file: "talks.txt", paragraph: 2 });
    expect(parsed.warnings[0]?.message).toMatch(
      /^the paragraph is 12,999 characters long, more than a release paragraph can be \(10,000\); only its first [\d,]+ characters are read$/,
    );
  });

  it("warns when a release names more people than can be found as speakers", () => {
    // Invented names, each different and far from the others (no two are read as one misspelt):
    // syllables picked by the digits of the person's number.
    const syllables = ["ba", "do", "ki", "lu", "me", "no", "pa", "ri", "so", "tu"];
    const syllable = (index: number, place: number) =>
      syllables[Math.floor(index / 10 ** place) % 10] ?? "";
    const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
    const names = Array.from({ length: MAX_PEOPLE + 5 }, (_, index) => {
      const [first, second, third] = [0, 1, 2].map((place) => syllable(index, place));
      return `Minister ${capital(`${first}${second}n`)} ${capital(`${third}${first}${third}${second}${third}ski`)}`;
    });
    expect(new Set(names).size).toBe(names.length);
    const parsed = read([LEAD, ...names.map((name) => `${name} attended the summit in Minsk.`)]);
    expect(parsed.people.overflow).toBeGreaterThan(0);
    expect(parsed.warnings.map((warning) => warning.message)).toContain(
      `names more than ${MAX_PEOPLE} people; only the ${MAX_PEOPLE} named most often can be found as speakers`,
    );
  });

  it("keeps every warning up to the limit, and sums up the rest in one", () => {
    const unknown = (count: number) =>
      read([
        LEAD,
        ...Array.from({ length: count }, (_, index) => `"Point ${index}," the ambassador replied.`),
      ]).warnings;
    expect(unknown(MAX_WARNINGS_PER_RELEASE)).toHaveLength(MAX_WARNINGS_PER_RELEASE);
    const many = unknown(MAX_WARNINGS_PER_RELEASE + 5);
    expect(many).toHaveLength(MAX_WARNINGS_PER_RELEASE);
    expect(many.slice(0, -1).map((warning) => warning.paragraph)).toEqual(
      Array.from({ length: MAX_WARNINGS_PER_RELEASE - 1 }, (_, index) => index + 2),
    );
    expect(many.at(-1)).toEqual({
      file: "talks.txt",
      message: "6 more warnings like the ones above",
    });
    expect(
      unknown(MAX_WARNINGS_PER_RELEASE).every((warning) =>
        warning.message.startsWith("could not tell"),
      ),
    ).toBe(true);
  });
});
