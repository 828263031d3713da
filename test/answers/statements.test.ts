import { describe, expect, it } from "vitest";
import { placeLabel, toStatement } from "../../src/answers/statements.js";
import { Library } from "../../src/knowledge/library/library.js";

describe("toStatement", () => {
  it("shows the day and month as the release writes them when it gives no year", () => {
    const library = Library.fromTexts("fixture", [
      {
        file: "talks.txt",
        text: 'Minister Anna Weiss met with Minister Jan Novak in Vienna on 15 April.\n"We agree," Anna Weiss said.\n',
      },
    ]);
    const quote = library.entries.find((entry) => entry.kind === "quote");
    if (!quote) throw new Error("the fixture has a quote");
    const statement = toStatement(quote, library.releases);
    expect(statement.date).toBe("15 April");
    expect(placeLabel(statement.paragraph, statement.date)).toBe("¶2 · 15 April");
  });
});
