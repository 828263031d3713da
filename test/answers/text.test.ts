import { describe, expect, it } from "vitest";
import { clip, truncate } from "../../src/answers/text.js";

const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(" ");

describe("truncate", () => {
  it("leaves text that fits alone", () => {
    expect(truncate("short text", 10)).toBe("short text");
  });

  it("cuts at a word boundary and ends with an ellipsis", () => {
    const cut = truncate("the quick brown fox jumps", 15);
    expect(cut).toBe("the quick…");
    expect(cut.length).toBeLessThanOrEqual(15);
  });

  it("keeps a whole word that ends exactly at the cut", () => {
    expect(truncate("the quick brown", 10)).toBe("the quick…");
  });

  it("cuts a single overlong word hard", () => {
    expect(truncate("a".repeat(50), 10)).toBe(`${"a".repeat(9)}…`);
  });

  it("keeps the closing quotation mark of a cut quotation", () => {
    const cut = truncate(`“${words(40)}”`, 50);
    expect(cut.endsWith("…”")).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(50);
  });

  it("does not leave a dangling escape before the ellipsis", () => {
    const cut = truncate(`${"a".repeat(8)}\\*bbbbbbbbbb`, 10);
    expect(cut).toBe(`${"a".repeat(8)}…`);
  });

  it("never splits a surrogate pair", () => {
    expect(clip("ab😀", 3)).toBe("ab");
    expect(truncate(`${"😀".repeat(10)}`, 6)).toBe("😀😀…");
  });

  it("cuts between words, and without a mark when the ellipsis is empty", () => {
    expect(truncate("what was lifted", 20)).toBe("what was lifted");
    expect(truncate("what was lifted", 12)).toBe("what was…");
    expect(truncate("what was lifted", 8, "")).toBe("what was");
    expect(truncate("unbreakable", 5, "")).toBe("unbre");
  });
});
