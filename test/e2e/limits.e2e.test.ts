import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InteractionResponseType } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buttonId,
  buttonsOf,
  expectAllDiscordSafe,
  firstEmbed,
  LIMITS,
  replyData,
  visibleTexts,
} from "./discordRules.js";
import { type RunningReadout, reportFigures, startReadout } from "./harness.js";

const FIRST_NAMES =
  "Aldous Bertram Cedric Desmond Edmund Fergus Gideon Horace Ignatius Jasper Kenelm Leopold Mortimer Nigel Oswald Percival Quentin Rupert Sebastian Tobias Ulric Vernon Wilfred Xavier Yorick Zebedee Ambrose Barnaby Cornelius Dorian".split(
    " ",
  );
const SURNAMES =
  "Ashdown Blackwood Carrington Dunmore Everleigh Fairfax Greystoke Hawthorne Islington Jermyn Kingsley Lockhart Montague Northcote Oakley Pemberton Quimby Ravenscroft Stanhope Thornbury Underhill Vandermeer Whitcombe Yardley Zouche Abernathy Braithwaite Cavendish Drummond Ellsworth".split(
    " ",
  );
/** 120 characters: longer than an autocomplete choice may be. */
const LONG_NAME =
  "Bartholomewmaximilianusaugustusfrederick Fitzwilliamwellingtonsmythebarrington Featherstonehaughcholmondeleymarjoribanks";
const LONG_SURNAME = "Featherstonehaughcholmondeleymarjoribanks";
const PUBLISHER =
  "The **Very** _Long_ Publisher @everyone of Readout Test Releases and Associated Wire Services "
    .repeat(7)
    .trim();

/** Quoted text of about `length` characters, full of markdown and mentions. */
function longQuote(number: number, length: number): string {
  const unit = `Zeppelin **harbour** policy number ${number} _matters_ to every @everyone and <@123456789012345678> here. `;
  return unit
    .repeat(Math.ceil(length / unit.length))
    .slice(0, length)
    .trim();
}

/**
 * A release built to break every limit: a 650-character publisher, a long lead, 31 quoted
 * speakers (more than 25 choices), a 120-character name, quotes of 1,500 characters (over a
 * field's 1,024) and a paragraph of 5,000 (over a description's 4,096).
 */
function oversizedRelease(): string {
  const lines = [
    `03/12/2024 | Press release | Distributed by ${PUBLISHER} on 03/12/2024 10:00`,
    "Narration about the **harbour** summit with many delegations @everyone present, where the delegates discussed zeppelin routes and fisheries at great length. ".repeat(
      4,
    ),
  ];
  FIRST_NAMES.forEach((first, index) => {
    lines.push(
      `"Statement number ${index + 1} about harbour trade and fisheries for the coming season," ${first} ${SURNAMES[index]} said.`,
    );
  });
  for (let number = 1; number <= 5; number++) {
    lines.push(`"${longQuote(number, 1500)}," ${LONG_NAME} said.`);
  }
  lines.push(`"${longQuote(6, 5000)}," ${LONG_NAME} said.`);
  return `${lines.join("\n")}\n`;
}

/** Paragraph numbers: the lead is ¶1, then the 30 speakers, then the long quotes. */
const LONGEST_PARAGRAPH = 1 + FIRST_NAMES.length + 6;

let seedsDir: string;
let readout: RunningReadout;
beforeAll(async () => {
  seedsDir = await mkdtemp(join(tmpdir(), "readout-e2e-long-"));
  await writeFile(join(seedsDir, "2024-03-12-long-release.txt"), oversizedRelease());
  readout = await startReadout({ seedsDir });
});
afterAll(async () => {
  if (readout) reportFigures("oversized release", readout.traces);
  await readout?.stop();
  if (seedsDir) await rm(seedsDir, { recursive: true, force: true });
});

