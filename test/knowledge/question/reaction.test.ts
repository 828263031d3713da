import { describe, expect, it } from "vitest";
import { Library } from "../../../src/knowledge/library/library.js";
import { reactionAsked } from "../../../src/knowledge/question/reaction.js";

const EXCHANGE = [
  "4 June 2024",
  "Talks in Valletta",
  "Prime Minister Oriana Falzon met with Foreign Minister Tomas Lindqvist in Valletta.",
  '"Your support for our fishing fleet during the storm season was remarkable," Oriana Falzon said.',
  '"We only did what neighbours do," Tomas Lindqvist replied.',
  "Tomas Lindqvist then handed over an invitation to the Nordic energy forum in Oslo.",
  "Oriana Falzon read the invitation aloud.",
  '"We will gladly come, and we will bring our engineers," Oriana Falzon said.',
  '"The fishing quotas will be reviewed in autumn," Tomas Lindqvist said.',
  '"Then our fishermen can plan their season," Oriana Falzon noted.',
].join("\n");

const library = Library.fromTexts("fixture", [{ file: "2024-06-04-valletta.txt", text: EXCHANGE }]);
const first = (question: string) => library.ask(question).results[0]?.entry;

describe("reactionAsked", () => {
  it("finds the words that ask how someone took something", () => {
    const asked = (question: string) => {
      const found = reactionAsked(question.split(" "));
      return found ? [...found] : null;
    };
    expect(asked("how did falzon react to the invitation")).toEqual([3]);
    expect(asked("what was the response of the minister")).toEqual([3]);
    expect(asked("what did falzon say when the quotas came up")).toEqual([3, 4]);
    expect(asked("when did falzon say it")).toBeNull();
    expect(asked("what did falzon say about quotas")).toBeNull();
  });
});

describe("questions about a reaction", () => {
  it("answer with what the person said right after the thing asked about", () => {
    expect(first("how did Falzon react to the invitation")?.text).toContain("We will gladly come");
    expect(first("Lindqvist's response to the praise for the fishing fleet")?.text).toContain(
      "We only did what neighbours do",
    );
  });

  it("read past a line of narration between the thing and the reply", () => {
    expect(first("what did falzon say when she got the forum invite")?.text).toContain(
      "We will gladly come",
    );
  });

  it("take the next speaker's reply when no one is named", () => {
    expect(first("how did they react to the quotas review?")?.text).toContain(
      "our fishermen can plan",
    );
  });

  it("never take the named person's own words on the thing as their reaction to it", () => {
    const reply = first("how did Lindqvist respond to the remark about fishing fleet support");
    expect(reply?.speaker).toBe("Tomas Lindqvist");
    expect(reply?.text).toContain("neighbours");
  });

  it("leave a question about something the release never mentions empty", () => {
    expect(library.ask("how did Falzon react to the fireworks over the harbour").results).toEqual(
      [],
    );
  });
});
