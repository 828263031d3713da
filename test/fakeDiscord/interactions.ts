import {
  type APIAttachment,
  type APICommandAutocompleteInteractionResponseCallbackData,
  type APIInteraction,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIModalInteractionResponseCallbackData,
  type APIUser,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  type RESTPatchAPIWebhookWithTokenMessageJSONBody,
  type RESTPostAPIInteractionCallbackWithResponseResult,
  type RESTPostAPIWebhookWithTokenJSONBody,
  type Snowflake,
} from "discord-api-types/v10";
import {
  alreadyAcknowledged,
  emptyMessage,
  type FakeResponse,
  type FieldProblem,
  invalidFormBody,
  NO_CONTENT,
  ok,
  unknownInteraction,
  unknownMessage,
  unknownWebhook,
} from "./errors.js";
import { buildMessage } from "./fixtures.js";
import type { RecordedFile, RouteContext, RouteDefinition } from "./rest.js";
import {
  autocompleteProblems,
  isEmptyMessage,
  type MessageBody,
  messageBodyProblems,
  modalProblems,
} from "./validation.js";

/** A loose view of every callback's `data`, so tests can read fields without narrowing first. */
export type CallbackData = Partial<APIInteractionResponseCallbackData> &
  Partial<APICommandAutocompleteInteractionResponseCallbackData> &
  Partial<Omit<APIModalInteractionResponseCallbackData, "components">>;

/** Requests answered by a `failNext` fault never reach a trace; `fake.requests` has them. */
interface Attempt {
  /** The HTTP status the fake answered; only 2xx attempts changed anything. */
  status: number;
  /** Milliseconds between dispatching the interaction and receiving this request. */
  elapsedMs: number;
  files: RecordedFile[];
}

export interface RecordedCallback extends Attempt {
  type: InteractionResponseType;
  data: CallbackData | undefined;
}

export interface RecordedEdit extends Attempt {
  /** `original` for `@original`, otherwise the id of the follow-up that was edited. */
  target: "original" | Snowflake;
  data: RESTPatchAPIWebhookWithTokenMessageJSONBody;
}

export interface RecordedFollowUp extends Attempt {
  data: RESTPostAPIWebhookWithTokenJSONBody;
  /** The created message, when the follow-up was accepted. */
  message: APIMessage | undefined;
  /** Discord turns the first follow-up after a deferred reply into that reply. */
  filledDeferredReply: boolean;
}

/** Editable by an app: only these message flags change on an edit; the rest are Discord's. */
const EDITABLE_FLAGS = MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2;

function hasFlag(flags: number | undefined | null, flag: MessageFlags): boolean {
  return ((flags ?? 0) & flag) !== 0;
}

function isAccepted(attempt: Attempt): boolean {
  return attempt.status >= 200 && attempt.status < 300;
}

function interactionUser(payload: APIInteraction): APIUser {
  const user = payload.member?.user ?? payload.user;
  if (!user) throw new Error("FakeDiscord: interaction without a user");
  return user;
}

function describe(payload: APIInteraction): string {
  switch (payload.type) {
    case InteractionType.ApplicationCommand:
      return `command "${payload.data.name}"`;
    case InteractionType.ApplicationCommandAutocomplete:
      return `autocomplete for "${payload.data.name}"`;
    case InteractionType.MessageComponent:
      return `component "${payload.data.custom_id}"`;
    case InteractionType.ModalSubmit:
      return `modal "${payload.data.custom_id}"`;
    default:
      return `interaction type ${payload.type}`;
  }
}

/** Mutable state behind an InteractionTrace; only the registry writes to it. */
class InteractionState {
  readonly callbacks: RecordedCallback[] = [];
  readonly edits: RecordedEdit[] = [];
  readonly followUps: RecordedFollowUp[] = [];
  readonly followUpMessages = new Map<Snowflake, APIMessage>();
  /** What `@original` refers to: the reply, or for components the message they sit on. */
  original: APIMessage | undefined;
  originalDeleted = false;
  readonly dispatchedAt = Date.now();
  readonly #listeners = new Set<() => void>();

  constructor(readonly payload: APIInteraction) {
    this.original = payload.type === InteractionType.MessageComponent ? payload.message : undefined;
  }

  get response(): RecordedCallback | undefined {
    return this.callbacks.find(isAccepted);
  }

  elapsedMs(): number {
    return Date.now() - this.dispatchedAt;
  }

