/**
 * The worker-thread side of building the search index (see indexJob.ts): entries arrive in
 * batches while the main thread is still parsing, and the finished index goes back with its
 * typed arrays moved rather than copied.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type BuiltIndex, type IndexableEntry, IndexBuilder } from "./indexBuilder.js";

export type WorkerRequest =
  | { type: "entries"; entries: IndexableEntry[] }
  | { type: "finish"; k1: number; trackWords: string[] };

export type WorkerReply =
  | { type: "ready" }
  | { type: "done"; index: BuiltIndex }
  | { type: "failed"; message: string };

const port = parentPort;
if (port) {
  const { contextWeight } = workerData as { contextWeight: number };
  const builder = new IndexBuilder(contextWeight);
  let doc = 0;
  port.on("message", (request: WorkerRequest) => {
    try {
      if (request.type === "entries") {
        for (const entry of request.entries) builder.add(doc++, entry);
        return;
      }
      const index = builder.finish(request.k1, request.trackWords);
      // The typed arrays are moved to the main thread; the rest (maps, word lists) is copied.
      const buffers = [
        index.pairStart,
        index.pairSecond,
        index.postingStart,
        index.postingDocs,
        index.postingCodes,
        index.codeWeight,
        index.codeNumerator,
        index.docLengths,
        index.grams.keys,
        index.grams.offsets,
        index.grams.items,
        ...index.tracked.values(),
      ].map((array) => array.buffer as ArrayBuffer);
      port.postMessage({ type: "done", index } satisfies WorkerReply, buffers);
    } catch (error) {
      port.postMessage({ type: "failed", message: (error as Error).message } satisfies WorkerReply);
    }
  });
  port.postMessage({ type: "ready" } satisfies WorkerReply);
}
