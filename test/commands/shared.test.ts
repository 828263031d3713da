import { describe, expect, it } from "vitest";
import { formatDate } from "../../src/answers/statements.js";
import {
  customId,
  errorAnswer,
  expiredAnswer,
  pageButtons,
  pageTextRoom,
  parseOrdinal,
  readPageState,
  releaseKey,
  requestedRelease,
  textOption,
  unquotedSpeakerAnswer,
} from "../../src/commands/shared.js";
import { Library } from "../../src/knowledge/library/library.js";

describe("formatDate", () => {
  it.each([
    ["2025-09-11", "11 September 2025"],
    ["2025-01-01", "1 January 2025"],
    ["2024-12-31", "31 December 2024"],
    [null, "undated"],
  ])("writes %s as %s", (iso, written) => {
    expect(formatDate(iso)).toBe(written);
  });

  it("shows a date it cannot read as given rather than inventing one", () => {
    expect(formatDate("2025-13-01")).toBe("2025-13-01");
  });
});

describe("custom ids", () => {
  it("fit in 100 characters whatever the free text", () => {
    const id = customId(["ask", 12, "aleksandr-lukashenko"], "word ".repeat(60));
    expect(id.length).toBeLessThanOrEqual(100);
    expect(id.endsWith("word")).toBe(true);
  });

  it("key releases with six stable hex characters", () => {
    expect(releaseKey("2025-09-11-lukashenko-coale")).toMatch(/^[0-9a-f]{6}$/);
    // The first six hex digits of the id's SHA-256: the same on every run and every machine.
    expect(releaseKey("x")).toBe("2d7116");
    expect(releaseKey("y")).toBe("a1fce4");
  });

  it("accept only numbers from 1", () => {
    expect(parseOrdinal("3")).toBe(3);
    for (const value of ["0", "-1", "1.5", "x", "", undefined, "01"]) {
      expect(parseOrdinal(value)).toBeNull();
    }
  });
});

describe("request options and button state", () => {
  const library = Library.fromTexts("fixture", [
    {
      file: "2024-03-12-vienna.txt",
      text: '12 March 2024\nTalks in Vienna\nChancellor Hildegard Blake met with Minister Jan Novak in Vienna.\n"We agree on trade," Jan Novak said.\n',
    },
    {
      file: "2024-06-05-prague.txt",
      text: '5 June 2024\nTalks in Prague\nChancellor Hildegard Blake met with President Marek Nowak in Prague.\n"We agree on rail," Marek Nowak said.\n',
    },
  ]);
  const request = (options: Record<string, string>) => ({ options, userId: "1" });

  it("reads a text option trimmed, and a blank one as missing", () => {
    expect(textOption(request({ question: "  what was lifted " }), "question")).toBe(
      "what was lifted",
    );
    expect(textOption(request({ question: "   " }), "question")).toBeUndefined();
    expect(textOption(request({}), "question")).toBeUndefined();
  });

  it("finds the release an option names by id, or by words that fit one release only", () => {
    const [vienna, prague] = library.releases;
    expect(requestedRelease(request({}), library, "t")).toEqual({ release: null });
    expect(requestedRelease(request({ release: prague?.id ?? "" }), library, "t")).toEqual({
      release: prague,
    });
    expect(requestedRelease(request({ release: "Vienna" }), library, "t")).toEqual({
      release: vienna,
    });
    expect(requestedRelease(request({ release: "Talks" }), library, "Ask: x")).toEqual({
      refusal: errorAnswer(
        "Ask: x",
        "No single release matches “Talks”. Pick one from the list as you type, or see /source for the releases loaded.",
      ),
    });
  });

  it("reads page state back, with empty keys and text where the id has none", () => {
    expect(readPageState(["2"])).toEqual({ page: 2, speakerKey: "", releaseKey: "", text: "" });
    expect(readPageState(["3", "abc123", "", "what", "was lifted"])).toEqual({
      page: 3,
      speakerKey: "abc123",
      releaseKey: "",
      text: "what:was lifted",
    });
    expect(readPageState(["x"])).toBeNull();
  });

  it("leaves the question the room a custom id has after the prefix, largest page and keys", () => {
    const release = library.releases[0] ?? null;
    expect(pageTextRoom("ask", false, null)).toBe(100 - "ask:999999:::".length);
    expect(pageTextRoom("ask", true, release)).toBe(100 - "ask:999999:000000:000000:".length);
  });

  it("offers Previous in grey and the next page in blue, with ids that read back", () => {
    const buttons = pageButtons({
      prefix: "ask",
      page: { current: 2, total: 3 },
      speaker: null,
      release: null,
      text: "what was lifted",
      nextLabel: "More results",
    });
    expect(buttons).toEqual([
      { id: "ask:1:::what was lifted", label: "Previous", style: "secondary" },
      { id: "ask:3:::what was lifted", label: "More results", style: "primary" },
    ]);
  });

  it("answers an expired button and an error privately, with nothing else", () => {
    expect(expiredAnswer("ask")).toEqual({
      tone: "error",
      title: "This button has expired",
      intro: "This button has expired — run /ask again.",
      statements: [],
      buttons: [],
      ephemeral: true,
    });
    expect(errorAnswer("T", "I")).toEqual({
      tone: "error",
      title: "T",
      intro: "I",
      statements: [],
      buttons: [],
      ephemeral: true,
    });
  });

  it("lists the quoted people only when there are some to suggest", () => {
    expect(unquotedSpeakerAnswer("T", "Nobody")).toEqual({
      tone: "empty",
      title: "T",
      intro: "No one called “Nobody” is quoted in the release.",
      statements: [],
      fields: undefined,
      buttons: [],
    });
    const [novak] = library.speakers().filter((speaker) => speaker.quoteCount > 0);
    if (!novak) throw new Error("the fixture quotes someone");
    expect(unquotedSpeakerAnswer("T", "Nobody", [novak]).fields).toEqual([
      { name: "Quoted in the release", value: `${novak.name} (1 quote)` },
    ]);
  });
});
