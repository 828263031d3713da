/**
 * Bad release files next to a good one: each gets a warning naming the file, the good one still
 * loads, and nothing hangs. Binary, Latin-1, blank, 10 MB and CRLF-with-BOM files are covered in
 * test/knowledge/library.test.ts; these are the ones it does not cover.
 */
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Library } from "../../src/knowledge/library.js";
import { MAX_RELEASE_BYTES } from "../../src/knowledge/load.js";

const GOOD = '22 October 2020\n"We agree on sanctions," Vladimir Putin said.\n';

async function folder(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "readout-hostile-"));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

function warningsByFile(library: Library): Record<string, string[]> {
  const byFile: Record<string, string[]> = {};
  for (const warning of library.warnings) {
    byFile[warning.file] = [...(byFile[warning.file] ?? []), warning.message];
  }
  return byFile;
}

describe("bad release files beside a good one", () => {
  it("names a byte-order mark alone, blank CRLF lines and UTF-16 text, and loads the rest", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, "utf16le")]);
    const dir = await folder({
      "good.txt": GOOD,
      "bom-only.txt": "\uFEFF",
      "crlf-blank.txt": "\r\n\r\n \r\n",
      "utf16.txt": utf16,
    });
    const loaded = await Library.load(dir);
    expect(loaded.releases.map((release) => release.file)).toEqual(["good.txt"]);
    const byFile = warningsByFile(loaded);
    expect(byFile["bom-only.txt"]).toEqual([expect.stringMatching(/is empty/)]);
    expect(byFile["crlf-blank.txt"]).toEqual([expect.stringMatching(/is empty/)]);
    expect(byFile["utf16.txt"]).toEqual([expect.stringMatching(/UTF-16.*save it as UTF-8/)]);
  });

  it("reads old Mac (CR only) and mixed line ends as paragraphs", async () => {
    const dir = await folder({
      "cr.txt": GOOD.replace(/\n/g, "\r"),
      "mixed.txt": `22 October 2020\r\n"First," Vladimir Putin said.\r"Second," Vladimir Putin said.\n`,
    });
    const loaded = await Library.load(dir);
    const [cr, mixed] = loaded.releases;
    expect(cr?.entries[0]).toMatchObject({
      speaker: "Vladimir Putin",
      text: "We agree on sanctions",
    });
    expect(mixed?.paragraphs).toHaveLength(2);
    expect(loaded.warnings).toEqual([]);
  });

  it("loads a release with unbalanced quotes, with a warning naming the file and paragraph", async () => {
    const dir = await folder({
      "good.txt": GOOD,
      "unbalanced.txt": `22 October 2020\n"We agree, Vladimir Putin said.\nShe said: “never closed.\n`,
    });
    const loaded = await Library.load(dir);
    expect(loaded.releases.map((release) => release.file)).toEqual(["good.txt", "unbalanced.txt"]);
    const warning = loaded.warnings.find((candidate) => /unbalanced/.test(candidate.message));
    expect(warning).toMatchObject({ file: "unbalanced.txt", paragraph: 1 });
    expect(loaded.ask("we agree").total).toBeGreaterThan(0);
  });

  it("skips a named pipe, a folder and a broken link named .txt instead of hanging on them", async () => {
    const dir = await folder({ "good.txt": GOOD });
    execFileSync("mkfifo", [join(dir, "pipe.txt")]);
    await mkdir(join(dir, "folder.txt"));
    await symlink(join(dir, "missing-target"), join(dir, "dangling.txt"));

    const loaded = await Library.load(dir);
    expect(loaded.releases.map((release) => release.file)).toEqual(["good.txt"]);
    expect(warningsByFile(loaded)).toEqual({
      "dangling.txt": [expect.stringMatching(/cannot be read \(ENOENT\)/)],
      "folder.txt": [expect.stringMatching(/not a regular file/)],
      "pipe.txt": [expect.stringMatching(/not a regular file/)],
    });
  });

  it("loads a release of the largest allowed size in bounded time", {
    timeout: 30_000,
  }, async () => {
    const paragraph = `"We agree on sanctions, @everyone <@123>," Vladimir Putin said. `;
    let text = "22 October 2020\n";
    while (text.length + paragraph.length + 1 < MAX_RELEASE_BYTES) text += `${paragraph}\n`;
    const dir = await folder({ "largest.txt": text });
    const started = performance.now();
    const loaded = await Library.load(dir);
    const loadMs = performance.now() - started;
    const askStarted = performance.now();
    const asked = loaded.ask("sanctions");
    const askMs = performance.now() - askStarted;
    console.log(
      `[hostile] a ${(text.length / 1024 / 1024).toFixed(1)} MB release: loaded in ${loadMs.toFixed(0)} ms, asked in ${askMs.toFixed(0)} ms`,
    );
    expect(asked.total).toBeGreaterThan(1000);
    expect(loadMs).toBeLessThan(15_000);
    expect(askMs).toBeLessThan(2_000);
  });
});
