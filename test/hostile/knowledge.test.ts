/**
 * Hostile input to the knowledge engine: the release parser, the search and speaker look-up.
 * Nothing may throw; the slowest calls are printed (their time is measured, with the event
 * loop's, in scripts/hostile-bench.ts).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Library, LibraryError } from "../../src/knowledge/library/library.js";
import { parseRelease } from "../../src/knowledge/reading/parse.js";
import { anyText, HOSTILE_EXAMPLES, hostileText, longText, Stopwatch } from "./hostile.js";

let library: Library;
const watch = new Stopwatch();

beforeAll(async () => {
  library = await Library.load("seeds");
});

afterAll(() => {
  console.log(`[hostile] knowledge engine, slowest calls:\n${watch.summary()}`);
});

const examples = HOSTILE_EXAMPLES.map((text) => [text] as [string]);
const shortExamples = examples.filter(([text]) => text.length <= 300);
const longExamples = examples.filter(([text]) => text.length > 300);

/** A release-shaped text: a date line, then paragraphs of quotes and narration around hostile text. */
const hostileRelease = fc
  .tuple(
    fc.constantFrom("11 September 2025", "09/11/2025 | Press release", "", "\uFEFF", "2025-13-45"),
    fc.array(
      fc
        .tuple(hostileText, hostileText, fc.integer({ min: 0, max: 6 }))
        .map(
          ([said, who, shape]) =>
            [
              `"${said}," ${who} said.`,
              `“${said}” ${who} stated. "${said}`,
              `${who} said: "${said}"`,
              `'${said}' ${who} told ${who}.`,
              `${said} "${who}`,
              `${who} wrote in a letter: «${said}».`,
              said,
            ][shape] ?? said,
        ),
      { maxLength: 30 },
    ),
    fc.constantFrom("\n", "\r\n", "\r", "\n\n"),
  )
  .map(([date, paragraphs, newline]) => [date, ...paragraphs].join(newline));

describe("parseRelease on hostile text", () => {
  it("never throws on any text, and every warning names the file", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, hostileRelease), (text) => {
        const parsed = watch.time("parseRelease", text, () => parseRelease("hostile.txt", text));
        expect(parsed.release.file).toBe("hostile.txt");
        for (const warning of parsed.warnings) expect(warning.file).toBe("hostile.txt");
      }),
      { numRuns: 300, examples },
    );
  });

  it("loads a library of hostile releases or refuses it with a LibraryError, nothing else", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyText, hostileRelease), { maxLength: 3 }), (texts) => {
        try {
          const loaded = Library.fromTexts(
            "hostile",
            texts.map((text, index) => ({ file: `r${index}.txt`, text })),
          );
          // Whatever was loaded can be asked.
          loaded.ask(texts[0] ?? "");
          loaded.quotes(texts[0] ?? "");
        } catch (error) {
          expect(error).toBeInstanceOf(LibraryError);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("the library on hostile questions and names", () => {
  function check(text: string, long = false): void {
    const asked = watch.time("library.ask", text, () => library.ask(text));
    expect(asked.total).toBeGreaterThanOrEqual(asked.results.length);
    for (const { score } of asked.results) {
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    // The normalized query is what buttons carry (cut to fit a custom id): it must work too.
    if (!long) watch.time("library.ask (normalized)", asked.query, () => library.ask(asked.query));
    watch.time("library.ask with speaker", text, () =>
      library.ask("sanctions", { speaker: text, offset: 3, limit: 5 }),
    );
    const quotes = watch.time("library.quotes", text, () => library.quotes(text, { topic: text }));
    expect(["found", "never-quoted", "unknown"]).toContain(quotes.status);
    watch.time("library.quotes on a topic", text, () => library.quotes("Coale", { topic: text }));
    watch.time("library.resolveSpeaker", text, () => library.resolveSpeaker(text));
    const suggested = watch.time("library.suggestSpeakers", text, () =>
      library.suggestSpeakers(text, 25),
    );
    expect(suggested.length).toBeLessThanOrEqual(25);
  }

  it("never throws on short hostile text: mentions, markdown, operators, scripts", () => {
    fc.assert(
      fc.property(hostileText, (text) => check(text)),
      { numRuns: 400, examples: shortExamples },
    );
  });

  it("answers text of 10,000 characters", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(longText(10_000), (text) => check(text, true)),
      { numRuns: 3, examples: longExamples },
    );
  });
});
