import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  MessageFlags,
  PermissionFlagsBits,
} from "discord.js";
import { describe, expect, it, vi } from "vitest";
import type { Answer } from "../../src/answers/model.js";
import { Cooldown } from "../../src/bot/cooldown.js";
import { createInteractionRouter, RouterMessages } from "../../src/bot/router.js";
import type { Command, CommandRequest } from "../../src/commands/command.js";
import {
  autocomplete,
  button,
  captureLogger,
  chatInput,
  type FakeInteraction,
  messageCommand,
  noLibrary,
  sent,
  sleep,
} from "./fakes.js";

const SLOW_MS = 20;
const NO_PINGS = { parse: [] };

function answer(overrides: Partial<Answer> = {}): Answer {
  return { tone: "answer", title: "An answer", statements: [], buttons: [], ...overrides };
}

/** An answer that takes longer than the router waits before deferring. */
async function later(value: Answer): Promise<Answer> {
  await sleep(SLOW_MS * 4);
  return value;
}

function askCommand(execute: Command["execute"] = () => answer()): Command {
  return {
    data: {
      name: "ask",
      description: "Ask a question",
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: "question",
          description: "q",
          required: true,
        },
        { type: ApplicationCommandOptionType.Boolean, name: "private", description: "p" },
        { type: ApplicationCommandOptionType.Integer, name: "limit", description: "l" },
        { type: ApplicationCommandOptionType.Number, name: "score", description: "s" },
      ],
    },
    buttonPrefix: "ask",
    execute: vi.fn(execute),
    autocomplete: vi.fn(() => []),
    button: vi.fn(() => answer({ title: "Page 2" })),
  };
}

function setup(commands: Command[]) {
  const captured = captureLogger();
  const router = createInteractionRouter({
    commands,
    context: { library: noLibrary },
    logger: captured.logger,
    deferAfterMs: SLOW_MS,
  });
  return { router, ...captured };
}

function expectNoPings(interaction: FakeInteraction) {
  const payloads = sent(interaction);
  expect(payloads.length).toBeGreaterThan(0);
  for (const payload of payloads) expect(payload).toMatchObject({ allowedMentions: NO_PINGS });
}

