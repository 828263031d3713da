/**
 * Bad release files next to a good one: each gets a warning naming the file, the good one still
 * loads, and nothing hangs. Binary, Latin-1, blank, 10 MB and CRLF-with-BOM files are covered in
 * test/knowledge/library.test.ts; these are the ones it does not cover.
 */
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Library } from "../../src/knowledge/library/library.js";
import { MAX_RELEASE_BYTES } from "../../src/knowledge/reading/load.js";
import {
  MAX_PARAGRAPH_LENGTH,
  MAX_WARNINGS_PER_RELEASE,
} from "../../src/knowledge/reading/parse.js";
import { MAX_PEOPLE } from "../../src/knowledge/reading/people.js";

const GOOD = '22 October 2020\n"We agree on sanctions," Vladimir Putin said.\n';

const made: string[] = [];

afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function folder(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "readout-hostile-"));
  made.push(dir);
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

  it("skips a named pipe, a folder and a link named .txt instead of hanging on or following them", async () => {
    const dir = await folder({ "good.txt": GOOD });
    execFileSync("mkfifo", [join(dir, "pipe.txt")]);
    await mkdir(join(dir, "folder.txt"));
    await symlink(join(dir, "missing-target"), join(dir, "dangling.txt"));

    const loaded = await Library.load(dir);
    expect(loaded.releases.map((release) => release.file)).toEqual(["good.txt"]);
    expect(warningsByFile(loaded)).toEqual({
      "dangling.txt": [expect.stringMatching(/is a symbolic link, and links .* are not followed/)],
      "folder.txt": [expect.stringMatching(/not a regular file/)],
      "pipe.txt": [expect.stringMatching(/not a regular file/)],
    });
  });

  it("loads a release of the largest allowed size and answers from it", {
    timeout: 30_000,
  }, async () => {
    const paragraph = `"We agree on sanctions, @everyone <@123>," Vladimir Putin said. `;
    let text = "22 October 2020\n";
    while (text.length + paragraph.length + 1 < MAX_RELEASE_BYTES) text += `${paragraph}\n`;
    const dir = await folder({ "largest.txt": text });
    const loaded = await Library.load(dir);
    const asked = loaded.ask("sanctions");
    expect(asked.total).toBe(text.split("\n").length - 2);
    expect(asked.results[0]?.entry.speaker).toBe("Vladimir Putin");
  });
});

describe("symbolic links in the seeds folder", () => {
  const TOKEN = "DISCORD_TOKEN=MTIz.secret.token";

  async function withSecretBeside(): Promise<{ dir: string; secret: string }> {
    const outside = await folder({ ".env": `${TOKEN}\n` });
    const dir = await folder({
      "good.txt": GOOD,
      "inside.txt": `${GOOD}"A second one," Putin said.\n`,
    });
    await symlink(join(outside, ".env"), join(dir, "notes.txt"));
    await symlink(join(dir, "inside.txt"), join(dir, "alias.txt"));
    return { dir, secret: join(outside, ".env") };
  }

  it("refuses every link by default, naming it, so no file outside becomes a release", async () => {
    const { dir } = await withSecretBeside();
    const loaded = await Library.load(dir);
    expect(loaded.releases.map((release) => release.file)).toEqual(["good.txt", "inside.txt"]);
    const warnings = warningsByFile(loaded);
    expect(warnings["notes.txt"]).toEqual([expect.stringMatching(/is a symbolic link/)]);
    expect(warnings["alias.txt"]).toEqual([expect.stringMatching(/is a symbolic link/)]);
    expect(JSON.stringify(loaded.releases)).not.toContain("secret");
    expect(JSON.stringify(loaded.suggestReleases(""))).not.toContain("secret");
  });

  it("with followLinksInside, reads a link that stays inside the folder and still refuses one that leaves it", async () => {
    const { dir } = await withSecretBeside();
    const loaded = await Library.load(dir, { followLinksInside: true });
    expect(loaded.releases.map((release) => release.file)).toEqual([
      "alias.txt",
      "good.txt",
      "inside.txt",
    ]);
    expect(warningsByFile(loaded)["notes.txt"]).toEqual([
      expect.stringMatching(/symbolic link to a file outside the seeds folder/),
    ]);
    expect(JSON.stringify(loaded.releases)).not.toContain("secret");
  });
});

describe("release text at the limits", () => {
  it("reads a line of hundreds of thousands of spaces between two words", async () => {
    const dir = await folder({
      "spaces.txt": `22 October 2020\n"We agree," Putin said. a${" ".repeat(400_000)}b\n`,
    });
    const loaded = await Library.load(dir);
    expect(loaded.ask("we agree").total).toBeGreaterThan(0);
  });

  it("cuts a paragraph over MAX_PARAGRAPH_LENGTH at a word, with a warning naming it", async () => {
    const long = `"We agree on sanctions," Putin said. ${"More words follow here. ".repeat(1_000)}`;
    const dir = await folder({
      "long.txt": `22 October 2020\nFirst paragraph is short.\n${long}\n`,
    });
    const loaded = await Library.load(dir);
    const paragraph = loaded.releases[0]?.paragraphs[1] ?? "";
    expect(paragraph.length).toBeLessThanOrEqual(MAX_PARAGRAPH_LENGTH);
    expect(long.startsWith(paragraph)).toBe(true);
    expect(paragraph.endsWith("follow here.")).toBe(true);
    expect(loaded.warnings).toContainEqual({
      file: "long.txt",
      paragraph: 2,
      message: `the paragraph is ${long.trimEnd().length.toLocaleString("en-US")} characters long, more than a release paragraph can be (10,000); only its first ${paragraph.length.toLocaleString("en-US")} characters are read`,
    });
  });

  it("recognises the MAX_PEOPLE most named people of a release that lists thousands", async () => {
    const name = (i: number) =>
      [0, 1, 2].map((k) => String.fromCharCode(97 + (Math.floor(i / 26 ** k) % 26))).join("");
    const lines = Array.from(
      { length: 1_000 },
      (_, i) =>
        `President ${name(i).toUpperCase()}ov ${name(i + 7).toUpperCase()}ski said: "We agree."`,
    );
    const dir = await folder({ "crowd.txt": `22 October 2020\n${lines.join("\n")}\n` });
    const loaded = await Library.load(dir);
    expect(loaded.speakers().length).toBeLessThanOrEqual(MAX_PEOPLE);
    expect(loaded.warnings).toContainEqual({
      file: "crowd.txt",
      message: `names more than ${MAX_PEOPLE} people; only the ${MAX_PEOPLE} named most often can be found as speakers`,
    });
  });

  it("keeps MAX_WARNINGS_PER_RELEASE warnings of a release and counts the rest", async () => {
    const dir = await folder({ "noisy.txt": `22 October 2020\n${'"We agree\n'.repeat(50)}` });
    const warnings = (await Library.load(dir)).warnings.filter((w) => w.file === "noisy.txt");
    expect(warnings).toHaveLength(MAX_WARNINGS_PER_RELEASE);
    expect(warnings.at(-1)?.message).toMatch(/^\d\d more warnings like the ones above$/);
  });

  it("gives way to the event loop inside one large release when loading in the background", async () => {
    const paragraph = `"We agree on sanctions," Vladimir Putin said. ${"And more. ".repeat(200)}`;
    const dir = await folder({ "large.txt": `22 October 2020\n${`${paragraph}\n`.repeat(400)}` });
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      await Library.load(dir, { background: true });
    } finally {
      clearInterval(ticker);
    }
    expect(turns).toBeGreaterThan(5);
  });
});
