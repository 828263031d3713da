const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "st",
  "jr",
  "sr",
  "prof",
  "gen",
  "col",
  "lt",
  "gov",
  "sen",
  "rep",
  "no",
  "vs",
  "etc",
  "e.g",
  "i.e",
  "u.s",
  "u.k",
  "u.n",
  "e.u",
]);

/** Whether the full stop at `index` ends an abbreviation or an initial rather than a sentence. */
function endsAbbreviation(text: string, index: number): boolean {
  const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, index - 12), index))?.[1] ?? "";
  const word = before.replace(/^\./, "").toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  // Initials and dotted acronyms: "J.", "U.S.", "D.C."
  return /^(?:\p{L}\.)*\p{Lu}$/u.test(before) || /^(?:\p{L}\.)+\p{L}$/u.test(before);
}

/**
 * Splits prose into sentences, keeping abbreviations such as "U.S." and "Mr." inside theirs.
 * Returns [start, end) ranges into the text, trimmed of surrounding space.
 */
export function sentenceRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  // A boundary starts at the first mark of a run, so a long run of marks or spaces is tried once.
  const boundary = /(?<![.!?…])[.!?…]+["”’')\]]*\s+(?=["“‘'([]?[\p{Lu}\p{N}])/gu;
  for (const match of text.matchAll(boundary)) {
    const stopAt = match.index + match[0].trimEnd().length;
    const markIndex = match.index + (/[.!?…]+/.exec(match[0])?.[0].length ?? 1) - 1;
    if (text[markIndex] === "." && endsAbbreviation(text, match.index)) continue;
    ranges.push([start, stopAt]);
    start = match.index + match[0].length;
  }
  ranges.push([start, text.length]);
  return ranges
    .map(([from, to]): [number, number] => {
      const slice = text.slice(from, to);
      const lead = slice.length - slice.trimStart().length;
      return [from + lead, from + slice.trimEnd().length];
    })
    .filter(([from, to]) => to > from);
}

export function sentences(text: string): string[] {
  return sentenceRanges(text).map(([from, to]) => text.slice(from, to));
}
