import type { IncomingMessage, ServerResponse } from "node:http";
import { RESTJSONErrorCodes } from "discord-api-types/v10";
import { discordError, type FakeResponse, notFoundRoute, unauthorized } from "./errors.js";

export interface RecordedFile {
  /** The multipart field name, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface RecordedRequest {
  method: string;
  /** Decoded path below `/api/v{n}`, e.g. `/webhooks/1/token/messages/@original`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The JSON body, taken from `payload_json` when the request was multipart. */
  body: unknown;
  files: RecordedFile[];
  receivedAt: number;
  /** Set once answered; a request still waiting on a delay fault has none yet. */
  status?: number;
  faulted: boolean;
}

/**
 * Which requests a fault (or a search) applies to:
 * - a string `"[METHOD ]/path"` where `:name` or `*` matches one path segment,
 *   e.g. `"POST /interactions/:id/:token/callback"`;
 * - a RegExp tested against `"METHOD /path"`;
 * - a predicate over the recorded request.
 */
export type RouteMatcher = string | RegExp | ((request: RecordedRequest) => boolean);

export interface RestFault {
  /** Omit to only delay the request and then answer it normally. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  /** For 429s: seconds to wait, used for `retry_after` and the rate-limit headers. Default 0.05. */
  retryAfterSeconds?: number;
  /** For 429s: mark the limit as global (adds `x-ratelimit-global`). */
  global?: boolean;
}

export interface RouteContext {
  request: RecordedRequest;
  params: Record<string, string>;
}

export interface RouteDefinition {
  method: string;
  /** Same pattern syntax as a string RouteMatcher, without the method. */
  pattern: string;
  /** Whether the route needs the bot token; interaction callbacks and webhooks do not. */
  auth: boolean;
  handle: (context: RouteContext) => FakeResponse | Promise<FakeResponse>;
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}

function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const expected = splitPath(pattern);
  const actual = splitPath(path);
  if (expected.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of expected.entries()) {
    const segment = actual[index] as string;
    if (part.startsWith(":")) params[part.slice(1)] = segment;
    else if (part !== "*" && part !== segment) return null;
  }
  return params;
}

export function matchesRoute(matcher: RouteMatcher, request: RecordedRequest): boolean {
  if (typeof matcher === "function") return matcher(request);
  if (matcher instanceof RegExp) return matcher.test(`${request.method} ${request.path}`);
  const [first = "", second] = matcher.trim().split(/\s+/, 2);
  const method = second === undefined ? undefined : first.toUpperCase();
  const pattern = second ?? first;
  return (
    (method === undefined || method === request.method) &&
    matchPattern(pattern, request.path) !== null
  );
}

function rateLimitResponse(fault: RestFault): FakeResponse {
  const retryAfter = fault.retryAfterSeconds ?? 0.05;
  const resetAt = Date.now() / 1000 + retryAfter;
  return {
    status: 429,
    body: fault.body ?? {
      message: "You are being rate limited.",
      retry_after: retryAfter,
      global: Boolean(fault.global),
    },
    headers: {
      "retry-after": String(retryAfter),
      "x-ratelimit-limit": "5",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": resetAt.toFixed(3),
      "x-ratelimit-reset-after": String(retryAfter),
      "x-ratelimit-scope": fault.global ? "global" : "user",
      ...(fault.global ? { "x-ratelimit-global": "true" } : {}),
      ...fault.headers,
    },
  };
}

function faultResponse(fault: RestFault & { status: number }): FakeResponse {
  if (fault.status === 429) return rateLimitResponse(fault);
  return {
    status: fault.status,
    body: fault.body ?? { message: `${fault.status}: injected by the fake`, code: 0 },
    ...(fault.headers ? { headers: fault.headers } : {}),
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

class InvalidJsonError extends Error {}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidJsonError(text);
  }
}