  changed(): void {
    for (const listener of this.#listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/**
 * What became of one dispatched interaction: every callback attempt, every edit and follow-up,
 * and the current state of the `@original` message.
 */
export class InteractionTrace {
  readonly #state: InteractionState;

  constructor(state: InteractionState) {
    this.#state = state;
  }

  get payload(): APIInteraction {
    return this.#state.payload;
  }

  get id(): Snowflake {
    return this.#state.payload.id;
  }

  get token(): string {
    return this.#state.payload.token;
  }

  /** Every POST to the callback route, including refused ones (see `status`). */
  get callbacks(): readonly RecordedCallback[] {
    return this.#state.callbacks;
  }

  /** The accepted initial response. */
  get response(): RecordedCallback | undefined {
    return this.#state.response;
  }

  /** Every PATCH of `@original` or of a follow-up, including refused ones. */
  get edits(): readonly RecordedEdit[] {
    return this.#state.edits;
  }

  get originalEdits(): readonly RecordedEdit[] {
    return this.#state.edits.filter((edit) => edit.target === "original");
  }

  /** Every follow-up POST, including refused ones. */
  get followUps(): readonly RecordedFollowUp[] {
    return this.#state.followUps;
  }

  /** The message `@original` currently shows, or undefined if there is none (yet) or it was deleted. */
  get original(): APIMessage | undefined {
    return this.#state.originalDeleted ? undefined : this.#state.original;
  }

  get originalDeleted(): boolean {
    return this.#state.originalDeleted;
  }

  /**
   * Whether the user now sees a final outcome: any response except a defer, a deferred reply
   * that was filled (by an edit or a follow-up) or deleted, or a deferred update followed by an
   * edit, a follow-up or a deletion.
   */
  get isSettled(): boolean {
    const response = this.#state.response;
    if (!response) return false;
    if (this.#state.originalDeleted) return true;
    switch (response.type) {
      case InteractionResponseType.DeferredChannelMessageWithSource:
        return !hasFlag(this.#state.original?.flags, MessageFlags.Loading);
      case InteractionResponseType.DeferredMessageUpdate:
        return this.originalEdits.some(isAccepted) || this.#state.followUps.some(isAccepted);
      default:
        return true;
    }
  }

  acknowledged(options: { timeoutMs?: number } = {}): Promise<RecordedCallback> {
    return this.#waitFor("acknowledged", options.timeoutMs, () => this.#state.response);
  }

  async settled(options: { timeoutMs?: number } = {}): Promise<this> {
    await this.#waitFor("settled", options.timeoutMs, () => (this.isSettled ? true : undefined));
    return this;
  }

  #summary(): string {
    const calls = this.#state.callbacks.map(
      (call) => `callback type ${call.type} -> ${call.status}`,
    );
    const edits = this.#state.edits.map((edit) => `edit ${edit.target} -> ${edit.status}`);
    const followUps = this.#state.followUps.map((followUp) => `follow-up -> ${followUp.status}`);
    const seen = [...calls, ...edits, ...followUps];
    return seen.length > 0 ? seen.join(", ") : "no requests";
  }

  #waitFor<T>(what: string, timeoutMs = 2_000, check: () => T | undefined): Promise<T> {
    const immediate = check();
    if (immediate !== undefined) return Promise.resolve(immediate);
    return new Promise((resolve, reject) => {
      const unsubscribe = this.#state.subscribe(() => {
        const value = check();
        if (value === undefined) return;
        finish();
        resolve(value);
      });
      const timer = setTimeout(() => {
        finish();
        reject(
          new Error(
            `FakeDiscord: ${describe(this.payload)} (${this.id}) was not ${what} within ${timeoutMs}ms; saw ${this.#summary()}`,
          ),
        );
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        unsubscribe();
      };
    });
  }
}

export interface InteractionRegistryOptions {
  applicationId: Snowflake;
  botUser: APIUser;
  snowflake: () => Snowflake;
  /** Discord refuses initial responses that arrive later than this (3 s in production). */
  responseDeadlineMs: number;
  attachmentBaseUrl: string;
}

type CallbackBody = APIInteractionResponse & { data?: CallbackData };

/** Which initial responses Discord accepts for which interaction types. */
function callbackTypeProblem(
  payload: APIInteraction,
  type: InteractionResponseType,
): string | undefined {
  const isAutocomplete = payload.type === InteractionType.ApplicationCommandAutocomplete;
  if (isAutocomplete !== (type === InteractionResponseType.ApplicationCommandAutocompleteResult)) {
    return isAutocomplete
      ? "An autocomplete interaction only accepts response type 8"
      : "Response type 8 is only valid for autocomplete interactions";
  }
  const updatesMessage =
    type === InteractionResponseType.DeferredMessageUpdate ||
    type === InteractionResponseType.UpdateMessage;
  const hasMessage =
    payload.type === InteractionType.MessageComponent || payload.message !== undefined;
  if (updatesMessage && !hasMessage) {
    return `Response type ${type} needs an interaction that comes from a message`;
  }
  if (type === InteractionResponseType.Modal && payload.type === InteractionType.ModalSubmit) {
    return "A modal submit cannot be answered with another modal";
  }
  const known = [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.ApplicationCommandAutocompleteResult,
    InteractionResponseType.Modal,
  ];
  return known.includes(type) ? undefined : `Response type ${type} is not supported by the fake`;
}

/** Serves the interaction callback and interaction webhook routes, and keeps each trace current. */
export class InteractionRegistry {
  readonly #byId = new Map<Snowflake, InteractionState>();
  readonly #byToken = new Map<string, InteractionState>();
  readonly #options: InteractionRegistryOptions;

