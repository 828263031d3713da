/**
 * A library that follows its seeds folder: adding, changing or removing a release while the bot
 * runs is picked up without a restart. The folder is watched (fs.watch, debounced); a rebuild
 * runs in the background (parsing gives way to the event loop, the index is built in a worker
 * thread when the folder is large) and then replaces the library in one assignment, so a command
 * that reads `current` gets either the old library or the new one, never a mix. A rebuild that
 * fails (the folder emptied or removed, nothing parseable) keeps the old library and says why.
 *
 * Free of pino and discord.js: give it any logger with info, warn and error taking
 * (data, message), which a pino logger is.
 */
import { type FSWatcher, watch } from "node:fs";
import { stat } from "node:fs/promises";
import { Library, type LibraryOptions } from "../library/library.js";
import { prepareVerify } from "../verify/verify.js";

export interface LiveLibraryLogger {
  info(data: Record<string, unknown>, message: string): void;
  warn(data: Record<string, unknown>, message: string): void;
  error(data: Record<string, unknown>, message: string): void;
}

export interface LiveLibraryOptions {
  /** Quiet time after the last change in the folder before rebuilding; default 500 ms. */
  debounceMs?: number;
  /** While the folder cannot be watched (removed, say), how often to try again; default 2 s. */
  retryMs?: number;
  logger?: LiveLibraryLogger;
  /** How to load the library (search tuning, worker thread); `background` is always set. */
  library?: LibraryOptions;
  /** After each rebuild that replaced the library. */
  onReload?: (library: Library, previous: Library) => void;
  /** After each rebuild that failed; the old library stays in use. */
  onError?: (error: unknown) => void;
  /** How to load a folder; tests may substitute their own. Defaults to Library.load. */
  load?: (dir: string, options: LibraryOptions) => Promise<Library>;
}

