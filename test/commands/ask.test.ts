import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answers/model.js";
import ask from "../../src/commands/ask.js";
import type { CommandRequest, OptionValue } from "../../src/commands/command.js";
import { releaseKey, speakerKey } from "../../src/commands/shared.js";
import type { Speaker } from "../../src/knowledge/types.js";
import {
  createFakeLibrary,
  makeEntry,
  makeRelease,
  RELEASE_FILE,
  RELEASE_ID,
} from "./fakeLibrary.js";

const library = createFakeLibrary();
const context = { library };

function request(options: Record<string, OptionValue>): CommandRequest {
  return { options, userId: "u1" };
}

async function run(options: Record<string, OptionValue>): Promise<Answer> {
  return ask.execute(request(options), context);
}

async function press(id: string, lib = library): Promise<Answer> {
  const [prefix, ...state] = id.split(":");
  expect(prefix).toBe(ask.buttonPrefix);
  return ask.button(state, request({}), { library: lib });
}

function buttonLabelled(answer: Answer, label: string) {
  const button = answer.buttons.find((candidate) => candidate.label === label);
  if (!button) throw new Error(`no “${label}” button among ${answer.buttons.map((b) => b.label)}`);
  return button;
}

/** Seven entries match these words in the fake library: three pages of three. */
const BROAD_QUESTION = "Lukashenko Belarus Donald";

describe("/ask definition", () => {
  it("takes a required question of at most 300 characters, a speaker, a release and a private flag", () => {
    const data = ask.data;
    expect(data.name).toBe("ask");
    expect(data.options?.map((option) => option.name)).toEqual([
      "question",
      "speaker",
      "release",
      "private",
    ]);
    expect(data.options?.[0]).toMatchObject({ required: true, max_length: 300 });
    expect(data.options?.[1]).toMatchObject({ autocomplete: true });
  });
});

