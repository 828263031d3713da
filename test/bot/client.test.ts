import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GatewayIntentBits, IntentsBitField, Partials } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBotClient, startBot } from "../../src/bot/client.js";
import { parseConfig } from "../../src/bot/config.js";
import { captureLogger, noLibrary } from "./fakes.js";

const TOKEN = `MTA5ODc2NTQzMjEwOTg3NjU0Mw.GhIjKl.${"a1B2c3D4e5".repeat(4)}`;
const CLIENT_ID = "109876543210987654";

describe("createBotClient", () => {
  it("asks for guilds and messages but no privileged intent, pings nobody and uses DISCORD_API_URL", async () => {
    const config = parseConfig({ DISCORD_API_URL: "http://127.0.0.1:9/api/" });
    const client = createBotClient(config, captureLogger().logger, { waitGuildTimeout: 0 });
    expect(new IntentsBitField(client.options.intents).toArray()).toEqual([
      "Guilds",
      "GuildMessages",
      "DirectMessages",
    ]);
    expect(client.options.intents.has(GatewayIntentBits.MessageContent)).toBe(false);
    expect(client.options.partials).toEqual([Partials.Channel]);
    expect(client.options.allowedMentions).toEqual({ parse: [] });
    expect(client.options.rest?.api).toBe("http://127.0.0.1:9/api");
    expect(client.options.waitGuildTimeout).toBe(0);
    await client.destroy();
  });
});

describe("startBot", () => {
  let server: Server;
  let apiUrl: string;

  beforeEach(async () => {
    // A REST API that refuses every token, as Discord does with a revoked one.
    server = createServer((_request, response) => {
      response.writeHead(401, { "content-type": "application/json" });
      response.end(JSON.stringify({ message: "401: Unauthorized", code: 0 }));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });

  afterEach(() => {
    server.close();
  });

  it("fails with a clear error on a refused token and leaves no process handlers behind", async () => {
    const config = parseConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: CLIENT_ID,
      DISCORD_API_URL: apiUrl,
    });
    const captured = captureLogger(TOKEN);
    const before = {
      rejection: process.listenerCount("unhandledRejection"),
      sigint: process.listenerCount("SIGINT"),
      sigterm: process.listenerCount("SIGTERM"),
    };
    await expect(
      startBot({ config, library: noLibrary, commands: [], logger: captured.logger }),
    ).rejects.toThrow(/token/i);
    expect(process.listenerCount("unhandledRejection")).toBe(before.rejection);
    expect(process.listenerCount("SIGINT")).toBe(before.sigint);
    expect(process.listenerCount("SIGTERM")).toBe(before.sigterm);
    expect(JSON.stringify(captured.lines())).not.toContain(TOKEN);
  });

  it("refuses to start without a token", async () => {
    await expect(
      startBot({
        config: parseConfig({}),
        library: noLibrary,
        commands: [],
        logger: captureLogger().logger,
      }),
    ).rejects.toThrow(/DISCORD_TOKEN is not set/);
  });
});
