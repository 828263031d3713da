import { describe, expect, it } from "vitest";
import { plainQuestion } from "../../../src/knowledge/question/chat.js";

describe("plainQuestion", () => {
  it("spells out chat forms and abbreviations", () => {
    expect(plainQuestion("wat did u say bout the msg n the bday gift")).toBe(
      "what did you say about the message and the birthday gift",
    );
    expect(plainQuestion("wen did the pres meet the govt w/ potus")).toBe(
      "when did the president meet the government with usa president",
    );
    expect(plainQuestion("whos the new greek amb, did the pm n fm meet the sec gen b4")).toBe(
      "who the new greek ambassador, did the prime minister and foreign minister meet the secretary gen before",
    );
  });

  it("drops emoji and filler anywhere, and edge filler only at the start or the end", () => {
    expect(plainQuestion("so what was lifted?? thx 🙏🏽")).toBe("what was lifted??");
    expect(plainQuestion("ok what did he say lol pls")).toBe("what did he say");
    expect(plainQuestion("what did Coale thank Lukashenko for, thanks")).toBe(
      "what did Coale thank Lukashenko for,",
    );
    expect(plainQuestion("which thanks did he give")).toBe("which thanks did he give");
  });

  it("reads US in capitals as the country and keeps initials and punctuation as typed", () => {
    expect(plainQuestion("does belarus want US $$")).toBe("does belarus want USA money");
    expect(plainQuestion("what did U.S. envoy John J. Coale say")).toBe(
      "what did U.S. envoy John J. Coale say",
    );
    expect(plainQuestion("are us and r u")).toBe("are us and are you");
  });

  it("gives nothing for a question of filler and emoji alone", () => {
    expect(plainQuestion("lol thx 🎁🎁")).toBe("");
    expect(plainQuestion("so ok")).toBe("");
  });
});
