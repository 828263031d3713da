/**
 * Discord's hard limits, in characters unless the name says otherwise. A message that breaks one
 * is rejected whole (HTTP 400), so every value we send is fitted to these first.
 * See https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */

export const EmbedLimits = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer and author of all embeds of a message. */
  total: 6000,
  embedsPerMessage: 10,
} as const;

export const MessageLimits = {
  content: 2000,
} as const;

export const ComponentLimits = {
  buttonsPerRow: 5,
  actionRows: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

export const AutocompleteLimits = {
  choices: 25,
  choiceNameMin: 1,
  choiceNameMax: 100,
  choiceValueMin: 1,
  choiceValueMax: 100,
} as const;

export const CommandLimits = {
  name: 32,
  description: 100,
  options: 25,
  /** The longest value a string option can accept (its `max_length`). */
  stringOptionValue: 6000,
} as const;

export const InteractionLimits = {
  /** Discord drops an interaction that has not been answered or deferred within this time. */
  initialResponseMs: 3000,
  /** How long an interaction token can edit its reply and send follow-ups. */
  tokenLifetimeMs: 15 * 60 * 1000,
} as const;
