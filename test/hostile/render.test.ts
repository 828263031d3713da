/**
 * Hostile input through every command and both renderers. Every Discord reply must fit Discord's
 * limits and be unable to ping anyone; no terminal reply may carry control sequences; nothing
 * may throw, and every command must answer in bounded time.
 */

import { ApplicationCommandOptionType, ApplicationCommandType } from "discord.js";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDiscordMessage } from "../../src/answers/embed.js";
import type { Answer, AnswerButton, Statement } from "../../src/answers/model.js";
import { renderTerminal } from "../../src/answers/terminal.js";
import { fitChoices } from "../../src/bot/router.js";
import type { Command, CommandRequest, OptionValue } from "../../src/commands/command.js";
import { findButtonCommand, commands as registry } from "../../src/commands/index.js";
import { Library } from "../../src/knowledge/library/library.js";
import { HOSTILE_EXAMPLES, hostileText, longText, messageProblems, Stopwatch } from "./hostile.js";

/** Discord's default cap for a string option that sets no max_length. */
const STRING_OPTION_MAX = 6_000;
/** The longest message a Nitro user can send, which a message command reads. */
const MESSAGE_CONTENT_MAX = 4_000;

let library: Library;
const watch = new Stopwatch();

beforeAll(async () => {
  library = await Library.load("seeds");
});

afterAll(() => {
  console.log(`[hostile] commands and renderers, slowest calls:\n${watch.summary()}`);
});

/** The first C0 or C1 control other than newline and tab: it could move a terminal's cursor. */
function terminalControl(text: string): string | undefined {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const control = code < 0x20 || (code >= 0x7f && code < 0xa0);
    if (control && char !== "\n" && char !== "\t") return char;
  }
  return undefined;
}

function expectRenderable(answer: Answer): void {
  const message = renderDiscordMessage(answer);
  expect(messageProblems(message)).toEqual([]);
  const text = renderTerminal(answer);
  expect(terminalControl(text)).toBeUndefined();
  renderTerminal(answer, { color: true });
}

describe("the renderers on any answer", () => {
  const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
  // Discord refuses a blank field name or value, and the renderer turns only an empty one into
  // a zero-width space; commands never produce white space alone (their properties below check).
  const visible = (text: fc.Arbitrary<string>) =>
    text.filter((value) => value === "" || value.trim() !== "");

  function answers(text: fc.Arbitrary<string>, most: number): fc.Arbitrary<Answer> {
    const shown = visible(text);
    const statement: fc.Arbitrary<Statement> = fc.record({
      entryId: fc.string(),
      kind: fc.constantFrom("quote" as const, "fact" as const),
      speaker: fc.option(text, { nil: null }),
      reportedBy: fc.option(text, { nil: null }),
      letter: fc.boolean(),
      text: shown,
      paragraph: fc.integer({ min: 1, max: 100_000 }),
      date: fc.option(fc.constantFrom("2025-09-11", "1999-12-31", "not a date", ""), {
        nil: null,
      }),
      release: text,
    });
    const button: fc.Arbitrary<AnswerButton> = fc.record({
      id: fc.oneof(hostileText, longText(101)),
      label: text,
      style: fc.constantFrom("primary" as const, "secondary" as const),
      disabled: maybe(fc.boolean()),
    });
    return fc.record({
      tone: fc.constantFrom("answer" as const, "empty" as const, "error" as const),
      title: text,
      intro: maybe(text),
      statements: fc.array(statement, { maxLength: most }),
      fields: maybe(fc.array(fc.record({ name: shown, value: shown }), { maxLength: most })),
      footer: maybe(text),
      page: maybe(
        fc.record({ current: fc.integer({ min: 1, max: 99_999 }), total: fc.nat(99_999) }),
      ),
      buttons: fc.array(button, { maxLength: most }),
      ephemeral: maybe(fc.boolean()),
    });
  }

  function renders(generated: Answer): void {
    const size = JSON.stringify(generated);
    watch.time("render any answer", size, () => expectRenderable(generated));
  }

  it("fit Discord's limits, ping no one and print no control characters", () => {
    const text = fc.oneof(hostileText, fc.string({ unit: "binary", maxLength: 300 }));
    fc.assert(fc.property(answers(text, 30), renders), { numRuns: 200 });
  });

  it("cut text of 10,000 characters anywhere in an answer to fit", { timeout: 60_000 }, () => {
    // One long text per answer: discord.js's escapeMarkdown takes about a second on each.
    const long = fc.oneof(
      { weight: 30, arbitrary: hostileText },
      { weight: 1, arbitrary: longText(10_000) },
    );
    fc.assert(fc.property(answers(long, 5), renders), { numRuns: 12 });
  });
});

