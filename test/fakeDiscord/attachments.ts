import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { APIAttachment, Snowflake } from "discord-api-types/v10";
import type { FakeResponse } from "./errors.js";
import type { RouteContext, RouteDefinition } from "./rest.js";

/** What a user uploads when filling an attachment option (see `FakeDiscord.uploadAttachment`). */
export interface AttachmentUpload {
  /** Kept as given; it may not contain a slash. */
  filename: string;
  /**
   * Sent as `content_type` and served as the download's Content-Type. Omit it to send none, as
   * Discord does for a file whose type it cannot tell (it is then served as octet-stream).
   */
  contentType?: string;
  /** The file's content; a string is encoded as UTF-8. */
  bytes: Uint8Array | string;
  /** The channel it is uploaded in, which Discord puts in the URL. Default: the first guild's text channel. */
  channelId?: Snowflake;
}

/** Where uploads are served, below the fake's origin, like `cdn.discordapp.com/ephemeral-attachments/…`. */
export const ATTACHMENT_PATH = "/ephemeral-attachments";

/** Discord's attachment links are signed and stop working about a day after they were issued. */
const LINK_LIFETIME_SECONDS = 24 * 60 * 60;

interface StoredUpload {
  attachment: APIAttachment;
  bytes: Buffer;
  channelId: Snowflake;
}

export interface AttachmentStoreOptions {
  /** The fake's origin, e.g. `http://127.0.0.1:1234`. */
  origin: string;
  snowflake: () => Snowflake;
  defaultChannelId: () => Snowflake;
}

function notFound(text: string): FakeResponse {
  return {
    status: 404,
    body: Buffer.from(text),
    headers: { "content-type": "text/plain; charset=utf-8" },
  };
}

/**
 * Files uploaded for attachment options, and the CDN-like route that serves them. As on Discord's
 * CDN, a link only works with its `ex`/`is`/`hm` signature, so a bot that trims the query string
 * off `attachment.url` gets a 404 here too.
 */
export class AttachmentStore {
  readonly #uploads = new Map<Snowflake, StoredUpload>();
  readonly #signingKey = randomBytes(32);
  readonly #options: AttachmentStoreOptions;

  constructor(options: AttachmentStoreOptions) {
    this.#options = options;
  }

  upload(upload: AttachmentUpload): APIAttachment {
    const { filename } = upload;
    if (filename.length === 0 || /[/\\]/.test(filename)) {
      throw new Error(`FakeDiscord: an attachment filename cannot be ${JSON.stringify(filename)}`);
    }
    const bytes = Buffer.from(
      typeof upload.bytes === "string" ? Buffer.from(upload.bytes, "utf8") : upload.bytes,
    );
    const id = this.#options.snowflake();
    const channelId = upload.channelId ?? this.#options.defaultChannelId();
    const path = `${ATTACHMENT_PATH}/${channelId}/${id}/${encodeURIComponent(filename)}`;
    const issuedAt = Math.floor(Date.now() / 1000);
    const query = this.#signedQuery(`${channelId}/${id}/${filename}`, issuedAt);
    const url = `${this.#options.origin}${path}?${query}`;
    const attachment: APIAttachment = {
      id,
      filename,
      size: bytes.byteLength,
      url,
      proxy_url: url,
      ...(upload.contentType !== undefined ? { content_type: upload.contentType } : {}),
      // Files given to a command option are ephemeral: Discord deletes them after a while.
      ephemeral: true,
    };
    this.#uploads.set(id, { attachment, bytes, channelId });
    return { ...attachment };
  }

  /** The attachment object Discord would put in `resolved.attachments`, if `id` was uploaded. */
  find(id: Snowflake): APIAttachment | undefined {
    const stored = this.#uploads.get(id);
    return stored ? { ...stored.attachment } : undefined;
  }

  routes(): RouteDefinition[] {
    const pattern = `${ATTACHMENT_PATH}/:channel/:id/:filename`;
    return ["GET", "HEAD"].map((method) => ({
      method,
      pattern,
      auth: false,
      handle: (context: RouteContext) => this.#download(context),
    }));
  }

  #download({ request, params }: RouteContext): FakeResponse {
    const stored = this.#uploads.get(params.id ?? "");
    if (
      !stored ||
      stored.channelId !== params.channel ||
      stored.attachment.filename !== params.filename
    ) {
      return notFound("404: Not Found");
    }
    const { ex = "", is = "", hm = "" } = request.query;
    const expiresAt = Number.parseInt(ex, 16);
    const expected = this.#signature(`${params.channel}/${params.id}/${params.filename}`, ex, is);
    const given = Buffer.from(hm);
    const signed =
      given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
    if (!signed || !(expiresAt * 1000 > Date.now())) {
      return notFound("This content is no longer available.");
    }
    return {
      status: 200,
      body: stored.bytes,
      headers: {
        "content-type": stored.attachment.content_type ?? "application/octet-stream",
        "content-length": String(stored.bytes.byteLength),
      },
    };
  }

  #signedQuery(resource: string, issuedAt: number): string {
    const is = issuedAt.toString(16);
    const ex = (issuedAt + LINK_LIFETIME_SECONDS).toString(16);
    // Discord's links end with a bare `&`.
    return `ex=${ex}&is=${is}&hm=${this.#signature(resource, ex, is)}&`;
  }

  #signature(resource: string, ex: string, is: string): string {
    return createHmac("sha256", this.#signingKey).update(`${resource}?${ex}&${is}`).digest("hex");
  }
}
