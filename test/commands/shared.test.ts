import { describe, expect, it } from "vitest";
import { formatDate } from "../../src/answers/statements.js";
import { customId, parseOrdinal, releaseKey } from "../../src/commands/shared.js";

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
