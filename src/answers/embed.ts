import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  Colors,
  ComponentType,
  ButtonStyle as DiscordButtonStyle,
  MessageFlags,
} from "discord.js";
import { escapeText, neutraliseMentions } from "./escape.js";
import { ComponentLimits, EmbedLimits, MessageLimits } from "./limits.js";
import type { Answer, AnswerButton, AnswerTone, Statement } from "./model.js";
import { attribution, placeLabel } from "./statements.js";
import { aroundFocus, CLOSING_QUOTE, truncate } from "./text.js";

/** Nobody is pinged, whatever the text says. */
export interface NoMentions {
  parse: [];
}

/** A message as plain API JSON, ready for reply(), editReply(), followUp() or update(). */
export interface DiscordMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  flags?: MessageFlags.Ephemeral;
  allowedMentions: NoMentions;
}

/** Discord rejects empty field names and values; this shows as nothing. */
const BLANK = "\u200b";
/** A direct answer is one line: a date, a place, who met whom. */
const DIRECT_MAX = 300;
/** Below this, a cut statement or intro says too little to be worth its space. */
const MIN_USEFUL_LENGTH = 64;

const TONE_COLOURS: Record<AnswerTone, number> = {
  answer: Colors.Blurple,
  empty: Colors.Grey,
  error: Colors.Red,
};

/** Plain message content within Discord's 2000 characters. */
export function fitContent(text: string): string {
  return truncate(text, MessageLimits.content);
}

function embedLength(embed: APIEmbed): number {
  let length = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  length += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) length += field.name.length + field.value.length;
  return length;
}

/**
 * Fits one embed to every embed limit, including the 6000 characters a message's embeds share
 * (the renderer sends a single embed). When over that total, the intro gives way before the
 * statements, because the statements are what the bot is for; then statements are cut or dropped
 * from the last one up. Title, footer and author together stay far below 6000, so they are never
 * cut for the total.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (embed.title !== undefined) fitted.title = truncate(embed.title, EmbedLimits.title);
  if (embed.description !== undefined) {
    fitted.description = truncate(embed.description, EmbedLimits.description);
  }
  if (embed.footer) {
    fitted.footer = { ...embed.footer, text: truncate(embed.footer.text, EmbedLimits.footerText) };
  }
  if (embed.author) {
    fitted.author = { ...embed.author, name: truncate(embed.author.name, EmbedLimits.authorName) };
  }
  const fields: APIEmbedField[] = (embed.fields ?? [])
    .slice(0, EmbedLimits.fields)
    .map((field) => ({
      ...field,
      // Discord refuses a field whose name or value is only white space.
      name: truncate(field.name.trim() ? field.name : BLANK, EmbedLimits.fieldName),
      value: truncate(field.value.trim() ? field.value : BLANK, EmbedLimits.fieldValue),
    }));
  if (embed.fields) fitted.fields = fields;

  let excess = embedLength(fitted) - EmbedLimits.total;
  if (excess > 0 && fitted.description !== undefined) {
    const keep = fitted.description.length - excess;
    if (keep >= MIN_USEFUL_LENGTH) fitted.description = truncate(fitted.description, keep);
    else delete fitted.description;
    excess = embedLength(fitted) - EmbedLimits.total;
  }
  while (excess > 0) {
    const last = fields.pop();
    if (!last) break;
    const keep = last.value.length - excess;
    if (keep >= MIN_USEFUL_LENGTH) fields.push({ ...last, value: truncate(last.value, keep) });
    excess = embedLength(fitted) - EmbedLimits.total;
  }
  if (fitted.fields && fields.length === 0) delete fitted.fields;
  return fitted;
}

/**
 * Escapes text already cut to where it is going. Escaping only lengthens text, so nothing past
 * the limit could be shown anyway, and discord.js's escaping slows down sharply on long text.
 */
function escapeWithin(text: string, limit: number): string {
  return escapeText(truncate(text, limit));
}

