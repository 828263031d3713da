import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AddressInfo, Socket } from "node:net";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  FETCH_LIMITS,
  type FetchOptions,
  FetchRefused,
  fetchPage,
} from "../../../src/knowledge/intake/fetch.js";

const LOOPBACK: FetchOptions = { allowLoopback: true };
const PRIVATE =
  "That link points to a private or local network address, which Readout does not fetch.";
const PAGE = "<!doctype html><html><body><p>The Minister met the envoy.</p></body></html>";

/** Cyrillic text in windows-1251, which Node can decode but not encode. */
function windows1251(text: string): Buffer {
  const special: Record<string, number> = { "«": 0xab, "»": 0xbb };
  return Buffer.from(
    [...text].map((char) => {
      const code = char.codePointAt(0) ?? 0;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x350;
      return special[char] ?? 0x3f;
    }),
  );
}
const CYRILLIC = "«Министр встретился с послом»";

/** Resolves when the client hangs up on the endless body, which it must do at the cap. */
let endlessClosed: Promise<void>;

type Route = (request: IncomingMessage, response: ServerResponse) => void;
const ROUTES: Record<string, Route> = {
  "/page": (_, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(PAGE);
  },
  "/notes.txt": (_, response) => {
    response.writeHead(200, { "content-type": "TEXT/PLAIN; charset=UTF-8" });
    response.end("Minsk, 11 September 2025\nThe talks went well.");
  },
  "/cyrillic.txt": (_, response) => {
    response.writeHead(200, { "content-type": "text/plain; charset=windows-1251" });
    response.end(windows1251(CYRILLIC));
  },
  "/cyrillic.html": (_, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end(
      windows1251(
        `<html><head><meta charset="windows-1251"></head><body>${CYRILLIC}</body></html>`,
      ),
    );
  },
  "/photo.png": (_, response) => {
    response.writeHead(200, { "content-type": "image/png" });
    response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  },
  "/missing": (_, response) => {
    response.writeHead(404, { "content-type": "text/html" });
    response.end("<p>secret server text</p>");
  },
  "/to-private": (_, response) => {
    response.writeHead(302, { location: "http://10.0.0.1/admin" });
    response.end();
  },
  "/to-metadata": (_, response) => {
    response.writeHead(301, { location: "http://169.254.169.254/latest/meta-data/" });
    response.end();
  },
  "/to-file": (_, response) => {
    response.writeHead(307, { location: "file:///etc/passwd" });
    response.end();
  },
  // Never answers: the request hangs until the client gives up.
  "/silent": () => {},
  "/stalled": (_, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.write("<p>The beginning of a page that never ends");
  },
  "/declared-large": (_, response) => {
    response.writeHead(200, { "content-type": "text/html", "content-length": "5000000" });
    response.write("<p>");
  },
  // Says it is small, then sends far more: the declared length is never trusted to be the cap.
  "/understated": (_, response) => {
    response.writeHead(200, { "content-type": "text/plain", "content-length": "10" });
    response.socket?.write(Buffer.alloc(256 * 1024, "a"));
    response.socket?.end();
  },
  "/endless": (_, response) => {
    response.writeHead(200, { "content-type": "text/plain" });
    const chunk = Buffer.alloc(16 * 1024, "a");
    const pour = () => {
      while (!response.destroyed && response.write(chunk)) {}
    };
    response.on("drain", pour);
    endlessClosed = once(response, "close").then(() => {});
    pour();
  },
};

function route(request: IncomingMessage, response: ServerResponse): void {
  const path = request.url ?? "/";
  const hop = /^\/hop\/(\d+)$/.exec(path);
  if (hop) {
    const left = Number(hop[1]);
    response.writeHead(left === 0 ? 200 : ([301, 302, 303, 307, 308][left % 5] ?? 302), {
      "content-type": "text/html",
      ...(left === 0 ? {} : { location: `/hop/${left - 1}` }),
    });
    response.end(left === 0 ? PAGE : "");
    return;
  }
  const handler = ROUTES[path];
  if (handler) {
    handler(request, response);
    return;
  }
  response.writeHead(404);
  response.end();
}

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer(route);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, "close");
});

/** The sentence a fetch was refused with; fails the test when it was not refused. */
async function refusal(link: string, options?: FetchOptions): Promise<string> {
  const outcome = await fetchPage(link, options).then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(FetchRefused);
  return (outcome as FetchRefused).message;
}

