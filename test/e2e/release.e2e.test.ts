import { copyFile, mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PermissionFlagsBits, REST } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployCommands } from "../../src/bot/register.js";
import { commands } from "../../src/commands/index.js";
import { MEMBER_PERMISSIONS } from "../fakeDiscord/index.js";
import { RIVER_PORTS } from "../fixtures/riverPorts.js";
import { isEphemeral } from "./discordRules.js";
import { FAKE_TOKEN, type RunningReadout, startReadout } from "./harness.js";

const SEED = "2025-09-11-lukashenko-coale.txt";
const MANAGER = MEMBER_PERMISSIONS | PermissionFlagsBits.ManageGuild;

const RELEASE_TEXT = RIVER_PORTS;

const PAGE = `<!doctype html><html lang="en"><head><title>Grain corridor talks | Ministry</title></head>
<body><nav><a href="/">Home</a> · <a href="/news">News</a></nav>
<main><article><h1>Grain corridor talks</h1><time datetime="2024-06-02">2 June 2024</time>
<p>Minister Lena Holt received Ambassador Omar Saidi in Valletta.</p>
<p>"The grain corridor will stay open through the winter," Lena Holt said.</p>
<p>"Our silos in the south are ready for the harvest," Omar Saidi said.</p>
</article></main><footer>Share this page · © Ministry</footer></body></html>`;

let seeds: string;
let readout: RunningReadout;
let server: Server;
let pageUrl: string;

beforeAll(async () => {
  seeds = await mkdtemp(join(tmpdir(), "readout-release-e2e-"));
  await copyFile(join("seeds", SEED), join(seeds, SEED));
  server = createServer((request, response) => {
    response.writeHead(request.url === "/grain" ? 200 : 404, { "content-type": "text/html" });
    response.end(request.url === "/grain" ? PAGE : "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/grain`;
  readout = await startReadout({
    seedsDir: seeds,
    live: true,
    env: { RELEASE_FETCH_ALLOW_LOOPBACK: "1", DISCORD_GUILD_ID: "" },
  });
  const { fake } = readout;
  await deployCommands({
    config: {
      token: FAKE_TOKEN,
      clientId: fake.applicationId,
      guildId: fake.guildId,
      seedsDir: seeds,
      cacheDir: null,
      followLinksInside: false,
      fetchLoopback: true,
      logLevel: "info",
    },
    commands,
    rest: new REST({ api: fake.apiUrl }).setToken(FAKE_TOKEN),
  });
});
afterAll(async () => {
  await readout?.stop();
  await new Promise((resolve) => server.close(resolve));
  await rm(seeds, { recursive: true, force: true });
});

/** The final reply's text, title, fields and all, whether it came at once or after a deferral. */
async function reply(name: string, options: Record<string, unknown>, manager = true) {
  const trace = await readout.fake.slashCommand(name, options as never, {
    memberPermissions: manager ? MANAGER : MEMBER_PERMISSIONS,
  });
  await trace.settled();
  return { text: JSON.stringify(trace.original ?? trace.response?.data), trace };
}

const ask = async (question: string) => (await reply("ask", { question })).text;

describe("/release through Discord", () => {
  it("is registered for members who may manage the server only", () => {
    const release = readout.fake.commands(readout.fake.guildId).find((c) => c.name === "release");
    expect(release?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
  });

  it("adds a pasted release, answers privately with what was understood, and /ask finds it at once", async () => {
    expect(await ask("when will the engineers come to the locks")).toContain(
      "Nothing in the release answers that",
    );
    const { text, trace } = await reply("release add", { text: RELEASE_TEXT });
    expect(text).toContain("Added: Talks on the river ports");
    expect(text).toContain("Paolo Ferri: 1 quote");
    expect(isEphemeral(trace.original ?? trace.response?.data ?? undefined)).toBe(true);
    expect(await ask("when will the engineers come to the locks")).toContain("in March");
  });

  it("adds an attached file, answered from at once", async () => {
    const attachment = readout.fake.uploadAttachment({
      filename: "ferries.txt",
      contentType: "text/plain; charset=utf-8",
      bytes: [
        "Ferry talks",
        "20 May 2024",
        "Minister Paolo Ferri met with Mayor Ana Rus in Koper.",
        '"Two new ferries will sail to Trieste from July," Ana Rus said.',
      ].join("\n"),
    });
    const { text } = await reply("release add", { file: attachment });
    expect(text).toContain("Added: Ferry talks");
    expect(await ask("when will the new ferries sail")).toContain("from July");
  });

  it("adds a page by its link, served here with the test-only setting on", async () => {
    const { text } = await reply("release add", { url: pageUrl });
    expect(text).toContain("Added: Grain corridor talks");
    expect(await ask("are the silos ready for the harvest")).toContain("Omar Saidi");
  });

  it("removes each added release, which is then no longer answered from", async () => {
    for (const [release, question, answer] of [
      ["2024-06-02-grain-corridor-talks", "are the silos ready for the harvest", "Omar Saidi"],
      ["2024-05-20-ferry-talks", "when will the new ferries sail", "from July"],
      [
        "2024-05-14-talks-on-the-river-ports",
        "when will the engineers come to the locks",
        "in March",
      ],
    ] as const) {
      const { text } = await reply("release remove", { release });
      expect(text).toContain("Removed:");
      expect(await ask(question)).not.toContain(answer);
    }
    expect((await readdir(join(seeds, ".removed"))).sort()).toEqual([
      "2024-05-14-talks-on-the-river-ports.txt",
      "2024-05-20-ferry-talks.txt",
      "2024-06-02-grain-corridor-talks.txt",
    ]);
    expect(await readdir(seeds)).toEqual(expect.arrayContaining([SEED]));
  });

  it("refuses a member without Manage Server and writes nothing", async () => {
    const before = (await readdir(seeds)).sort();
    const { text } = await reply("release add", { text: RELEASE_TEXT }, false);
    expect(text).toContain("needs the Manage Server permission");
    expect((await readdir(seeds)).sort()).toEqual(before);
  });

  it("logs each add and remove with who, what and the result, never the text", () => {
    const audits = readout.logs.filter((line) => line.includes('"audit"'));
    expect(audits.some((line) => line.includes('"result":"added"'))).toBe(true);
    expect(audits.some((line) => line.includes('"result":"removed"'))).toBe(true);
    expect(audits.some((line) => line.includes('"reason":"no Manage Server permission"'))).toBe(
      true,
    );
    expect(audits.join("")).not.toContain("engineers to the locks");
    expect(audits.join("")).not.toContain("ferries will sail");
  });
});
