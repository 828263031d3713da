/** A quoted stretch of a paragraph: [open, close] are the marks, the content lies between. */
export interface QuoteSpan {
  open: number;
  /** Index of the closing mark; for an unclosed quote, the paragraph's length. */
  close: number;
  closed: boolean;
}

const OPENING_ONLY = new Set(["“", "«", "„"]);
const CLOSING_ONLY = new Set(["”", "»"]);
const BEFORE_OPENING = /[\s([{:—–\-/]/;
const AFTER_CLOSING = /[\s,.;:!?)\]}…—–\-"”»']/;

function isSpace(char: string | undefined): boolean {
  return char === undefined || /\s/.test(char);
}

/**
 * Finds the top-level double-quoted spans of a paragraph. Straight marks are told apart by what
 * stands beside them, and a stack keeps double quotes nested inside a quote (`"And he signed it
 * "Donald." That's rare,"`) from splitting or ending it.
 */
export function findDoubleQuotes(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  const openStack: number[] = [];
  // Jump from mark to mark: stepping through every character is slow on long paragraphs.
  const marks = /["«»“”„]/g;
  for (let found = marks.exec(text); found; found = marks.exec(text)) {
    const index = found.index;
    const char = text[index] ?? "";
    const before = text[index - 1];
    const after = text[index + 1];
    let opens: boolean;
    if (OPENING_ONLY.has(char)) opens = true;
    else if (CLOSING_ONLY.has(char)) opens = false;
    else {
      const canOpen = (before === undefined || BEFORE_OPENING.test(before)) && !isSpace(after);
      const canClose = !isSpace(before) && (after === undefined || AFTER_CLOSING.test(after));
      if (canOpen && !canClose) opens = true;
      else if (canClose && !canOpen) opens = false;
      else opens = openStack.length === 0;
    }
    if (opens) {
      openStack.push(index);
      continue;
    }
    const open = openStack.pop();
    if (open === undefined) continue;
    if (openStack.length === 0) spans.push({ open, close: index, closed: true });
  }
  const unclosed = openStack[0];
  if (unclosed !== undefined) spans.push({ open: unclosed, close: text.length, closed: false });
  return spans;
}

/**
 * Single-quoted speech inside a quote ('Do it immediately.'). An apostrophe has letters on both
 * sides; an opening mark follows a space, colon or bracket, a closing one precedes a space,
 * punctuation or the end.
 */
export function findSingleQuotes(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open: number | null = null;
  const marks = /['‘’]/g;
  for (let found = marks.exec(text); found; found = marks.exec(text)) {
    const index = found.index;
    const char = text[index];
    const before = text[index - 1];
    const after = text[index + 1];
    const letterBefore = before !== undefined && /[\p{L}\p{N}]/u.test(before);
    const letterAfter = after !== undefined && /[\p{L}\p{N}]/u.test(after);
    if (letterBefore && letterAfter) continue;
    const canOpen =
      char !== "’" && (before === undefined || /[\s([{:"“—–]/.test(before)) && !isSpace(after);
    const canClose =
      char !== "‘" && !isSpace(before) && (after === undefined || /[\s,.;:!?)\]"”—–]/.test(after));
    if (open === null && canOpen) open = index;
    else if (open !== null && canClose) {
      spans.push({ open, close: index, closed: true });
      open = null;
    }
  }
  return spans;
}
