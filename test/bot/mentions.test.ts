import { ApplicationCommandOptionType, DiscordAPIError, type Message } from "discord.js";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Answer } from "../../src/answers/model.js";
import { Cooldown } from "../../src/bot/cooldown.js";
import { createMessageRouter, MentionMessages } from "../../src/bot/mentions.js";
import type { Command } from "../../src/commands/command.js";
import { Library } from "../../src/knowledge/library/library.js";
import { captureLogger, noLibrary } from "./fakes.js";

const BOT_ID = "100";
const ALICE = { id: "200", bot: false };
const NO_PINGS = { parse: [], repliedUser: false };

function answer(title: string): Answer {
  return { tone: "answer", title, statements: [], buttons: [] };
}

function command(name: string, optionName: string, extra: Partial<Command> = {}): Command {
  return {
    data: {
      name,
      description: name,
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: optionName,
          description: optionName,
          required: true,
        },
        { type: ApplicationCommandOptionType.String, name: "speaker", description: "s" },
        { type: ApplicationCommandOptionType.String, name: "release", description: "r" },
        { type: ApplicationCommandOptionType.Boolean, name: "private", description: "p" },
      ],
    },
    execute: vi.fn(() => answer(name)),
    ...extra,
  };
}

interface FakeMessageSettings {
  content: string;
  author?: { id: string; bot: boolean };
  inGuild?: boolean;
  mentionsBot?: boolean;
  webhookId?: string | null;
  replyTo?: Partial<Message>;
}

/** As much of a discord.js Message as the router reads; `reply` records what it sends. */
function fakeMessage(settings: FakeMessageSettings) {
  const reply = vi.fn(async (_body: unknown) => ({}) as Message);
  const message = {
    id: "300",
    channelId: "400",
    content: settings.content,
    author: settings.author ?? ALICE,
    webhookId: settings.webhookId ?? null,
    system: false,
    inGuild: () => settings.inGuild ?? true,
    mentions: { users: new Map(settings.mentionsBot === false ? [] : [[BOT_ID, {}]]) },
    reference: settings.replyTo ? { messageId: "299" } : null,
    fetchReference: vi.fn(async () => settings.replyTo as Message),
    reply,
  };
  return { message: message as unknown as Message, reply };
}

function setup(commands: Command[], library = noLibrary) {
  const captured = captureLogger();
  const router = createMessageRouter({
    commands,
    context: { library },
    logger: captured.logger,
    botUserId: () => BOT_ID,
    cooldown: new Cooldown({ windowMs: 60_000, max: 2 }),
  });
  return { router, captured };
}