/** The statement's text, its focus in bold and a long one cut around it. */
function statementText(statement: Statement): string {
  if (statement.focus === undefined) return escapeWithin(statement.text, EmbedLimits.fieldValue);
  const { before, focus, after } = aroundFocus(statement.text, statement.focus);
  const bold = focus ? `**${escapeText(focus)}**` : "";
  return `${escapeText(before)}${bold}${escapeText(after)}`;
}

function statementField(statement: Statement): APIEmbedField {
  const text = statementText(statement);
  return {
    name: escapeWithin(
      `${attribution(statement)} · ${placeLabel(statement.paragraph, statement.date, statement.release)}`,
      EmbedLimits.fieldName,
    ),
    value: statement.kind === "quote" ? `“${text}${CLOSING_QUOTE}` : text,
  };
}

function footerText(answer: Answer): string | undefined {
  const parts: string[] = [];
  // The page goes first so that cutting a long source line never hides it.
  if (answer.page) parts.push(`Page ${answer.page.current} of ${answer.page.total}`);
  if (answer.footer) parts.push(answer.footer);
  // Footers show no markdown, so escaping would print backslashes; mentions are still defused.
  return parts.length > 0 ? neutraliseMentions(parts.join(" · ")) : undefined;
}

/**
 * Buttons in rows of five. A custom id carries the click's state, so one that is too long or
 * repeated cannot be sent; such a button is left out rather than costing the whole answer.
 */
function renderButtons(
  buttons: AnswerButton[],
): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const seen = new Set<string>();
  const usable = buttons.filter((button) => {
    if (button.id.length === 0 || button.id.length > ComponentLimits.customId) return false;
    if (seen.has(button.id)) return false;
    seen.add(button.id);
    return true;
  });
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  const maxButtons = ComponentLimits.buttonsPerRow * ComponentLimits.actionRows;
  for (
    let start = 0;
    start < Math.min(usable.length, maxButtons);
    start += ComponentLimits.buttonsPerRow
  ) {
    rows.push({
      type: ComponentType.ActionRow,
      components: usable.slice(start, start + ComponentLimits.buttonsPerRow).map((button) => ({
        type: ComponentType.Button,
        custom_id: button.id,
        label: truncate(button.label, ComponentLimits.buttonLabel),
        style:
          button.style === "primary" ? DiscordButtonStyle.Primary : DiscordButtonStyle.Secondary,
        disabled: button.disabled ?? false,
      })),
    });
  }
  return rows;
}

/** The Discord form of an Answer: one embed, its buttons, and no pings. */
export function renderDiscordMessage(answer: Answer): DiscordMessage {
  const embed: APIEmbed = { color: TONE_COLOURS[answer.tone] };
  if (answer.title) embed.title = escapeWithin(answer.title, EmbedLimits.title);
  const description = [
    ...(answer.direct ? [`**${escapeWithin(answer.direct, DIRECT_MAX)}**`] : []),
    ...(answer.intro
      ? [escapeWithin(answer.intro, EmbedLimits.description - (answer.direct ? DIRECT_MAX * 2 : 0))]
      : []),
  ].join("\n");
  if (description) embed.description = description;
  const fields = [
    ...answer.statements.map(statementField),
    ...(answer.fields ?? []).map((field) => ({
      name: escapeWithin(field.name, EmbedLimits.fieldName),
      value: escapeWithin(field.value, EmbedLimits.fieldValue),
    })),
  ];
  if (fields.length > 0) embed.fields = fields;
  const footer = footerText(answer);
  if (footer) embed.footer = { text: footer };

  const message: DiscordMessage = {
    embeds: [fitEmbed(embed)],
    components: renderButtons(answer.buttons),
    allowedMentions: { parse: [] },
  };
  if (answer.ephemeral) message.flags = MessageFlags.Ephemeral;
  return message;
}