describe("slash commands", () => {
  it("reads a subcommand's options, the files attached and whether the member may manage the server", async () => {
    const execute = vi.fn((_request: CommandRequest) => answer({ title: "Added" }));
    const release: Command = {
      data: {
        name: "release",
        description: "Releases",
        options: [
          {
            type: ApplicationCommandOptionType.Subcommand,
            name: "add",
            description: "Add one",
            options: [
              {
                type: ApplicationCommandOptionType.Attachment,
                name: "file",
                description: "A file",
              },
              { type: ApplicationCommandOptionType.String, name: "url", description: "A link" },
            ],
          },
          { type: ApplicationCommandOptionType.Subcommand, name: "list", description: "List" },
        ],
      },
      execute,
    };
    const { router } = setup([release]);
    const file = { name: "talks.txt", size: 120, url: "https://cdn.example/talks.txt" };
    await router.handle(
      chatInput("release", { url: "https://example.org/r" }, "100", {
        subcommand: "add",
        attachments: { file },
        permissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages,
      }),
    );
    expect(execute.mock.calls[0]?.[0]).toEqual({
      options: { subcommand: "add", url: "https://example.org/r" },
      attachments: { file },
      userId: "100",
      canManageServer: true,
    });
    await router.handle(
      chatInput("release", {}, "101", {
        subcommand: "list",
        permissions: PermissionFlagsBits.SendMessages,
      }),
    );
    expect(execute.mock.calls[1]?.[0]).toMatchObject({
      options: { subcommand: "list" },
      attachments: {},
      canManageServer: false,
    });
  });

  it("routes to the command with its options read by the definition", async () => {
    const ask = askCommand();
    const { router } = setup([ask]);
    const interaction = chatInput("ask", {
      question: "trade?",
      private: false,
      limit: 3,
      score: 0.5,
    });
    await router.handle(interaction);
    expect(ask.execute).toHaveBeenCalledWith(
      {
        options: { question: "trade?", private: false, limit: 3, score: 0.5 },
        attachments: {},
        userId: "100",
        canManageServer: false,
      },
      { library: noLibrary },
    );
    expect(interaction.reply).toHaveBeenCalledOnce();
    expect(interaction.reply.mock.calls[0]?.[0]).toMatchObject({
      embeds: [{ title: "An answer" }],
      components: [],
    });
    expect(interaction.reply.mock.calls[0]?.[0]).not.toHaveProperty("flags");
    expect(interaction.deferReply).not.toHaveBeenCalled();
    expectNoPings(interaction);
  });

  it("answers privately when private is set", async () => {
    const { router } = setup([askCommand()]);
    const interaction = chatInput("ask", { question: "trade?", private: true });
    await router.handle(interaction);
    expect(interaction.reply.mock.calls[0]?.[0]).toMatchObject({ flags: MessageFlags.Ephemeral });
  });

  it("answers privately when the answer asks for it", async () => {
    const { router } = setup([askCommand(() => answer({ ephemeral: true }))]);
    const interaction = chatInput("ask", { question: "?" });
    await router.handle(interaction);
    expect(interaction.reply.mock.calls[0]?.[0]).toMatchObject({ flags: MessageFlags.Ephemeral });
  });

  it("defers a slow answer, then edits the reply", async () => {
    const { router } = setup([askCommand(() => later(answer()))]);
    const interaction = chatInput("ask", { question: "trade?" });
    await router.handle(interaction);
    expect(interaction.deferReply).toHaveBeenCalledWith({});
    expect(interaction.reply).not.toHaveBeenCalled();
    expect(interaction.editReply.mock.calls[0]?.[0]).toMatchObject({
      embeds: [{ title: "An answer" }],
    });
    expectNoPings(interaction);
  });

  it("defers a slow private answer privately", async () => {
    const { router } = setup([askCommand(() => later(answer()))]);
    const interaction = chatInput("ask", { question: "trade?", private: true });
    await router.handle(interaction);
    expect(interaction.deferReply).toHaveBeenCalledWith({ flags: MessageFlags.Ephemeral });
    expect(interaction.editReply).toHaveBeenCalledOnce();
  });

  it("defers a slow answer of an always-private command privately", async () => {
    const { router } = setup([{ ...askCommand(() => later(answer())), alwaysPrivate: true }]);
    const interaction = chatInput("ask", { question: "trade?" });
    await router.handle(interaction);
    expect(interaction.deferReply).toHaveBeenCalledWith({ flags: MessageFlags.Ephemeral });
    expect(interaction.followUp).not.toHaveBeenCalled();
    expectNoPings(interaction);
  });

  it("keeps a slow answer private even after a public deferral", async () => {
    const slowPrivate = () => later(answer({ ephemeral: true }));
    const { router } = setup([askCommand(slowPrivate)]);
    const interaction = chatInput("ask", { question: "?" });
    await router.handle(interaction);
    expect(interaction.deferReply).toHaveBeenCalledWith({});
    expect(interaction.editReply.mock.calls[0]?.[0]).toMatchObject({
      content: RouterMessages.answeredPrivately,
    });
    expect(interaction.followUp.mock.calls[0]?.[0]).toMatchObject({
      flags: MessageFlags.Ephemeral,
      embeds: [{ title: "An answer" }],
    });
    expect(interaction.deleteReply).toHaveBeenCalledOnce();
    expectNoPings(interaction);
  });

  it("apologises privately when a command fails, logs it, and keeps going", async () => {
    let calls = 0;
    const { router, lines } = setup([
      askCommand(() => {
        calls += 1;
        if (calls === 1) throw new Error("index exploded");
        return answer();
      }),
    ]);
    const failing = chatInput("ask", { question: "?" });
    await router.handle(failing);
    expect(failing.reply).toHaveBeenCalledWith({
      content: RouterMessages.apology,
      embeds: [],
      components: [],
      allowedMentions: NO_PINGS,
      flags: MessageFlags.Ephemeral,
    });
    const logged = lines().find((line) => line.msg === "Answering an interaction failed");
    expect(logged).toMatchObject({ level: 50, command: "ask", err: { message: "index exploded" } });

    const next = chatInput("ask", { question: "?" });
    await router.handle(next);
    expect(next.reply.mock.calls[0]?.[0]).toMatchObject({ embeds: [{ title: "An answer" }] });
  });

  it("apologises in the deferred reply when a slow command fails", async () => {
    const { router } = setup([
      askCommand(async () => {
        await sleep(SLOW_MS * 4);
        throw new Error("late failure");
      }),
    ]);
    const interaction = chatInput("ask", { question: "?", private: true });
    await router.handle(interaction);
    expect(interaction.deferReply).toHaveBeenCalledOnce();
    expect(interaction.editReply.mock.calls[0]?.[0]).toMatchObject({
      content: RouterMessages.apology,
    });
    expectNoPings(interaction);
  });

  it("follows up privately when sending the answer itself fails", async () => {
    const { router } = setup([askCommand(() => answer())]);
    const interaction = chatInput("ask", { question: "?" });
    interaction.reply.mockRejectedValueOnce(new Error("Invalid Form Body"));
    await router.handle(interaction);
    expect(interaction.reply).toHaveBeenCalledTimes(2);
    expect(interaction.reply.mock.calls[1]?.[0]).toMatchObject({
      content: RouterMessages.apology,
      flags: MessageFlags.Ephemeral,
    });
  });

  it("never rejects, even when Discord refuses every response", async () => {
    const { router, lines } = setup([askCommand(() => Promise.reject(new Error("boom")))]);
    const interaction = chatInput("ask", { question: "?" });
    interaction.reply.mockRejectedValue(new Error("Unknown interaction"));
    await expect(router.handle(interaction)).resolves.toBeUndefined();
    expect(lines().some((line) => line.msg === "Could not send the apology either")).toBe(true);
  });

  it("tells the user about an unknown command", async () => {
    const { router } = setup([askCommand()]);
    const interaction = chatInput("gone");
    await router.handle(interaction);
    expect(interaction.reply).toHaveBeenCalledWith(
      expect.objectContaining({
        content: RouterMessages.unknownCommand,
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_PINGS,
      }),
    );
  });
});

