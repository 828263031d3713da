import { DiscordAPIError, Routes } from "discord.js";
import { describe, expect, it, vi } from "vitest";
import { ConfigError, parseConfig } from "../../src/bot/config.js";
import { deployCommands, describeDeployment, explainDeployError } from "../../src/bot/register.js";
import type { Command } from "../../src/commands/command.js";

const TOKEN = `MTA5ODc2NTQzMjEwOTg3NjU0Mw.GhIjKl.${"a1B2c3D4e5".repeat(4)}`;
const CLIENT_ID = "109876543210987654";
const GUILD_ID = "209876543210987654";

const commands: Command[] = ["ask", "quotes"].map((name) => ({
  data: { name, description: `/${name}` },
  execute: () => ({ tone: "answer", title: name, statements: [], buttons: [] }),
}));

function fakeRest() {
  return { put: vi.fn(async () => []) };
}

describe("deployCommands", () => {
  it("registers in the test server only when DISCORD_GUILD_ID is set", async () => {
    const rest = fakeRest();
    const config = parseConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: CLIENT_ID,
      DISCORD_GUILD_ID: GUILD_ID,
    });
    const result = await deployCommands({ config, commands, rest });
    expect(rest.put).toHaveBeenCalledOnce();
    expect(rest.put).toHaveBeenCalledWith(Routes.applicationGuildCommands(CLIENT_ID, GUILD_ID), {
      body: commands.map((command) => command.data),
    });
    expect(result).toEqual({ scope: "guild", guildId: GUILD_ID, count: 2 });
    expect(describeDeployment(result)).toBe(`Registered 2 commands in server ${GUILD_ID}.`);
  });

  it("registers globally only when no guild is set", async () => {
    const rest = fakeRest();
    const config = parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: CLIENT_ID });
    const result = await deployCommands({ config, commands, rest });
    expect(rest.put).toHaveBeenCalledOnce();
    expect(rest.put).toHaveBeenCalledWith(Routes.applicationCommands(CLIENT_ID), {
      body: commands.map((command) => command.data),
    });
    expect(describeDeployment(result)).toBe("Registered 2 commands globally.");
  });

  it("removes the commands with --undeploy", async () => {
    const rest = fakeRest();
    const config = parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: CLIENT_ID });
    const result = await deployCommands({ config, commands, undeploy: true, rest });
    expect(rest.put).toHaveBeenCalledWith(Routes.applicationCommands(CLIENT_ID), { body: [] });
    expect(describeDeployment(result)).toBe("Removed all of Readout's commands globally.");
  });

  it("needs the token before it touches Discord", async () => {
    const rest = fakeRest();
    await expect(deployCommands({ config: parseConfig({}), commands, rest })).rejects.toThrow(
      ConfigError,
    );
    expect(rest.put).not.toHaveBeenCalled();
  });
});

describe("explainDeployError", () => {
  const request = { body: undefined, files: undefined };

  it("explains a refused token and a missing server", () => {
    const unauthorized = new DiscordAPIError(
      { code: 0, message: "401: Unauthorized" },
      0,
      401,
      "PUT",
      "/x",
      request,
    );
    expect(explainDeployError(unauthorized)).toMatch(/refused DISCORD_TOKEN/);
    const missing = new DiscordAPIError(
      { code: 50001, message: "Missing Access" },
      50001,
      403,
      "PUT",
      "/x",
      request,
    );
    expect(explainDeployError(missing)).toMatch(/DISCORD_GUILD_ID/);
  });

  it("passes a configuration error through and words anything else", () => {
    expect(explainDeployError(new ConfigError("Fix X."))).toBe("Fix X.");
    expect(explainDeployError(new Error("connect ECONNREFUSED"))).toMatch(
      /connect ECONNREFUSED.*try again/,
    );
  });
});
