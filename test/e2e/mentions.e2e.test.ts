import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GatewayIntentBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningReadout, startReadout } from "./harness.js";

const SEED = "2025-09-11-lukashenko-coale.txt";
const PRAGUE = [
  "5 June 2024",
  "Talks in Prague",
  "Chancellor Hildegard Blake met with President Marek Nowak in Prague.",
  '"We will build the rail link together and open the airline route to Vienna," Marek Nowak said.',
  '"The airline route matters to our farmers too," Hildegard Blake said.',
].join("\n");

let readout: RunningReadout;
let seeds: string;

beforeAll(async () => {
  seeds = await mkdtemp(join(tmpdir(), "readout-mentions-"));
  const { readFile } = await import("node:fs/promises");
  await writeFile(join(seeds, SEED), await readFile(join("seeds", SEED), "utf8"));
  await writeFile(join(seeds, "2024-06-05-prague.txt"), PRAGUE);
  readout = await startReadout({ seedsDir: seeds });
});

afterAll(async () => {
  await readout?.stop();
  await rm(seeds, { recursive: true, force: true });
});

/** Everything the reply shows, as one text. */
function shown(message: { content: string; embeds: unknown[] }): string {
  return `${message.content}\n${JSON.stringify(message.embeds)}`;
}

describe("a question that mentions the bot", () => {
  it("is answered with a reply naming the statement and its speaker, and pings no one", async () => {
    const trace = readout.fake.mention("what was lifted @everyone <@&123>");
    const reply = await trace.reply();
    expect(shown(reply)).toContain("lifted sanctions from Belavia");
    expect(shown(reply)).toContain("John Coale");
    expect(reply.message_reference?.message_id).toBe(trace.message.id);
    expect(reply.mentions).toEqual([]);
    const posted = readout.fake
      .findRequests("POST /channels/:channel/messages")
      .find((request) => JSON.stringify(request.body).includes(trace.message.id));
    expect(posted?.body).toMatchObject({
      allowed_mentions: { parse: [], replied_user: false },
      message_reference: { message_id: trace.message.id },
    });
    // The question is echoed in the title, with its mentions defused.
    expect(shown(reply)).not.toMatch(/@(everyone|here)|<[@#][!&]?\d/);
  });

  it("with no question, replies with how to ask", async () => {
    const reply = await readout.fake.mention("").reply();
    expect(shown(reply)).toContain("Mention me with a question");
  });

  it("runs a command named first, as the console does", async () => {
    const reply = await readout.fake.mention("quotes Coale").reply();
    expect(shown(reply)).toContain("John Coale");
    expect(shown(reply)).toContain("Thank you! I very much appreciate that");
  });

  it("is answered in a direct message without a mention", async () => {
    const trace = readout.fake.writeMessage("what was lifted", { direct: true });
    const reply = await trace.reply();
    expect(reply.channel_id).toBe(readout.fake.directChannelOf(readout.fake.users.alice));
    expect(shown(reply)).toContain("lifted sanctions from Belavia");
  });
});

describe("a reply to one of the bot's answers", () => {
  it("follows up on the release the answer came from", async () => {
    const first = await readout.fake.mention("what did Nowak say about the rail link").reply();
    expect(shown(first)).toContain("Marek Nowak");
    // Discord's reply mentions the bot itself; the fragment alone would fit both releases.
    const followUp = await readout.fake
      .writeMessage("and the airline?", { replyTo: first })
      .reply();
    expect(shown(followUp)).toContain("airline route");
    expect(shown(followUp)).not.toContain("Belavia");
  });
});

describe("many mentions at once", () => {
  it("answers a burst of 200 mentions from 200 people, every one", async () => {
    const traces = Array.from({ length: 200 }, (_, index) =>
      readout.fake.mention(index % 2 === 0 ? "what was lifted" : "quotes Coale", {
        user: { ...readout.fake.users.bob, id: String(2_000_000_000_000_000n + BigInt(index)) },
      }),
    );
    const replies = await Promise.all(traces.map((trace) => trace.reply({ timeoutMs: 20_000 })));
    expect(replies).toHaveLength(200);
    for (const [index, reply] of replies.entries()) {
      expect(shown(reply)).toContain(index % 2 === 0 ? "Belavia" : "John Coale");
    }
  });
});

describe("the per-person limit", () => {
  let limited: RunningReadout;
  beforeAll(async () => {
    limited = await startReadout({ env: { COOLDOWN_MS: "60000", COOLDOWN_MAX: "3" } });
  });
  afterAll(async () => {
    await limited?.stop();
  });

  it("holds one person to their share, with one notice for the flood", async () => {
    const traces = Array.from({ length: 6 }, () => limited.fake.mention("what was lifted"));
    await expect.poll(() => traces.filter((trace) => trace.replies.length > 0).length).toBe(4);
    const notices = traces.filter((trace) =>
      trace.replies.some((reply) => reply.content.includes("then try again")),
    );
    expect(notices).toHaveLength(1);
    // Someone else is answered all the same.
    const other = await limited.fake
      .mention("what was lifted", { user: limited.fake.users.bob })
      .reply();
    expect(shown(other)).toContain("Belavia");
  });
});

describe("messages that are not for the bot", () => {
  it("gets nothing: no mention, a bot's mention, a webhook's, the bot's own", async () => {
    const traces = [
      readout.fake.writeMessage("what was lifted"),
      readout.fake.mention("what was lifted", { user: { ...readout.fake.users.bob, bot: true } }),
      readout.fake.mention("what was lifted", { webhook: true }),
      readout.fake.mention("what was lifted", { user: readout.fake.botUser }),
    ];
    // A question that is answered, sent after them, shows the others were read and skipped.
    await readout.fake.mention("what was lifted").reply();
    for (const trace of traces) expect(trace.replies).toEqual([]);
  });

  it("in a channel the bot may not post in, is logged once and not retried", async () => {
    readout.fake.forbidChannel(readout.fake.channelId);
    readout.fake.mention("what was lifted");
    const refused = () =>
      readout.fake
        .findRequests("POST /channels/:channel/messages")
        .filter((request) => request.status === 403);
    await expect.poll(refused).toHaveLength(1);
    await expect
      .poll(() => readout.logs.filter((line) => line.includes("Cannot answer in this channel")))
      .toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(refused()).toHaveLength(1);
  });
});

describe("the gateway session", () => {
  it("asks for message events but no privileged intent", () => {
    const privileged =
      GatewayIntentBits.MessageContent |
      GatewayIntentBits.GuildMembers |
      GatewayIntentBits.GuildPresences;
    for (const identify of readout.fake.identifies) {
      expect(identify.intents & privileged).toBe(0);
      expect(identify.intents & GatewayIntentBits.GuildMessages).not.toBe(0);
      expect(identify.intents & GatewayIntentBits.DirectMessages).not.toBe(0);
    }
  });
});
