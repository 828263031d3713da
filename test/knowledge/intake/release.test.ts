import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  addRelease,
  draftRelease,
  REMOVED_FOLDER,
  ReleaseRefused,
  removeRelease,
} from "../../../src/knowledge/intake/release.js";
import { Library } from "../../../src/knowledge/library/library.js";

const RELEASE = [
  "Talks on the river ports",
  "14 May 2024",
  "President Irena Kovac met with Minister Paolo Ferri in Ljubljana.",
  '"The river ports will open to barges from both countries next spring," Irena Kovac said.',
  '"We will send our engineers in March," Paolo Ferri said.',
  'The minister added that "the barges will need new locks.',
].join("\n");

const PAGE = `<!doctype html><html lang="en"><head><title>Talks on the river ports | Presidency</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><article><h1>Talks on the river ports</h1><time datetime="2024-05-14">14 May 2024</time>
<p>President Irena Kovac met with Minister Paolo Ferri in Ljubljana.</p>
<p>"The river ports will open to barges from both countries next spring," Irena Kovac said.</p>
<p>"We will send our engineers in March," Paolo Ferri said.</p></article></main>
<footer>© Presidency. All rights reserved.</footer></body></html>`;

let seeds: string;
beforeEach(async () => {
  seeds = await mkdtemp(join(tmpdir(), "readout-intake-"));
  await writeFile(
    join(seeds, "2020-01-01-older.txt"),
    `1 January 2020\n${RELEASE}\nAn older line.\n`,
  );
});
afterEach(async () => {
  await rm(seeds, { recursive: true, force: true });
});

describe("draftRelease", () => {
  it("says what was understood: title, date, speakers with their quote counts, statements, warnings", async () => {
    const { summary } = await draftRelease(RELEASE, seeds);
    expect(summary).toMatchObject({
      file: "2024-05-14-talks-on-the-river-ports.txt",
      title: "Talks on the river ports",
      date: "2024-05-14",
      speakers: [
        { name: "Irena Kovac", quotes: 1 },
        { name: "Paolo Ferri", quotes: 2 },
      ],
      statements: 4,
    });
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toMatch(/^¶4: .*quot/);
  });

  it("refuses an empty text and one with no statement, writing nothing", async () => {
    await expect(draftRelease("  \n ", seeds)).rejects.toThrow(/empty/);
    await expect(draftRelease("Title\n12 May 2024\nok", seeds)).rejects.toBeInstanceOf(
      ReleaseRefused,
    );
    expect(await readdir(seeds)).toEqual(["2020-01-01-older.txt"]);
  });

  it("refuses a text over 2 MB", async () => {
    await expect(draftRelease(`${RELEASE}\n${"x".repeat(2 * 1024 * 1024)}`, seeds)).rejects.toThrow(
      /larger than 2 MB/,
    );
  });
});

describe("addRelease", () => {
  it("writes a pasted release under a name made from its date and title, one the library reads", async () => {
    const added = await addRelease({ kind: "text", text: RELEASE }, seeds);
    expect(added.file).toBe("2024-05-14-talks-on-the-river-ports.txt");
    expect((await readdir(seeds)).sort()).toEqual([
      "2020-01-01-older.txt",
      "2024-05-14-talks-on-the-river-ports.txt",
    ]);
    const library = await Library.load(seeds);
    expect(library.ask("when will the engineers come").results[0]?.entry.speaker).toBe(
      "Paolo Ferri",
    );
  });

  it("gives a second release of the same date and title a name of its own", async () => {
    await addRelease({ kind: "text", text: RELEASE }, seeds);
    const second = await addRelease({ kind: "text", text: `${RELEASE}\nA closing line.` }, seeds);
    expect(second.file).toBe("2024-05-14-talks-on-the-river-ports-2.txt");
  });

  it("refuses a release that is already there, word for word", async () => {
    await addRelease({ kind: "text", text: RELEASE }, seeds);
    await expect(addRelease({ kind: "text", text: RELEASE }, seeds)).rejects.toThrow(
      /already in the library, as 2024-05-14-talks-on-the-river-ports.txt/,
    );
  });

  it("reads a saved web page as its article, and refuses other file types", async () => {
    const added = await addRelease(
      { kind: "file", name: "page.html", bytes: new TextEncoder().encode(PAGE) },
      seeds,
    );
    const text = await readFile(join(seeds, added.file), "utf8");
    expect(text).toContain("We will send our engineers in March");
    expect(text).not.toContain("All rights reserved");
    await expect(
      addRelease({ kind: "file", name: "photo.png", bytes: new Uint8Array([1, 2, 3]) }, seeds),
    ).rejects.toThrow(/not a \.txt or \.html file/);
    await expect(
      addRelease(
        { kind: "file", name: "latin.txt", bytes: new Uint8Array([0x66, 0xe9, 0x65]) },
        seeds,
      ),
    ).rejects.toThrow(/not UTF-8/);
  });

  it("refuses a saved page with no article in it, such as a page its scripts fill in", async () => {
    const shell = await readFile(join("test", "fixtures", "pages", "app-shell.html"));
    await expect(
      addRelease({ kind: "file", name: "app-shell.html", bytes: new Uint8Array(shell) }, seeds),
    ).rejects.toThrow(/No article could be found on that page/);
    expect(await readdir(seeds)).toEqual(["2020-01-01-older.txt"]);
  });

  it("leaves no temporary file behind", async () => {
    await addRelease({ kind: "text", text: RELEASE }, seeds);
    await expect(addRelease({ kind: "text", text: "" }, seeds)).rejects.toThrow();
    expect((await readdir(seeds)).filter((name) => name.startsWith("."))).toEqual([]);
  });
});

