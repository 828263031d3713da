/**
 * Hostile text for property-based tests, and the checks every rendered reply must pass: within
 * Discord's limits (written out here, not taken from the bot) and unable to ping anyone.
 */
import { ComponentType } from "discord.js";
import type { APIEmbed } from "discord-api-types/v10";
import fc from "fast-check";

/** Pieces that have broken text handling somewhere: mentions, markdown, operators, scripts. */
const HOSTILE_PIECES = [
  // Mentions of every kind, and near misses.
  "@everyone",
  "@here",
  "@EVERYONE",
  "<@123456789012345678>",
  "<@!123456789012345678>",
  "<@&987654321098765432>",
  "<#111111111111111111>",
  "</ask:123456789012345678>",
  "@\u200beveryone",
  "<<@1>>",
  // Markdown and Discord formatting.
  "**",
  "__",
  "~~",
  "||",
  "`",
  "```",
  "```js\nalert(1)\n```",
  "\n> ",
  "\n>>> ",
  "\n-# ",
  "\n# ",
  "\n1. ",
  "\n- ",
  "[link](https://example.com)",
  "<https://example.com>",
  "\\",
  "\\\\",
  // Fuse.js extended search operators and regular-expression metacharacters.
  "!",
  "^",
  "=",
  "'",
  "|",
  "!^='|",
  "=Coale",
  "'Coale",
  "!Coale",
  "^Luka",
  "shenko$",
  "Coale | Trump",
  ".*",
  "(?:",
  "(?<x>",
  "[^a]",
  "{2,}",
  "+?",
  "$&",
  "$1",
  "\\d+",
  "\\b",
  "a|b",
  "*",
  // Control, zero-width and direction characters.
  "\u0000",
  "\u0007",
  "\u0008",
  "\u001b[31m",
  "\u001b]0;title\u0007",
  "\u009b",
  "\r",
  "\r\n",
  "\n",
  "\t",
  "\u000b",
  "\u200b",
  "\u200c",
  "\u200d",
  "\u2060",
  "\ufeff",
  "\u00ad",
  "\u202e",
  "\u202d",
  "\u2066",
  "\u2067",
  "\u2069",
  "\u061c",
  // Scripts, combining marks, emoji, lone surrogates.
  "مرحبا بالعالم",
  "שלום עולם",
  "Лукашенко",
  "Лукашэнка",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "e\u0301\u0301\u0301",
  "Z\u0351\u0352\u0353\u0354\u0355",
  "👍🏽",
  "🇧🇾",
  "👨‍👩‍👧‍👦",
  "\ud800",
  "\udfff",
  "ﷺ",
  "ǅ",
  "İ",
  "ß",
  // Words the bot knows, so that hostile text also reaches real answers.
  "Coale",
  "Lukashenko",
  "Trump",
  "sanctions",
  " what was lifted ",
  " prisoners ",
  " peace ",
  " ",
] as const;

const piece = fc.constantFrom(...HOSTILE_PIECES);

/** Short hostile text: pieces, random code points and random graphemes, mixed. */
export const hostileText = fc.string({
  unit: fc.oneof(
    { weight: 5, arbitrary: piece },
    { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 3 }) },
  ),
  maxLength: 40,
});

/** Text of exactly `length` UTF-16 units, built by repeating a hostile seed. */
export function longText(length: number): fc.Arbitrary<string> {
  return fc
    .oneof(
      hostileText.filter((text) => text.length > 0),
      fc.constant("a"),
      piece,
    )
    .map((seed) => seed.repeat(Math.ceil(length / seed.length)).slice(0, length));
}

/** Any text a user or a release could hold, up to 10,000 characters. */
export const anyText = fc.oneof(
  { weight: 6, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 300 }) },
  { weight: 1, arbitrary: longText(10_000) },
);

/** Fixed cases every run includes, beside the random ones. */
export const HOSTILE_EXAMPLES: readonly string[] = [
  "",
  " ",
  "\u200b",
  "@everyone what was lifted",
  "<@123456789012345678> <@&987654321098765432> @here",
  "!^='|",
  "'Coale | ^Luka | =Trump | !sanctions",
  ".*(?:)+[]{}$^\\",
  "\u202ewhat was lifted\u202c",
  "مرحبا what was lifted שלום",
  "**bold** __under__ ~~strike~~ ||spoiler|| `code` ```block```",
  "\u001b[2J\u001b[31mred",
  "a".repeat(10_000),
  "sanctions ".repeat(1_000),
  "@everyone ".repeat(1_000),
  "\ud800".repeat(10_000),
  "👨‍👩‍👧‍👦".repeat(1_000),
  HOSTILE_PIECES.join(""),
];

