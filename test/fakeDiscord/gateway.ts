import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import {
  type APIUser,
  GatewayDispatchEvents,
  type GatewayGuildCreateDispatchData,
  type GatewayIdentifyData,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
  type GatewayResumeData,
  type Snowflake,
} from "discord-api-types/v10";
import { type WebSocket, WebSocketServer } from "ws";
import { shardForGuild } from "./ids.js";

export const GATEWAY_PATH = "/gateway";
/** A separate path, so tests can see that a client resumed on `resume_gateway_url`. */
export const RESUME_GATEWAY_PATH = "/gateway-resume";

/** Discord ends the session on these, so a later RESUME is refused with INVALID_SESSION. */
const SESSION_ENDING_CLOSE_CODES = new Set([4004, 4007, 4009, 4010, 4011, 4012, 4013, 4014]);
/** A client that closes with these ends its own session (its bot goes offline). */
const CLIENT_SESSION_ENDING_CLOSE_CODES = new Set([1000, 1001]);

export interface GatewayOptions {
  heartbeatIntervalMs: number;
  token: string | undefined;
  botUser: APIUser;
  applicationId: Snowflake;
  applicationFlags: number;
  resumeGatewayUrl: string;
  guildsForShard: (shardId: number, shardCount: number) => GatewayGuildCreateDispatchData[];
}

/** Something the client sent over the gateway. */
export interface ReceivedGatewayPayload {
  connectionId: number;
  shardId: number | null;
  op: GatewayOpcodes;
  d: unknown;
  receivedAt: number;
}

export type ConnectionPhase = "awaiting-auth" | "ready" | "closed";

export interface GatewayConnectionInfo {
  id: number;
  /** `gateway` for a fresh connect, `resume` when the client used `resume_gateway_url`. */
  endpoint: "gateway" | "resume";
  query: Record<string, string>;
  shard: [shardId: number, shardCount: number] | null;
  sessionId: string | null;
  /** How the connection became ready, once it has. */
  readyVia: "identify" | "resume" | null;
  phase: ConnectionPhase;
  /** The close code, from whichever side closed first; 1006 for a dropped connection. */
  closeCode: number | null;
  /** The intents the session identified with; 0 before it has. */
  intents: number;
}

export interface DispatchRoute {
  shardId?: number | undefined;
  guildId?: Snowflake | undefined;
}

interface Session {
  id: string;
  shard: [number, number];
  intents: number;
  sequence: number;
  alive: boolean;
  connection: Connection | null;
}

interface Connection {
  info: GatewayConnectionInfo;
  socket: WebSocket;
  session: Session | null;
}

interface ReadyWaiter {
  shardId: number;
  resolve: (info: GatewayConnectionInfo) => void;
}

export class FakeGateway {
  readonly received: ReceivedGatewayPayload[] = [];
  acknowledgeHeartbeats = true;
  readonly #options: GatewayOptions;
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #connections: Connection[] = [];
  readonly #sessions = new Map<string, Session>();
  #readyWaiters: ReadyWaiter[] = [];

  constructor(options: GatewayOptions) {
    this.#options = options;
  }