describe("addRelease from a link", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === "/release") {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        response.end(PAGE);
      } else {
        response.writeHead(404);
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("fetches the page and keeps where it came from", async () => {
    const added = await addRelease({ kind: "url", url: `${base}/release` }, seeds, {
      fetch: { allowLoopback: true },
    });
    expect(added).toMatchObject({ title: "Talks on the river ports", url: `${base}/release` });
  });

  it("refuses the host's own address unless the test-only setting allows it", async () => {
    await expect(addRelease({ kind: "url", url: `${base}/release` }, seeds)).rejects.toThrow(
      /private or local network address/,
    );
    expect(await readdir(seeds)).toEqual(["2020-01-01-older.txt"]);
  });
});

describe("removeRelease", () => {
  it("moves the release into .removed/, by file name or id", async () => {
    const added = await addRelease({ kind: "text", text: RELEASE }, seeds);
    expect(await removeRelease(added.file.replace(/\.txt$/, ""), seeds)).toBe(added.file);
    expect((await readdir(seeds)).sort()).toEqual([REMOVED_FOLDER, "2020-01-01-older.txt"]);
    expect(await readdir(join(seeds, REMOVED_FOLDER))).toEqual([added.file]);
  });

  it("keeps an earlier removed copy of the same name", async () => {
    await addRelease({ kind: "text", text: RELEASE }, seeds);
    await removeRelease("2024-05-14-talks-on-the-river-ports.txt", seeds);
    await addRelease({ kind: "text", text: RELEASE }, seeds);
    await removeRelease("2024-05-14-talks-on-the-river-ports.txt", seeds);
    expect(await readdir(join(seeds, REMOVED_FOLDER))).toHaveLength(2);
  });

  it("refuses an unknown release, a path out of the folder and the last release", async () => {
    await expect(removeRelease("no-such-release", seeds)).rejects.toThrow(/not a release/);
    await expect(removeRelease("../2020-01-01-older.txt", seeds)).rejects.toThrow(/not a release/);
    await expect(removeRelease(join(seeds, "2020-01-01-older.txt"), seeds)).rejects.toThrow(
      /not a release/,
    );
    await expect(removeRelease("2020-01-01-older\u0000.txt", seeds)).rejects.toThrow(
      /not a release/,
    );
    await expect(removeRelease("2020-01-01-older", seeds)).rejects.toThrow(/only release/);
    expect(await readdir(seeds)).toEqual(["2020-01-01-older.txt"]);
  });
});

describe("names given to remove", () => {
  it("never reach a file outside the seeds folder, whatever is typed", async () => {
    const outside = await mkdtemp(join(tmpdir(), "readout-outside-"));
    await writeFile(join(outside, "victim.txt"), "keep me");
    await writeFile(join(seeds, "2021-01-01-second.txt"), '"Second words," Anna Berg said.\n');
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string(),
            fc.constantFrom(
              join(outside, "victim.txt"),
              `../${basename(outside)}/victim`,
              "..",
              ".",
              "/",
              "\u0000",
              ".removed",
            ),
          ),
          async (typed) => {
            await removeRelease(typed, seeds).catch((error) => {
              expect(error).toBeInstanceOf(ReleaseRefused);
            });
            expect(await readFile(join(outside, "victim.txt"), "utf8")).toBe("keep me");
          },
        ),
        { numRuns: 200 },
      );
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe("an attachment", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      response.writeHead(200, { "content-type": "text/plain" });
      response.end(
        request.url === "/binary.txt" ? Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14]) : RELEASE,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("is downloaded and read as its file type says", async () => {
    const added = await addRelease(
      { kind: "attachment", name: "ports.txt", url: `${base}/ports.txt`, size: RELEASE.length },
      seeds,
      { fetch: { allowLoopback: true } },
    );
    expect(added.title).toBe("Talks on the river ports");
  });

  it("that is binary, or says it is over 2 MB, is refused and nothing is written", async () => {
    const loopback = { fetch: { allowLoopback: true } };
    await expect(
      addRelease(
        { kind: "attachment", name: "a.txt", url: `${base}/binary.txt`, size: 7 },
        seeds,
        loopback,
      ),
    ).rejects.toThrow(/binary file/);
    await expect(
      addRelease(
        { kind: "attachment", name: "big.txt", url: `${base}/ports.txt`, size: 3 * 1024 * 1024 },
        seeds,
        loopback,
      ),
    ).rejects.toThrow(/larger than 2 MB/);
    expect(await readdir(seeds)).toEqual(["2020-01-01-older.txt"]);
  });
});