describe("message context-menu commands", () => {
  it("passes the target message's content as the content option", async () => {
    const execute = vi.fn((_request: CommandRequest) => answer({ title: "Checked" }));
    const check: Command = {
      data: { name: "Check statement", type: ApplicationCommandType.Message },
      execute,
    };
    const { router } = setup([askCommand(), check]);
    const interaction = messageCommand("Check statement", "Did he say @everyone?");
    await router.handle(interaction);
    expect(execute.mock.calls[0]?.[0]).toEqual({
      options: { content: "Did he say @everyone?" },
      attachments: {},
      userId: "100",
      canManageServer: false,
    });
    expectNoPings(interaction);
  });

  it("does not mistake a chat command of the same name for it", async () => {
    const { router } = setup([askCommand()]);
    const interaction = messageCommand("ask", "text");
    await router.handle(interaction);
    expect(interaction.reply.mock.calls[0]?.[0]).toMatchObject({
      content: RouterMessages.unknownCommand,
    });
  });
});

describe("autocomplete", () => {
  it("passes the focused option and the others to the command", async () => {
    const ask = askCommand();
    const { router } = setup([ask]);
    await router.handle(autocomplete("ask", { name: "question", value: "tra" }, { limit: 2 }));
    expect(ask.autocomplete).toHaveBeenCalledWith(
      { option: "question", value: "tra", options: { question: "tra", limit: 2 } },
      { library: noLibrary },
    );
  });

  it("responds with at most 25 choices, names and values 1 to 100 characters", async () => {
    const ask = askCommand();
    vi.mocked(ask.autocomplete)?.mockReturnValue([
      { name: "", value: "" },
      { name: "   ", value: "only a value" },
      ...Array.from({ length: 40 }, (_, i) => ({
        name: `choice ${i} ${"long words ".repeat(20)}`,
        value: `${i}${"v".repeat(150)}`,
      })),
    ]);
    const { router } = setup([ask]);
    const interaction = autocomplete("ask", { name: "question", value: "c" });
    await router.handle(interaction);
    const choices = interaction.respond.mock.calls[0]?.[0] as { name: string; value: string }[];
    expect(choices).toHaveLength(25);
    expect(choices[0]).toEqual({ name: "only a value", value: "only a value" });
    for (const choice of choices) {
      expect(choice.name.length).toBeGreaterThanOrEqual(1);
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeGreaterThanOrEqual(1);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    expect(choices[1]?.name.endsWith("…")).toBe(true);
    expect(choices[1]?.value).toBe(`0${"v".repeat(99)}`);
  });

  it("responds with no choices when the command fails or has no autocomplete", async () => {
    const ask = askCommand();
    vi.mocked(ask.autocomplete)?.mockImplementation(() => {
      throw new Error("broken");
    });
    const { router, lines } = setup([ask]);
    const failing = autocomplete("ask", { name: "question", value: "x" });
    await router.handle(failing);
    expect(failing.respond).toHaveBeenCalledWith([]);
    expect(lines().some((line) => line.msg === "Autocomplete failed")).toBe(true);

    const unknown = autocomplete("gone", { name: "x", value: "x" });
    await router.handle(unknown);
    expect(unknown.respond).toHaveBeenCalledWith([]);
  });
});

describe("autocomplete and the cooldown", () => {
  it("counts autocomplete in a bucket of its own: past it the choices are empty, and commands still run", async () => {
    const ask = askCommand();
    vi.mocked(ask.autocomplete)?.mockReturnValue([{ name: "a choice", value: "a choice" }]);
    const captured = captureLogger();
    const router = createInteractionRouter({
      commands: [ask],
      context: { library: noLibrary },
      logger: captured.logger,
      deferAfterMs: SLOW_MS,
      cooldown: new Cooldown({ windowMs: 60_000, max: 1 }),
      autocompleteCooldown: new Cooldown({ windowMs: 60_000, max: 3 }),
    });
    const responses: unknown[] = [];
    for (let keystroke = 0; keystroke < 5; keystroke++) {
      const typing = autocomplete("ask", { name: "question", value: "sanc" });
      await router.handle(typing);
      responses.push(typing.respond.mock.calls[0]?.[0]);
    }
    const choice = [{ name: "a choice", value: "a choice" }];
    expect(responses).toEqual([choice, choice, choice, [], []]);
    expect(ask.autocomplete).toHaveBeenCalledTimes(3);

    const command = chatInput("ask", { question: "sanctions" });
    await router.handle(command);
    expect(ask.execute).toHaveBeenCalledTimes(1);
  });
});

describe("buttons", () => {
  it("passes the state after the prefix, split on colons", async () => {
    const ask = askCommand();
    const { router } = setup([ask]);
    await router.handle(button("ask:2:trade: tariffs", "100", { metadata: "100" }));
    expect(ask.button).toHaveBeenCalledWith(
      ["2", "trade", " tariffs"],
      { options: {}, userId: "100" },
      { library: noLibrary },
    );
  });

  it("turns the page in place for the user who ran the command", async () => {
    const { router } = setup([askCommand()]);
    const interaction = button("ask:2", "100", { metadata: "100" });
    await router.handle(interaction);
    expect(interaction.update.mock.calls[0]?.[0]).toMatchObject({ embeds: [{ title: "Page 2" }] });
    expect(interaction.update.mock.calls[0]?.[0]).not.toHaveProperty("flags");
    expect(interaction.reply).not.toHaveBeenCalled();
    expectNoPings(interaction);
  });

  it("falls back to the legacy interaction owner", async () => {
    const { router } = setup([askCommand()]);
    const interaction = button("ask:2", "100", { legacy: "100" });
    await router.handle(interaction);
    expect(interaction.update).toHaveBeenCalledOnce();
  });

  it("sends anyone else a private copy", async () => {
    const { router } = setup([askCommand()]);
    const interaction = button("ask:2", "200", { metadata: "100" });
    await router.handle(interaction);
    expect(interaction.update).not.toHaveBeenCalled();
    expect(interaction.reply.mock.calls[0]?.[0]).toMatchObject({
      embeds: [{ title: "Page 2" }],
      flags: MessageFlags.Ephemeral,
    });
    expectNoPings(interaction);
  });

  it("sends an ephemeral answer as a new private reply, even to the owner", async () => {
    const ask = askCommand();
    vi.mocked(ask.button)?.mockReturnValue(answer({ title: "Paragraph 4", ephemeral: true }));
    const { router } = setup([ask]);
    const interaction = button("ask:para:4", "100", { metadata: "100" });
    await router.handle(interaction);
    expect(interaction.update).not.toHaveBeenCalled();
    expect(interaction.reply.mock.calls[0]?.[0]).toMatchObject({
      embeds: [{ title: "Paragraph 4" }],
      flags: MessageFlags.Ephemeral,
    });
  });

  it("defers a slow page turn as an update, then edits the message", async () => {
    const ask = askCommand();
    vi.mocked(ask.button)?.mockImplementation(() => later(answer({ title: "Page 3" })));
    const { router } = setup([ask]);
    const interaction = button("ask:3", "100", { metadata: "100" });
    await router.handle(interaction);
    expect(interaction.deferUpdate).toHaveBeenCalledOnce();
    expect(interaction.update).not.toHaveBeenCalled();
    expect(interaction.editReply.mock.calls[0]?.[0]).toMatchObject({
      embeds: [{ title: "Page 3" }],
    });
    expectNoPings(interaction);
  });

  it("defers a slow click by someone else privately", async () => {
    const ask = askCommand();
    vi.mocked(ask.button)?.mockImplementation(() => later(answer()));
    const { router } = setup([ask]);
    const interaction = button("ask:3", "200", { metadata: "100" });
    await router.handle(interaction);
    expect(interaction.deferReply).toHaveBeenCalledWith({ flags: MessageFlags.Ephemeral });
    expect(interaction.editReply).toHaveBeenCalledOnce();
  });

  it("apologises privately when a button handler fails", async () => {
    const ask = askCommand();
    vi.mocked(ask.button)?.mockImplementation(() => {
      throw new Error("bad state");
    });
    const { router } = setup([ask]);
    const interaction = button("ask:x", "100", { metadata: "100" });
    await router.handle(interaction);
    expect(interaction.reply.mock.calls[0]?.[0]).toMatchObject({
      content: RouterMessages.apology,
      flags: MessageFlags.Ephemeral,
    });
  });

  it("apologises in a private follow-up when a slow page turn fails", async () => {
    const ask = askCommand();
    vi.mocked(ask.button)?.mockImplementation(async () => {
      await sleep(SLOW_MS * 4);
      throw new Error("bad state");
    });
    const { router } = setup([ask]);
    const interaction = button("ask:x", "100", { metadata: "100" });
    await router.handle(interaction);
    expect(interaction.deferUpdate).toHaveBeenCalledOnce();
    expect(interaction.followUp.mock.calls[0]?.[0]).toMatchObject({
      content: RouterMessages.apology,
      flags: MessageFlags.Ephemeral,
    });
  });

  it("tells the user about a button it does not know", async () => {
    const { router } = setup([askCommand()]);
    const interaction = button("old:1", "100", { metadata: "100" });
    await router.handle(interaction);
    expect(interaction.reply).toHaveBeenCalledWith(
      expect.objectContaining({
        content: RouterMessages.unknownButton,
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_PINGS,
      }),
    );
  });
});
