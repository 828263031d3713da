import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  Client,
  type ClientOptions,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  GatewayOpcodes,
  type Interaction,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
  REST,
  Routes,
} from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeDiscord, MEMBER_PERMISSIONS } from "./fakeDiscord/index.js";

const TOKEN = "fake.token.value";

function errorCode(error: unknown): unknown {
  return error instanceof DiscordAPIError ? error.code : error;
}

/**
 * A tiny bot covering the response styles a real one uses. Errors the bot deliberately provokes
 * are stored in `observed`; anything else it throws ends up in `unexpected`.
 */
function exampleBot(observed: Map<string, unknown>) {
  return async (interaction: Interaction): Promise<void> => {
    if (interaction.isAutocomplete()) {
      const typed = String(interaction.options.getFocused());
      await interaction.respond(
        [1, 2].map((n) => ({ name: `${typed}-${n}`, value: `${typed}-${n}` })),
      );
      return;
    }
    if (interaction.isButton()) {
      const owner = interaction.message.interactionMetadata?.user.id;
      if (owner !== interaction.user.id) {
        await interaction.reply({ content: "Not your message.", flags: MessageFlags.Ephemeral });
        return;
      }
      await interaction.update({ content: `expanded by ${interaction.customId}`, components: [] });
      return;
    }
    if (interaction.isMessageContextMenuCommand()) {
      await interaction.reply(`quoted: ${interaction.targetMessage.content}`);
      return;
    }
    if (!interaction.isChatInputCommand()) return;
    switch (interaction.commandName) {
      case "ping":
        await interaction.reply(`pong ${interaction.options.getString("word") ?? ""}`.trim());
        return;
      case "deferred":
        await interaction.deferReply();
        await interaction.editReply("done after thinking");
        return;
      case "deferred-follow-up":
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        await interaction.followUp("fills the thinking message");
        await interaction.followUp("a second message");
        return;
      case "reply-then-follow-up":
        await interaction.reply("first");
        await interaction.followUp({ content: "second", flags: MessageFlags.Ephemeral });
        return;
      case "double-ack":
        await interaction.reply("one");
        // discord.js refuses a second reply locally, so go around it the way a second process would.
        await interaction.client.rest
          .post(Routes.interactionCallback(interaction.id, interaction.token), {
            body: {
              type: InteractionResponseType.ChannelMessageWithSource,
              data: { content: "two" },
            },
            auth: false,
          })
          .catch((error: unknown) => observed.set("double-ack", errorCode(error)));
        return;
      case "too-long":
        await interaction.reply("x".repeat(2001)).catch((error: unknown) => {
          observed.set("too-long", errorCode(error));
        });
        return;
      case "file":
        await interaction.reply({
          content: "see attachment",
          files: [{ attachment: Buffer.from("hello"), name: "note.txt" }],
        });
        return;
      case "count":
        await interaction.reply(`count is ${interaction.options.getNumber("amount", true)}`);
        return;
      case "late":
        await sleep(60);
        await interaction.reply("too late").catch((error: unknown) => {
          observed.set("late", error);
        });
        return;
      case "temporary": {
        await interaction.reply("temporary");
        const fetched = await interaction.fetchReply();
        observed.set("temporary", fetched.content);
        await interaction.deleteReply();
        return;
      }
      case "where":
        await interaction.reply(interaction.inGuild() ? "in a guild" : "in a DM");
        return;
      case "fragile":
        await interaction.reply("will fail").catch((error: unknown) => {
          observed.set("fragile", error);
        });
        return;
      case "release": {
        const { options } = interaction;
        const file = options.getAttachment("file");
        const download = file ? await fetch(file.url) : undefined;
        observed.set("release", {
          group: options.getSubcommandGroup(false),
          subcommand: options.getSubcommand(),
          url: options.getString("url"),
          manager: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild),
          file: file && {
            name: file.name,
            size: file.size,
            contentType: file.contentType,
            ephemeral: file.ephemeral,
          },
          download: download && {
            status: download.status,
            contentType: download.headers.get("content-type"),
            bytes: Buffer.from(await download.arrayBuffer()),
          },
        });
        await interaction.reply(`release ${options.getSubcommand()}`);
        return;
      }
      default:
        await interaction.reply(`unknown command ${interaction.commandName}`);
    }
  };
}

