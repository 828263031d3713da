import { type APIEmbed, ButtonStyle, Colors, ComponentType, MessageFlags } from "discord.js";
import { describe, expect, it } from "vitest";
import { fitContent, fitEmbed, renderDiscordMessage } from "../../src/answers/embed.js";
import { escapeText, neutraliseMentions } from "../../src/answers/escape.js";
import { ComponentLimits, EmbedLimits, MessageLimits } from "../../src/answers/limits.js";
import type { Answer, Statement } from "../../src/answers/model.js";
import { attribution } from "../../src/answers/statements.js";

const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(" ");

function embedLength(embed: APIEmbed): number {
  let length = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  length += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) length += field.name.length + field.value.length;
  return length;
}

function statement(overrides: Partial<Statement> = {}): Statement {
  return {
    entryId: "e1",
    kind: "quote",
    speaker: "Donald Trump",
    reportedBy: null,
    letter: false,
    text: "We had a very good talk.",
    paragraph: 4,
    date: "2025-09-11",
    release: "",
    ...overrides,
  };
}

function answer(overrides: Partial<Answer> = {}): Answer {
  return { tone: "answer", title: "Answer", statements: [], buttons: [], ...overrides };
}

describe("fitContent", () => {
  it("keeps message content within 2000 characters", () => {
    const content = fitContent(words(1000));
    expect(content.length).toBeLessThanOrEqual(MessageLimits.content);
    expect(content.endsWith("…")).toBe(true);
  });
});

describe("fitEmbed", () => {
  it("enforces the title, description, footer and author limits", () => {
    const fitted = fitEmbed({
      title: words(100),
      description: words(1000),
      footer: { text: words(500) },
      author: { name: words(100) },
    });
    expect(fitted.title?.length).toBeLessThanOrEqual(EmbedLimits.title);
    expect(fitted.description?.length).toBeLessThanOrEqual(EmbedLimits.description);
    expect(fitted.footer?.text.length).toBeLessThanOrEqual(EmbedLimits.footerText);
    expect(fitted.author?.name.length).toBeLessThanOrEqual(EmbedLimits.authorName);
    expect(fitted.title?.endsWith("…")).toBe(true);
  });

  it("enforces the field name and value limits and fills empty ones", () => {
    const fitted = fitEmbed({
      fields: [
        { name: words(100), value: words(300) },
        { name: "", value: "" },
      ],
    });
    const [long, empty] = fitted.fields ?? [];
    expect(long?.name.length).toBeLessThanOrEqual(EmbedLimits.fieldName);
    expect(long?.value.length).toBeLessThanOrEqual(EmbedLimits.fieldValue);
    expect(empty?.name.length).toBeGreaterThan(0);
    expect(empty?.value.length).toBeGreaterThan(0);
  });

  it("keeps at most 25 fields", () => {
    const fields = Array.from({ length: 40 }, (_, i) => ({ name: `n${i}`, value: `v${i}` }));
    const fitted = fitEmbed({ fields });
    expect(fitted.fields).toHaveLength(EmbedLimits.fields);
    expect(fitted.fields?.[24]?.name).toBe("n24");
  });

  it("keeps the whole embed within 6000 characters, cutting the intro before statements", () => {
    const fields = Array.from({ length: 5 }, (_, i) => ({
      name: `Speaker ${i}`,
      value: words(120),
    }));
    const embed = {
      title: "Title",
      description: words(600),
      fields,
      footer: { text: "Page 1 of 2" },
    };
    expect(embedLength(embed)).toBeGreaterThan(EmbedLimits.total);
    const fitted = fitEmbed(embed);
    expect(embedLength(fitted)).toBeLessThanOrEqual(EmbedLimits.total);
    expect(fitted.fields).toHaveLength(5);
    expect(fitted.fields?.[4]?.value).toBe(fields[4]?.value);
    expect(fitted.description?.endsWith("…")).toBe(true);
    expect(fitted.footer?.text).toBe("Page 1 of 2");
  });

  it("cuts or drops the last statements when they alone are over 6000 characters", () => {
    const fields = Array.from({ length: 25 }, (_, i) => ({
      name: `Speaker ${i}`,
      value: words(120),
    }));
    const fitted = fitEmbed({ title: "Title", description: "Intro", fields });
    expect(embedLength(fitted)).toBeLessThanOrEqual(EmbedLimits.total);
    expect(fitted.description).toBeUndefined();
    expect(fitted.fields?.[0]?.value).toBe(fields[0]?.value);
    expect((fitted.fields ?? []).length).toBeLessThan(25);
  });
});

