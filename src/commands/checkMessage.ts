import { ApplicationCommandType, ContextMenuCommandBuilder } from "discord.js";
import type { Command } from "./command.js";
import { errorAnswer, textOption } from "./shared.js";
import { verifyAnswer } from "./verify.js";

/**
 * "Check against the release" on any message: the same check as /verify on the message's text.
 * The verdict goes only to the person who asked, so checking a colleague does not call them out.
 */
export default {
  data: new ContextMenuCommandBuilder()
    .setName("Check against the release")
    .setType(ApplicationCommandType.Message)
    .toJSON(),

  alwaysPrivate: true,

  execute(request, { library }) {
    const content = textOption(request, "content");
    if (!content) {
      return errorAnswer(
        "Nothing to check",
        "That message has no text to check. Type the claim into /verify claim: instead.",
      );
    }
    return { ...verifyAnswer(library, content), ephemeral: true };
  },
} satisfies Command;
