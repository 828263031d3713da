/**
 * Builds the search index in a worker thread while the main thread parses: on a machine with two
 * cores this takes most of the indexing off start-up, and off the event loop when the library is
 * rebuilt under a running bot. Whatever goes wrong (no worker threads, no TypeScript loader in the
 * worker, a crash) ends in `null`, and the caller builds the index itself: the result is the same.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { BuiltIndex, IndexableEntry } from "./indexBuilder.js";
import type { WorkerReply, WorkerRequest } from "./indexWorker.js";

/** A worker that has not started within this time is given up (and the index built here). */
const START_TIMEOUT_MS = 15_000;
/** Entries go to the worker in batches of about this many. */
const BATCH = 2_000;

/** How to start the worker: its own file when running as JavaScript, tsx's loader first for TypeScript. */
function workerEntry(): URL | null {
  const self = import.meta.url;
  if (self.endsWith(".js")) return new URL("./indexWorker.js", self);
  if (!self.endsWith(".ts")) return null;
  const script = new URL("./indexWorker.ts", self);
  if (!existsSync(fileURLToPath(script))) return null;
  let api: string;
  try {
    api = createRequire(self)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs");
  } catch {
    return null;
  }
  if (!existsSync(api)) return null;
  const boot = [
    `import { register } from ${JSON.stringify(pathToFileURL(api).href)};`,
    "register();",
    `await import(${JSON.stringify(script.href)});`,
  ].join("\n");
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

export class BackgroundIndex {
  private readonly worker: Worker;
  private pending: IndexableEntry[] = [];
  private failure: string | null = null;
  private closed = false;
  private ready = false;
  private readonly startTimer: NodeJS.Timeout;
  private settle: ((index: BuiltIndex | null) => void) | null = null;

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.unref();
    this.startTimer = setTimeout(() => this.fail("the worker did not start"), START_TIMEOUT_MS);
    this.startTimer.unref();
    worker.on("message", (reply: WorkerReply) => {
      if (reply.type === "ready") {
        this.ready = true;
        clearTimeout(this.startTimer);
      } else if (reply.type === "done") this.finishWith(reply.index);
      else this.fail(reply.message);
    });
    worker.on("error", (error) => this.fail(error.message));
    worker.on("exit", (code) => this.fail(`the worker exited (${code})`));
  }

  /** Starts a worker; null when this runtime cannot start one. */
  static start(contextWeight: number): BackgroundIndex | null {
    const entry = workerEntry();
    if (!entry) return null;
    try {
      return new BackgroundIndex(new Worker(entry, { workerData: { contextWeight } }));
    } catch {
      return null;
    }
  }

  /** Why the worker failed, if it did. */
  get failedBecause(): string | null {
    return this.failure;
  }

  get started(): boolean {
    return this.ready;
  }

  /** Queues entries, in order, for indexing. */
  add(entries: readonly IndexableEntry[]): void {
    if (this.closed) return;
    for (const { text, context, letter, kind } of entries) {
      this.pending.push({ text, context, letter, kind });
    }
    if (this.pending.length >= BATCH) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0 || this.closed) return;
    this.post({ type: "entries", entries: this.pending });
    this.pending = [];
  }

  private post(request: WorkerRequest): void {
    try {
      this.worker.postMessage(request);
    } catch (error) {
      this.fail((error as Error).message);
    }
  }

  /** The finished index, or null if the worker failed along the way. */
  finish(k1: number, trackWords: Iterable<string>): Promise<BuiltIndex | null> {
    if (this.closed) return Promise.resolve(null);
    const result = new Promise<BuiltIndex | null>((resolve) => {
      this.settle = resolve;
    });
    this.flush();
    this.post({ type: "finish", k1, trackWords: [...trackWords] });
    return result;
  }

  /** Stops the worker; a pending `finish` resolves to null. */
  cancel(): void {
    this.fail("cancelled");
  }

  private finishWith(index: BuiltIndex): void {
    const settle = this.settle;
    this.settle = null;
    this.stop();
    settle?.(index);
  }

  private fail(message: string): void {
    if (this.closed) return;
    this.failure = message;
    this.pending = [];
    const settle = this.settle;
    this.settle = null;
    this.stop();
    settle?.(null);
  }

  private stop(): void {
    clearTimeout(this.startTimer);
    this.closed = true;
    void this.worker.terminate();
  }
}
