import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { Library, LibraryError } from "../src/knowledge/library/library.js";
import type { LoadWarning } from "../src/knowledge/types.js";
import { createFakeLibrary } from "./commands/fakeLibrary.js";

const seedLibrary = await Library.load("seeds");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** The folders the CLI asked to load. */
  loaded: string[];
}

function sink(): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

async function cli(
  argv: string[],
  {
    stdin = "",
    env = {},
    warnings = [],
    load,
  }: {
    stdin?: string;
    env?: Record<string, string>;
    warnings?: LoadWarning[];
    load?: (dir: string) => Promise<Library>;
  } = {},
): Promise<Run> {
  const stdout = sink();
  const stderr = sink();
  const input = new PassThrough();
  input.end(stdin);
  const loaded: string[] = [];
  const code = await main(argv, {
    stdin: input,
    stdout: stdout.stream,
    stderr: stderr.stream,
    env,
    load: async (dir) => {
      loaded.push(dir);
      return load ? load(dir) : createFakeLibrary({ warnings });
    },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text(), loaded };
}

function jsonLines(text: string): unknown[] {
  return text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

const ENTRY_KEYS = ["id", "kind", "speaker", "reportedBy", "letter", "text", "source"];

describe("cli ask", () => {
  it("prints the question and its scored entries as JSON", async () => {
    const run = await cli(["ask", "what was lifted", "--json"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const [result] = jsonLines(run.stdout) as [
      { query: string; direct: string | null; results: Record<string, unknown>[] },
    ];
    expect(Object.keys(result)).toEqual(["query", "direct", "results"]);
    expect(result.query).toBe("what was lifted");
    expect(result.direct).toBeNull();
    expect(result.results).toHaveLength(1);
    const [first] = result.results;
    expect(Object.keys(first ?? {})).toEqual([...ENTRY_KEYS, "score", "focus"]);
    expect(String(first?.text)).toContain(String(first?.focus));
    expect(first).toMatchObject({
      id: "e13",
      kind: "quote",
      speaker: "John Coale",
      reportedBy: null,
      letter: false,
      source: { file: "2025-09-11-lukashenko-coale.txt", date: "2025-09-11", paragraph: 13 },
    });
    expect(first?.score).toBeTypeOf("number");
  });

  it("returns as many results as --limit asks, three by default", async () => {
    const count = async (...flags: string[]) => {
      const run = await cli(["ask", "Lukashenko Belarus Donald", "--json", ...flags]);
      return (jsonLines(run.stdout)[0] as { results: unknown[] }).results.length;
    };
    expect(await count()).toBe(3);
    expect(await count("--limit", "1")).toBe(1);
    expect(await count("--limit=5")).toBe(5);
  });

  it("answers stdin questions one JSON line each, in order, blank lines included", async () => {
    const run = await cli(["ask", "--json", "-"], {
      stdin: "what was lifted\n\nbirthday wishes  \r\nquantum chromodynamics\n",
    });
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout) as { query: string; results: { id: string }[] }[];
    expect(lines.map((line) => line.query)).toEqual([
      "what was lifted",
      "",
      "birthday wishes  ",
      "quantum chromodynamics",
    ]);
    expect(lines.map((line) => line.results[0]?.id)).toEqual(["e13", undefined, "e16", undefined]);
  });

  it("prints the same text as the console without --json, minus buttons nobody can press", async () => {
    const run = await cli(["ask", "what", "was", "lifted"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Ask: what was lifted\n");
    expect(run.stdout).toContain("  John Coale\n  ¶13 · 11 September 2025\n");
    expect(run.stdout).not.toContain("[1]");
  });

  it("refuses an empty question with exit code 1", async () => {
    const run = await cli(["ask", "  "]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("the question is empty");
    expect(run.loaded).toEqual([]);
  });
});

describe("cli quotes", () => {
  it("prints the canonical speaker and their entries as JSON", async () => {
    const run = await cli(["quotes", "Coale", "--json"]);
    const [result] = jsonLines(run.stdout) as [Record<string, unknown>];
    expect(Object.keys(result)).toEqual(["speaker", "results"]);
    expect(result.speaker).toBe("John Coale");
    expect((result.results as { id: string }[]).map((entry) => entry.id)).toEqual([
      "e04",
      "e13",
      "e14",
    ]);
  });

  it("adds the message when there is one, and null for someone unknown", async () => {
    const topic = jsonLines((await cli(["quotes", "Coale", "--topic", "tennis", "--json"])).stdout);
    expect(topic[0]).toEqual({
      speaker: "John Coale",
      results: [],
      message: "John Coale says nothing about “tennis”.",
    });
    const unknown = await cli(["quotes", "Zelensky", "--json"]);
    expect(unknown.code).toBe(0);
    expect(jsonLines(unknown.stdout)[0]).toMatchObject({ speaker: null, results: [] });
  });

  it("prints every quote as text without --json", async () => {
    const run = await cli(["quotes", "Lukashenko"]);
    expect(run.stdout).toContain("Quotes: Aleksandr Lukashenko");
    expect(run.stdout.match(/ {2}Aleksandr Lukashenko\n/g)).toHaveLength(8);
  });
});

describe("cli entries", () => {
  it("prints every entry as JSON, without the search context", async () => {
    const run = await cli(["entries", "--json"]);
    const { entries } = jsonLines(run.stdout)[0] as { entries: Record<string, unknown>[] };
    expect(entries).toHaveLength(14);
    for (const entry of entries) expect(Object.keys(entry)).toEqual(ENTRY_KEYS);
  });
});

describe("cli loading", () => {
  it("loads --seeds, else SEEDS_DIR, else seeds/", async () => {
    expect((await cli(["entries", "--json", "--seeds", "elsewhere"])).loaded).toEqual([
      "elsewhere",
    ]);
    expect((await cli(["entries", "--json"], { env: { SEEDS_DIR: "from-env" } })).loaded).toEqual([
      "from-env",
    ]);
    expect((await cli(["entries", "--json"])).loaded).toEqual(["seeds"]);
  });

  it("reports a folder it cannot load on stderr with exit code 1", async () => {
    const run = await cli(["ask", "peace"], {
      load: async () => {
        throw new LibraryError("The folder seeds/ holds no .txt release.");
      },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("readout: The folder seeds/ holds no .txt release.\n");
    expect(run.stdout).toBe("");
  });

  it("prints load warnings on stderr and still answers", async () => {
    const run = await cli(["ask", "peace", "--json"], {
      warnings: [
        { file: "x.txt", paragraph: 3, message: "A quote has no closing mark." },
        { file: "y.txt", message: "No date in the header." },
      ],
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      "warning: x.txt ¶3: A quote has no closing mark.\nwarning: y.txt: No date in the header.\n",
    );
    expect(jsonLines(run.stdout)).toHaveLength(1);
  });

  it("says on stderr when the saved index was not used or could not be saved", async () => {
    const run = await cli(["ask", "peace", "--json"], {
      load: async () =>
        Object.assign(createFakeLibrary(), {
          snapshot: {
            state: "built",
            problem: 'the saved index "cache/x.snapshot" is damaged (EOF)',
            saveFailure: Promise.resolve('The index could not be saved in "cache" (EACCES).'),
          },
        }),
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'warning: the saved index "cache/x.snapshot" is damaged (EOF); the releases were parsed again\n',
    );
    expect(run.stderr).toContain(
      'warning: The index could not be saved in "cache" (EACCES). The next run parses the releases again.\n',
    );
  });
});

describe("cli usage", () => {
  it.each([
    [[]],
    [["frobnicate"]],
    [["ask"]],
    [["ask", "peace", "--frob"]],
    [["ask", "peace", "--limit", "0"]],
    [["ask", "peace", "--limit", "many"]],
    [["ask", "peace", "--topic", "war"]],
    [["quotes"]],
    [["entries", "extra"]],
    [["entries", "--limit", "2"]],
  ])("exits 2 with the usage for %j", async (argv) => {
    const run = await cli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^readout: .+\nusage: npm run --silent cli -- <command>/);
    expect(run.stdout).toBe("");
    expect(run.loaded).toEqual([]);
  });
});

describe("cli verify", () => {
  // The verdicts come from the real search, so these run on the seed release.
  const onSeed = (argv: string[], stdin = "") =>
    cli(argv, { stdin, load: async () => seedLibrary });

  it("prints the verdict, who said it, who the claim names and the matches as JSON", async () => {
    const run = await onSeed(["verify", 'Lukashenko said: "This is official."', "--json"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const result = JSON.parse(run.stdout) as Record<string, unknown> & {
      matches: Record<string, unknown>[];
    };
    expect(Object.keys(result)).toEqual(["verdict", "speaker", "claimedSpeaker", "matches"]);
    expect(result).toMatchObject({
      verdict: "misattributed",
      speaker: "John Coale",
      claimedSpeaker: "Aleksandr Lukashenko",
    });
    // The same entry shape as `cli ask --json`.
    expect(Object.keys(result.matches[0] ?? {})).toEqual([...ENTRY_KEYS, "score"]);
    expect(result.matches[0]).toMatchObject({
      speaker: "John Coale",
      source: { paragraph: 13, date: "2025-09-11" },
      score: 1,
    });
  });

  it("gives null speakers and no matches for an unsupported claim without a speaker", async () => {
    const run = await onSeed(["verify", "the weather in Minsk was lovely", "--json"]);
    expect(JSON.parse(run.stdout)).toEqual({
      verdict: "not_found",
      speaker: null,
      claimedSpeaker: null,
      matches: [],
    });
  });

  it("checks one claim a line from stdin", async () => {
    const run = await onSeed(
      ["verify", "-", "--json"],
      'Coale said "This is official"\nLukashenko said "This is official"\n',
    );
    const verdicts = run.stdout
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { verdict: string }).verdict);
    expect(verdicts).toEqual(["verbatim", "misattributed"]);
  });

  it("prints the answer as text without --json", async () => {
    const run = await onSeed(["verify", "Coale said the decision has been made"]);
    expect(run.stdout).toContain("Verdict: verbatim");
    expect(run.stdout).toContain("John Coale");
  });

  it("explains a missing or empty claim", async () => {
    const missing = await onSeed(["verify"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("readout: verify needs a claim.");
    const empty = await onSeed(["verify", " "]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("readout: the claim is empty");
  });
});

/** The C0 and C1 controls in printed text other than newline and tab: escape sequences start so. */
function controlCharacters(text: string): string[] {
  return [...text].filter((char) => {
    const code = char.codePointAt(0) ?? 0;
    return (code < 0x20 || (code >= 0x7f && code < 0xa0)) && char !== "\n" && char !== "\t";
  });
}

describe("terminal safety", () => {
  it("prints load warnings and load errors without the control characters a release put in them", async () => {
    const clear = "\u001b[2J\u001b]0;pwned\u0007";
    const run = await cli(["ask", "sanctions"], {
      warnings: [
        { file: `bad${clear}.txt`, paragraph: 2, message: `quote "${clear}" never closes` },
      ],
    });
    expect(run.stderr).toContain(
      'warning: bad[2J]0;pwned.txt ¶2: quote "[2J]0;pwned" never closes',
    );
    expect(controlCharacters(run.stderr)).toEqual([]);

    const failed = await cli(["ask", "sanctions"], {
      load: async () => {
        throw new LibraryError(`The seeds folder "x${clear}" does not exist.`);
      },
    });
    expect(failed.code).toBe(1);
    expect(controlCharacters(failed.stderr)).toEqual([]);
  });
});

describe("cli brief", () => {
  it("prints the newest release's brief as JSON, at most six entries", async () => {
    const run = await cli(["brief", "--json"], { load: async () => seedLibrary });
    expect(run.code).toBe(0);
    const [result] = jsonLines(run.stdout) as [
      { release: string; statements: Record<string, unknown>[] },
    ];
    expect(result.release).toBe("2025-09-11-lukashenko-coale");
    expect(result.statements.length).toBeGreaterThan(0);
    expect(result.statements.length).toBeLessThanOrEqual(6);
    expect(Object.keys(result.statements[0] ?? {})).toEqual([...ENTRY_KEYS]);
  });

  it("refuses a release that is not loaded with exit code 1, and words with the usage", async () => {
    const missing = await cli(["brief", "--release", "nope"], { load: async () => seedLibrary });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no release “nope” is loaded");
    const worded = await cli(["brief", "something"]);
    expect(worded.code).toBe(2);
    expect(worded.stderr).toContain("brief takes no words");
  });
});

describe("cli release", () => {
  const RELEASE = [
    "Talks on the river ports",
    "14 May 2024",
    "President Irena Kovac met with Minister Paolo Ferri in Ljubljana.",
    '"We will send our engineers in March," Paolo Ferri said.',
  ].join("\n");
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), "readout-cli-release-"));
    await mkdir(join(folder, "seeds"));
    await writeFile(
      join(folder, "seeds", "2020-01-01-older.txt"),
      '"Older words," Anna Berg said.\n',
    );
    await writeFile(join(folder, "ports.txt"), RELEASE);
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("adds a file and prints what was understood as JSON, then removes it into .removed", async () => {
    const seeds = join(folder, "seeds");
    const added = await cli([
      "release",
      "add",
      join(folder, "ports.txt"),
      "--seeds",
      seeds,
      "--json",
    ]);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toEqual({
      file: "2024-05-14-talks-on-the-river-ports.txt",
      title: "Talks on the river ports",
      date: "2024-05-14",
      speakers: [{ name: "Paolo Ferri", quotes: 1 }],
      statements: 2,
      warnings: [],
    });
    const removed = await cli([
      "release",
      "remove",
      "2024-05-14-talks-on-the-river-ports",
      "--seeds",
      seeds,
    ]);
    expect(removed.code).toBe(0);
    expect(await readdir(join(seeds, ".removed"))).toEqual([
      "2024-05-14-talks-on-the-river-ports.txt",
    ]);
  });

  it("refuses with exit code 2 and one line on stderr, writing nothing", async () => {
    const seeds = join(folder, "seeds");
    for (const argv of [
      ["release", "add", "http://10.0.0.1/release", "--seeds", seeds],
      ["release", "add", join(folder, "missing.txt"), "--seeds", seeds],
      ["release", "remove", "nope", "--seeds", seeds],
      ["release", "rename", "x", "--seeds", seeds],
    ]) {
      const run = await cli(argv);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(/^readout: /);
    }
    expect(await readdir(seeds)).toEqual(["2020-01-01-older.txt"]);
  });
});
