import { InteractionResponseType } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buttonId,
  buttonsOf,
  expectAllDiscordSafe,
  firstEmbed,
  isEphemeral,
  LIMITS,
  replyData,
} from "./discordRules.js";
import { type RunningReadout, reportFigures, startReadout } from "./harness.js";

const RELEASE_FILE = "2025-09-11-lukashenko-coale.txt";
const FOOTER_SOURCE = `Source: Press release · Public · ${RELEASE_FILE}`;

let readout: RunningReadout;
beforeAll(async () => {
  readout = await startReadout();
});
afterAll(async () => {
  if (readout) reportFigures("/ask", readout.traces);
  await readout?.stop();
});

async function ask(options: Record<string, string | boolean>, user = undefined) {
  const trace = await readout.fake.slashCommand("ask", options, user ? { user } : {});
  return trace.settled();
}

/** The verbatim text of the release's statement in paragraph `paragraph` by `speaker`. */
function statementText(speaker: string | null, paragraph: number): string {
  const entry = readout.library.entries.find(
    (candidate) => candidate.speaker === speaker && candidate.source.paragraph === paragraph,
  );
  expect(entry, `a statement by ${speaker} in ¶${paragraph}`).toBeDefined();
  return entry?.text ?? "";
}

describe("/ask question:<text>", () => {
  it("answers with the best statements: speaker, verbatim text, ¶N, date, source footer and buttons", async () => {
    const trace = await ask({ question: "what was lifted" });
    expect(trace.response?.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const data = replyData(trace);
    expect(isEphemeral(data)).toBe(false);
    const embed = firstEmbed(data);
    expect(embed.title).toBe("Ask: what was lifted");
    expect(embed.description).toBe("2 matching statements, best first.");
    expect(embed.fields?.map((field) => field.name)).toEqual([
      "John Coale · ¶13 · 11 September 2025",
      "John Coale · ¶14 · 11 September 2025",
    ]);
    // Verbatim, in quotation marks: the release's own words, not a paraphrase.
    // The sentence that answers is bold, and the long quote is cut after it.
    const value = embed.fields?.[0]?.value ?? "";
    expect(value).toMatch(
      /^“\*\*I would like to officially declare here that we have lifted sanctions from Belavia\.\*\* This is official\. /,
    );
    expect(value).toMatch(/…”$/);
    const shown = value.slice(1, -2).replaceAll("**", "");
    expect(statementText("John Coale", 13).startsWith(shown)).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(350);
    expect(embed.footer?.text).toBe(`Page 1 of 1 · ${FOOTER_SOURCE}`);
    expect(buttonsOf(data).map((button) => button.label)).toEqual(["Show ¶13", "Show ¶14"]);
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it("gives three statements by default and reads facts as the release's narration", async () => {
    const trace = await ask({ question: "gift" });
    const embed = firstEmbed(replyData(trace));
    expect(embed.fields).toHaveLength(3);
    const fact = embed.fields?.[0];
    expect(fact?.name).toBe("Narration (press release) · ¶22 · 11 September 2025");
    // A fact is the release's sentence itself, so it is not dressed as a quotation.
    expect(fact?.value).toBe(
      statementText(null, 22).replace(
        "John Coale handed over a gift from Donald Trump to Aleksandr Lukashenko.",
        "**$&**",
      ),
    );
    expect(fact?.value.startsWith("“")).toBe(false);
  });

  it("pages with More results and Previous, updating the owner's message in place", async () => {
    const first = await ask({ question: "Belarus" });
    const page1 = replyData(first);
    expect(firstEmbed(page1).footer?.text).toBe(`Page 1 of 5 · ${FOOTER_SOURCE}`);
    expect(buttonsOf(page1).map((button) => button.label)).toEqual([
      "More results",
      "Show ¶11",
      "Show ¶7",
      "Show ¶17",
    ]);

    const more = await readout.fake.clickButton(buttonId(page1, "More results"), {
      message: first.original,
    });
    await more.settled();
    expect(more.response?.type).toBe(InteractionResponseType.UpdateMessage);
    const page2 = replyData(more);
    expect(firstEmbed(page2).footer?.text).toBe(`Page 2 of 5 · ${FOOTER_SOURCE}`);
    expect(firstEmbed(page2).fields).toHaveLength(3);
    const names1 = firstEmbed(page1).fields?.map((field) => field.value);
    const names2 = firstEmbed(page2).fields?.map((field) => field.value);
    expect(names2?.some((value) => names1?.includes(value))).toBe(false);
    expect(
      buttonsOf(page2)
        .map((button) => button.label)
        .slice(0, 2),
    ).toEqual(["Previous", "More results"]);
    // The message the user sees now is page 2.
    expect(more.original?.embeds[0]?.footer?.text).toMatch(/^Page 2 of 5/);

    const back = await readout.fake.clickButton(buttonId(page2, "Previous"), {
      message: more.original,
    });
    await back.settled();
    expect(back.response?.type).toBe(InteractionResponseType.UpdateMessage);
    const backEmbed = firstEmbed(replyData(back));
    expect(backEmbed.fields).toEqual(firstEmbed(page1).fields);
    expect(backEmbed.footer).toEqual(firstEmbed(page1).footer);
    expect(buttonsOf(replyData(back))).toEqual(buttonsOf(page1));
  });

  it("has no More results on the last page", async () => {
    const first = await ask({ question: "Belarus" });
    let message = first.original;
    let data = replyData(first);
    for (let page = 2; page <= 5; page++) {
      const click = await readout.fake.clickButton(buttonId(data, "More results"), { message });
      await click.settled();
      data = replyData(click);
      message = click.original;
    }
    expect(firstEmbed(data).footer?.text).toMatch(/^Page 5 of 5/);
    expect(firstEmbed(data).fields).toHaveLength(1);
    expect(buttonsOf(data).map((button) => button.label)).not.toContain("More results");
    expect(buttonsOf(data).map((button) => button.label)).toContain("Previous");
  });

  it("shows a statement's whole paragraph privately with Show ¶N, leaving the answer as it was", async () => {
    const first = await ask({ question: "what was lifted" });
    const click = await readout.fake.clickButton(buttonId(replyData(first), "Show ¶13"), {
      message: first.original,
    });
    await click.settled();
    expect(click.response?.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const data = replyData(click);
    expect(isEphemeral(data)).toBe(true);
    const embed = firstEmbed(data);
    expect(embed.title).toBe("¶13 · 11 September 2025");
    const paragraph = readout.library.releases[0]?.paragraphs[12] ?? "";
    expect(paragraph).toContain("we have lifted sanctions from Belavia");
    // The whole paragraph, attribution included: the statement alone stops before "John Cole emphasized".
    expect(embed.description).toContain("John Cole emphasized");
    expect(embed.description?.replace(/\\/g, "")).toBe(paragraph);
    expect(embed.fields?.find((field) => field.name === "Said by")?.value).toContain("John Coale");
    expect(embed.footer?.text).toBe(FOOTER_SOURCE);
    // The answer's message was not touched: a new private message, no update and no edit.
    expect(click.callbacks.map((callback) => callback.type)).toEqual([
      InteractionResponseType.ChannelMessageWithSource,
    ]);
    expect(click.edits).toHaveLength(0);
  });

  it("gives someone other than the owner a private copy instead of turning the owner's page", async () => {
    const first = await ask({ question: "Belarus" });
    const click = await readout.fake.clickButton(buttonId(replyData(first), "More results"), {
      message: first.original,
      user: readout.fake.users.bob,
    });
    await click.settled();
    expect(click.response?.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const data = replyData(click);
    expect(isEphemeral(data)).toBe(true);
    expect(firstEmbed(data).footer?.text).toMatch(/^Page 2 of 5/);
    // Alice's message is left alone: no update, no edit, only Bob's private message.
    expect(click.callbacks.map((callback) => callback.type)).toEqual([
      InteractionResponseType.ChannelMessageWithSource,
    ]);
    expect(click.edits).toHaveLength(0);
    expect(click.original?.interaction_metadata?.user.id).toBe(readout.fake.users.bob.id);
  });

  it("answers privately with private:true (flags 64), and its buttons still work", async () => {
    const trace = await ask({ question: "Belarus", private: true });
    const data = replyData(trace);
    expect(trace.response?.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(data)).toBe(true);
    expect(trace.original?.flags ?? 0).toBe(64);
    const more = await readout.fake.clickButton(buttonId(data, "More results"), {
      message: trace.original,
    });
    await more.settled();
    expect(more.response?.type).toBe(InteractionResponseType.UpdateMessage);
    expect(firstEmbed(replyData(more)).footer?.text).toMatch(/^Page 2 of 5/);
  });

  it("keeps to one speaker with speaker:, and the speaker survives paging", async () => {
    const trace = await ask({ question: "Belarus", speaker: "Lukashenka" });
    const data = replyData(trace);
    const embed = firstEmbed(data);
    expect(embed.description).toMatch(/matching statements by Aleksandr Lukashenko, best first\./);
    for (const field of embed.fields ?? []) expect(field.name).toMatch(/^Aleksandr Lukashenko · /);
    const more = await readout.fake.clickButton(buttonId(data, "More results"), {
      message: trace.original,
    });
    await more.settled();
    for (const field of firstEmbed(replyData(more)).fields ?? []) {
      expect(field.name).toMatch(/^Aleksandr Lukashenko · /);
    }
  });

  it("explains a speaker no one answers to, and reads a slip in a name as the name", async () => {
    const unknown = firstEmbed(replyData(await ask({ question: "peace", speaker: "Zelensky" })));
    expect(unknown.description).toBe("No one called “Zelensky” is quoted in the release.");
    expect(unknown.fields?.some((field) => field.name.includes(" · ¶"))).not.toBe(true);

    const slip = firstEmbed(replyData(await ask({ question: "sanctions", speaker: "Coalx" })));
    expect(slip.description).toBe("2 matching statements by John Coale, best first.");

    const unquoted = firstEmbed(replyData(await ask({ question: "peace", speaker: "Sabalenka" })));
    expect(unquoted.description).toBe(
      "Aryna Sabalenka is mentioned in the release but never quoted.",
    );
  });

  it("says so when nothing answers the question", async () => {
    const trace = await ask({ question: "how to bake sourdough bread" });
    const embed = firstEmbed(replyData(trace));
    expect(embed.description).toMatch(/^Nothing in the release answers that/);
    expect(embed.fields ?? []).toEqual([]);
    expect(buttonsOf(replyData(trace))).toEqual([]);
  });

  it("completes speaker: from the speaker registry, with quote counts", async () => {
    const trace = await readout.fake.autocomplete(
      "ask",
      { question: "peace", speaker: "luk" },
      "speaker",
    );
    expect(trace.response?.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(trace.response?.data?.choices).toEqual([
      { name: "Aleksandr Lukashenko (15 quotes)", value: "Aleksandr Lukashenko" },
    ]);
  });

  it("fits a 300-character question full of markdown and mentions: escaped, defused, cut to the limits", async () => {
    const unit = "**Belarus** and _the_ ~~USA~~ @everyone <@1> `Belarus` ||Belarus|| ";
    let question = "> # ";
    while ((question + unit).length <= 300) question += unit;
    question = question.padEnd(300, "*");
    expect(question).toHaveLength(300);

    const trace = await ask({ question });
    const data = replyData(trace);
    const embed = firstEmbed(data);
    expect(embed.title?.length).toBeLessThanOrEqual(LIMITS.title);
    expect(embed.title).toMatch(/^Ask: /);
    expect(embed.title).toMatch(/…$/);
    // Shown literally: markdown escaped, @everyone and <@1> defused (a zero-width space after @ and <).
    expect(embed.title).toContain("\\*\\*Belarus\\*\\*");
    expect(embed.title).toContain("\\~\\~USA\\~\\~");
    expect(embed.title).toContain("@\u200beveryone");
    expect(embed.title).toContain("<\u200b@1>");
    expect(embed.title).not.toMatch(/@everyone/);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    // The question travels in the buttons' custom ids, cut to fit 100 characters...
    for (const button of buttonsOf(data)) {
      expect(button.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
    }
    // ...and the cut question still pages.
    const more = await readout.fake.clickButton(buttonId(data, "More results"), {
      message: trace.original,
    });
    await more.settled();
    expect(more.response?.type).toBe(InteractionResponseType.UpdateMessage);
    expect(firstEmbed(replyData(more)).footer?.text).toMatch(/^Page 2 of /);
  });

  it("refuses a question over 300 characters privately", async () => {
    const trace = await ask({ question: "peace ".repeat(60) });
    const data = replyData(trace);
    expect(isEphemeral(data)).toBe(true);
    expect(firstEmbed(data).title).toBe("Question too long");
  });

  it("sent every message with allowed_mentions parse [] and within Discord's limits", () => {
    expect(expectAllDiscordSafe(readout.traces)).toBeGreaterThan(15);
  });
});