describe("answers from an oversized release stay within Discord's limits", () => {
  it("loaded the release as built", () => {
    const release = readout.library.releases[0];
    expect(release?.paragraphs[LONGEST_PARAGRAPH - 1]?.length).toBeGreaterThan(5000);
    expect(readout.library.speakers().filter((speaker) => speaker.quoteCount > 0)).toHaveLength(31);
    expect(readout.library.resolveSpeaker(LONG_SURNAME)?.quoteCount).toBe(6);
  });

  it("cuts long quotes around the sentence that answers, keeping the closing mark", async () => {
    const trace = await (
      await readout.fake.slashCommand("ask", { question: "zeppelin harbour policy" })
    ).settled();
    const embed = firstEmbed(replyData(trace));
    expect(embed.fields).toHaveLength(3);
    for (const field of embed.fields ?? []) {
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      expect(field.value.length).toBeGreaterThan(300);
      expect(field.value).toMatch(/^“\*\*Zeppelin \\\*\\\*harbour\\\*\\\* policy/);
      expect(field.value).toMatch(/…”$/);
      expect(field.value).toContain("@\u200beveryone");
    }
  });

  it("cuts a paragraph longer than a description to 4096 characters in Show ¶N", async () => {
    const answer = await (
      await readout.fake.slashCommand("ask", { question: "zeppelin harbour policy" })
    ).settled();
    // The bot's own id format for another paragraph of the same release.
    const id = buttonId(replyData(answer), /^Show ¶/).replace(/:\d+$/, `:${LONGEST_PARAGRAPH}`);
    const trace = await (
      await readout.fake.clickButton(id, { message: answer.original })
    ).settled();
    const embed = firstEmbed(replyData(trace));
    expect(embed.title).toBe(`¶${LONGEST_PARAGRAPH} · 12 March 2024`);
    expect(embed.description?.length).toBeLessThanOrEqual(LIMITS.description);
    expect(embed.description?.length).toBeGreaterThan(3900);
    expect(embed.description).toMatch(/…$/);
  });

  it("fits a page of five long quotes into the 6000 characters an embed may hold in all", async () => {
    const trace = await (
      await readout.fake.slashCommand("quotes", { speaker: LONG_SURNAME })
    ).settled();
    expect(trace.response?.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const data = replyData(trace);
    const embed = firstEmbed(data);
    const total = visibleTexts(data).reduce((sum, text) => sum + text.length, 0);
    expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(total).toBeGreaterThan(5000);
    expect(embed.fields?.length).toBeGreaterThanOrEqual(4);
    // The page number survives the footer being cut.
    expect(embed.footer?.text).toMatch(/^Page 1 of 2 · Source: Press release · The \*\*Very\*\*/);
    expect(embed.footer?.text).toContain("@\u200beveryone");
  });

  it("cuts a long publisher and lead in /source", async () => {
    const trace = await (await readout.fake.slashCommand("source")).settled();
    const field = firstEmbed(replyData(trace)).fields?.[0];
    expect(field?.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(field?.name).toMatch(/^12 March 2024 · The \\\*\\\*Very\\\*\\\*/);
    expect(field?.value).toMatch(
      /…\n36 quotes · 4 facts · 31 speakers · 2024-03-12-long-release\.txt$/,
    );
  });

  it("offers at most 25 autocomplete choices, names and values 1 to 100 characters", async () => {
    const all = await readout.fake.autocomplete("quotes", { speaker: "" }, "speaker");
    expect(all.response?.status).toBe(204);
    const choices = all.response?.data?.choices ?? [];
    expect(choices).toHaveLength(LIMITS.choices);
    for (const choice of choices) {
      expect(choice.name.length).toBeGreaterThanOrEqual(1);
      expect(choice.name.length).toBeLessThanOrEqual(LIMITS.choiceText);
      expect(String(choice.value).length).toBeGreaterThanOrEqual(1);
      expect(String(choice.value).length).toBeLessThanOrEqual(LIMITS.choiceText);
    }

    const long = await readout.fake.autocomplete("ask", { speaker: "Feather" }, "speaker");
    const choice = long.response?.data?.choices?.[0];
    expect(choice?.name.length).toBeLessThanOrEqual(LIMITS.choiceText);
    expect(choice?.name).toMatch(/^Bartholomew.*…$/);
    expect(choice?.value).toBe(LONG_NAME.slice(0, LIMITS.choiceText));

    // The cut value still names the speaker when it comes back as the option.
    const chosen = await (
      await readout.fake.slashCommand("quotes", { speaker: String(choice?.value) })
    ).settled();
    // (Its intro gives way to the quotes to stay under 6000 characters; the title names him.)
    expect(firstEmbed(replyData(chosen)).title).toMatch(/^Quotes: Bartholomew/);
    expect(firstEmbed(replyData(chosen)).fields?.[0]?.name).toMatch(/^Bartholomew.* · ¶\d+ · /);
  });

  it("keeps the Next button for a speaker whose name is too long for a custom id", async () => {
    const trace = await (
      await readout.fake.slashCommand("quotes", { speaker: LONG_SURNAME })
    ).settled();
    expect(buttonsOf(replyData(trace)).map((button) => button.label)).toEqual(["Next"]);
  });

  it("sent every message with allowed_mentions parse [] and within Discord's limits", () => {
    expect(expectAllDiscordSafe(readout.traces)).toBeGreaterThanOrEqual(7);
  });
});
