import { mkdir, mkdtemp, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Library, LibraryError } from "../../../src/knowledge/library/library.js";
import { LiveLibrary, type LiveLibraryLogger } from "../../../src/knowledge/live/watch.js";

const PUTIN = '22 October 2020\n"We agree on the gas price," Vladimir Putin said.\n';
const MINSK =
  '23 October 2020\n"The tractor plant in Minsk will double its exports," Aleksandr Lukashenko said.\n';
const CHANGED = '22 October 2020\n"We agree on the grain corridor," Vladimir Putin said.\n';

interface Logged {
  level: "info" | "warn" | "error";
  data: Record<string, unknown>;
  message: string;
}

function recordingLogger(): LiveLibraryLogger & { lines: Logged[] } {
  const lines: Logged[] = [];
  return {
    lines,
    info: (data, message) => lines.push({ level: "info", data, message }),
    warn: (data, message) => lines.push({ level: "warn", data, message }),
    error: (data, message) => lines.push({ level: "error", data, message }),
  };
}

/** Resolves with the next library LiveLibrary swaps in (or rejects after `ms`). */
function nextReload(reloads: Array<(library: Library) => void>, ms = 8000): Promise<Library> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no reload")), ms);
    reloads.push((library) => {
      clearTimeout(timer);
      resolve(library);
    });
  });
}

const opened: LiveLibrary[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const live of opened.splice(0)) live.close();
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "readout-watch-"));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

async function start(dir: string, logger = recordingLogger()) {
  const waiting: Array<(library: Library) => void> = [];
  const errors: unknown[] = [];
  const live = await LiveLibrary.start(dir, {
    debounceMs: 40,
    logger,
    onReload: (library) => waiting.shift()?.(library),
    onError: (error) => errors.push(error),
  });
  opened.push(live);
  return { live, waiting, errors, logger };
}

