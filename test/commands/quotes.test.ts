import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answers/model.js";
import type { OptionValue } from "../../src/commands/command.js";
import quotes from "../../src/commands/quotes.js";
import { speakerKey } from "../../src/commands/shared.js";
import type { Speaker } from "../../src/knowledge/types.js";
import { createFakeLibrary, RELEASE_FILE } from "./fakeLibrary.js";

const library = createFakeLibrary();
const context = { library };

async function run(options: Record<string, OptionValue>): Promise<Answer> {
  return quotes.execute({ options, userId: "u1" }, context);
}

async function press(id: string): Promise<Answer> {
  const [prefix, ...state] = id.split(":");
  expect(prefix).toBe(quotes.buttonPrefix);
  return quotes.button(state, { options: {}, userId: "u1" }, context);
}

const keyOf = (id: string) => speakerKey({ id } as Speaker);
const LUKASHENKO = keyOf("aleksandr-lukashenko");

describe("/quotes definition", () => {
  it("takes a required, autocompleted speaker, a topic and a private flag", () => {
    expect(quotes.data.name).toBe("quotes");
    expect(quotes.data.options?.map((option) => option.name)).toEqual([
      "speaker",
      "topic",
      "release",
      "private",
    ]);
    expect(quotes.data.options?.[0]).toMatchObject({ required: true, autocomplete: true });
  });
});

describe("/quotes execute", () => {
  it("lists a person's quotes in release order, five a page, with a Next button", async () => {
    const first = await run({ speaker: "Lukashenko" });
    expect(first.tone).toBe("answer");
    expect(first.title).toBe("Quotes: Aleksandr Lukashenko");
    expect(first.intro).toBe("8 quotes by Aleksandr Lukashenko, in release order.");
    expect(first.statements.map((s) => s.paragraph)).toEqual([2, 5, 6, 7, 8]);
    expect(first.page).toEqual({ current: 1, total: 2 });
    expect(first.footer).toBe(`Source: Press release · Public · ${RELEASE_FILE}`);
    expect(first.buttons).toEqual([
      { id: `quotes:2:${LUKASHENKO}::`, label: "Next", style: "primary" },
    ]);

    const second = await press(`quotes:2:${LUKASHENKO}::`);
    expect(second.statements.map((s) => s.entryId)).toEqual(["e09", "e24a", "e24b"]);
    expect(second.page).toEqual({ current: 2, total: 2 });
    expect(second.buttons.map((button) => [button.label, button.id])).toEqual([
      ["Previous", `quotes:1:${LUKASHENKO}::`],
    ]);
  });

  it("narrows to a topic and keeps it in the buttons", async () => {
    const answer = await run({ speaker: "Aleksandr Lukashenko", topic: "peace" });
    expect(answer.title).toBe("Quotes: Aleksandr Lukashenko on “peace”");
    expect(answer.statements.map((s) => s.entryId)).toEqual(["e05", "e07"]);
    expect(answer.buttons).toEqual([]);
    const paged = await press(`quotes:1:${LUKASHENKO}::peace`);
    expect(paged.statements.map((s) => s.entryId)).toEqual(["e05", "e07"]);
  });

  it("cuts a long topic so the button id stays within 100 characters", async () => {
    const topic =
      "topic you discussing belarus peace war objectivity imprisonment cufflinks debt welcome";
    const answer = await quotes.execute(
      { options: { speaker: "Lukashenko", topic }, userId: "u1" },
      context,
    );
    for (const button of answer.buttons) expect(button.id.length).toBeLessThanOrEqual(100);
    const next = answer.buttons.find((button) => button.label === "Next");
    expect(next?.id.startsWith(`quotes:2:${LUKASHENKO}::topic you`)).toBe(true);
  });

  it("explains an empty topic with the library's message", async () => {
    const answer = await run({ speaker: "Coale", topic: "tennis" });
    expect(answer.tone).toBe("empty");
    expect(answer.intro).toBe("John Coale says nothing about “tennis”.");
    expect(answer.buttons).toEqual([]);
  });

  it("lists who is quoted when the name is unknown or never quoted", async () => {
    const unknown = await run({ speaker: "Zelensky" });
    expect(unknown.tone).toBe("empty");
    expect(unknown.intro).toBe("No one called “Zelensky” is quoted in the release.");
    expect(unknown.fields).toEqual([
      {
        name: "Quoted in the release",
        value: "Aleksandr Lukashenko (8 quotes)\nJohn Coale (3 quotes)\nDonald Trump (2 quotes)",
      },
    ]);
    const silent = await run({ speaker: "Chris" });
    expect(silent.tone).toBe("empty");
    expect(silent.title).toBe("Quotes: Christopher Smith");
    expect(silent.intro).toBe("Christopher Smith is mentioned in the release but never quoted.");
  });

  it("answers privately when asked to, and refuses a blank speaker", async () => {
    expect((await run({ speaker: "Coale", private: true })).ephemeral).toBe(true);
    const blank = await run({ speaker: "  " });
    expect(blank.tone).toBe("error");
    expect(blank.intro).toContain("/quotes speaker:Coale");
  });
});

describe("/quotes stale or forged buttons", () => {
  it.each([
    `quotes:3:${LUKASHENKO}::`,
    `quotes:0:${LUKASHENKO}::`,
    `quotes:-1:${LUKASHENKO}::`,
    "quotes:2:nobody::",
    `quotes:2:${keyOf("christopher-smith")}::`,
    `quotes:2:${LUKASHENKO}::tennis`,
    "quotes:garbage",
    "quotes",
  ])("answers %s with a polite expiry notice", async (id) => {
    const answer = await press(id);
    expect(answer).toMatchObject({
      tone: "error",
      intro: "This button has expired — run /quotes again.",
      buttons: [],
    });
  });
});

describe("/quotes autocomplete", () => {
  it("offers quoted speakers with their counts", () => {
    expect(quotes.autocomplete({ option: "speaker", value: "", options: {} }, context)).toEqual([
      { name: "Aleksandr Lukashenko (8 quotes)", value: "Aleksandr Lukashenko" },
      { name: "John Coale (3 quotes)", value: "John Coale" },
      { name: "Donald Trump (2 quotes)", value: "Donald Trump" },
    ]);
  });
});
