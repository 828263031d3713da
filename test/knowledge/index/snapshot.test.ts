import { appendFile, mkdtemp, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  askQueries,
  generateCorpus,
  quotesQueries,
  type SyntheticCorpus,
  writeCorpus,
} from "../../../scripts/syntheticCorpus.js";
import { cacheDirFrom, DEFAULT_CACHE_DIR } from "../../../src/knowledge/index/snapshot.js";
import { Library, type LibraryOptions } from "../../../src/knowledge/library/library.js";

let work: string;
let seeds: string;
let cacheDir: string;
let corpus: SyntheticCorpus;

const cached = (minReleases = 1): LibraryOptions => ({ cache: { dir: cacheDir, minReleases } });

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), "readout-snapshot-"));
  seeds = join(work, "seeds");
  cacheDir = join(work, "cache");
  corpus = generateCorpus({ releases: 25, seed: 5 });
  await writeCorpus(seeds, corpus);
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Everything a user could see of a library: answers with scores, quotes, speakers, warnings. */
function seenFrom(library: Library) {
  return {
    releases: library.releases,
    warnings: library.warnings,
    speakers: library.speakers(),
    answers: askQueries(corpus, 30, 3).map(({ question }) => {
      const { total, results, speaker } = library.ask(question, { limit: 5 });
      return [total, speaker?.id, results.map((result) => [result.entry.id, result.score])];
    }),
    quotes: quotesQueries(corpus, 15, 4).map((request) =>
      library
        .quotes(request.name, request.topic ? { topic: request.topic } : {})
        .results.map((entry) => entry.id),
    ),
  };
}

async function snapshotFiles(): Promise<string[]> {
  return (await readdir(cacheDir)).filter((name) => name.endsWith(".snapshot"));
}

