import { InteractionResponseType } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buttonId,
  buttonsOf,
  expectAllDiscordSafe,
  firstEmbed,
  isEphemeral,
  replyData,
} from "./discordRules.js";
import { type RunningReadout, reportFigures, startReadout } from "./harness.js";

let readout: RunningReadout;
beforeAll(async () => {
  readout = await startReadout();
});
afterAll(async () => {
  if (readout) reportFigures("/quotes", readout.traces);
  await readout?.stop();
});

async function quotes(options: Record<string, string | boolean>) {
  const trace = await readout.fake.slashCommand("quotes", options);
  return trace.settled();
}

/** "¶7 · …" in a field name → 7. */
function paragraphsOf(fields: { name: string }[] | undefined): number[] {
  return (fields ?? []).map((field) => Number(/ · ¶(\d+) · /.exec(field.name)?.[1]));
}

describe("/quotes speaker:<name>", () => {
  it("lists a speaker's quotes in release order, five a page, with page x of y", async () => {
    const trace = await quotes({ speaker: "Lukashenko" });
    expect(trace.response?.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const data = replyData(trace);
    expect(isEphemeral(data)).toBe(false);
    const embed = firstEmbed(data);
    expect(embed.title).toBe("Quotes: Aleksandr Lukashenko");
    expect(embed.description).toBe("15 quotes by Aleksandr Lukashenko, in release order.");
    expect(embed.fields).toHaveLength(5);
    for (const field of embed.fields ?? []) {
      expect(field.name).toMatch(/^Aleksandr Lukashenko · ¶\d+ · 11 September 2025$/);
      expect(field.value).toMatch(/^“[\s\S]*”$/);
    }
    const paragraphs = paragraphsOf(embed.fields);
    expect(paragraphs).toEqual([...paragraphs].sort((a, b) => a - b));
    expect(embed.footer?.text).toMatch(/^Page 1 of 3 · Source: Press release · Public · /);
    // Page one has nowhere to go back to.
    expect(buttonsOf(data).map((button) => button.label)).toEqual(["Next"]);
  });

  it("turns pages with Next and Previous, in place, keeping release order across pages", async () => {
    const first = await quotes({ speaker: "Lukashenko" });
    const page1 = replyData(first);

    const next = await readout.fake.clickButton(buttonId(page1, "Next"), {
      message: first.original,
    });
    await next.settled();
    expect(next.response?.type).toBe(InteractionResponseType.UpdateMessage);
    const page2 = replyData(next);
    expect(firstEmbed(page2).footer?.text).toMatch(/^Page 2 of 3/);
    expect(buttonsOf(page2).map((button) => button.label)).toEqual(["Previous", "Next"]);

    const last = await readout.fake.clickButton(buttonId(page2, "Next"), {
      message: next.original,
    });
    await last.settled();
    const page3 = replyData(last);
    expect(firstEmbed(page3).footer?.text).toMatch(/^Page 3 of 3/);
    expect(buttonsOf(page3).map((button) => button.label)).toEqual(["Previous"]);

    const all = [page1, page2, page3].flatMap((page) => paragraphsOf(firstEmbed(page).fields));
    expect(all).toHaveLength(15);
    expect(all).toEqual([...all].sort((a, b) => a - b));

    const back = await readout.fake.clickButton(buttonId(page3, "Previous"), {
      message: last.original,
    });
    await back.settled();
    expect(back.response?.type).toBe(InteractionResponseType.UpdateMessage);
    expect(firstEmbed(replyData(back)).fields).toEqual(firstEmbed(page2).fields);
  });

  it("keeps to one topic with topic:, through the pages", async () => {
    const trace = await quotes({ speaker: "Lukashenko", topic: "peace" });
    const embed = firstEmbed(replyData(trace));
    expect(embed.title).toBe("Quotes: Aleksandr Lukashenko on “peace”");
    expect(embed.description).toMatch(/^\d+ quotes? by Aleksandr Lukashenko on “peace”/);
    expect(embed.fields?.length).toBeGreaterThan(0);
    expect(embed.fields?.length).toBeLessThan(5);
    expect(embed.fields?.some((field) => /peace/i.test(field.value))).toBe(true);
  });

  it("says when a speaker says nothing on a topic", async () => {
    const trace = await quotes({ speaker: "Coale", topic: "tennis" });
    const embed = firstEmbed(replyData(trace));
    expect(embed.description).toMatch(/John Coale says nothing about "tennis"/);
    expect(buttonsOf(replyData(trace))).toEqual([]);
  });

  it("explains a speaker who is named but never quoted, and suggests who is", async () => {
    const trace = await quotes({ speaker: "Christopher Smith" });
    const embed = firstEmbed(replyData(trace));
    expect(embed.description).toBe(
      "Christopher Smith is mentioned in the release but never quoted.",
    );
    const suggestions = embed.fields?.find((field) => field.name === "Quoted in the release");
    expect(suggestions?.value.split("\n")).toEqual([
      "Aleksandr Lukashenko (15 quotes)",
      "John Coale (7 quotes)",
      "Donald Trump (5 quotes)",
    ]);
  });

  it("explains a name no one answers to, echoing it escaped and defused", async () => {
    const trace = await quotes({ speaker: "**Zelensky** @everyone <@42>" });
    const data = replyData(trace);
    const embed = firstEmbed(data);
    expect(embed.description).toBe(
      "No one called “\\*\\*Zelensky\\*\\* @\u200beveryone <\u200b@42>” is quoted in the release.",
    );
    expect(embed.fields?.find((field) => field.name === "Quoted in the release")).toBeDefined();
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it("answers privately with private:true, and the owner can still page", async () => {
    const trace = await quotes({ speaker: "Lukashenko", private: true });
    const data = replyData(trace);
    expect(isEphemeral(data)).toBe(true);
    const next = await readout.fake.clickButton(buttonId(data, "Next"), {
      message: trace.original,
    });
    await next.settled();
    expect(next.response?.type).toBe(InteractionResponseType.UpdateMessage);
    expect(firstEmbed(replyData(next)).footer?.text).toMatch(/^Page 2 of 3/);
  });

  it("gives someone other than the owner the next page privately", async () => {
    const first = await quotes({ speaker: "Lukashenko" });
    const click = await readout.fake.clickButton(buttonId(replyData(first), "Next"), {
      message: first.original,
      user: readout.fake.users.bob,
    });
    await click.settled();
    expect(click.response?.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(replyData(click))).toBe(true);
    expect(firstEmbed(replyData(click)).footer?.text).toMatch(/^Page 2 of 3/);
    expect(click.edits).toHaveLength(0);
  });

  it("completes speaker: from the registry, every quoted speaker with their quote count", async () => {
    const everyone = await readout.fake.autocomplete("quotes", { speaker: "" }, "speaker");
    expect(everyone.response?.type).toBe(
      InteractionResponseType.ApplicationCommandAutocompleteResult,
    );
    expect(everyone.response?.data?.choices).toEqual([
      { name: "Aleksandr Lukashenko (15 quotes)", value: "Aleksandr Lukashenko" },
      { name: "John Coale (7 quotes)", value: "John Coale" },
      { name: "Donald Trump (5 quotes)", value: "Donald Trump" },
    ]);

    const typed = await readout.fake.autocomplete("quotes", { speaker: "tru" }, "speaker");
    // Names that start with what was typed come first; fuzzy matches may follow.
    expect(typed.response?.data?.choices?.[0]).toEqual({
      name: "Donald Trump (5 quotes)",
      value: "Donald Trump",
    });

    // A choice's value comes back as the option and must answer.
    const chosen = await quotes({ speaker: "Donald Trump" });
    expect(firstEmbed(replyData(chosen)).description).toBe(
      "5 quotes by Donald Trump, in release order.",
    );
  });

  it("sent every message with allowed_mentions parse [] and within Discord's limits", () => {
    expect(expectAllDiscordSafe(readout.traces)).toBeGreaterThan(10);
  });
});