async function isFolder(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

const SILENT: LiveLibraryLogger = { info() {}, warn() {}, error() {} };

/** Whether a changed name in the folder may concern a release. */
function concernsReleases(name: string | null): boolean {
  // Some platforms do not say which file changed: then it may be any.
  return name === null || name.toLowerCase().endsWith(".txt");
}

export class LiveLibrary {
  private library: Library;
  private builds = 1;
  private watcher: FSWatcher | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private running: Promise<boolean> | null = null;
  /** The rebuild to run after the running one, for changes made meanwhile. */
  private queued: Promise<boolean> | null = null;
  private closed = false;
  private readonly logger: LiveLibraryLogger;
  private readonly debounceMs: number;
  private readonly retryMs: number;
  private readonly load: (dir: string, options: LibraryOptions) => Promise<Library>;

  private constructor(
    readonly dir: string,
    initial: Library,
    private readonly options: LiveLibraryOptions,
  ) {
    this.library = initial;
    this.logger = options.logger ?? SILENT;
    this.debounceMs = Math.max(0, options.debounceMs ?? 500);
    this.retryMs = Math.max(50, options.retryMs ?? 2000);
    this.load = options.load ?? ((folder, libraryOptions) => Library.load(folder, libraryOptions));
  }

  /**
   * Loads the folder and starts watching it. Rejects as Library.load does (LibraryError with a
   * sentence to show) when the first load fails: there is nothing to answer with yet.
   */
  static async start(dir: string, options: LiveLibraryOptions = {}): Promise<LiveLibrary> {
    const load = options.load ?? ((folder, libraryOptions) => Library.load(folder, libraryOptions));
    const initial = await load(dir, options.library ?? {});
    const live = new LiveLibrary(dir, initial, options);
    live.reportSnapshot(initial);
    live.startWatching();
    // Ready before the first /verify is likely, without delaying the start.
    void prepareVerify(initial);
    return live;
  }

  /** The library to answer with now. Read it per request; it is replaced after each rebuild. */
  get current(): Library {
    return this.library;
  }

  /** How many libraries have been built: 1 after start, one more per successful rebuild. */
  get generation(): number {
    return this.builds;
  }

  /**
   * Rebuilds now, without waiting for the debounce. Resolves to whether the library was
   * replaced (false when the rebuild failed, or after close).
   */
  reload(): Promise<boolean> {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = null;
    if (this.closed) return Promise.resolve(false);
    if (this.running) {
      // The folder changed again during a rebuild: one more rebuild follows it.
      this.queued ??= this.running.then(() => {
        this.queued = null;
        return this.reload();
      });
      return this.queued;
    }
    const running = this.rebuild().finally(() => {
      if (this.running === running) this.running = null;
    });
    this.running = running;
    return running;
  }

  /** Resolves once no rebuild is waiting or running. */
  async settled(): Promise<void> {
    while (this.debounce || this.running || this.queued) {
      if (this.queued) await this.queued;
      else if (this.running) await this.running;
      else await new Promise((resolve) => setTimeout(resolve, this.debounceMs + 5));
    }
  }

  /** Stops watching; the current library stays usable. */
  close(): void {
    this.closed = true;
    if (this.debounce) clearTimeout(this.debounce);
    if (this.retry) clearTimeout(this.retry);
    this.debounce = null;
    this.retry = null;
    this.watcher?.close();
    this.watcher = null;
  }

  /** Logs what became of the library's snapshot on disk: read, unusable, or not saved. */
  private reportSnapshot(library: Library): void {
    const { state, problem, saveFailure } = library.snapshot;
    if (problem)
      this.logger.warn({ dir: this.dir, reason: problem }, "The saved index was not used");
    if (state === "read")
      this.logger.info({ dir: this.dir }, "Releases and index read from the saved index");
    void saveFailure.then((failure) => {
      if (failure) {
        this.logger.warn(
          { dir: this.dir, reason: failure },
          "The index was not saved; the next start parses the releases again",
        );
      }
    });
  }

  private startWatching(): void {
    if (this.closed) return;
    try {
      const watcher = watch(this.dir, { persistent: false }, (_event, name) => {
        if (concernsReleases(name === null ? null : String(name))) this.changed();
      });
      watcher.on("error", (error) => this.lostWatch(error));
      this.watcher = watcher;
    } catch (error) {
      this.lostWatch(error);
    }
  }

  /** The folder cannot be watched (it was removed, say): try again until it can. */
  private lostWatch(error: unknown): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.closed || this.retry) return;
    this.logger.warn(
      { dir: this.dir, err: error },
      "Cannot watch the seeds folder; the releases loaded stay in use, and watching resumes when it can",
    );
    const attempt = () => {
      this.retry = null;
      if (this.closed) return;
      this.startWatching();
      // Whatever happened while unwatched is read now.
      if (this.watcher) this.changed();
      else this.retry = setTimeout(attempt, this.retryMs);
      this.retry?.unref();
    };
    this.retry = setTimeout(attempt, this.retryMs);
    this.retry.unref();
  }

  private changed(): void {
    if (this.closed) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.reload();
    }, this.debounceMs);
    this.debounce.unref();
  }

  private async rebuild(): Promise<boolean> {
    const started = performance.now();
    this.logger.info({ dir: this.dir }, "Seeds folder changed; rebuilding the library");
    let next: Library;
    try {
      next = await this.load(this.dir, { ...this.options.library, background: true });
    } catch (error) {
      this.logger.error(
        { dir: this.dir, err: error, reason: (error as Error)?.message },
        "Rebuilding the library failed; the releases loaded before stay in use",
      );
      this.options.onError?.(error);
      // A folder removed (and perhaps made again) needs watching afresh.
      if (!(await isFolder(this.dir))) this.lostWatch(error);
      return false;
    }
    // A library swapped in ready, so the first /verify on it does not hold the bot.
    await prepareVerify(next);
    if (this.closed) return false;
    const previous = this.library;
    this.library = next;
    this.builds++;
    for (const warning of next.warnings) {
      this.logger.warn({ file: warning.file, paragraph: warning.paragraph }, warning.message);
    }
    this.reportSnapshot(next);
    this.logger.info(
      {
        releases: next.releases.length,
        entries: next.entries.length,
        ms: Math.round(performance.now() - started),
      },
      "Library rebuilt",
    );
    this.options.onReload?.(next, previous);
    return true;
  }
}
