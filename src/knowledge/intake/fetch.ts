import { type LookupAddress, lookup as lookupHost } from "node:dns";
import { request as httpRequest, type IncomingMessage, STATUS_CODES } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { TextDecoder } from "node:util";
import ipaddr from "ipaddr.js";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import { LibraryError } from "../errors.js";

export interface FetchOptions {
  /** Lets 127.0.0.0/8 and ::1 through, on any port: for tests, never for links users type. */
  allowLoopback?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

export interface FetchedPage {
  /** The address the page came from, after redirects. */
  url: string;
  contentType: "text/html" | "text/plain";
  body: string;
}

/** Why a link was not read, in one sentence the user can act on. */
export class FetchRefused extends LibraryError {
  override name = "FetchRefused";
}

export const FETCH_LIMITS = {
  timeoutMs: 10_000,
  maxBytes: 2 * 1024 * 1024,
  maxRedirects: 3,
} as const;

const PRIVATE_ADDRESS =
  "That link points to a private or local network address, which Readout does not fetch.";
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PAGE_TYPES = new Set(["text/html", "text/plain"]);
/**
 * Where public IPv6 hosts live. ipaddr.js calls some addresses outside it "unicast" too, such as
 * IPv4-compatible ::127.0.0.1, which request-filtering-agent therefore lets through.
 */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");
/** How far into an HTML page a <meta charset> is looked for, as browsers do. */
const CHARSET_REACH = 1024;

/**
 * A page or text file from a link a user gave. The bot reaches places its users cannot, so a link
 * may only lead to a public web server: every address a host name resolves to is checked, and the
 * connection goes to the address that was checked (request-filtering-agent checks it again at
 * connect time), through each redirect. Every refusal is a FetchRefused.
 */
export async function fetchPage(link: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const allowLoopback = options.allowLoopback ?? false;
  const timeoutMs = options.timeoutMs ?? FETCH_LIMITS.timeoutMs;
  const maxBytes = options.maxBytes ?? FETCH_LIMITS.maxBytes;
  const maxRedirects = options.maxRedirects ?? FETCH_LIMITS.maxRedirects;
  let url = checkedUrl(link, allowLoopback);
  const agentOptions = { allowIPAddressList: allowLoopback ? ["::1", "127.0.0.0/8"] : [] };
  const agents = {
    "http:": new RequestFilteringHttpAgent(agentOptions),
    "https:": new RequestFilteringHttpsAgent(agentOptions),
  };
  const lookup = checkedLookup(allowLoopback);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await get(url, agents, lookup, deadline.signal);
      const location = REDIRECTS.has(response.statusCode ?? 0)
        ? response.headers.location
        : undefined;
      if (location === undefined) return await pageFrom(url, response, maxBytes);
      response.destroy();
      if (redirects >= maxRedirects) {
        throw new FetchRefused(`The link redirected more than ${times(maxRedirects)}.`);
      }
      url = checkedUrl(redirectTarget(location, url), allowLoopback);
    }
  } catch (error) {
    if (error instanceof FetchRefused) throw error;
    if (deadline.signal.aborted) {
      throw new FetchRefused(`The page took longer than ${seconds(timeoutMs)} to load.`);
    }
    throw failure(error, url.hostname);
  } finally {
    clearTimeout(timer);
    agents["http:"].destroy();
    agents["https:"].destroy();
  }
}

/** A link that may be fetched as it stands, before any connection is made. */
function checkedUrl(link: string, allowLoopback: boolean): URL {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new FetchRefused("That is not a link Readout can read.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchRefused("Only http and https links can be read.");
  }
  if (url.username !== "" || url.password !== "") {
    throw new FetchRefused("Links with a user name or password in them are not read.");
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host) !== 0 && !mayConnectTo(host, allowLoopback)) {
    throw new FetchRefused(PRIVATE_ADDRESS);
  }
  // Other ports are mail, database and admin services a web link has no business with. A test
  // server on 127.0.0.1 listens where the system put it, so loopback tests need any port.
  if (!allowLoopback && !["", "80", "443"].includes(url.port)) {
    throw new FetchRefused("Only links on the usual web ports (80 and 443) can be read.");
  }
  return url;
}

function redirectTarget(location: string, from: URL): string {
  try {
    return new URL(location, from).href;
  } catch {
    throw new FetchRefused("The page redirected to something that is not a link.");
  }
}

/** Public unicast addresses only; loopback too when allowed. Mapped IPv4 is never allowed. */
function mayConnectTo(address: string, allowLoopback: boolean): boolean {
  if (isIP(address) === 0) return false;
  const parsed = ipaddr.parse(address);
  const range = parsed.range();
  if (allowLoopback && range === "loopback") return true;
  return range === "unicast" && (parsed.kind() === "ipv4" || parsed.match(GLOBAL_UNICAST_V6));
}