  constructor(options: InteractionRegistryOptions) {
    this.#options = options;
  }

  register(payload: APIInteraction): InteractionTrace {
    const state = new InteractionState(payload);
    this.#byId.set(payload.id, state);
    this.#byToken.set(payload.token, state);
    return new InteractionTrace(state);
  }

  routes(): RouteDefinition[] {
    const message = "/webhooks/:app/:token/messages/:message";
    return [
      {
        method: "POST",
        pattern: "/interactions/:id/:token/callback",
        auth: false,
        handle: (c) => this.#callback(c),
      },
      {
        method: "POST",
        pattern: "/webhooks/:app/:token",
        auth: false,
        handle: (c) => this.#followUp(c),
      },
      { method: "GET", pattern: message, auth: false, handle: (c) => this.#getMessage(c) },
      { method: "PATCH", pattern: message, auth: false, handle: (c) => this.#editMessage(c) },
      { method: "DELETE", pattern: message, auth: false, handle: (c) => this.#deleteMessage(c) },
    ];
  }

  #callback({ request, params }: RouteContext): FakeResponse {
    const state = this.#byId.get(params.id ?? "");
    if (!state || state.payload.token !== params.token) return unknownInteraction();
    const body = request.body as CallbackBody;
    const record = (response: FakeResponse): FakeResponse => {
      state.callbacks.push({
        type: body.type,
        data: "data" in body ? body.data : undefined,
        status: response.status,
        elapsedMs: state.elapsedMs(),
        files: request.files,
      });
      state.changed();
      return response;
    };

    if (state.response) return record(alreadyAcknowledged());
    if (state.elapsedMs() > this.#options.responseDeadlineMs) return record(unknownInteraction());
    const typeProblem = callbackTypeProblem(state.payload, body.type);
    if (typeProblem) {
      return record(
        invalidFormBody([
          { path: ["type"], code: "INTERACTION_RESPONSE_TYPE_INVALID", message: typeProblem },
        ]),
      );
    }
    const refusal = this.#callbackDataRefusal(body, request.files.length);
    if (refusal) return record(refusal);

    this.#applyCallback(state, body, request.files);
    const response =
      request.query.with_response === "true"
        ? ok(this.#callbackResult(state, body.type))
        : NO_CONTENT;
    return record(response);
  }

  #callbackDataRefusal(body: CallbackBody, fileCount: number): FakeResponse | undefined {
    const data = body.data ?? {};
    let problems: FieldProblem[];
    switch (body.type) {
      case InteractionResponseType.ChannelMessageWithSource:
        if (isEmptyMessage(data, fileCount)) return emptyMessage();
        problems = messageBodyProblems(data, ["data"]);
        break;
      case InteractionResponseType.UpdateMessage:
        problems = messageBodyProblems(data, ["data"]);
        break;
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
        problems = autocompleteProblems(body.data);
        break;
      case InteractionResponseType.Modal:
        problems = modalProblems(body.data);
        break;
      default:
        problems = [];
    }
    return problems.length > 0 ? invalidFormBody(problems) : undefined;
  }

  #applyCallback(state: InteractionState, body: CallbackBody, files: RecordedFile[]): void {
    const data: MessageBody = body.data ?? {};
    switch (body.type) {
      case InteractionResponseType.ChannelMessageWithSource:
        state.original = this.#newMessage(state, data, files, data.flags ?? 0);
        return;
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const ephemeral = (data.flags ?? 0) & MessageFlags.Ephemeral;
        state.original = this.#newMessage(state, {}, [], MessageFlags.Loading | ephemeral);
        return;
      }
      case InteractionResponseType.UpdateMessage:
        if (state.original) state.original = this.#edited(state.original, data, files);
        return;
      default:
        return;
    }
  }

  #callbackResult(
    state: InteractionState,
    type: InteractionResponseType,
  ): RESTPostAPIInteractionCallbackWithResponseResult {
    const createsMessage =
      type === InteractionResponseType.ChannelMessageWithSource ||
      type === InteractionResponseType.DeferredChannelMessageWithSource ||
      type === InteractionResponseType.UpdateMessage;
    const message = createsMessage ? state.original : undefined;
    return {
      interaction: {
        id: state.payload.id,
        type: state.payload.type,
        ...(message
          ? {
              response_message_id: message.id,
              response_message_loading: hasFlag(message.flags, MessageFlags.Loading),
              response_message_ephemeral: hasFlag(message.flags, MessageFlags.Ephemeral),
            }
          : {}),
      },
      resource: { type, ...(message ? { message } : {}) },
    };
  }