type Generated = Record<string, OptionValue | undefined>;

/** Option values as Discord could send them: any text within each option's max_length. */
function optionsFor(command: Command): fc.Arbitrary<Generated> {
  if (command.data.type === ApplicationCommandType.Message) {
    return fc.record({
      content: fc.oneof(
        { weight: 4, arbitrary: hostileText },
        { weight: 1, arbitrary: longText(MESSAGE_CONTENT_MAX) },
      ),
    });
  }
  const definitions = "options" in command.data ? (command.data.options ?? []) : [];
  const shape: Record<string, fc.Arbitrary<OptionValue>> = {};
  for (const option of definitions) {
    if (option.type === ApplicationCommandOptionType.Boolean) shape[option.name] = fc.boolean();
    if (option.type !== ApplicationCommandOptionType.String) continue;
    const max = option.max_length ?? STRING_OPTION_MAX;
    shape[option.name] = fc.oneof(
      { weight: 4, arbitrary: hostileText.map((text) => text.slice(0, max)) },
      { weight: 1, arbitrary: longText(max) },
      { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_EXAMPLES).map((t) => t.slice(0, max)) },
    );
  }
  return fc.record(shape, { requiredKeys: [] });
}

function request(options: Generated, userId = "100"): CommandRequest {
  return { options, userId };
}

describe.each(registry.map((command) => [command.data.name, command] as const))(
  "the %s command on hostile input",
  (name, command) => {
    it("answers with a reply that fits Discord and pings no one", async () => {
      await fc.assert(
        fc.asyncProperty(optionsFor(command), async (options) => {
          const answer = await watch.time(`/${name}`, JSON.stringify(options), () =>
            command.execute(request(options), { library }),
          );
          expectRenderable(answer);

          // Every button of the answer leads to an answer that fits as well.
          for (const button of answer.buttons) {
            const target = findButtonCommand(button.id, registry);
            expect(target, `button ${button.id} has no command`).toBeDefined();
            if (!target?.command.button) continue;
            const next = await watch.time(`${name} button`, button.id, () =>
              target.command.button?.(target.state, request({}), { library }),
            );
            if (next) expectRenderable(next);
          }

          if (command.autocomplete) {
            for (const [option, value] of Object.entries(options)) {
              if (typeof value !== "string") continue;
              const choices = watch.time(`/${name} autocomplete`, value, () =>
                fitChoices(command.autocomplete?.({ option, value, options }, { library }) ?? []),
              );
              expect(choices.length).toBeLessThanOrEqual(25);
              for (const choice of choices) {
                expect(choice.name.length).toBeGreaterThanOrEqual(1);
                expect(choice.name.length).toBeLessThanOrEqual(100);
                expect(choice.value.length).toBeGreaterThanOrEqual(1);
                expect(choice.value.length).toBeLessThanOrEqual(100);
              }
            }
          }
        }),
        { numRuns: 60 },
      );
    });
  },
);

describe("buttons with forged or garbage custom ids", () => {
  const prefixes = registry.flatMap((command) =>
    command.buttonPrefix ? [command.buttonPrefix] : [],
  );
  const forged = fc.oneof(
    hostileText,
    fc
      .tuple(
        fc.constantFrom(...prefixes),
        fc.array(
          fc.oneof(
            hostileText,
            fc.constantFrom("0", "-1", "1", "2", "99999", "1e3", "0x10", "para", "john-coale", ""),
          ),
          { maxLength: 5 },
        ),
      )
      .map(([prefix, state]) => [prefix, ...state].join(":")),
  );

  it("answer with an expired notice or a page, never throw, always fit", async () => {
    await fc.assert(
      fc.asyncProperty(forged, async (customId) => {
        const target = findButtonCommand(customId.slice(0, 100), registry);
        if (!target?.command.button) return;
        const answer = await watch.time("forged button", customId, () =>
          target.command.button?.(target.state, request({}), { library }),
        );
        if (answer) expectRenderable(answer);
      }),
      { numRuns: 400 },
    );
  });
});