  get connections(): readonly GatewayConnectionInfo[] {
    return this.#connections.map((connection) => ({ ...connection.info }));
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? "/", "http://fake.invalid");
    const endpoint =
      url.pathname === GATEWAY_PATH
        ? "gateway"
        : url.pathname === RESUME_GATEWAY_PATH
          ? "resume"
          : null;
    if (!endpoint) {
      socket.destroy();
      return;
    }
    this.#server.handleUpgrade(request, socket, head, (ws) => {
      this.#accept(ws, endpoint, Object.fromEntries(url.searchParams));
    });
  }

  /**
   * Sends a dispatch to every ready connection it belongs on: the given shard, else the shard
   * that covers `guildId` under the shard count the client identified with, else shard 0 (where
   * Discord sends DM events). Returns how many connections received it.
   */
  dispatch(event: GatewayDispatchEvents, data: unknown, route: DispatchRoute): number {
    return this.dispatchEach(event, () => data, route);
  }

  /**
   * Like dispatch, with the payload made for each connection from what it identified with
   * (Discord sends a message's content only to sessions entitled to it); null sends nothing.
   */
  dispatchEach(
    event: GatewayDispatchEvents,
    dataFor: (info: GatewayConnectionInfo) => unknown,
    route: DispatchRoute,
  ): number {
    const targets = this.#liveConnections().filter((connection) => {
      const shard = connection.info.shard;
      if (connection.info.phase !== "ready" || !shard) return false;
      const [shardId, shardCount] = shard;
      if (route.shardId !== undefined) return shardId === route.shardId;
      if (route.guildId !== undefined) return shardForGuild(route.guildId, shardCount) === shardId;
      return shardId === 0;
    });
    let sent = 0;
    for (const connection of targets) {
      const data = dataFor(connection.info);
      if (data === null) continue;
      this.#sendDispatch(connection, event, data);
      sent++;
    }
    return sent;
  }

  close(code: number, shardId?: number): void {
    for (const connection of this.#liveConnections(shardId)) {
      this.#markClosed(connection, code);
      connection.socket.close(code, "closed by the fake");
    }
  }

  terminate(shardId?: number): void {
    for (const connection of this.#liveConnections(shardId)) {
      this.#markClosed(connection, 1006);
      connection.socket.terminate();
    }
  }

  /** Opcode 7: Discord asks the client to reconnect and resume. */
  requestReconnect(shardId?: number): void {
    for (const connection of this.#liveConnections(shardId)) {
      this.#send(connection, { op: GatewayOpcodes.Reconnect, d: null });
    }
  }

  waitForReady(shardId: number, timeoutMs: number): Promise<GatewayConnectionInfo> {
    const ready = this.#readyConnections(shardId).at(-1);
    if (ready) return Promise.resolve({ ...ready.info });
    return new Promise((resolve, reject) => {
      const waiter: ReadyWaiter = {
        shardId,
        resolve: (info) => {
          clearTimeout(timer);
          resolve(info);
        },
      };
      const timer = setTimeout(() => {
        this.#readyWaiters = this.#readyWaiters.filter((candidate) => candidate !== waiter);
        reject(new Error(`FakeDiscord: shard ${shardId} was not ready within ${timeoutMs}ms`));
      }, timeoutMs);
      this.#readyWaiters.push(waiter);
    });
  }

  /**
   * Closes every socket with 4004 (authentication failed), which discord.js treats as fatal, so
   * a client that is still running does not keep reconnecting to a server that is gone.
   */
  async shutdown(): Promise<void> {
    const closing = this.#liveConnections().map(
      (connection) =>
        new Promise<void>((resolve) => {
          const fallback = setTimeout(() => {
            connection.socket.terminate();
            resolve();
          }, 500);
          connection.socket.once("close", () => {
            clearTimeout(fallback);
            resolve();
          });
          this.#markClosed(connection, 4004);
          connection.socket.close(4004, "fake Discord stopped");
        }),
    );
    await Promise.all(closing);
    this.#server.close();
  }

  #liveConnections(shardId?: number): Connection[] {
    return this.#connections.filter(
      (connection) =>
        connection.info.phase !== "closed" &&
        (shardId === undefined || connection.info.shard?.[0] === shardId),
    );
  }

  #readyConnections(shardId: number): Connection[] {
    return this.#liveConnections(shardId).filter((connection) => connection.info.phase === "ready");
  }

  #accept(
    socket: WebSocket,
    endpoint: GatewayConnectionInfo["endpoint"],
    query: Record<string, string>,
  ): void {
    const connection: Connection = {
      socket,
      session: null,
      info: {
        id: this.#connections.length + 1,
        endpoint,
        query,
        shard: null,
        sessionId: null,
        readyVia: null,
        phase: "awaiting-auth",
        closeCode: null,
        intents: 0,
      },
    };
    this.#connections.push(connection);
    socket.on("message", (raw) => this.#onMessage(connection, raw.toString()));
    socket.on("close", (code) => {
      if (connection.info.phase !== "closed") this.#markClosed(connection, code);
      if (CLIENT_SESSION_ENDING_CLOSE_CODES.has(code) && connection.session) {
        connection.session.alive = false;
      }
    });
    if (query.v !== "10") {
      this.#markClosed(connection, 4012);
      socket.close(4012, "Invalid API version");
      return;
    }
    this.#send(connection, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.#options.heartbeatIntervalMs },
    });
  }

  #markClosed(connection: Connection, code: number): void {
    connection.info.phase = "closed";
    connection.info.closeCode = code;
    const session = connection.session;
    if (!session) return;
    if (session.connection === connection) session.connection = null;
    if (SESSION_ENDING_CLOSE_CODES.has(code)) session.alive = false;
  }

  #onMessage(connection: Connection, text: string): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(text);
    } catch {
      this.#markClosed(connection, 4002);
      connection.socket.close(4002, "Decode error");
      return;
    }
    this.received.push({
      connectionId: connection.info.id,
      shardId: connection.info.shard?.[0] ?? null,
      op: payload.op as GatewayOpcodes,
      d: payload.d,
      receivedAt: Date.now(),
    });
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        if (this.acknowledgeHeartbeats) this.#send(connection, { op: GatewayOpcodes.HeartbeatAck });
        return;
      case GatewayOpcodes.Identify:
        this.#identify(connection, payload.d as GatewayIdentifyData);
        return;
      case GatewayOpcodes.Resume:
        this.#resume(connection, payload.d as GatewayResumeData);
        return;
      default:
        // Presence updates, member requests and the like are recorded but need no answer here.
        return;
    }
  }

  #tokenIsWrong(token: string): boolean {
    return this.#options.token !== undefined && token !== this.#options.token;
  }

  #identify(connection: Connection, identify: GatewayIdentifyData): void {
    if (connection.session) {
      this.#markClosed(connection, 4005);
      connection.socket.close(4005, "Already authenticated");
      return;
    }
    if (this.#tokenIsWrong(identify.token)) {
      this.#markClosed(connection, 4004);
      connection.socket.close(4004, "Authentication failed");
      return;
    }
    const shard = identify.shard ?? [0, 1];
    if (shard[0] < 0 || shard[0] >= shard[1]) {
      this.#markClosed(connection, 4010);
      connection.socket.close(4010, "Invalid shard");
      return;
    }
    const session: Session = {
      id: randomUUID(),
      shard,
      intents: identify.intents,
      sequence: 0,
      alive: true,
      connection,
    };
    this.#sessions.set(session.id, session);
    this.#bind(connection, session, "identify");

    const guilds = this.#options.guildsForShard(shard[0], shard[1]);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: this.#options.botUser,
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.#options.resumeGatewayUrl,
      shard,
      application: {
        id: this.#options.applicationId,
        flags: this.#options.applicationFlags,
        flags_new: String(this.#options.applicationFlags),
      },
    };
    this.#sendDispatch(connection, GatewayDispatchEvents.Ready, ready);
    // Without the Guilds intent Discord leaves the guilds unavailable and sends no GUILD_CREATE.
    if ((identify.intents & GatewayIntentBits.Guilds) !== 0) {
      for (const guild of guilds)
        this.#sendDispatch(connection, GatewayDispatchEvents.GuildCreate, guild);
    }
    this.#notifyReady(connection);
  }

  #resume(connection: Connection, resume: GatewayResumeData): void {
    const session = this.#sessions.get(resume.session_id);
    if (!session?.alive || this.#tokenIsWrong(resume.token)) {
      this.#send(connection, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    const previous = session.connection;
    if (previous && previous !== connection) {
      // Discord keeps one connection per session; the superseded one is dropped.
      this.#markClosed(previous, 1006);
      previous.socket.terminate();
    }
    this.#bind(connection, session, "resume");
    this.#sendDispatch(connection, GatewayDispatchEvents.Resumed, null);
    this.#notifyReady(connection);
  }

  #bind(connection: Connection, session: Session, via: "identify" | "resume"): void {
    connection.session = session;
    session.connection = connection;
    connection.info.shard = session.shard;
    connection.info.intents = session.intents;
    connection.info.sessionId = session.id;
    connection.info.readyVia = via;
    connection.info.phase = "ready";
  }

  #notifyReady(connection: Connection): void {
    const shardId = connection.info.shard?.[0];
    const waiting = this.#readyWaiters.filter((waiter) => waiter.shardId === shardId);
    this.#readyWaiters = this.#readyWaiters.filter((waiter) => waiter.shardId !== shardId);
    for (const waiter of waiting) waiter.resolve({ ...connection.info });
  }

  #sendDispatch(connection: Connection, event: GatewayDispatchEvents, data: unknown): void {
    const session = connection.session;
    if (!session) throw new Error("FakeDiscord: dispatch on a connection without a session");
    session.sequence += 1;
    this.#send(connection, { op: GatewayOpcodes.Dispatch, t: event, s: session.sequence, d: data });
  }

  #send(
    connection: Connection,
    payload: { op: GatewayOpcodes; d?: unknown; t?: string; s?: number },
  ): void {
    connection.socket.send(JSON.stringify({ t: null, s: null, d: null, ...payload }));
  }
}