describe("fetching a page from a loopback test server", () => {
  it("reads an HTML page", async () => {
    await expect(fetchPage(`${base}/page`, LOOPBACK)).resolves.toEqual({
      url: `${base}/page`,
      contentType: "text/html",
      body: PAGE,
    });
  });

  it("reads a text file, whatever the case of its content type", async () => {
    const fetched = await fetchPage(`${base}/notes.txt`, LOOPBACK);
    expect(fetched.contentType).toBe("text/plain");
    expect(fetched.body).toBe("Minsk, 11 September 2025\nThe talks went well.");
  });

  it("decodes the charset the header names, and the one an HTML page's <meta> names", async () => {
    expect((await fetchPage(`${base}/cyrillic.txt`, LOOPBACK)).body).toBe(CYRILLIC);
    expect((await fetchPage(`${base}/cyrillic.html`, LOOPBACK)).body).toContain(CYRILLIC);
  });

  it("reaches the server by the name localhost too", async () => {
    const { port } = new URL(base);
    const fetched = await fetchPage(`http://localhost:${port}/page`, LOOPBACK);
    expect(fetched.body).toBe(PAGE);
  });

  it("follows up to 3 redirects and gives the final address", async () => {
    const fetched = await fetchPage(`${base}/hop/3`, LOOPBACK);
    expect(fetched.url).toBe(`${base}/hop/0`);
    expect(fetched.body).toBe(PAGE);
  });

  it("has the documented limits", () => {
    expect(FETCH_LIMITS).toEqual({ timeoutMs: 10_000, maxBytes: 2 * 1024 * 1024, maxRedirects: 3 });
  });
});

describe("refusals of the link itself, before any connection", () => {
  // Nothing may so much as open a socket for these links.
  let connect: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    connect = vi.spyOn(Socket.prototype, "connect");
  });
  afterEach(() => {
    expect(connect).not.toHaveBeenCalled();
    connect.mockRestore();
  });

  it.each([
    ["ftp://press.example/release.txt", "Only http and https links can be read."],
    ["file:///etc/passwd", "Only http and https links can be read."],
    ["javascript:alert(1)", "Only http and https links can be read."],
    ["data:text/html,<p>hi</p>", "Only http and https links can be read."],
    ["press.example/news", "That is not a link Readout can read."],
    [
      "http://user:secret@press.example/",
      "Links with a user name or password in them are not read.",
    ],
    ["https://admin@press.example/", "Links with a user name or password in them are not read."],
    ["http://press.example:8080/", "Only links on the usual web ports (80 and 443) can be read."],
    ["https://203.0.114.7:22/", "Only links on the usual web ports (80 and 443) can be read."],
  ])("%s", async (link, message) => {
    expect(await refusal(link)).toBe(message);
  });

  it.each([
    "http://127.0.0.1/",
    "http://10.0.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://192.168.1.1/",
    "http://172.16.0.1/",
    "http://0.0.0.0/",
    "http://100.64.0.1/",
    "http://255.255.255.255/",
    "http://224.0.0.1/",
    "http://[::1]/",
    "http://[::]/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::127.0.0.1]/",
    "http://[64:ff9b::a00:1]/",
    // Other spellings of 127.0.0.1 that URL parsing turns into it.
    "http://2130706433/",
    "http://0x7f.1/",
  ])("refuses %s as a private address", async (link) => {
    expect(await refusal(link)).toBe(PRIVATE);
  });

  it("refuses the test server itself without allowLoopback", async () => {
    expect(await refusal(`${base}/page`)).toBe(PRIVATE);
  });

  it("lets only loopback through with allowLoopback, nothing else private", async () => {
    for (const link of [
      "http://10.0.0.1/",
      "http://169.254.169.254/",
      "http://192.168.1.1/",
      "http://[fd00::1]/",
      "http://[::ffff:127.0.0.1]/",
    ]) {
      expect(await refusal(link, LOOPBACK)).toBe(PRIVATE);
    }
  });

  it("refuses every IPv4 address in a private or reserved range", async () => {
    const ranges: Array<[string, number]> = [
      ["0.0.0.0", 8],
      ["10.0.0.0", 8],
      ["100.64.0.0", 10],
      ["127.0.0.0", 8],
      ["169.254.0.0", 16],
      ["172.16.0.0", 12],
      ["192.0.0.0", 24],
      ["192.0.2.0", 24],
      ["192.168.0.0", 16],
      ["198.18.0.0", 15],
      ["198.51.100.0", 24],
      ["203.0.113.0", 24],
      ["224.0.0.0", 4],
      ["240.0.0.0", 4],
    ];
    const toNumber = (dotted: string) =>
      dotted.split(".").reduce((sum, octet) => sum * 256 + Number(octet), 0);
    const toDotted = (value: number) =>
      [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
    const addresses = fc
      .constantFrom(...ranges)
      .chain(([start, bits]) =>
        fc
          .integer({ min: 0, max: 2 ** (32 - bits) - 1 })
          .map((offset) => toDotted(toNumber(start) + offset)),
      );
    await fc.assert(
      fc.asyncProperty(addresses, fc.boolean(), async (address, allowLoopback) => {
        if (allowLoopback && address.startsWith("127.")) return;
        expect(await refusal(`http://${address}/`, { allowLoopback })).toBe(PRIVATE);
      }),
    );
  });
});