describe("LiveLibrary", () => {
  it("loads the folder at start", async () => {
    const { live } = await start(await folder({ "a.txt": PUTIN }));
    expect(live.generation).toBe(1);
    expect(live.current.releases.map((release) => release.id)).toEqual(["a"]);
    expect(live.current.ask("gas price").results[0]?.entry.speaker).toBe("Vladimir Putin");
  });

  it("picks up a release added to the folder, and swaps the library in one piece", async () => {
    const dir = await folder({ "a.txt": PUTIN });
    const { live, waiting } = await start(dir);
    const before = live.current;
    const reloaded = nextReload(waiting);
    await writeFile(join(dir, "b.txt"), MINSK);
    const after = await reloaded;
    expect(live.current).toBe(after);
    expect(live.generation).toBe(2);
    expect(after.releases.map((release) => release.id)).toEqual(["a", "b"]);
    expect(after.ask("tractor exports").results[0]?.entry.speaker).toBe("Aleksandr Lukashenko");
    // The library answering before the change is untouched.
    expect(before.releases.map((release) => release.id)).toEqual(["a"]);
    expect(before.ask("tractor exports").results).toEqual([]);
  });

  it("picks up a changed release", async () => {
    const dir = await folder({ "a.txt": PUTIN });
    const { live, waiting } = await start(dir);
    const reloaded = nextReload(waiting);
    await writeFile(join(dir, "a.txt"), CHANGED);
    await reloaded;
    expect(live.current.ask("grain corridor").results[0]?.entry.text).toContain("grain corridor");
    expect(live.current.ask("gas price").results).toEqual([]);
  });

  it("debounces a burst of changes into one rebuild", async () => {
    const dir = await folder({ "a.txt": PUTIN });
    const { live, waiting } = await start(dir);
    const reloaded = nextReload(waiting);
    for (let index = 0; index < 5; index++) {
      await writeFile(join(dir, `burst-${index}.txt`), MINSK.replace("double", `raise ${index}`));
    }
    await reloaded;
    await live.settled();
    expect(live.generation).toBe(2);
    expect(live.current.releases).toHaveLength(6);
  });

  it("ignores files that are not releases", async () => {
    const dir = await folder({ "a.txt": PUTIN });
    const { live } = await start(dir);
    await writeFile(join(dir, "notes.md"), "# not a release");
    await writeFile(join(dir, ".a.txt.swp"), "editor state");
    await new Promise((resolve) => setTimeout(resolve, 300));
    await live.settled();
    expect(live.generation).toBe(1);
  });

  it("keeps the old library and says why when a rebuild fails", async () => {
    const dir = await folder({ "a.txt": PUTIN });
    const { live, errors, logger } = await start(dir);
    const before = live.current;
    await unlink(join(dir, "a.txt"));
    await expect.poll(() => errors.length, { timeout: 8000 }).toBeGreaterThan(0);
    expect(errors[0]).toBeInstanceOf(LibraryError);
    expect(live.current).toBe(before);
    expect(live.generation).toBe(1);
    const failure = logger.lines.find((line) => line.level === "error");
    expect(failure?.message).toMatch(/stay in use/);
    expect(String(failure?.data.reason)).toMatch(/holds no \.txt releases/);
    // The folder filled again: the next change is picked up as usual.
    await writeFile(join(dir, "b.txt"), MINSK);
    await expect.poll(() => live.generation, { timeout: 8000 }).toBe(2);
    expect(live.current.releases.map((release) => release.id)).toEqual(["b"]);
  });

  it("follows a folder removed and made again", async () => {
    const dir = await folder({ "a.txt": PUTIN });
    const errors: unknown[] = [];
    const live = await LiveLibrary.start(dir, {
      debounceMs: 20,
      retryMs: 60,
      onError: (error) => errors.push(error),
    });
    opened.push(live);
    await rm(dir, { recursive: true, force: true });
    await expect.poll(() => errors.length, { timeout: 8000 }).toBeGreaterThan(0);
    expect(String(errors[0])).toMatch(/does not exist/);
    expect(live.current.releases).toHaveLength(1);
    await mkdir(dir);
    await writeFile(join(dir, "b.txt"), MINSK);
    await expect.poll(() => live.generation, { timeout: 8000 }).toBe(2);
    expect(live.current.releases.map((release) => release.id)).toEqual(["b"]);
  });

  it("rebuilds on request, and queues a request made during a rebuild", async () => {
    const dir = await folder({ "a.txt": PUTIN });
    const { live } = await start(dir);
    await writeFile(join(dir, "b.txt"), MINSK);
    const first = live.reload();
    const second = live.reload();
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    await live.settled();
    expect(live.current.releases).toHaveLength(2);
    expect(live.generation).toBeGreaterThanOrEqual(3);
  });

  it("stops following the folder once closed", async () => {
    const dir = await folder({ "a.txt": PUTIN });
    const { live } = await start(dir);
    live.close();
    await writeFile(join(dir, "b.txt"), MINSK);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(live.generation).toBe(1);
    expect(await live.reload()).toBe(false);
    expect(live.current.releases).toHaveLength(1);
  });

  it("saves a snapshot after a rebuild, so that the next start reads it", async () => {
    const dir = await folder({ "a.txt": PUTIN });
    const cacheDir = join(dir, "..", `${dir.split("/").at(-1)}-cache`);
    folders.push(cacheDir);
    const library = { cache: { dir: cacheDir, minReleases: 1 } };
    const logger = recordingLogger();
    const waiting: Array<(library: Library) => void> = [];
    const live = await LiveLibrary.start(dir, {
      debounceMs: 40,
      logger,
      library,
      onReload: (next) => waiting.shift()?.(next),
    });
    opened.push(live);
    expect(live.current.snapshot.state).toBe("built");
    const reloaded = nextReload(waiting);
    await writeFile(join(dir, "b.txt"), MINSK);
    const rebuilt = await reloaded;
    expect(rebuilt.snapshot.state).toBe("built");
    expect(await rebuilt.snapshot.saveFailure).toBeNull();
    live.close();

    const restartLogger = recordingLogger();
    const restarted = await LiveLibrary.start(dir, { logger: restartLogger, library });
    opened.push(restarted);
    expect(restarted.current.snapshot.state).toBe("read");
    expect(restarted.current.releases.map((release) => release.id)).toEqual(["a", "b"]);
    expect(restartLogger.lines.map((line) => line.message)).toContain(
      "Releases and index read from the saved index",
    );
  });

  it("rejects at start as Library.load does", async () => {
    await expect(LiveLibrary.start(await folder({}))).rejects.toThrow(LibraryError);
  });

  it("takes a substitute loader, and logs each rebuild", async () => {
    const dir = await folder({ "a.txt": PUTIN });
    const loads: string[] = [];
    const logger = recordingLogger();
    const { Library } = await import("../../../src/knowledge/library/library.js");
    const live = await LiveLibrary.start(dir, {
      debounceMs: 10,
      logger,
      load: (folderPath, options) => {
        loads.push(`${folderPath} background=${options.background === true}`);
        return Library.load(folderPath, options);
      },
    });
    opened.push(live);
    expect(await live.reload()).toBe(true);
    expect(loads).toEqual([`${dir} background=false`, `${dir} background=true`]);
    expect(logger.lines.map((line) => line.message)).toContain("Library rebuilt");
  });
});
