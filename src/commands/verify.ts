import { SlashCommandBuilder } from "discord.js";
import type { Answer, AnswerField } from "../answers/model.js";
import {
  attribution,
  placeLabel,
  releaseOf,
  sourcesFooter,
  toStatement,
} from "../answers/statements.js";
import { truncate } from "../answers/text.js";
import type { Library } from "../knowledge/library/library.js";
import { type DiffPart, MAX_CLAIM_LENGTH } from "../knowledge/verify/diff.js";
import { type VerifyResult, verifyClaim } from "../knowledge/verify/verify.js";
import type { Command } from "./command.js";
import { errorAnswer, isPrivate, privateOption, textOption } from "./shared.js";

/** The claim is repeated under the verdict; a whole pasted message would bury it. */
const CLAIM_SHOWN_MAX = 300;

const TITLES: Record<VerifyResult["verdict"], string> = {
  verbatim: "Verdict: verbatim",
  misattributed: "Verdict: misattributed",
  paraphrase: "Verdict: paraphrase",
  not_found: "Verdict: not found in the release",
};

/** Plain markers, because both renderers show field text literally. */
const LEGEND = "[-…] only in the claim · [+…] only in the release";

function quoted(words: readonly string[]): string {
  return words.map((word) => `“${word}”`).join(", ");
}

function renderDifferences(parts: readonly DiffPart[]): string {
  return parts
    .map((part) => {
      if (part.change === "claim") return `[-${part.words}]`;
      if (part.change === "release") return `[+${part.words}]`;
      return part.words;
    })
    .join(" ");
}

/** A differing "not" can turn a claim into its opposite, so it is spelled out, not left to the diff. */
function negationNote({ claim, release }: VerifyResult["negation"]): string | undefined {
  if (claim.length === 0 && release.length === 0) return undefined;
  if (claim.length === 0) {
    return `The release says ${quoted(release)} here and the claim does not: the claim may say the opposite of the release.`;
  }
  if (release.length === 0) {
    return `The claim says ${quoted(claim)} here and the release does not: the claim may say the opposite of the release.`;
  }
  return `The claim says ${quoted(claim)} where the release says ${quoted(release)}: check which way each turns the meaning.`;
}

/**
 * Who really said the best match, as the statement's attribution shows it, or the speaker whose
 * quotes the narration introduces; null for narration that is nobody's words.
 */
function saidBy(result: VerifyResult): string | null {
  const best = result.matches[0]?.entry;
  if (best?.speaker) return attribution(best);
  return result.speaker === null ? null : `${result.speaker} according to the release's narration`;
}

// Attributions may hold commas ("Donald Trump, as reported by John Coale"), so each sentence ends with one.
function verdictLine(result: VerifyResult): string {
  const best = result.matches[0]?.entry;
  if (result.verdict === "not_found" || !best) {
    if (!/\p{L}/u.test(result.parsed.content)) {
      return "The claim names no words to check. Say what was said, e.g. Lukashenko said “This is official.”";
    }
    return result.matches.length > 0
      ? "Nothing in the release supports this claim. The closest statements are below; none of them says it."
      : "Nothing in the release supports this claim, and no statement comes close to it.";
  }
  const place = placeLabel(best.source.paragraph, best.source.date ?? best.source.dateText);
  const by = saidBy(result);
  switch (result.verdict) {
    case "verbatim":
      return by
        ? `The words are in the release word for word, said by ${by} in ${place}.`
        : `The words are in the release word for word, in its own narration in ${place}.`;
    case "paraphrase":
      return by
        ? `No word-for-word match, but much the same is said by ${by} in ${place}. Compare the wording below.`
        : `No word-for-word match, but the release's own narration says much the same in ${place}. Compare the wording below.`;
    case "misattributed": {
      const claimed = result.claimedSpeaker ?? "The person named";
      const speaker = result.parsed.claimedSpeaker;
      const denial =
        !speaker || speaker.quoteCount === 0
          ? `${claimed} is never quoted in the release.`
          : `${claimed} did not say this.`;
      if (!by) {
        return `${denial} No one is quoted saying it: the words are the release's own narration in ${place}.`;
      }
      const wordForWord = result.differences.length === 0;
      return `${denial} ${wordForWord ? "These words were" : "Much the same was"} said by ${by} in ${place}.`;
    }
  }
}

/** The verdict on a claim as an answer: the verdict, the closest statements and what differs. */
export function verifyAnswer(library: Library, claim: string): Answer {
  const result = verifyClaim(library, claim);
  const { releases } = library;
  const fields: AnswerField[] = [];
  if (result.differences.length > 0) {
    fields.push({
      name: "Differences",
      value: `${renderDifferences(result.differences)}\n${LEGEND}`,
    });
  }
  const negation = negationNote(result.negation);
  if (negation) fields.push({ name: "Negation differs", value: negation });
  const matched = result.matches
    .map((match) => releaseOf(match.entry, releases))
    .filter((release) => release !== undefined);
  return {
    tone: result.verdict === "not_found" ? "empty" : "answer",
    title: TITLES[result.verdict],
    intro: [
      verdictLine(result),
      `Claim: ${truncate(result.claim, CLAIM_SHOWN_MAX)}`,
      ...(result.cut
        ? [
            `Only the first ${MAX_CLAIM_LENGTH} characters were checked. To check the rest, put it in /verify claim: a part at a time.`,
          ]
        : []),
    ].join("\n"),
    statements: result.matches.map((match) => toStatement(match.entry, releases)),
    fields: fields.length > 0 ? fields : undefined,
    footer: sourcesFooter(matched.length > 0 ? matched : releases),
    buttons: [],
  };
}

export default {
  data: new SlashCommandBuilder()
    .setName("verify")
    .setDescription(
      "Check a claim about the meeting against the release: who said what, word for word.",
    )
    .addStringOption((option) =>
      option
        .setName("claim")
        .setDescription("The claim, e.g. Lukashenko said “This is official.”")
        .setRequired(true)
        .setMaxLength(MAX_CLAIM_LENGTH),
    )
    .addBooleanOption(privateOption)
    .toJSON(),

  execute(request, { library }) {
    const claim = textOption(request, "claim");
    if (!claim) {
      return errorAnswer(
        "No claim",
        "Type a claim after /verify, for example: /verify claim:Lukashenko said “This is official.”",
      );
    }
    if (claim.length > MAX_CLAIM_LENGTH) {
      return errorAnswer(
        "Claim too long",
        `Keep the claim to ${MAX_CLAIM_LENGTH} characters or fewer: the words said and who said them.`,
      );
    }
    return { ...verifyAnswer(library, claim), ephemeral: isPrivate(request) };
  },
} satisfies Command;
