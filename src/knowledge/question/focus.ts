/**
 * The part of a statement that answers the question: a nine-sentence quote answers "what was
 * lifted" with one of its sentences, and that sentence is what a reader should see first.
 */
import type { QueryTerm } from "../index/search.js";
import { sentenceRanges } from "../reading/sentences.js";
import { indexTerms } from "../words/text.js";

/** Which of the question's words a sentence has, and how well (1 the word, less a related word). */
function matchesOf(sentence: string, terms: readonly QueryTerm[]): number[] {
  const stems = new Set(indexTerms(sentence));
  return terms.map((term) => {
    let best = 0;
    for (const [alternative, factor] of term.alternatives) {
      if (factor > best && stems.has(alternative)) best = factor;
    }
    return best;
  });
}

const total = (matches: readonly number[]) => matches.reduce((sum, match) => sum + match, 0);

/**
 * The sentence of `text` that matches most of the question's words, verbatim, with the sentence
 * after it when that one answers words the first does not. With no question words to go by, or
 * none found, the first sentence. Always a substring of `text`.
 */
export function focusOf(text: string, terms: readonly QueryTerm[]): string {
  const ranges = sentenceRanges(text);
  if (ranges.length <= 1) return text;
  const matches = ranges.map(([from, to]) => matchesOf(text.slice(from, to), terms));
  let best = 0;
  for (let index = 1; index < ranges.length; index++) {
    if (total(matches[index] ?? []) > total(matches[best] ?? [])) best = index;
  }
  const [from, to] = ranges[best] ?? [0, text.length];
  const next = ranges[best + 1];
  const bestMatches = matches[best] ?? [];
  const nextAdds = (matches[best + 1] ?? []).some(
    (match, term) => match > 0 && (bestMatches[term] ?? 0) === 0,
  );
  return text.slice(from, next && total(bestMatches) > 0 && nextAdds ? next[1] : to);
}
