import { SlashCommandBuilder } from "discord.js";
import type { Command } from "./command.js";

export default {
  data: new SlashCommandBuilder()
    .setName("help")
    .setDescription("How to use Readout, with examples.")
    .toJSON(),

  execute() {
    return {
      tone: "answer",
      title: "How to use Readout",
      intro:
        "Readout answers questions about a diplomatic press release with the release's own words: every statement is quoted verbatim, with who said it and the paragraph it stands in.",
      statements: [],
      fields: [
        {
          name: "Ask a question",
          value:
            "/ask question:what was lifted\nThe three statements that answer it best. Add speaker: to hear only one person; press More results for the next ones, or Show ¶ for the whole paragraph.",
        },
        {
          name: "Browse a speaker",
          value:
            "/quotes speaker:Coale\n/quotes speaker:Lukashenko topic:peace\nEverything one person is quoted saying, in release order, optionally on one topic.",
        },
        {
          name: "The meeting in brief",
          value:
            "/brief\nA release in six statements: the lead, what was decided and the key quotes. /ask answers when, where and who took part in one line above the statements.",
        },
        {
          name: "Check a claim",
          value:
            '/verify claim:Lukashenko said "This is official."\nWhether the release says it verbatim, in other words, from someone else, or not at all. On any message: right-click (or long-press) it → Apps → Check against the release.',
        },
        {
          name: "See the source",
          value: "/source\nThe releases loaded: date, lead, publisher and what they contain.",
        },
        {
          name: "Add a release",
          value:
            "/release add url:https://… (or file: or text:)\nMembers who may manage the server add a release by its link, as a .txt or .html file, or pasted; /release remove takes one out.",
        },
        {
          name: "Keep it to yourself",
          value:
            "Add private:true to /ask, /quotes, /brief or /verify and only you will see the answer.",
        },
      ],
      buttons: [],
      ephemeral: true,
    };
  },
} satisfies Command;
