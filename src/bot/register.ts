import { DiscordAPIError, REST, Routes } from "discord.js";
import type { Command } from "../commands/command.js";
import { type BotConfig, ConfigError, requireDiscordCredentials } from "./config.js";

/** Discord's "Missing Access": the bot is not in that server. */
const MISSING_ACCESS = 50001;

export interface DeployOptions {
  config: BotConfig;
  commands: readonly Command[];
  /** Registers an empty list, removing the commands. */
  undeploy?: boolean;
  /** Tests pass a fake; otherwise a REST client for DISCORD_API_URL or Discord. */
  rest?: Pick<REST, "put">;
}

export interface DeployResult {
  scope: "guild" | "global";
  guildId?: string;
  count: number;
}

/**
 * Replaces the application's commands in one place only: the test server when DISCORD_GUILD_ID
 * is set, globally otherwise. Registering in both would show every command twice in that server.
 */
export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const { config } = options;
  const { token, clientId } = requireDiscordCredentials(config);
  const rest =
    options.rest ?? new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(token);
  const body = options.undeploy ? [] : options.commands.map((command) => command.data);
  if (config.guildId) {
    await rest.put(Routes.applicationGuildCommands(clientId, config.guildId), { body });
    return { scope: "guild", guildId: config.guildId, count: body.length };
  }
  await rest.put(Routes.applicationCommands(clientId), { body });
  return { scope: "global", count: body.length };
}

export function describeDeployment(result: DeployResult): string {
  const where = result.guildId ? `in server ${result.guildId}` : "globally";
  if (result.count === 0) return `Removed all of Readout's commands ${where}.`;
  const noun = result.count === 1 ? "command" : "commands";
  return `Registered ${result.count} ${noun} ${where}.`;
}

/** A failed deployment as a sentence that says what to do. */
export function explainDeployError(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof DiscordAPIError) {
    if (error.status === 401) {
      return "Discord refused DISCORD_TOKEN. Copy the token again from the Bot page of your application in the Discord Developer Portal.";
    }
    if (error.code === MISSING_ACCESS) {
      return "Discord refused access to that server. Check DISCORD_GUILD_ID and that the bot has been invited there with the applications.commands scope.";
    }
    return `Discord rejected the commands: ${error.message}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Deploying the commands failed: ${message}. Check your network and DISCORD_API_URL, then try again.`;
}
