const ELLIPSIS = "…";
/** A cut quotation keeps this, so it still reads as a quotation. */
export const CLOSING_QUOTE = "”";

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max));
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/**
 * The one truncation rule: cut at a word boundary and end with `ellipsis`. A quotation that is
 * cut keeps its closing mark. Text is escaped before it is cut, so a backslash left dangling at
 * the cut is dropped rather than escaping what follows. Pass an empty `ellipsis` for text that is
 * read back rather than shown, such as the free text in a custom id.
 */
export function truncate(text: string, max: number, ellipsis = ELLIPSIS): string {
  if (text.length <= max) return text;
  const suffix = ellipsis && text.endsWith(CLOSING_QUOTE) ? ellipsis + CLOSING_QUOTE : ellipsis;
  if (max <= suffix.length) return clip(text, max);
  const room = max - suffix.length;
  let cut = clip(text, room);
  if (!/\s/.test(text.charAt(cut.length))) {
    const lastSpace = cut.search(/\s\S*$/);
    // A single overlong word is cut hard rather than losing most of the text.
    if (lastSpace >= room / 2) cut = cut.slice(0, lastSpace);
  }
  cut = cut.replace(/[\s,;:]+$/, "");
  const backslashes = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (backslashes % 2 === 1) cut = cut.slice(0, -1);
  return cut + suffix;
}

/**
 * Release text and user input reach the terminal: control characters (escape sequences) in them
 * must not be able to move the cursor or recolour the screen. Every line printed for a person
 * passes through this: answers, load warnings and error messages alike.
 */
export function printable(text: string): string {
  let clean = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const control = code < 0x20 || (code >= 0x7f && code < 0xa0);
    if (!control || char === "\n" || char === "\t") clean += char;
  }
  return clean;
}

/** A statement longer than this is shown cut around its focus. */
export const FOCUSED_STATEMENT_MAX = 350;

/** A statement as shown: the text before its focus, the focus, and the text after. */
export interface FocusedText {
  before: string;
  focus: string;
  after: string;
}

/**
 * The statement in three parts around its focus. Within FOCUSED_STATEMENT_MAX it is whole;
 * beyond, the text around the focus is cut at words, an ellipsis standing for what is left out
 * (and the focus itself is cut when it alone is longer).
 */
export function aroundFocus(text: string, focus: string, max = FOCUSED_STATEMENT_MAX): FocusedText {
  const at = text.indexOf(focus);
  if (at < 0 || focus === "") return { before: "", focus: "", after: truncate(text, max) };
  const before = text.slice(0, at);
  const after = text.slice(at + focus.length);
  if (text.length <= max) return { before, focus, after };
  if (focus.length >= max)
    return { before: before ? `${ELLIPSIS} ` : "", focus: truncate(focus, max), after: "" };
  const room = max - focus.length;
  const afterRoom = Math.min(after.length, Math.max(Math.floor(room / 2), room - before.length));
  const beforeRoom = room - afterRoom;
  return {
    before: before.length <= beforeRoom ? before : keepEnd(before, beforeRoom),
    focus,
    after: after.length <= afterRoom ? after : truncate(after, afterRoom),
  };
}

/** The last `max` characters of text, starting at a word, after an ellipsis. */
function keepEnd(text: string, max: number): string {
  if (max <= ELLIPSIS.length + 1) return "";
  let kept = text.slice(text.length - (max - ELLIPSIS.length));
  const firstSpace = kept.search(/\s/);
  if (firstSpace >= 0 && firstSpace < kept.length / 2) kept = kept.slice(firstSpace);
  return `${ELLIPSIS}${kept}`;
}
