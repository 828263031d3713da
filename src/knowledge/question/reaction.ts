/**
 * Questions that ask how someone took what was said ("how did Lukashenko react to the letter",
 * "Coale's reply to the praise", "what did he say when the letter mentioned the tennis win").
 * In a release the answer is rarely worded like the question: it is whatever that person said
 * right after the thing asked about, so the library finds the thing and reads on.
 */

/** Words that ask for a reaction, as typed (lower case). */
const REACTION_WORDS = new Set(
  "react reacted reacts reacting reaction respond responded responds response reply replied replies answered".split(
    " ",
  ),
);
const SAY_WORDS = new Set(["say", "said", "says"]);

/**
 * The positions of the words that ask for a reaction in a question's words (lower case, stop
 * words kept), or null when it does not ask for one: a reaction word, or "say" followed by "when".
 */
export function reactionAsked(questionWords: readonly string[]): Set<number> | null {
  const asking = new Set<number>();
  questionWords.forEach((word, index) => {
    if (REACTION_WORDS.has(word)) asking.add(index);
    else if (SAY_WORDS.has(word) && questionWords[index + 1] === "when") {
      asking.add(index);
      asking.add(index + 1);
    }
  });
  return asking.size > 0 ? asking : null;
}