interface Harness {
  fake: FakeDiscord;
  client: Client;
  observed: Map<string, unknown>;
  unexpected: unknown[];
}

async function startHarness(
  fakeOptions: Parameters<typeof FakeDiscord.start>[0] = {},
  clientOptions: Partial<ClientOptions> = {},
  token = TOKEN,
): Promise<Harness> {
  const fake = await FakeDiscord.start(fakeOptions);
  const observed = new Map<string, unknown>();
  const unexpected: unknown[] = [];
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: fake.apiUrl, timeout: 2_000, retries: 0 },
    waitGuildTimeout: 0,
    ...clientOptions,
  });
  const handle = exampleBot(observed);
  client.on(Events.InteractionCreate, (interaction) => {
    handle(interaction).catch((error: unknown) => unexpected.push(error));
  });
  const ready = once(client, Events.ClientReady);
  try {
    await client.login(token);
  } catch (error) {
    await client.destroy();
    await fake.stop();
    throw error;
  }
  await ready;
  return { fake, client, observed, unexpected };
}

async function stopHarness(harness: Harness): Promise<void> {
  await harness.client.destroy();
  await harness.fake.stop();
  expect(harness.unexpected).toEqual([]);
}

describe("FakeDiscord with a real discord.js client", () => {
  let harness: Harness;
  let fake: FakeDiscord;

  beforeEach(async () => {
    harness = await startHarness();
    fake = harness.fake;
  });

  afterEach(async () => {
    await stopHarness(harness);
  });

  it("logs in: fetches /gateway/bot, identifies with the intents and receives the guild", () => {
    expect(fake.findRequests("GET /gateway/bot")).toHaveLength(1);
    expect(fake.identifies).toHaveLength(1);
    expect(fake.identifies[0]).toMatchObject({
      token: TOKEN,
      intents: GatewayIntentBits.Guilds,
      shard: [0, 1],
    });
    expect(fake.connections[0]).toMatchObject({
      endpoint: "gateway",
      query: { v: "10", encoding: "json" },
    });
    expect(harness.client.user?.id).toBe(fake.botUserId);
    expect(harness.client.application?.id).toBe(fake.applicationId);
    expect(harness.client.guilds.cache.get(fake.guildId)?.available).toBe(true);
  });

  it("records a slash command reply", async () => {
    const trace = await fake.slashCommand("ping", { word: "hello" });

    expect(trace.response).toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content: "pong hello" },
      status: 204,
    });
    expect(trace.original?.content).toBe("pong hello");
    expect(trace.original?.interaction_metadata?.user.id).toBe(fake.users.alice.id);
    expect(
      fake.findRequests("POST /interactions/:id/:token/callback")[0]?.headers.authorization,
    ).toBeUndefined();
  });

  it("answers autocomplete for the focused option", async () => {
    const trace = await fake.autocomplete("ping", { word: "hel" }, "word");

    expect(trace.response?.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(trace.response?.data?.choices).toEqual([
      { name: "hel-1", value: "hel-1" },
      { name: "hel-2", value: "hel-2" },
    ]);
  });

  it("lets a button's owner update the message and turns others away ephemerally", async () => {
    const ownClick = await fake.clickButton("more", { user: fake.users.alice });
    expect(ownClick.response?.type).toBe(InteractionResponseType.UpdateMessage);
    expect(ownClick.original?.content).toBe("expanded by more");
    expect(ownClick.original?.components).toEqual([]);

    const aliceMessage = fake.build.botMessage({
      owner: fake.users.alice,
      content: "alice's answer",
    });
    const strangerClick = await fake.clickButton("more", {
      user: fake.users.bob,
      message: aliceMessage,
    });
    expect(strangerClick.response).toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content: "Not your message.", flags: MessageFlags.Ephemeral },
    });
    expect(strangerClick.original?.flags).toBe(MessageFlags.Ephemeral);
  });

  it("settles a deferred reply once @original is edited", async () => {
    const trace = await (await fake.slashCommand("deferred")).settled();

    expect(trace.response?.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(trace.originalEdits).toHaveLength(1);
    expect(trace.originalEdits[0]).toMatchObject({
      data: { content: "done after thinking" },
      status: 200,
    });
    expect(trace.original?.content).toBe("done after thinking");
    expect(trace.original?.flags).toBe(0);
  });

  it("turns the first follow-up after a defer into the reply, keeping the defer's ephemerality", async () => {
    const trace = await (await fake.slashCommand("deferred-follow-up")).settled();
    await expect.poll(() => trace.followUps.length).toBe(2);

    const [filling, second] = trace.followUps;
    expect(filling).toMatchObject({ filledDeferredReply: true, status: 200 });
    expect(filling?.message?.id).toBe(trace.original?.id);
    expect(trace.original).toMatchObject({
      content: "fills the thinking message",
      flags: MessageFlags.Ephemeral,
    });
    expect(second).toMatchObject({
      filledDeferredReply: false,
      message: { content: "a second message" },
    });
  });

  it("records follow-ups after a reply as separate messages", async () => {
    const trace = await fake.slashCommand("reply-then-follow-up");
    await expect.poll(() => trace.followUps.length).toBe(1);

    expect(trace.followUps[0]?.message).toMatchObject({
      content: "second",
      flags: MessageFlags.Ephemeral,
    });
    expect(trace.followUps[0]?.message?.interaction_metadata?.original_response_message_id).toBe(
      trace.original?.id,
    );
    expect(fake.findRequests("POST /webhooks/:app/:token")[0]?.query).toEqual({ wait: "true" });
  });

  it("serves GET and DELETE of @original", async () => {
    const trace = await fake.slashCommand("temporary");
    await expect.poll(() => trace.originalDeleted).toBe(true);

    expect(harness.observed.get("temporary")).toBe("temporary");
    expect(trace.original).toBeUndefined();
    expect(trace.isSettled).toBe(true);
  });

  it("sends a DM interaction with a user instead of a member", async () => {
    const trace = await fake.slashCommand("where", {}, { guildId: null, user: fake.users.bob });

    expect(trace.payload).toMatchObject({ user: { id: fake.users.bob.id } });
    expect(trace.payload.member).toBeUndefined();
    expect(trace.original?.content).toBe("in a DM");
  });

  it("answers a message context-menu command about its target", async () => {
    const target = fake.build.userMessage({
      author: fake.users.bob,
      content: "the minister said hello",
    });
    const trace = await fake.messageCommand("Quote", target);

    expect(trace.original?.content).toBe("quoted: the minister said hello");
    expect(trace.original?.interaction_metadata).toMatchObject({ target_message_id: target.id });
  });

  it("refuses a second acknowledgement with 40060", async () => {
    const trace = await fake.slashCommand("double-ack");
    await expect.poll(() => trace.callbacks.length).toBe(2);

    expect(trace.callbacks.map((callback) => callback.status)).toEqual([204, 400]);
    expect(trace.original?.content).toBe("one");
    await expect.poll(() => harness.observed.get("double-ack")).toBe(40060);
  });

  it("refuses content over 2000 characters with 50035", async () => {
    const trace = fake.sendInteraction(fake.build.slashCommand("too-long"));
    await expect.poll(() => harness.observed.get("too-long")).toBe(50035);
    expect(trace.response).toBeUndefined();
    expect(trace.callbacks[0]?.status).toBe(400);
  });

  it("reads the JSON of multipart requests from payload_json and records the files", async () => {
    const trace = await fake.slashCommand("file");
    const request = fake.findRequests("POST /interactions/:id/:token/callback")[0];

    expect(request?.headers["content-type"]).toMatch(/^multipart\/form-data/);
    expect(request?.body).toMatchObject({ type: 4, data: { content: "see attachment" } });
    expect(request?.files).toEqual([
      { field: "files[0]", filename: "note.txt", contentType: "application/octet-stream", size: 5 },
    ]);
    expect(trace.original?.attachments).toMatchObject([{ filename: "note.txt", size: 5 }]);
  });

  it("resumes after close code 4000 and keeps answering", async () => {
    fake.closeGateway(4000);
    const connection = await fake.waitForShardReady(0);

    expect(connection).toMatchObject({ endpoint: "resume", readyVia: "resume" });
    expect(fake.identifies).toHaveLength(1);
    expect(fake.resumes).toEqual([
      expect.objectContaining({ token: TOKEN, session_id: fake.connections[0]?.sessionId }),
    ]);
    expect((await fake.slashCommand("ping")).original?.content).toBe("pong");
  });

  it("resumes after the TCP connection drops without a close frame", async () => {
    fake.terminateGateway();
    const connection = await fake.waitForShardReady(0);

    expect(connection.readyVia).toBe("resume");
    expect(fake.connections[0]?.closeCode).toBe(1006);
    expect((await fake.slashCommand("ping")).original?.content).toBe("pong");
  });

  it("resumes when Discord asks for a reconnect (opcode 7)", async () => {
    fake.requestReconnect();
    await expect.poll(() => fake.connections[0]?.closeCode).toBe(4200);
    const connection = await fake.waitForShardReady(0);

    expect(connection.readyVia).toBe("resume");
    expect((await fake.slashCommand("ping")).original?.content).toBe("pong");
  });

  it("waits out a 429 on the callback and then acknowledges", async () => {
    fake.failNext("POST /interactions/:id/:token/callback", {
      status: 429,
      retryAfterSeconds: 0.05,
    });
    const trace = await fake.slashCommand("ping");

    const attempts = fake.findRequests("POST /interactions/:id/:token/callback");
    expect(attempts.map((request) => [request.status, request.faulted])).toEqual([
      [429, true],
      [204, false],
    ]);
    expect(trace.callbacks).toHaveLength(1);
    expect(trace.original?.content).toBe("pong");
  });

  it("surfaces a 500 on the callback to the bot when REST retries are off", async () => {
    fake.failNext("POST /interactions/:id/:token/callback", { status: 500 });
    const trace = fake.sendInteraction(fake.build.slashCommand("fragile"));

    await expect.poll(() => harness.observed.has("fragile")).toBe(true);
    expect(harness.observed.get("fragile")).toMatchObject({ status: 500 });
    expect(trace.callbacks).toEqual([]);
  });

  it("stores deployed commands and types slash options from their definition", async () => {
    const rest = new REST({ api: fake.apiUrl }).setToken(TOKEN);
    const definitions = [
      {
        name: "count",
        description: "Counts",
        options: [
          {
            name: "amount",
            description: "How many",
            type: ApplicationCommandOptionType.Number,
            required: true,
          },
        ],
      },
      { name: "Quote", type: ApplicationCommandType.Message },
    ];
    await rest.put(Routes.applicationGuildCommands(fake.applicationId, fake.guildId), {
      body: definitions,
    });
    const [count] = fake.commands(fake.guildId);
    await rest.put(Routes.applicationGuildCommands(fake.applicationId, fake.guildId), {
      body: definitions,
    });

    expect(fake.commands(fake.guildId).map((command) => command.name)).toEqual(["count", "Quote"]);
    expect(fake.commands(fake.guildId)[0]?.id).toBe(count?.id);
    const trace = await fake.slashCommand("count", { amount: 3 });
    expect(trace.payload.data).toMatchObject({
      id: count?.id,
      options: [{ type: ApplicationCommandOptionType.Number }],
    });
    expect(trace.original?.content).toBe("count is 3");

    const badName = rest.put(Routes.applicationCommands(fake.applicationId), {
      body: [{ name: "Bad Name", description: "upper case and a space" }],
    });
    await expect(badName).rejects.toMatchObject({ code: 50035, status: 400 });
  });

  describe("subcommands, attachments and member permissions", () => {
    const MANAGE_SERVER = String(PermissionFlagsBits.ManageGuild);
    const RELEASE_URL = "https://example.org/press/2025-09-11";

    async function registerRelease(): Promise<REST> {
      const rest = new REST({ api: fake.apiUrl }).setToken(TOKEN);
      await rest.put(Routes.applicationGuildCommands(fake.applicationId, fake.guildId), {
        body: [
          {
            name: "release",
            description: "Manage releases",
            default_member_permissions: MANAGE_SERVER,
            options: [
              {
                type: ApplicationCommandOptionType.Subcommand,
                name: "add",
                description: "Add a release",
                options: [
                  {
                    type: ApplicationCommandOptionType.String,
                    name: "url",
                    description: "Its page",
                    max_length: 200,
                  },
                  {
                    type: ApplicationCommandOptionType.Attachment,
                    name: "file",
                    description: "Its text",
                  },
                ],
              },
              {
                type: ApplicationCommandOptionType.SubcommandGroup,
                name: "admin",
                description: "Maintenance",
                options: [
                  {
                    type: ApplicationCommandOptionType.Subcommand,
                    name: "purge",
                    description: "Remove every release",
                  },
                ],
              },
            ],
          },
        ],
      });
      return rest;
    }

    it("nests a subcommand's options inside it, typed from the registered command", async () => {
      await registerRelease();
      const trace = await fake.slashCommand("release add", { url: RELEASE_URL });

      expect(trace.payload.data).toMatchObject({
        id: fake.commands(fake.guildId)[0]?.id,
        name: "release",
        options: [
          {
            type: ApplicationCommandOptionType.Subcommand,
            name: "add",
            options: [
              { type: ApplicationCommandOptionType.String, name: "url", value: RELEASE_URL },
            ],
          },
        ],
      });
      expect(trace.payload.data).not.toHaveProperty("resolved");
      expect(harness.observed.get("release")).toMatchObject({
        group: null,
        subcommand: "add",
        url: RELEASE_URL,
        file: null,
      });
      expect(trace.original?.content).toBe("release add");
    });

    it("sends a subcommand of a group, with no options key when none are given", async () => {
      const trace = await fake.slashCommand("release admin purge");

      // Strictly: Discord leaves out the options key of a subcommand invoked without options.
      expect((trace.payload.data as { options?: unknown }).options).toStrictEqual([
        {
          type: ApplicationCommandOptionType.SubcommandGroup,
          name: "admin",
          options: [{ type: ApplicationCommandOptionType.Subcommand, name: "purge" }],
        },
      ]);
      expect(harness.observed.get("release")).toMatchObject({
        group: "admin",
        subcommand: "purge",
      });
      const typing = fake.build.autocomplete("release add", { url: "https://exa" }, "url");
      expect(typing.data.options).toEqual([
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: "add",
          options: [
            {
              type: ApplicationCommandOptionType.String,
              name: "url",
              value: "https://exa",
              focused: true,
            },
          ],
        },
      ]);
    });

    it("refuses invocations that Discord's client would not send for the registered command", async () => {
      await registerRelease();
      const attempts: [string, Record<string, string | number>][] = [
        ["release", {}],
        ["release remove", {}],
        ["release add", { link: RELEASE_URL }],
        ["release add", { url: 5 }],
        ["release add", { url: "x".repeat(201) }],
        ["release add", { file: "123456789" }],
        ["release purge", {}],
      ];
      for (const [name, options] of attempts) {
        expect(() => fake.build.slashCommand(name, options), name).toThrow(/^FakeDiscord: /);
      }
      const upload = fake.uploadAttachment({ filename: "a.txt", bytes: "a" });
      expect(() => fake.build.slashCommand("release add", { url: upload })).toThrow(
        /not an attachment option/,
      );
    });

    it("serves an uploaded attachment that discord.js resolves and the bot downloads", async () => {
      await registerRelease();
      const bytes = Buffer.from("Statement of the Ministry — «peace»\n", "utf8");
      const attachment = fake.uploadAttachment({
        filename: "release.txt",
        contentType: "text/plain; charset=utf-8",
        bytes,
      });
      const trace = await fake.slashCommand("release add", { file: attachment });

      expect(trace.payload.data).toMatchObject({
        options: [
          {
            type: ApplicationCommandOptionType.Subcommand,
            name: "add",
            options: [
              { type: ApplicationCommandOptionType.Attachment, name: "file", value: attachment.id },
            ],
          },
        ],
        resolved: { attachments: { [attachment.id]: attachment } },
      });
      expect(attachment).toMatchObject({
        filename: "release.txt",
        size: bytes.length,
        content_type: "text/plain; charset=utf-8",
        proxy_url: attachment.url,
      });
      const url = new URL(attachment.url);
      expect(url.origin).toBe(new URL(fake.apiUrl).origin);
      expect(url.pathname).toBe(
        `/ephemeral-attachments/${fake.channelId}/${attachment.id}/release.txt`,
      );
      expect(harness.observed.get("release")).toEqual({
        group: null,
        subcommand: "add",
        url: null,
        manager: false,
        file: {
          name: "release.txt",
          size: bytes.length,
          contentType: "text/plain; charset=utf-8",
          ephemeral: true,
        },
        download: { status: 200, contentType: "text/plain; charset=utf-8", bytes },
      });
      expect(fake.findRequests("GET /ephemeral-attachments/:channel/:id/:filename")).toHaveLength(
        1,
      );

      // By id too; unregistered commands infer the type from the attachment object.
      const byId = fake.build.slashCommand("release add", { file: attachment.id });
      expect(byId.data.resolved?.attachments?.[attachment.id]).toEqual(attachment);
    });

    it("answers 404 for an unknown attachment or a link without its signature", async () => {
      const attachment = fake.uploadAttachment({ filename: "release.txt", bytes: "text" });
      const url = new URL(attachment.url);

      const unknown = await fetch(
        `${url.origin}/ephemeral-attachments/${fake.channelId}/1234567890/release.txt${url.search}`,
      );
      expect(unknown.status).toBe(404);
      const unsigned = await fetch(`${url.origin}${url.pathname}`);
      expect(unsigned.status).toBe(404);
      expect(await unsigned.text()).toBe("This content is no longer available.");
      const signed = await fetch(attachment.url);
      expect(signed.status).toBe(200);
      expect(signed.headers.get("content-type")).toBe("application/octet-stream");
      expect(await signed.text()).toBe("text");
    });

    it("sends the member permissions each invocation sets", async () => {
      const asManager = await fake.slashCommand(
        "release add",
        { url: RELEASE_URL },
        { memberPermissions: MEMBER_PERMISSIONS | PermissionFlagsBits.ManageGuild },
      );
      expect(harness.observed.get("release")).toMatchObject({ manager: true });
      expect(asManager.payload.member?.permissions).toBe(
        String(MEMBER_PERMISSIONS | PermissionFlagsBits.ManageGuild),
      );

      const asMember = await fake.slashCommand("release add", { url: RELEASE_URL });
      expect(harness.observed.get("release")).toMatchObject({ manager: false });
      expect(asMember.payload.member?.permissions).toBe(String(MEMBER_PERMISSIONS));
    });

    it("stores default_member_permissions and lists it, as a string, as Discord does", async () => {
      const rest = await registerRelease();
      const listed = (await rest.get(
        Routes.applicationGuildCommands(fake.applicationId, fake.guildId),
      )) as { name: string; default_member_permissions: string | null }[];
      expect(listed).toMatchObject([
        { name: "release", default_member_permissions: MANAGE_SERVER },
      ]);

      const fetched = await harness.client.application?.commands.fetch({ guildId: fake.guildId });
      expect(fetched?.first()?.defaultMemberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(
        true,
      );
      expect(fetched?.first()?.options.map((option) => option.name)).toEqual(["add", "admin"]);

      const global = Routes.applicationCommands(fake.applicationId);
      const [asNumber] = (await rest.put(global, {
        body: [{ name: "numeric", description: "d", default_member_permissions: 32 }],
      })) as { default_member_permissions: string | null }[];
      expect(asNumber?.default_member_permissions).toBe(MANAGE_SERVER);
      const [unset] = (await rest.put(global, {
        body: [{ name: "open", description: "d" }],
      })) as { default_member_permissions: string | null }[];
      expect(unset?.default_member_permissions).toBeNull();

      const refused = [
        { name: "bad", description: "d", default_member_permissions: "ManageGuild" },
        {
          name: "mixed",
          description: "d",
          options: [
            { type: ApplicationCommandOptionType.Subcommand, name: "a", description: "d" },
            { type: ApplicationCommandOptionType.String, name: "b", description: "d" },
          ],
        },
      ];
      for (const body of refused) {
        await expect(rest.put(global, { body: [body] })).rejects.toMatchObject({
          code: 50035,
          status: 400,
        });
      }
    });
  });
});