async function parseBody(
  raw: Buffer,
  contentType: string,
): Promise<{ body: unknown; files: RecordedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (!contentType.startsWith("multipart/form-data")) {
    return { body: parseJson(raw.toString("utf8")), files: [] };
  }
  // The WHATWG Request parser saves depending on a multipart library.
  const form = await new Request("http://fake.invalid/", {
    method: "POST",
    headers: { "content-type": contentType },
    body: raw,
  }).formData();
  const files: RecordedFile[] = [];
  const fields: Record<string, string> = {};
  for (const [field, value] of form.entries()) {
    if (typeof value === "string") fields[field] = value;
    else files.push({ field, filename: value.name, contentType: value.type, size: value.size });
  }
  const payloadJson = fields.payload_json;
  return { body: payloadJson === undefined ? fields : parseJson(payloadJson), files };
}

function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

const API_PREFIX = /^\/api(?:\/v\d+)?(?=\/|$)/;

/** Records and answers REST calls; knows nothing about what the routes mean. */
export class FakeRest {
  readonly requests: RecordedRequest[] = [];
  readonly #faults: { matcher: RouteMatcher; fault: RestFault }[] = [];
  readonly #pendingDelays = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  readonly #routes: RouteDefinition[];
  readonly #token: string | undefined;

  constructor(routes: RouteDefinition[], token: string | undefined) {
    this.#routes = routes;
    this.#token = token;
  }

  failNext(matcher: RouteMatcher, fault: RestFault): void {
    this.#faults.push({ matcher, fault });
  }

  find(matcher: RouteMatcher): RecordedRequest[] {
    return this.requests.filter((request) => matchesRoute(matcher, request));
  }

  /** Releases requests held by delay faults so that the server can close. */
  releaseDelays(): void {
    for (const pending of this.#pendingDelays) {
      clearTimeout(pending.timer);
      pending.resolve();
    }
    this.#pendingDelays.clear();
  }

  async handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? "/", "http://fake.invalid");
    const headers = flattenHeaders(incoming);
    const raw = await readBody(incoming);
    const record: RecordedRequest = {
      method: (incoming.method ?? "GET").toUpperCase(),
      path: decodeURIComponent(url.pathname.replace(API_PREFIX, "")),
      query: Object.fromEntries(url.searchParams),
      headers,
      body: undefined,
      files: [],
      receivedAt: Date.now(),
      faulted: false,
    };
    this.requests.push(record);

    let response: FakeResponse;
    try {
      Object.assign(record, await parseBody(raw, headers["content-type"] ?? ""));
      response = await this.#answer(record);
    } catch (error) {
      if (!(error instanceof InvalidJsonError)) throw error;
      response = discordError(
        400,
        RESTJSONErrorCodes.RequestBodyContainsInvalidJSON,
        "The request body contains invalid JSON.",
      );
    }
    record.status = response.status;
    this.#send(outgoing, response);
  }

  async #answer(record: RecordedRequest): Promise<FakeResponse> {
    const faultIndex = this.#faults.findIndex(({ matcher }) => matchesRoute(matcher, record));
    const fault = faultIndex === -1 ? undefined : this.#faults.splice(faultIndex, 1)[0]?.fault;
    if (fault?.delayMs) await this.#delay(fault.delayMs);
    if (fault?.status !== undefined) {
      record.faulted = true;
      return faultResponse({ ...fault, status: fault.status });
    }
    for (const route of this.#routes) {
      if (route.method !== record.method) continue;
      const params = matchPattern(route.pattern, record.path);
      if (!params) continue;
      if (
        route.auth &&
        this.#token !== undefined &&
        record.headers.authorization !== `Bot ${this.#token}`
      ) {
        return unauthorized();
      }
      return route.handle({ request: record, params });
    }
    return notFoundRoute();
  }

  #delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const pending = {
        timer: setTimeout(() => {
          this.#pendingDelays.delete(pending);
          resolve();
        }, ms),
        resolve,
      };
      this.#pendingDelays.add(pending);
    });
  }

  #send(outgoing: ServerResponse, response: FakeResponse): void {
    if (outgoing.destroyed) return;
    const hasBody = response.body !== undefined && response.status !== 204;
    // Bytes (a CDN download) go out as they are; the route sets their content type.
    const raw = response.body instanceof Uint8Array ? response.body : undefined;
    outgoing.writeHead(response.status, {
      ...(hasBody && !raw ? { "content-type": "application/json" } : {}),
      ...response.headers,
    });
    outgoing.end(hasBody ? (raw ?? JSON.stringify(response.body)) : undefined);
  }
}
