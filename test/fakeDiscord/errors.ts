import { RESTJSONErrorCodes } from "discord-api-types/v10";

export interface FakeResponse {
  status: number;
  /** Sent as JSON, except bytes (a Uint8Array), which are sent as they are. */
  body?: unknown;
  headers?: Record<string, string>;
}

export function ok(body: unknown): FakeResponse {
  return { status: 200, body };
}

export const NO_CONTENT: FakeResponse = { status: 204 };

export function discordError(
  status: number,
  code: number,
  message: string,
  errors?: object,
): FakeResponse {
  return { status, body: { code, message, ...(errors ? { errors } : {}) } };
}

export const notFoundRoute = (): FakeResponse => discordError(404, 0, "404: Not Found");
export const unauthorized = (): FakeResponse => discordError(401, 0, "401: Unauthorized");
export const unknownInteraction = (): FakeResponse =>
  discordError(404, RESTJSONErrorCodes.UnknownInteraction, "Unknown interaction");
export const alreadyAcknowledged = (): FakeResponse =>
  discordError(
    400,
    RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
    "Interaction has already been acknowledged.",
  );
export const unknownWebhook = (): FakeResponse =>
  discordError(404, RESTJSONErrorCodes.UnknownWebhook, "Unknown Webhook");
export const unknownMessage = (): FakeResponse =>
  discordError(404, RESTJSONErrorCodes.UnknownMessage, "Unknown Message");
export const emptyMessage = (): FakeResponse =>
  discordError(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage, "Cannot send an empty message");

/**
 * A form-body error in Discord's nested shape: `{"data": {"content": {"_errors": [...]}}}`.
 * The `_errors` codes are modelled on Discord's; the wording is the fake's own.
 */
export interface FieldProblem {
  path: (string | number)[];
  code: string;
  message: string;
}

interface ErrorEntry {
  code: string;
  message: string;
}

interface ErrorTree {
  _errors?: ErrorEntry[];
  [key: string]: ErrorTree | ErrorEntry[] | undefined;
}

function childOf(node: ErrorTree, key: string): ErrorTree {
  const existing = node[key];
  if (existing !== undefined && !Array.isArray(existing)) return existing;
  const created: ErrorTree = {};
  node[key] = created;
  return created;
}

export function invalidFormBody(problems: FieldProblem[]): FakeResponse {
  const errors: ErrorTree = {};
  for (const problem of problems) {
    const leaf = problem.path.reduce<ErrorTree>((node, key) => childOf(node, String(key)), errors);
    leaf._errors = [...(leaf._errors ?? []), { code: problem.code, message: problem.message }];
  }
  return discordError(
    400,
    RESTJSONErrorCodes.InvalidFormBodyOrContentType,
    "Invalid Form Body",
    errors,
  );
}
