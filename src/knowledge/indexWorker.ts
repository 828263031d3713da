/**
 * The worker-thread side of building the search index (see indexJob.ts): entries arrive in
 * batches while the main thread is still parsing, and the finished index goes back as plain
 * typed arrays, moved rather than copied.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { GramParts } from "./grams.js";
import { type IndexableEntry, IndexBuilder } from "./search.js";

export type WorkerRequest =
  | { type: "entries"; entries: IndexableEntry[] }
  | { type: "finish"; k1: number; trackWords: string[] };

export type WorkerReply =
  | { type: "ready" }
  | { type: "done"; index: PackedIndex }
  | { type: "failed"; message: string };

/** A BuiltIndex with its maps as arrays, for postMessage. */
export interface PackedIndex {
  /** Stems in term-number order. */
  terms: string[];
  pairStart: Int32Array;
  pairSecond: Int32Array;
  postingStart: Int32Array;
  postingDocs: Int32Array;
  postingCodes: Uint8Array | Uint16Array;
  codeWeight: Float64Array;
  codeNumerator: Float64Array;
  docLengths: Float64Array;
  surfaceList: string[];
  surfaceStems: string[];
  grams: GramParts;
  tracked: Array<[string, Int32Array]>;
}

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
      const built = builder.finish(request.k1, request.trackWords);
      const index: PackedIndex = {
        terms: [...built.termIds.keys()],
        pairStart: built.pairStart,
        pairSecond: built.pairSecond,
        postingStart: built.postingStart,
        postingDocs: built.postingDocs,
        postingCodes: built.postingCodes,
        codeWeight: built.codeWeight,
        codeNumerator: built.codeNumerator,
        docLengths: built.docLengths,
        surfaceList: built.surfaceList,
        surfaceStems: built.surfaceStems,
        grams: built.grams,
        tracked: [...built.tracked],
      };
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
      ].map((array) => array.buffer as ArrayBuffer);
      port.postMessage({ type: "done", index } satisfies WorkerReply, buffers);
    } catch (error) {
      port.postMessage({ type: "failed", message: (error as Error).message } satisfies WorkerReply);
    }
  });
  port.postMessage({ type: "ready" } satisfies WorkerReply);
}