describe("a snapshot of the parsed releases and their index", () => {
  it("is saved after a load that parsed, and a second load reads it back with the same answers", async () => {
    const first = await Library.load(seeds, cached());
    expect(first.snapshot.state).toBe("built");
    expect(first.indexSource).toBe("main");
    expect(await first.snapshot.saveFailure).toBeNull();
    expect(await snapshotFiles()).toHaveLength(1);

    const second = await Library.load(seeds, cached());
    expect(second.snapshot.state).toBe("read");
    expect(second.snapshot.problem).toBeUndefined();
    expect(second.indexSource).toBe("snapshot");
    expect(seenFrom(second)).toEqual(seenFrom(first));
  });

  it("is not used once a release changes, and the new one replaces it", async () => {
    await (await Library.load(seeds, cached())).snapshot.saveFailure;
    const file = join(seeds, (await readdir(seeds))[3] ?? "");
    await appendFile(file, '\nThe envoy said: "Aviation parts will be delivered next spring."\n');
    const changed = await Library.load(seeds, cached());
    expect(changed.snapshot.state).toBe("built");
    expect(changed.ask("aviation parts delivered spring").results[0]?.entry.text).toBe(
      "Aviation parts will be delivered next spring.",
    );
    await changed.snapshot.saveFailure;
    expect(await snapshotFiles()).toHaveLength(1);
    const again = await Library.load(seeds, cached());
    expect(again.snapshot.state).toBe("read");
    expect(seenFrom(again)).toEqual(seenFrom(changed));
  });

  it("is saved once for the latest load when the folder changes while an earlier one saves", async () => {
    const first = await Library.load(seeds, cached());
    const file = join(seeds, (await readdir(seeds))[1] ?? "");
    await appendFile(file, '\nThe envoy said: "Tractors will be shipped by rail."\n');
    const second = await Library.load(seeds, cached());
    expect(await first.snapshot.saveFailure).toBeNull();
    expect(await second.snapshot.saveFailure).toBeNull();
    expect(await snapshotFiles()).toHaveLength(1);
    expect((await readdir(cacheDir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    const restarted = await Library.load(seeds, cached());
    expect(restarted.snapshot.state).toBe("read");
    expect(restarted.ask("tractors shipped rail").results[0]?.entry.text).toBe(
      "Tractors will be shipped by rail.",
    );
  });

  it("is keyed by content, not by when a file was written", async () => {
    await (await Library.load(seeds, cached())).snapshot.saveFailure;
    const file = join(seeds, (await readdir(seeds))[0] ?? "");
    await writeFile(file, await readFile(file));
    expect((await Library.load(seeds, cached())).snapshot.state).toBe("read");
  });

  it("still reports the files that could not be read", async () => {
    await writeFile(join(seeds, "broken.txt"), Buffer.from([0, 1, 2, 0, 255, 0]));
    const first = await Library.load(seeds, cached());
    await first.snapshot.saveFailure;
    const second = await Library.load(seeds, cached());
    expect(second.snapshot.state).toBe("read");
    expect(second.warnings.map((warning) => warning.file)).toContain("broken.txt");
    expect(second.warnings).toEqual(first.warnings);
  });

  it("that is damaged is set aside with a reason, the releases are parsed again, and it is saved anew", async () => {
    const original = seenFrom(await Library.load(seeds));
    await (await Library.load(seeds, cached())).snapshot.saveFailure;
    const [name] = await snapshotFiles();
    const path = join(cacheDir, name ?? "");
    const size = (await readFile(path)).length;
    for (const damage of [
      () => truncate(path, Math.floor(size / 2)),
      () => writeFile(path, "not a snapshot at all"),
    ]) {
      await damage();
      const recovered = await Library.load(seeds, cached());
      expect(recovered.snapshot.state).toBe("built");
      expect(recovered.snapshot.problem).toMatch(/saved index .* (is damaged|is not one)/);
      expect(seenFrom(recovered)).toEqual(original);
      expect(await recovered.snapshot.saveFailure).toBeNull();
      expect((await Library.load(seeds, cached())).snapshot.state).toBe("read");
    }
  });

  it("that cannot be saved leaves the library working and says why", async () => {
    await writeFile(cacheDir, "a file where the cache folder should be");
    const library = await Library.load(seeds, cached());
    expect(await library.snapshot.saveFailure).toMatch(/could not be saved in ".*cache"/);
    expect(library.ask(askQueries(corpus, 1, 3)[0]?.question ?? "").total).toBeGreaterThan(0);
  });

  it("is not kept for a folder smaller than the threshold", async () => {
    const library = await Library.load(seeds, cached(100));
    expect(library.snapshot.state).toBe("off");
    expect(await library.snapshot.saveFailure).toBeNull();
    await expect(readdir(cacheDir)).rejects.toThrow();
  });

  it("is kept apart for each seeds folder", async () => {
    const other = join(work, "other");
    await writeCorpus(other, generateCorpus({ releases: 3, seed: 6 }));
    await (await Library.load(seeds, cached())).snapshot.saveFailure;
    await (await Library.load(other, cached())).snapshot.saveFailure;
    expect(await snapshotFiles()).toHaveLength(2);
    expect((await Library.load(seeds, cached())).releases).toHaveLength(25);
    expect((await Library.load(other, cached())).releases).toHaveLength(3);
  });
});

describe("cacheDirFrom", () => {
  it("reads the CACHE_DIR setting, by default a folder of the project whatever the working folder", () => {
    expect(isAbsolute(DEFAULT_CACHE_DIR)).toBe(true);
    expect(DEFAULT_CACHE_DIR).toBe(join(process.cwd(), "node_modules", ".cache", "readout"));
    expect(cacheDirFrom(undefined)).toBe(DEFAULT_CACHE_DIR);
    expect(cacheDirFrom("  ")).toBe(DEFAULT_CACHE_DIR);
    expect(cacheDirFrom("off")).toBeNull();
    expect(cacheDirFrom("OFF")).toBeNull();
    expect(cacheDirFrom("/var/cache/readout")).toBe("/var/cache/readout");
  });
});