describe("the message router", () => {
  let ask: Command;
  let quotes: Command;
  beforeEach(() => {
    ask = command("ask", "question");
    quotes = command("quotes", "speaker");
  });

  it("asks the question a mention carries, without the mentions, and pings no one", async () => {
    const { router } = setup([ask, quotes]);
    const { message, reply } = fakeMessage({ content: `<@${BOT_ID}> what was lifted @everyone` });
    await router.handle(message);
    expect(ask.execute).toHaveBeenCalledWith(
      { options: { question: "what was lifted" }, userId: ALICE.id },
      expect.anything(),
    );
    expect(reply).toHaveBeenCalledWith(expect.objectContaining({ allowedMentions: NO_PINGS }));
  });

  it("runs a command named first", async () => {
    const { router } = setup([ask, quotes]);
    await router.handle(fakeMessage({ content: `<@!${BOT_ID}> quotes Coale` }).message);
    expect(quotes.execute).toHaveBeenCalledWith(
      { options: { speaker: "Coale" }, userId: ALICE.id },
      expect.anything(),
    );
  });

  it("leaves alone what is not for it: no mention in a server, bots, webhooks, itself", async () => {
    const { router } = setup([ask]);
    const ignored = [
      fakeMessage({ content: "what was lifted", mentionsBot: false }),
      fakeMessage({ content: `<@${BOT_ID}> hi`, author: { id: "201", bot: true } }),
      fakeMessage({ content: `<@${BOT_ID}> hi`, webhookId: "9" }),
      fakeMessage({ content: `<@${BOT_ID}> hi`, author: { id: BOT_ID, bot: false } }),
    ];
    for (const { message } of ignored) await router.handle(message);
    for (const { reply } of ignored) expect(reply).not.toHaveBeenCalled();
    expect(ask.execute).not.toHaveBeenCalled();
  });

  it("answers a direct message that does not mention it", async () => {
    const { router } = setup([ask]);
    const { message, reply } = fakeMessage({
      content: "what was lifted",
      inGuild: false,
      mentionsBot: false,
    });
    await router.handle(message);
    expect(reply).toHaveBeenCalledTimes(1);
  });

  it("does not answer privately in a channel, and says where to ask for that", async () => {
    const { router } = setup([ask]);
    const { message, reply } = fakeMessage({ content: `<@${BOT_ID}> ask sanctions private:true` });
    await router.handle(message);
    expect(ask.execute).not.toHaveBeenCalled();
    expect(reply).toHaveBeenCalledWith(
      expect.objectContaining({ content: MentionMessages.privateInChannel }),
    );
  });

  it("takes a follow-up's release, and for 'he' its speaker, from the answer replied to", async () => {
    const library = Library.fromTexts("fixture", [
      {
        file: "talks.txt",
        text: 'Chancellor Hildegard Blake met with President Marek Nowak.\n"We will build the rail link," Marek Nowak said.\n',
      },
    ]);
    const release = library.releases[0];
    if (!release) throw new Error("the fixture loads");
    const { releaseKey } = await import("../../src/commands/shared.js");
    const answered = {
      author: { id: BOT_ID },
      components: [{ components: [{ customId: `ask:para:${releaseKey(release.id)}:2` }] }],
    } as unknown as Message;
    const { router } = setup([ask], library);
    await router.handle(
      fakeMessage({ content: "what else did he say?", replyTo: answered }).message,
    );
    expect(ask.execute).toHaveBeenCalledWith(
      {
        options: { question: "what else did he say?", release: release.id, speaker: "Marek Nowak" },
        userId: ALICE.id,
      },
      expect.anything(),
    );
  });

  it("sends one notice to someone over their share, then nothing", async () => {
    const { router } = setup([ask]);
    const sends = Array.from({ length: 4 }, () => fakeMessage({ content: `<@${BOT_ID}> x` }));
    for (const { message } of sends) await router.handle(message);
    expect(ask.execute).toHaveBeenCalledTimes(2);
    expect(sends[2]?.reply).toHaveBeenCalledWith(
      expect.objectContaining({ content: expect.stringContaining("then try again") }),
    );
    expect(sends[3]?.reply).not.toHaveBeenCalled();
  });

  it("logs a channel it may not post in once, with no apology it could not post either", async () => {
    const { router, captured } = setup([ask]);
    const { message, reply } = fakeMessage({ content: `<@${BOT_ID}> x` });
    reply.mockRejectedValue(
      new DiscordAPIError(
        { code: 50013, message: "Missing Permissions" },
        50013,
        403,
        "POST",
        "/channels/400/messages",
        {},
      ),
    );
    await router.handle(message);
    expect(reply).toHaveBeenCalledTimes(1);
    expect(
      captured.lines().filter((line) => line.msg === "Cannot answer in this channel"),
    ).toHaveLength(1);
  });

  it("apologises when answering fails for another reason", async () => {
    const failing = command("ask", "question", {
      execute: vi.fn(() => {
        throw new Error("boom");
      }),
    });
    const { router } = setup([failing]);
    const { message, reply } = fakeMessage({ content: `<@${BOT_ID}> x` });
    await router.handle(message);
    expect(reply).toHaveBeenCalledWith(
      expect.objectContaining({ content: MentionMessages.apology, allowedMentions: NO_PINGS }),
    );
  });
});
