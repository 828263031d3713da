/**
 * Understanding a question, first step: a question typed the way people type in a channel
 * ("wat did luka say bout trump n peace?? thx 🙏") read as the plain words it stands for
 * ("what did luka say about trump and peace"). The chat spellings, abbreviations and filler are
 * data, in chatForms.json; names and misspellings of people are the library's to resolve.
 */
import chatForms from "./chatForms.json" with { type: "json" };

const FORMS = new Map<string, string>(Object.entries(chatForms.forms));
const FILLER = new Set(chatForms.filler);
const EDGE_FILLER = new Set(chatForms.edgeFiller);

/** Emoji and other pictographs, with the joiners and selectors that build them. */
const PICTOGRAPHS = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|\u20e3/gu;
/**
 * Tokens as typed: "w/", "b/c" and "$$" are read whole before punctuation goes. Any other
 * character that is not a letter, digit, apostrophe or one of those marks separates tokens.
 */
const TYPED_TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*(?:\/[\p{L}]*)?|\$+/gu;

/** Whether a one-letter token stands alone as a word ("u", "r"), not as an initial ("U.S.", "J."). */
function standsAlone(text: string, start: number, token: string): boolean {
  if (token.length > 1) return true;
  if (token !== token.toLowerCase()) return false;
  return text[start - 1] !== "." && text[start + 1] !== "." && text[start + 1] !== "'";
}

/**
 * The question as plain words: emoji dropped, chat forms spelled out, filler left out, and "US"
 * written in capitals read as the country (lower case it is the pronoun). Everything else, case
 * and punctuation included, stays as typed; a question of nothing but filler comes back empty.
 */
export function plainQuestion(question: string): string {
  const text = question.replace(PICTOGRAPHS, " ");
  const tokens = [...text.matchAll(TYPED_TOKEN)].map((match) => {
    const typed = match[0];
    const form = standsAlone(text, match.index, typed) ? FORMS.get(typed.toLowerCase()) : undefined;
    const replacement = typed === "US" ? "USA" : (form ?? typed);
    const lower = typed.toLowerCase();
    return { start: match.index, end: match.index + typed.length, replacement, lower };
  });
  const content = tokens.filter((token) => !FILLER.has(token.lower));
  let first = 0;
  let last = content.length;
  while (first < last && EDGE_FILLER.has(content[first]?.lower ?? "")) first++;
  while (last > first && EDGE_FILLER.has(content[last - 1]?.lower ?? "")) last--;
  const kept = new Set(content.slice(first, last));
  let plain = "";
  let from = 0;
  for (const token of tokens) {
    plain += text.slice(from, token.start);
    if (kept.has(token)) plain += token.replacement;
    from = token.end;
  }
  plain += text.slice(from);
  return kept.size === 0 ? "" : plain.replace(/\s+/g, " ").trim();
}
