import {
  type APIEmbed,
  type APIMessage,
  InteractionResponseType,
  MessageFlags,
} from "discord-api-types/v10";
import { expect } from "vitest";
import type { CallbackData, InteractionTrace } from "../fakeDiscord/index.js";

/** Discord's documented limits, written out again here so the bot's own constants are not trusted. */
export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  content: 2000,
  customId: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
  choices: 25,
  choiceText: 100,
} as const;

/** A message body as the bot sent it: a callback's data, an edit or a follow-up. */
export interface SentBody {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  components?: unknown[] | null;
  allowed_mentions?: unknown;
  flags?: number | null;
}

export interface Sent {
  via: "reply" | "update" | "edit" | "follow-up";
  body: SentBody;
}

const MESSAGE_CALLBACKS = new Set<InteractionResponseType>([
  InteractionResponseType.ChannelMessageWithSource,
  InteractionResponseType.UpdateMessage,
]);

function accepted(attempt: { status: number }): boolean {
  return attempt.status >= 200 && attempt.status < 300;
}

/** Every message body a trace's interaction got through to Discord, on every send path. */
export function sentBodies(trace: InteractionTrace): Sent[] {
  const sent: Sent[] = [];
  for (const callback of trace.callbacks) {
    if (!accepted(callback) || !MESSAGE_CALLBACKS.has(callback.type)) continue;
    sent.push({
      via: callback.type === InteractionResponseType.UpdateMessage ? "update" : "reply",
      body: (callback.data ?? {}) as SentBody,
    });
  }
  for (const edit of trace.edits) {
    if (accepted(edit)) sent.push({ via: "edit", body: edit.data as SentBody });
  }
  for (const followUp of trace.followUps) {
    if (accepted(followUp)) sent.push({ via: "follow-up", body: followUp.data as SentBody });
  }
  return sent;
}

/** Every text a user can read in a message. */
export function visibleTexts(body: SentBody | APIMessage): string[] {
  const texts: string[] = [];
  if (body.content) texts.push(body.content);
  for (const embed of body.embeds ?? []) {
    if (embed.title) texts.push(embed.title);
    if (embed.description) texts.push(embed.description);
    if (embed.footer?.text) texts.push(embed.footer.text);
    if (embed.author?.name) texts.push(embed.author.name);
    for (const field of embed.fields ?? []) texts.push(field.name, field.value);
  }
  return texts;
}

function embedTotal(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

interface LooseComponent {
  type?: number;
  custom_id?: string;
  label?: string;
  components?: LooseComponent[];
}

/** The buttons of a message, row by row flattened. */
export function buttonsOf(
  body: SentBody | APIMessage | undefined,
): { custom_id: string; label: string }[] {
  const rows = (body?.components ?? []) as LooseComponent[];
  return rows.flatMap((row) =>
    (row.components ?? []).map((button) => ({
      custom_id: button.custom_id ?? "",
      label: button.label ?? "",
    })),
  );
}

/**
 * What every message Readout sends must be: nobody pinged, no live mention in the text, and
 * within every one of Discord's size limits.
 */
export function expectDiscordSafe(sent: Sent): void {
  const { body, via } = sent;
  expect(body.allowed_mentions, `allowed_mentions on a ${via}`).toEqual({ parse: [] });
  for (const text of visibleTexts(body)) {
    expect(text, `a live @everyone/@here in a ${via}`).not.toMatch(/@(everyone|here)/i);
    expect(text, `a live user/role/channel mention in a ${via}`).not.toMatch(/<[@#][!&]?\d/);
  }
  expect(body.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
  const embeds = body.embeds ?? [];
  expect(embeds.reduce((sum, embed) => sum + embedTotal(embed), 0)).toBeLessThanOrEqual(
    LIMITS.embedTotal,
  );
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  }
  const rows = (body.components ?? []) as LooseComponent[];
  expect(rows.length).toBeLessThanOrEqual(LIMITS.rows);
  for (const row of rows) {
    expect(row.components?.length ?? 0).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
  }
  const ids = buttonsOf(body).map((button) => button.custom_id);
  expect(new Set(ids).size, "custom ids in one message must differ").toBe(ids.length);
  for (const button of buttonsOf(body)) {
    expect(button.custom_id.length).toBeGreaterThan(0);
    expect(button.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
    expect(button.label.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
  }
}

/** Checks every message of every trace; returns how many messages that was. */
export function expectAllDiscordSafe(traces: readonly InteractionTrace[]): number {
  let count = 0;
  for (const trace of traces) {
    for (const sent of sentBodies(trace)) {
      expectDiscordSafe(sent);
      count++;
    }
    // A refused request means a message the bot meant to send never arrived.
    const refused = [...trace.callbacks, ...trace.edits, ...trace.followUps].filter(
      (attempt) => !accepted(attempt),
    );
    expect(refused.map((attempt) => attempt.status)).toEqual([]);
  }
  return count;
}

/** The callback's data, typed loosely, or a failed expectation when there is none. */
export function replyData(trace: InteractionTrace): CallbackData {
  const data = trace.response?.data;
  expect(data, "the interaction was answered with data").toBeDefined();
  return data ?? {};
}

export function firstEmbed(body: SentBody | CallbackData | undefined): APIEmbed {
  const embed = body?.embeds?.[0];
  expect(embed, "the message has an embed").toBeDefined();
  return embed ?? {};
}

export function isEphemeral(body: { flags?: number | null } | undefined): boolean {
  return ((body?.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

/** The custom id of the button with this label; fails when the message has none. */
export function buttonId(body: SentBody | APIMessage | undefined, label: string | RegExp): string {
  const button = buttonsOf(body).find((candidate) =>
    typeof label === "string" ? candidate.label === label : label.test(candidate.label),
  );
  expect(button, `a button labelled ${String(label)}`).toBeDefined();
  return button?.custom_id ?? "";
}

/**
 * Polls until `check` gives something truthy (concurrent tests cannot use expect.poll); for
 * outcomes that arrive in several requests.
 */
export async function waitUntil(check: () => unknown, what: string, timeoutMs = 4000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