describe("escaping", () => {
  it("escapes markdown, block quotes, headings, lists, subtext and masked links", () => {
    const text =
      "*bold* _it_ `code` ~~s~~ ||spoiler||\n> quote\n# head\n- item\n-# small\n[x](https://e.com)";
    const escaped = escapeText(text);
    expect(escaped).toContain("\\*bold\\*");
    expect(escaped).toContain("\\`code\\`");
    expect(escaped).toContain("\\|\\|spoiler\\|\\|");
    expect(escaped).toContain("\n\\> quote");
    expect(escaped).toContain("\n\\# head");
    expect(escaped).toContain("\n\\- item");
    expect(escaped).toContain("\n\\-# small");
    expect(escaped).toContain("\\[x]");
  });

  it("defuses @everyone, @here and user, role and channel mentions", () => {
    const text = neutraliseMentions("@everyone @here <@123> <@&456> <#789>");
    expect(text).not.toMatch(/@everyone|@here|<@\d|<@&|<#\d/);
    expect(text.replaceAll("\u200b", "")).toBe("@everyone @here <@123> <@&456> <#789>");
  });
});

describe("attribution", () => {
  it("names narration, letters and reported speech", () => {
    expect(attribution({ speaker: null, reportedBy: null, letter: false })).toBe(
      "Narration (press release)",
    );
    expect(attribution({ speaker: "Donald Trump", reportedBy: null, letter: true })).toBe(
      "Donald Trump (letter)",
    );
    expect(attribution({ speaker: "Donald Trump", reportedBy: "John Coale", letter: false })).toBe(
      "Donald Trump, as reported by John Coale",
    );
  });
});

describe("renderDiscordMessage", () => {
  it("names the release beside ¶N when several releases are loaded", () => {
    const message = renderDiscordMessage(
      answer({ statements: [statement({ release: "Talks with Vladimir Putin" })] }),
    );
    expect(message.embeds[0]?.fields?.[0]?.name).toBe(
      "Donald Trump · ¶4 · 11 September 2025 · Talks with Vladimir Putin",
    );
  });

  it("shows each statement with its speaker, paragraph, written-out date and quoted text", () => {
    const message = renderDiscordMessage(
      answer({
        statements: [
          statement(),
          statement({
            kind: "fact",
            speaker: null,
            text: "The meeting took place.",
            date: null,
            paragraph: 1,
          }),
        ],
      }),
    );
    const [quote, fact] = message.embeds[0]?.fields ?? [];
    expect(quote).toEqual({
      name: "Donald Trump · ¶4 · 11 September 2025",
      value: "“We had a very good talk.”",
    });
    expect(fact).toEqual({
      name: "Narration (press release) · ¶1 · undated",
      value: "The meeting took place.",
    });
  });

  it("escapes release and user text and never pings", () => {
    const message = renderDiscordMessage(
      answer({
        title: "Results for *trade* @everyone",
        intro: "You asked: **<@123>**",
        statements: [statement({ text: "Hello @here, see ||this||" })],
        fields: [{ name: "_Example_", value: "`/ask`" }],
      }),
    );
    const embed = message.embeds[0];
    expect(message.allowedMentions).toEqual({ parse: [] });
    expect(embed?.title).toBe("Results for \\*trade\\* @\u200beveryone");
    expect(embed?.description).toBe("You asked: \\*\\*<\u200b@123>\\*\\*");
    expect(embed?.fields?.[0]?.value).toBe("“Hello @\u200bhere, see \\|\\|this\\|\\|”");
    expect(embed?.fields?.[1]).toEqual({ name: "\\_Example\\_", value: "\\`/ask\\`" });
    expect(JSON.stringify(message)).not.toMatch(/@everyone|@here|<@\d/);
  });

  it("puts the page and the source in the footer", () => {
    const message = renderDiscordMessage(
      answer({
        footer: "Source: Press release · White House · release.txt",
        page: { current: 2, total: 5 },
      }),
    );
    expect(message.embeds[0]?.footer?.text).toBe(
      "Page 2 of 5 · Source: Press release · White House · release.txt",
    );
  });

  it("colours by tone", () => {
    expect(renderDiscordMessage(answer({ tone: "answer" })).embeds[0]?.color).toBe(Colors.Blurple);
    expect(renderDiscordMessage(answer({ tone: "empty" })).embeds[0]?.color).toBe(Colors.Grey);
    expect(renderDiscordMessage(answer({ tone: "error" })).embeds[0]?.color).toBe(Colors.Red);
  });

  it("marks private answers ephemeral and public ones not", () => {
    expect(renderDiscordMessage(answer({ ephemeral: true })).flags).toBe(MessageFlags.Ephemeral);
    expect(renderDiscordMessage(answer()).flags).toBeUndefined();
  });

  it("lays buttons out five to a row, at most five rows", () => {
    const buttons = Array.from({ length: 30 }, (_, i) => ({
      id: `ask:${i}`,
      label: `Button ${i}`,
      style: i === 0 ? ("primary" as const) : ("secondary" as const),
      disabled: i === 1,
    }));
    const { components } = renderDiscordMessage(answer({ buttons }));
    expect(components).toHaveLength(ComponentLimits.actionRows);
    expect(components.every((row) => row.components.length === ComponentLimits.buttonsPerRow)).toBe(
      true,
    );
    expect(components[0]?.type).toBe(ComponentType.ActionRow);
    expect(components[0]?.components[0]).toEqual({
      type: ComponentType.Button,
      custom_id: "ask:0",
      label: "Button 0",
      style: ButtonStyle.Primary,
      disabled: false,
    });
    expect(components[0]?.components[1]).toMatchObject({
      style: ButtonStyle.Secondary,
      disabled: true,
    });
  });

  it("cuts long labels and leaves out buttons whose id is too long or repeated", () => {
    const { components } = renderDiscordMessage(
      answer({
        buttons: [
          { id: "ask:1", label: words(40), style: "primary" },
          { id: "ask:1", label: "Again", style: "primary" },
          { id: `ask:${"x".repeat(120)}`, label: "Too long", style: "primary" },
          { id: "ask:2", label: "Next", style: "secondary" },
        ],
      }),
    );
    const ids = components.flatMap((row) => row.components.map((button) => button.custom_id));
    expect(ids).toEqual(["ask:1", "ask:2"]);
    expect(components[0]?.components[0]?.label?.length).toBeLessThanOrEqual(
      ComponentLimits.buttonLabel,
    );
  });

  it("fits a very long answer within Discord's limits", () => {
    const statements = Array.from({ length: 30 }, (_, i) =>
      statement({ entryId: `e${i}`, text: words(300) }),
    );
    const message = renderDiscordMessage(answer({ intro: words(1000), statements }));
    const embed = message.embeds[0] ?? {};
    expect(embedLength(embed)).toBeLessThanOrEqual(EmbedLimits.total);
    expect(embed.fields?.length).toBeLessThanOrEqual(EmbedLimits.fields);
    expect(embed.fields?.[0]?.value.endsWith("…”")).toBe(true);
  });
});

describe("the focus and the direct answer", () => {
  const long =
    `${"Opening words that set the scene. ".repeat(8)}We have lifted the sanctions today. ${"Closing words that follow on. ".repeat(8)}`.trim();

  it("shows the focus in bold and cuts a long statement around it", () => {
    const message = renderDiscordMessage(
      answer({
        statements: [statement({ text: long, focus: "We have lifted the sanctions today." })],
      }),
    );
    const value = message.embeds[0]?.fields?.[0]?.value ?? "";
    expect(value).toContain("**We have lifted the sanctions today.**");
    expect(value.startsWith("“…")).toBe(true);
    expect(value.endsWith("…”")).toBe(true);
    expect(value.replaceAll("**", "").length).toBeLessThanOrEqual(350 + 2);
  });

  it("shows a short statement whole, its focus in bold", () => {
    const message = renderDiscordMessage(
      answer({
        statements: [
          statement({ text: "It is done. We agree.", focus: "We agree.", kind: "fact" }),
        ],
      }),
    );
    expect(message.embeds[0]?.fields?.[0]?.value).toBe("It is done. **We agree.**");
  });

  it("puts the direct answer in bold above the intro", () => {
    const message = renderDiscordMessage(
      answer({ direct: "11 September 2025 (the release's date)", intro: "3 matching statements." }),
    );
    expect(message.embeds[0]?.description).toBe(
      "**11 September 2025 (the release's date)**\n3 matching statements.",
    );
  });
});