describe("FakeDiscord with non-default settings", () => {
  let harness: Harness | undefined;

  afterEach(async () => {
    if (harness) await stopHarness(harness);
    harness = undefined;
  });

  it("rejects a login with the wrong token", async () => {
    await expect(startHarness({ token: "the.right.token" })).rejects.toMatchObject({
      code: "TokenInvalid",
    });
  });

  it("refuses an acknowledgement that arrives after the deadline with 10062", async () => {
    harness = await startHarness({ responseDeadlineMs: 20 });
    const { fake, observed } = harness;
    const trace = fake.sendInteraction(fake.build.slashCommand("late"));

    await expect.poll(() => observed.has("late")).toBe(true);
    expect(errorCode(observed.get("late"))).toBe(10062);
    expect(trace.callbacks[0]?.status).toBe(404);
    expect(trace.response).toBeUndefined();
  });

  it("delivers each guild's interactions on that guild's shard", async () => {
    // discord.js ignores the recommended shard count unless told to follow it.
    harness = await startHarness({ shards: 2, guilds: 2, maxConcurrency: 2 }, { shards: "auto" });
    const { fake, client } = harness;
    const [first, second] = fake.guildIds as [string, string];

    expect(fake.identifies.map((identify) => identify.shard)).toEqual(
      expect.arrayContaining([
        [0, 2],
        [1, 2],
      ]),
    );
    expect(client.guilds.cache.get(first)?.shardId).toBe(0);
    expect(client.guilds.cache.get(second)?.shardId).toBe(1);
    const trace = await fake.slashCommand("ping", {}, { guildId: second });
    expect(trace.original?.channel_id).toBe(fake.channelIdOf(second));
  });

  it("resumes a zombie connection whose heartbeats go unacknowledged", async () => {
    harness = await startHarness({ heartbeatIntervalMs: 100 });
    const { fake } = harness;
    fake.acknowledgeHeartbeats = false;

    await expect.poll(() => fake.connections[0]?.closeCode, { timeout: 3_000 }).toBe(4200);
    expect(fake.gatewayPayloads.some((payload) => payload.op === GatewayOpcodes.Heartbeat)).toBe(
      true,
    );
    // discord.js waits 500 ms before reconnecting, so acks are back on before the new connection.
    fake.acknowledgeHeartbeats = true;
    const replacement = await fake.waitForShardReady(0);
    expect(replacement).toMatchObject({ id: 2, readyVia: "resume" });
  });

  it("re-identifies after 4009 because the session is gone", async () => {
    harness = await startHarness(
      {},
      // The default throttler makes a second IDENTIFY wait 5 s; the fake has no such limit.
      { ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) } },
    );
    const { fake } = harness;
    fake.closeGateway(4009);

    await expect.poll(() => fake.identifies.length, { timeout: 3_000 }).toBe(2);
    const connection = await fake.waitForShardReady(0);
    expect(connection.readyVia).toBe("identify");
    expect(fake.resumes).toHaveLength(1);
    expect((await fake.slashCommand("ping")).original?.content).toBe("pong");
  });
});