  #webhookState(params: Record<string, string>): InteractionState | undefined {
    const state = this.#byToken.get(params.token ?? "");
    // The interaction webhook only exists once the interaction has been acknowledged.
    if (!state?.response || params.app !== this.#options.applicationId) return undefined;
    return state;
  }

  #followUp({ request, params }: RouteContext): FakeResponse {
    const state = this.#webhookState(params);
    if (!state) return unknownWebhook();
    const body = (request.body ?? {}) as RESTPostAPIWebhookWithTokenJSONBody & MessageBody;
    const original = state.original;
    const fillsDeferredReply =
      state.response?.type === InteractionResponseType.DeferredChannelMessageWithSource &&
      !state.originalDeleted &&
      original !== undefined &&
      hasFlag(original.flags, MessageFlags.Loading);
    const record = (response: FakeResponse, message?: APIMessage): FakeResponse => {
      state.followUps.push({
        data: body,
        message,
        filledDeferredReply: fillsDeferredReply && message !== undefined,
        status: response.status,
        elapsedMs: state.elapsedMs(),
        files: request.files,
      });
      state.changed();
      return response;
    };

    if (isEmptyMessage(body, request.files.length)) return record(emptyMessage());
    const problems = messageBodyProblems(body, []);
    if (problems.length > 0) return record(invalidFormBody(problems));

    let message: APIMessage;
    if (fillsDeferredReply && original) {
      // The deferred reply keeps the visibility chosen when deferring.
      message = { ...this.#edited(original, body, request.files), edited_timestamp: null };
      state.original = message;
    } else {
      message = this.#newMessage(state, body, request.files, body.flags ?? 0);
      message.interaction_metadata = {
        ...(message.interaction_metadata as APIMessageInteractionMetadata),
        ...(original ? { original_response_message_id: original.id } : {}),
      };
      state.followUpMessages.set(message.id, message);
    }
    return record(request.query.wait === "true" ? ok(message) : NO_CONTENT, message);
  }

  /** Resolves `@original` or a follow-up id to the message it names. */
  #target(state: InteractionState, messageId: string): APIMessage | undefined {
    if (messageId === "@original") return state.originalDeleted ? undefined : state.original;
    return state.followUpMessages.get(messageId);
  }