describe("refusals once a host name is resolved", () => {
  it("refuses a host name that resolves to a loopback address", async () => {
    expect(await refusal("http://localhost/")).toBe(PRIVATE);
  });

  it("says when a host cannot be found", async () => {
    expect(await refusal("http://readout-test.invalid/")).toBe(
      "The host readout-test.invalid could not be found.",
    );
  });
});

describe("refusals of what the server answers", () => {
  it("refuses a redirect to a private address", async () => {
    expect(await refusal(`${base}/to-private`, LOOPBACK)).toBe(PRIVATE);
    expect(await refusal(`${base}/to-metadata`, LOOPBACK)).toBe(PRIVATE);
  });

  it("refuses a redirect to a link that is not http or https", async () => {
    expect(await refusal(`${base}/to-file`, LOOPBACK)).toBe(
      "Only http and https links can be read.",
    );
  });

  it("refuses a 4th redirect", async () => {
    expect(await refusal(`${base}/hop/4`, LOOPBACK)).toBe("The link redirected more than 3 times.");
  });

  it("gives up on a server that does not answer in time", async () => {
    expect(await refusal(`${base}/silent`, { ...LOOPBACK, timeoutMs: 300 })).toBe(
      "The page took longer than 0.3 seconds to load.",
    );
  });

  it("gives up on a body that stops arriving", async () => {
    expect(await refusal(`${base}/stalled`, { ...LOOPBACK, timeoutMs: 300 })).toBe(
      "The page took longer than 0.3 seconds to load.",
    );
  });

  it("stops reading a body without Content-Length once it passes the cap", async () => {
    expect(await refusal(`${base}/endless`, { ...LOOPBACK, maxBytes: 64 * 1024 })).toBe(
      "The page is larger than 64 KB.",
    );
    await endlessClosed;
  });

  it("refuses a body whose Content-Length is over the cap before reading it", async () => {
    expect(await refusal(`${base}/declared-large`, { ...LOOPBACK, maxBytes: 1024 * 1024 })).toBe(
      "The page is larger than 1 MB.",
    );
  });

  it("never takes in more than the cap when the Content-Length understates the body", async () => {
    const outcome = await fetchPage(`${base}/understated`, {
      ...LOOPBACK,
      maxBytes: 64 * 1024,
    }).then(
      (page) => page.body.length,
      (error: Error) => error.message,
    );
    if (typeof outcome === "number") expect(outcome).toBeLessThanOrEqual(64 * 1024);
    else expect(outcome).toMatch(/^The (page|connection)/);
  });

  it("refuses what is not a web page or text", async () => {
    expect(await refusal(`${base}/photo.png`, LOOPBACK)).toBe(
      "The link is an image/png file, not a web page or text.",
    );
  });

  it("says when a secure connection cannot be made", async () => {
    const { host, hostname } = new URL(base);
    expect(await refusal(`https://${host}/page`, LOOPBACK)).toBe(
      `A secure connection to ${hostname} could not be made.`,
    );
  });

  it("refuses an error status, without repeating what the server sent", async () => {
    const message = await refusal(`${base}/missing`, LOOPBACK);
    expect(message).toBe("The page answered 404 Not Found.");
    expect(message).not.toContain("secret");
  });
});