/** dns.lookup that fails when any address of the host is one Readout may not connect to. */
function checkedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookupHost(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "");
      const [first] = addresses;
      if (!first || !addresses.every(({ address }) => mayConnectTo(address, allowLoopback))) {
        return callback(new FetchRefused(PRIVATE_ADDRESS), "");
      }
      if (options.all) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}

function get(
  url: URL,
  agents: { "http:": RequestFilteringHttpAgent; "https:": RequestFilteringHttpsAgent },
  lookup: LookupFunction,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        agent: url.protocol === "https:" ? agents["https:"] : agents["http:"],
        lookup,
        signal,
        headers: {
          "user-agent": "Readout (press release reader)",
          accept: "text/html, text/plain;q=0.9",
          "accept-encoding": "identity",
        },
      },
      resolve,
    );
    request.on("error", reject);
    request.end();
  });
}

async function pageFrom(
  url: URL,
  response: IncomingMessage,
  maxBytes: number,
): Promise<FetchedPage> {
  const contentType = response.headers["content-type"] ?? "";
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const refusal = refusalOf(response, mediaType, maxBytes);
  if (refusal !== null) {
    response.destroy();
    throw new FetchRefused(refusal);
  }
  const bytes = await bodyOf(response, maxBytes);
  const type = mediaType as FetchedPage["contentType"];
  return { url: url.href, contentType: type, body: decoded(bytes, type, contentType) };
}

/** Why a final response's headers already rule its body out, or null. */
function refusalOf(response: IncomingMessage, mediaType: string, maxBytes: number): string | null {
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 299) {
    return `The page answered ${`${status} ${STATUS_CODES[status] ?? ""}`.trim()}.`;
  }
  if (!PAGE_TYPES.has(mediaType)) return notAPage(mediaType);
  const encoding = response.headers["content-encoding"]?.trim().toLowerCase() ?? "identity";
  // Asked for identity; a compressed body would need unpacking before it could be counted.
  if (encoding !== "identity") return "The page came compressed in a way Readout does not read.";
  if (Number(response.headers["content-length"]) > maxBytes) return tooLarge(maxBytes);
  return null;
}

/** The body, counted as it arrives: Content-Length can be absent or false. */
async function bodyOf(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.destroy();
      throw new FetchRefused(tooLarge(maxBytes));
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/** In the charset the header names; for HTML without one, the one its <meta> names; else UTF-8. */
function decoded(bytes: Buffer, type: FetchedPage["contentType"], contentType: string): string {
  const declared =
    decoderFor(/;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]) ??
    (type === "text/html"
      ? decoderFor(
          /<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(
            bytes.subarray(0, CHARSET_REACH).toString("latin1"),
          )?.[1],
        )
      : null);
  return (declared ?? new TextDecoder("utf-8")).decode(bytes);
}

/** A decoder for a charset label, or null for one TextDecoder does not know (browsers ignore it). */
function decoderFor(label: string | undefined): TextDecoder | null {
  if (label === undefined) return null;
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

function notAPage(mediaType: string): string {
  // The type is the server's word: named only when it has the shape of a media type.
  if (!/^[a-z0-9][\w.+-]{0,40}\/[\w.+-]{1,60}$/.test(mediaType)) {
    return "The link is not a web page or text.";
  }
  const article = /^[aeiou]/.test(mediaType) ? "an" : "a";
  return `The link is ${article} ${mediaType} file, not a web page or text.`;
}

/** Network failures, in words: the server's own text is never repeated. */
function failure(error: unknown, hostname: string): FetchRefused {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? "";
  const message = error instanceof Error ? error.message : "";
  if (["ENOTFOUND", "EAI_AGAIN", "EAI_NODATA", "EAI_NONAME"].includes(code)) {
    return new FetchRefused(`The host ${hostname} could not be found.`);
  }
  // request-filtering-agent's own refusal, should its check ever see an address this one let by.
  if (/is not allowed/.test(message)) return new FetchRefused(PRIVATE_ADDRESS);
  if (code === "ECONNREFUSED") {
    return new FetchRefused(`The host ${hostname} refused the connection.`);
  }
  if (code === "EPROTO" || /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return new FetchRefused(`A secure connection to ${hostname} could not be made.`);
  }
  if (code === "ECONNRESET" || code === "ERR_STREAM_PREMATURE_CLOSE") {
    return new FetchRefused("The connection was cut before the whole page arrived.");
  }
  return new FetchRefused(`The page at ${hostname} could not be loaded.`);
}

function tooLarge(maxBytes: number): string {
  const size =
    maxBytes % (1024 * 1024) === 0
      ? `${maxBytes / (1024 * 1024)} MB`
      : maxBytes % 1024 === 0
        ? `${maxBytes / 1024} KB`
        : `${maxBytes} bytes`;
  return `The page is larger than ${size}.`;
}

function seconds(ms: number): string {
  return ms === 1000 ? "1 second" : `${ms / 1000} seconds`;
}

function times(count: number): string {
  return count === 1 ? "once" : `${count} times`;
}