  #getMessage({ params }: RouteContext): FakeResponse {
    const state = this.#webhookState(params);
    if (!state) return unknownWebhook();
    const message = this.#target(state, params.message ?? "");
    return message ? ok(message) : unknownMessage();
  }

  #editMessage({ request, params }: RouteContext): FakeResponse {
    const state = this.#webhookState(params);
    if (!state) return unknownWebhook();
    const messageId = params.message ?? "";
    const body = (request.body ?? {}) as RESTPatchAPIWebhookWithTokenMessageJSONBody & MessageBody;
    const record = (response: FakeResponse): FakeResponse => {
      state.edits.push({
        target: messageId === "@original" ? "original" : messageId,
        data: body,
        status: response.status,
        elapsedMs: state.elapsedMs(),
        files: request.files,
      });
      state.changed();
      return response;
    };

    const current = this.#target(state, messageId);
    if (!current) return record(unknownMessage());
    const problems = messageBodyProblems(body, []);
    if (problems.length > 0) return record(invalidFormBody(problems));
    const wasLoading = hasFlag(current.flags, MessageFlags.Loading);
    const updated: APIMessage = {
      ...this.#edited(current, body, request.files),
      // Filling a deferred reply is its first version, not an edit.
      edited_timestamp: wasLoading ? null : new Date().toISOString(),
    };
    if (isEmptyMessage(updated, 0)) return record(emptyMessage());
    if (messageId === "@original") state.original = updated;
    else state.followUpMessages.set(messageId, updated);
    return record(ok(updated));
  }

  #deleteMessage({ params }: RouteContext): FakeResponse {
    const state = this.#webhookState(params);
    if (!state) return unknownWebhook();
    const messageId = params.message ?? "";
    if (!this.#target(state, messageId)) return unknownMessage();
    if (messageId === "@original") state.originalDeleted = true;
    else state.followUpMessages.delete(messageId);
    state.changed();
    return NO_CONTENT;
  }

  #attachments(files: RecordedFile[]): APIAttachment[] {
    return files.map((file) => {
      const id = this.#options.snowflake();
      const url = `${this.#options.attachmentBaseUrl}/${id}/${encodeURIComponent(file.filename)}`;
      return {
        id,
        filename: file.filename,
        size: file.size,
        content_type: file.contentType,
        url,
        proxy_url: url,
      };
    });
  }

  #edited(message: APIMessage, body: MessageBody, files: RecordedFile[]): APIMessage {
    const next: APIMessage = { ...message };
    if ("content" in body) next.content = body.content ?? "";
    if ("embeds" in body) next.embeds = body.embeds ?? [];
    if ("components" in body) next.components = (body.components ?? []) as APIMessage["components"];
    if ("attachments" in body || files.length > 0) {
      const keptIds = new Set(
        ((body.attachments ?? message.attachments) as { id?: unknown }[]).map(({ id }) =>
          String(id),
        ),
      );
      const kept = message.attachments.filter(({ id }) => keptIds.has(id));
      next.attachments = [...kept, ...this.#attachments(files)];
    }
    const previousFlags = message.flags ?? 0;
    const requestedFlags = body.flags ?? previousFlags;
    next.flags =
      ((previousFlags & ~EDITABLE_FLAGS) | (requestedFlags & EDITABLE_FLAGS)) &
      ~MessageFlags.Loading;
    return next;
  }

  #newMessage(
    state: InteractionState,
    body: MessageBody,
    files: RecordedFile[],
    flags: number,
  ): APIMessage {
    const { payload } = state;
    const isCommand = payload.type === InteractionType.ApplicationCommand;
    const type = !isCommand
      ? MessageType.Default
      : payload.data.type === ApplicationCommandType.ChatInput
        ? MessageType.ChatInputCommand
        : MessageType.ContextMenuCommand;
    return buildMessage({
      id: this.#options.snowflake(),
      channel_id: payload.channel?.id ?? payload.channel_id ?? "",
      author: this.#options.botUser,
      content: body.content ?? "",
      embeds: body.embeds ?? [],
      components: (body.components ?? []) as APIMessage["components"],
      attachments: this.#attachments(files),
      flags,
      type,
      application_id: this.#options.applicationId,
      webhook_id: this.#options.applicationId,
      interaction_metadata: this.#metadata(payload),
    });
  }

  #metadata(payload: APIInteraction): APIMessageInteractionMetadata {
    const base = {
      id: payload.id,
      user: interactionUser(payload),
      authorizing_integration_owners: payload.authorizing_integration_owners,
    };
    if (payload.type === InteractionType.MessageComponent) {
      return {
        ...base,
        type: InteractionType.MessageComponent,
        interacted_message_id: payload.message.id,
      };
    }
    if (
      payload.type === InteractionType.ApplicationCommand &&
      payload.data.type === ApplicationCommandType.Message
    ) {
      return {
        ...base,
        type: InteractionType.ApplicationCommand,
        target_message_id: payload.data.target_id,
      };
    }
    return { ...base, type: InteractionType.ApplicationCommand };
  }
}
