import {
  type APIApplicationCommand,
  ApplicationCommandType,
  ApplicationIntegrationType,
  RESTJSONErrorCodes,
  type RESTPostAPIApplicationCommandsJSONBody,
  type Snowflake,
} from "discord-api-types/v10";
import { discordError, type FakeResponse, invalidFormBody, NO_CONTENT, ok } from "./errors.js";
import type { RouteContext, RouteDefinition } from "./rest.js";
import { commandProblems, normalizedPermissions } from "./validation.js";

const GLOBAL_SCOPE = "global";

/**
 * Stores application commands the way Discord does for a deploy script: a bulk PUT replaces the
 * scope's list, and a command keeps its id when it is re-registered under the same name and type.
 */
export class CommandRegistry {
  readonly #byScope = new Map<string, APIApplicationCommand[]>();
  readonly #applicationId: Snowflake;
  readonly #guildIds: ReadonlySet<Snowflake>;
  readonly #snowflake: () => Snowflake;

  constructor(
    applicationId: Snowflake,
    guildIds: ReadonlySet<Snowflake>,
    snowflake: () => Snowflake,
  ) {
    this.#applicationId = applicationId;
    this.#guildIds = guildIds;
    this.#snowflake = snowflake;
  }

  list(guildId?: Snowflake): APIApplicationCommand[] {
    return this.#byScope.get(guildId ?? GLOBAL_SCOPE) ?? [];
  }

  /** A guild command shadows a global one of the same name, as in the Discord client. */
  find(
    name: string,
    type: ApplicationCommandType,
    guildId: Snowflake | undefined,
  ): APIApplicationCommand | undefined {
    const matches = (command: APIApplicationCommand) =>
      command.name === name && command.type === type;
    return (guildId ? this.list(guildId).find(matches) : undefined) ?? this.list().find(matches);
  }

  routes(): RouteDefinition[] {
    const scopes = ["/applications/:app/commands", "/applications/:app/guilds/:guild/commands"];
    return scopes.flatMap((base) => [
      {
        method: "GET",
        pattern: base,
        auth: true,
        handle: (c) => this.#scoped(c, (s) => ok(this.list(s))),
      },
      {
        method: "PUT",
        pattern: base,
        auth: true,
        handle: (c) => this.#scoped(c, (s) => this.#replaceAll(c, s)),
      },
      {
        method: "POST",
        pattern: base,
        auth: true,
        handle: (c) => this.#scoped(c, (s) => this.#upsert(c, s)),
      },
      {
        method: "GET",
        pattern: `${base}/:command`,
        auth: true,
        handle: (c) => this.#scoped(c, (s) => this.#withCommand(c, s, (command) => ok(command))),
      },
      {
        method: "PATCH",
        pattern: `${base}/:command`,
        auth: true,
        handle: (c) => this.#scoped(c, (s) => this.#edit(c, s)),
      },
      {
        method: "DELETE",
        pattern: `${base}/:command`,
        auth: true,
        handle: (c) => this.#scoped(c, (s) => this.#delete(c, s)),
      },
    ]);
  }