/** The slowest calls seen, for the report a test prints at the end. */
export class Stopwatch {
  readonly #worst: { label: string; ms: number; input: string }[] = [];

  time<T>(label: string, input: string, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.#worst.push({ label, ms: performance.now() - started, input });
    }
  }

  worst(): { label: string; ms: number; input: string } {
    return this.#worst.reduce((a, b) => (b.ms > a.ms ? b : a), { label: "none", ms: 0, input: "" });
  }

  /** The worst time per label, slowest first. */
  summary(): string {
    const byLabel = new Map<string, { ms: number; input: string }>();
    for (const entry of this.#worst) {
      const known = byLabel.get(entry.label);
      if (!known || entry.ms > known.ms) byLabel.set(entry.label, entry);
    }
    return [...byLabel.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(
        ([label, { ms, input }]) =>
          `${label}: worst ${ms.toFixed(1)} ms (input of ${input.length} characters: ${describeInput(input)})`,
      )
      .join("\n");
  }
}

function describeInput(input: string): string {
  const shown = JSON.stringify(input.slice(0, 24));
  return input.length > 24 ? `${shown}…` : shown;
}

const UNNEUTRALISED_MENTION = /@(everyone|here)|<@[!&]?\d+>|<#\d+>/i;

/** Where a text would show as a mention (the mention itself), or null. */
function rawMention(text: string | undefined | null): string | null {
  return text ? (UNNEUTRALISED_MENTION.exec(text)?.[0] ?? null) : null;
}

/** The loose shape of any message body the bot sends (discord.js camelCase or API snake_case). */
export interface SentMessage {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  components?: readonly unknown[] | null;
  allowedMentions?: unknown;
  allowed_mentions?: unknown;
}

interface LooseComponent {
  type?: number;
  custom_id?: string;
  label?: string;
  components?: LooseComponent[];
}

/**
 * Everything about a message body Discord would refuse (HTTP 400), or that could ping someone.
 * Lengths count UTF-16 units, which is never less than Discord's count of characters.
 */
export function messageProblems(message: SentMessage): string[] {
  const problems: string[] = [];
  const mentions = message.allowedMentions ?? message.allowed_mentions;
  if (JSON.stringify(mentions) !== JSON.stringify({ parse: [] })) {
    problems.push(`allowed mentions are ${JSON.stringify(mentions)}, not { parse: [] }`);
  }
  const content = message.content ?? "";
  if (content.length > 2000) problems.push(`content is ${content.length} characters`);
  if (rawMention(content)) problems.push(`content mentions ${rawMention(content)}`);

  const embeds = message.embeds ?? [];
  if (embeds.length > 10) problems.push(`${embeds.length} embeds`);
  let total = 0;
  for (const embed of embeds) {
    const texts: [string, string | undefined, number][] = [
      ["title", embed.title, 256],
      ["description", embed.description, 4096],
      ["footer", embed.footer?.text, 2048],
      ["author", embed.author?.name, 256],
    ];
    const fields = embed.fields ?? [];
    if (fields.length > 25) problems.push(`${fields.length} fields`);
    fields.forEach((field, index) => {
      texts.push(
        [`field ${index} name`, field.name, 256],
        [`field ${index} value`, field.value, 1024],
      );
      // Discord trims names and values and refuses a blank one as missing.
      if (field.name.trim() === "") {
        problems.push(`field ${index} has a blank name`);
      }
      if (field.value.trim() === "") {
        problems.push(`field ${index} has a blank value`);
      }
    });
    for (const [where, text, max] of texts) {
      if (text === undefined) continue;
      total += text.length;
      if (text.length > max) problems.push(`${where} is ${text.length} characters (max ${max})`);
      if (rawMention(text)) problems.push(`${where} mentions ${rawMention(text)}`);
    }
  }
  if (total > 6000) problems.push(`embeds hold ${total} characters (max 6000)`);

  const rows = (message.components ?? []) as LooseComponent[];
  if (rows.length > 5) problems.push(`${rows.length} action rows`);
  const ids = new Set<string>();
  for (const row of rows) {
    const children = row.components ?? [];
    if (row.type !== ComponentType.ActionRow) problems.push("a component outside an action row");
    if (children.length > 5) problems.push(`${children.length} buttons in a row`);
    for (const child of children) {
      const id = child.custom_id ?? "";
      if (id.length < 1 || id.length > 100) problems.push(`custom_id of ${id.length} characters`);
      if (ids.has(id)) problems.push(`custom_id ${JSON.stringify(id)} twice`);
      ids.add(id);
      const label = child.label ?? "";
      if (label.length > 80) problems.push(`button label of ${label.length} characters`);
    }
  }
  return problems;
}