describe("/ask execute", () => {
  it("answers with the verbatim statement, its place and its release", async () => {
    const answer = await run({ question: "what was lifted" });
    expect(answer.tone).toBe("answer");
    expect(answer.title).toBe("Ask: what was lifted");
    expect(answer.statements).toHaveLength(1);
    expect(answer.statements[0]).toEqual({
      entryId: "e13",
      kind: "quote",
      speaker: "John Coale",
      reportedBy: null,
      letter: false,
      text: "I would like to officially declare here that we have lifted sanctions from Belavia. This is official.",
      paragraph: 13,
      date: "2025-09-11",
      release: "",
    });
    expect(answer.footer).toBe(`Source: Press release · Public · ${RELEASE_FILE}`);
    expect(answer.page).toEqual({ current: 1, total: 1 });
    expect(answer.ephemeral).toBe(false);
    expect(answer.buttons.map((button) => button.label)).toEqual(["Show ¶13"]);
  });

  it("pages three at a time with More results and Previous buttons that carry the search", async () => {
    const first = await run({ question: BROAD_QUESTION });
    expect(first.statements).toHaveLength(3);
    expect(first.page).toEqual({ current: 1, total: 3 });
    expect(first.buttons.some((button) => button.label === "Previous")).toBe(false);
    const more = buttonLabelled(first, "More results");
    expect(more.id).toBe("ask:2:::Lukashenko Belarus Donald");

    const second = await press(more.id);
    expect(second.page).toEqual({ current: 2, total: 3 });
    expect(second.statements).toHaveLength(3);
    expect(second.statements.map((s) => s.entryId)).not.toContain(first.statements[0]?.entryId);
    expect(buttonLabelled(second, "Previous").id).toBe("ask:1:::Lukashenko Belarus Donald");

    const third = await press(buttonLabelled(second, "More results").id);
    expect(third.page).toEqual({ current: 3, total: 3 });
    expect(third.statements).toHaveLength(1);
    expect(third.buttons.some((button) => button.label === "More results")).toBe(false);
  });

  it("keeps every custom id within 100 characters, carrying the compact question cut between words", async () => {
    const question = "you topic peace belarus ".repeat(12).trim();
    const answer = await run({ question, speaker: "Lukashenko" });
    expect(answer.buttons.length).toBeGreaterThan(0);
    for (const button of answer.buttons) expect(button.id.length).toBeLessThanOrEqual(100);
    const more = buttonLabelled(answer, "More results");
    const lukashenko = speakerKey({ id: "aleksandr-lukashenko" } as Speaker);
    const carried = more.id.slice(`ask:2:${lukashenko}::`.length);
    expect(more.id.startsWith(`ask:2:${lukashenko}::`)).toBe(true);
    expect(library.normalizeQuestion(question).startsWith(carried)).toBe(true);
    expect(["topic", "peace", "belarus"]).toContain(carried.split(" ").pop());
    const next = await press(more.id);
    expect(next.tone).toBe("answer");
    expect(next.page?.total).toBe(answer.page?.total);
  });

  it("gives one Show ¶ button per paragraph, since Discord refuses equal custom ids", async () => {
    const answer = await run({ question: "cufflinks debt" });
    expect(answer.statements.map((s) => s.entryId).sort()).toEqual(["e24a", "e24b"]);
    const ids = answer.buttons.map((button) => button.id);
    expect(ids).toEqual([`ask:para:${releaseKey(RELEASE_ID)}:24`]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("filters to a speaker given by alias and says so", async () => {
    const answer = await run({ question: "sanctions Belavia", speaker: "Cole" });
    expect(answer.statements.every((s) => s.speaker === "John Coale")).toBe(true);
    expect(answer.intro).toBe("2 matching statements by John Coale, best first.");
  });

  it("carries letters and reported speech into the statement", async () => {
    const letter = await run({ question: "birthday wishes" });
    expect(letter.statements[0]).toMatchObject({ speaker: "Donald Trump", letter: true });
    const reported = await run({ question: "forget Oval Office" });
    expect(reported.statements[0]).toMatchObject({
      speaker: "Donald Trump",
      reportedBy: "John Coale",
    });
  });

  it("answers privately when asked to", async () => {
    expect((await run({ question: "what was lifted", private: true })).ephemeral).toBe(true);
  });

  it("explains, without buttons, when nothing answers the question", async () => {
    const answer = await run({ question: "quantum chromodynamics" });
    expect(answer.tone).toBe("empty");
    expect(answer.intro).toBe(
      "Nothing in the release answers that. Try different words, or /quotes to browse a speaker.",
    );
    expect(answer.buttons).toEqual([]);
    expect(answer.statements).toEqual([]);
  });

  it("refuses an empty or overlong question with a sentence saying what to do", async () => {
    for (const question of ["", "   "]) {
      const answer = await run({ question });
      expect(answer.tone).toBe("error");
      expect(answer.intro).toContain("/ask question:what was lifted");
    }
    expect((await run({})).tone).toBe("error");
    const long = await run({ question: "a ".repeat(200) });
    expect(long.tone).toBe("error");
    expect(long.intro).toContain("300 characters");
  });

  it("names close speakers when the speaker is unknown, and explains one never quoted", async () => {
    const unknown = await run({ question: "peace", speaker: "Zelensky" });
    expect(unknown.tone).toBe("empty");
    expect(unknown.intro).toBe("No one called “Zelensky” is quoted in the release.");
    const silent = await run({ question: "peace", speaker: "Christopher Smith" });
    expect(silent.tone).toBe("empty");
    expect(silent.intro).toBe("Christopher Smith is mentioned in the release but never quoted.");
  });

  it("names every release the statements come from, and dates the ¶ buttons then", async () => {
    const other = makeRelease("2025-10-01-follow-up", "2025-10-01", [
      makeEntry(
        ["f01", "John Coale", 4, "Belavia flies again."],
        "2025-10-01-follow-up.txt",
        "2025-10-01",
      ),
    ]);
    const lib = createFakeLibrary({ extraRelease: other });
    const answer = await ask.execute(request({ question: "Belavia sanctions" }), { library: lib });
    expect(answer.footer).toBe(
      `Source: Press release · Public · ${RELEASE_FILE}; Press release · Public · 2025-10-01-follow-up.txt`,
    );
    expect(answer.buttons.map((button) => button.label)).toContain("Show ¶4 · 1 October 2025");
  });
});

describe("/ask paragraph button", () => {
  it("shows the whole paragraph privately, with who speaks in it and where it stands", async () => {
    const answer = await run({ question: "forget Oval Office" });
    const show = buttonLabelled(answer, "Show ¶23");
    const paragraph = await press(show.id);
    expect(paragraph).toMatchObject({
      tone: "answer",
      title: "¶23 · 11 September 2025",
      ephemeral: true,
      buttons: [],
      fields: [{ name: "Said by", value: "Donald Trump, as reported by John Coale" }],
      footer: `Source: Press release · Public · ${RELEASE_FILE}`,
    });
    expect(paragraph.intro).toContain("As I was leaving the Oval Office");
  });

  it("says when a paragraph is the release's own narration", async () => {
    const answer = await press(`ask:para:${releaseKey(RELEASE_ID)}:22`);
    expect(answer.fields?.[0]?.value).toContain("No one is quoted");
  });

  it("keys long release ids short and still finds the release", async () => {
    const longId = `${"a-very-long-release-file-name-".repeat(5)}2025`;
    const lib = createFakeLibrary({ releaseId: longId });
    const answer = await ask.execute(request({ question: "what was lifted" }), { library: lib });
    const show = buttonLabelled(answer, "Show ¶13");
    expect(show.id).toBe(`ask:para:${releaseKey(longId)}:13`);
    expect(show.id.length).toBeLessThanOrEqual(100);
    expect((await press(show.id, lib)).intro).toContain("lifted sanctions from Belavia");
  });
});

describe("/ask stale or forged buttons", () => {
  it.each([
    "ask:9:: lukashenko belarus donald",
    "ask:0::lukashenko",
    "ask:two::lukashenko",
    "ask:2:nobody-at-all:lukashenko",
    "ask:2::",
    "ask:2",
    "ask",
    "ask:para:zzzzzz:13",
    `ask:para:${releaseKey(RELEASE_ID)}:999`,
    `ask:para:${releaseKey(RELEASE_ID)}:x`,
    "ask:para",
  ])("answers %s with a polite expiry notice", async (id) => {
    const answer = await press(id);
    expect(answer.tone).toBe("error");
    expect(answer.intro).toBe("This button has expired — run /ask again.");
    expect(answer.buttons).toEqual([]);
  });

  it("keeps a query that contains colons whole", async () => {
    const answer = await press("ask:1:::sanctions: belavia");
    expect(answer.tone).toBe("answer");
    // The title repeats the question read back from the button: all of it, colon and all.
    expect(answer.title).toBe("Ask: sanctions: belavia");
    expect(answer.statements.map((s) => s.entryId)).toContain("e13");
  });
});

describe("/ask autocomplete", () => {
  it("offers matching speakers with their quote counts, valued by canonical name", () => {
    const choices = ask.autocomplete({ option: "speaker", value: "co", options: {} }, context);
    expect(choices).toEqual([{ name: "John Coale (3 quotes)", value: "John Coale" }]);
  });

  it("offers nothing for other options", () => {
    expect(ask.autocomplete({ option: "question", value: "co", options: {} }, context)).toEqual([]);
  });
});