  #scoped(
    context: RouteContext,
    handle: (guildId: Snowflake | undefined) => FakeResponse,
  ): FakeResponse {
    const { app, guild } = context.params;
    if (app !== this.#applicationId) {
      return discordError(404, RESTJSONErrorCodes.UnknownApplication, "Unknown Application");
    }
    if (guild !== undefined && !this.#guildIds.has(guild)) {
      return discordError(403, RESTJSONErrorCodes.MissingAccess, "Missing Access");
    }
    return handle(guild);
  }

  #store(guildId: Snowflake | undefined, commands: APIApplicationCommand[]): void {
    this.#byScope.set(guildId ?? GLOBAL_SCOPE, commands);
  }

  #materialize(
    body: RESTPostAPIApplicationCommandsJSONBody,
    guildId: Snowflake | undefined,
    previous: APIApplicationCommand | undefined,
  ): APIApplicationCommand {
    const type = body.type ?? ApplicationCommandType.ChatInput;
    return {
      nsfw: false,
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: null,
      ...(body as Partial<APIApplicationCommand>),
      id: previous?.id ?? this.#snowflake(),
      application_id: this.#applicationId,
      type,
      name: body.name,
      description: "description" in body ? (body.description ?? "") : "",
      version: this.#snowflake(),
      // Stored and listed as a decimal string (or null), however the bit set was sent.
      default_member_permissions: normalizedPermissions(body.default_member_permissions),
      ...(guildId ? { guild_id: guildId } : {}),
    };
  }

  #replaceAll(context: RouteContext, guildId: Snowflake | undefined): FakeResponse {
    const bodies = context.request.body;
    if (!Array.isArray(bodies)) {
      return invalidFormBody([{ path: [], code: "BASE_TYPE_ARRAY", message: "Must be an array." }]);
    }
    const commands = bodies as RESTPostAPIApplicationCommandsJSONBody[];
    const problems = commands.flatMap((command, index) => commandProblems(command, [index]));
    const seen = new Set<string>();
    commands.forEach((command, index) => {
      const key = `${command.type ?? ApplicationCommandType.ChatInput}:${command.name}`;
      if (seen.has(key)) {
        problems.push({
          path: [index, "name"],
          code: "APPLICATION_COMMANDS_DUPLICATE_NAME",
          message: `Application command names must be unique: ${command.name}`,
        });
      }
      seen.add(key);
    });
    if (problems.length > 0) return invalidFormBody(problems);
    const existing = this.list(guildId);
    const stored = commands.map((body) =>
      this.#materialize(
        body,
        guildId,
        existing.find(
          (command) =>
            command.name === body.name &&
            command.type === (body.type ?? ApplicationCommandType.ChatInput),
        ),
      ),
    );
    this.#store(guildId, stored);
    return ok(stored);
  }

  #upsert(context: RouteContext, guildId: Snowflake | undefined): FakeResponse {
    const body = context.request.body as RESTPostAPIApplicationCommandsJSONBody;
    const problems = commandProblems(body, []);
    if (problems.length > 0) return invalidFormBody(problems);
    const type = body.type ?? ApplicationCommandType.ChatInput;
    const existing = this.list(guildId);
    const previous = existing.find(
      (command) => command.name === body.name && command.type === type,
    );
    const stored = this.#materialize(body, guildId, previous);
    this.#store(guildId, [...existing.filter((command) => command !== previous), stored]);
    // Discord answers 201 for a new command and 200 when an existing one was overwritten.
    return { status: previous ? 200 : 201, body: stored };
  }

  #withCommand(
    context: RouteContext,
    guildId: Snowflake | undefined,
    handle: (command: APIApplicationCommand) => FakeResponse,
  ): FakeResponse {
    const command = this.list(guildId).find(({ id }) => id === context.params.command);
    if (!command) {
      return discordError(
        404,
        RESTJSONErrorCodes.UnknownApplicationCommand,
        "Unknown application command",
      );
    }
    return handle(command);
  }

  #edit(context: RouteContext, guildId: Snowflake | undefined): FakeResponse {
    return this.#withCommand(context, guildId, (command) => {
      const merged = {
        ...command,
        ...(context.request.body as object),
      } as RESTPostAPIApplicationCommandsJSONBody;
      const problems = commandProblems(merged, []);
      if (problems.length > 0) return invalidFormBody(problems);
      const stored = this.#materialize(merged, guildId, command);
      this.#store(
        guildId,
        this.list(guildId).map((candidate) => (candidate === command ? stored : candidate)),
      );
      return ok(stored);
    });
  }

  #delete(context: RouteContext, guildId: Snowflake | undefined): FakeResponse {
    return this.#withCommand(context, guildId, (command) => {
      this.#store(
        guildId,
        this.list(guildId).filter((candidate) => candidate !== command),
      );
      return NO_CONTENT;
    });
  }
}
