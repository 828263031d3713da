import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  askQueries,
  generateCorpus,
  quotesQueries,
  type SyntheticCorpus,
  writeCorpus,
} from "../../../scripts/syntheticCorpus.js";
import { Library, WORKER_MIN_RELEASES } from "../../../src/knowledge/library/library.js";
import { prepareVerify, verifyClaim } from "../../../src/knowledge/verify/verify.js";

let dir: string;
let corpus: SyntheticCorpus;
let inWorker: Library;
let onThisThread: Library;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "readout-scale-"));
  corpus = generateCorpus({ releases: WORKER_MIN_RELEASES + 10, seed: 9 });
  await writeCorpus(dir, corpus);
  inWorker = await Library.load(dir);
  onThisThread = await Library.load(dir, { indexInWorker: false, background: true });
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const answer = (library: Library, question: string, options = {}) => {
  const { query, total, results, speaker } = library.ask(question, options);
  return {
    query,
    total,
    speaker: speaker?.id,
    results: results.map((result) => [result.entry.id, result.score]),
  };
};

describe("a folder of many releases", () => {
  it("indexes in a worker thread, with the same answers as indexing here", () => {
    expect(onThisThread.indexSource).toBe("main");
    expect(inWorker.indexSource).toBe("worker");
    for (const { question } of askQueries(corpus, 60, 2)) {
      expect(answer(inWorker, question, { limit: 5 }), question).toEqual(
        answer(onThisThread, question, { limit: 5 }),
      );
    }
    for (const request of quotesQueries(corpus, 30, 3)) {
      const options = request.topic ? { topic: request.topic } : {};
      expect(inWorker.quotes(request.name, options).results.map((entry) => entry.id)).toEqual(
        onThisThread.quotes(request.name, options).results.map((entry) => entry.id),
      );
    }
  });

  it("answers within one release when asked to", () => {
    const release = inWorker.releases[7];
    if (!release) throw new Error("no release");
    const word = release.entries[3]?.text.split(" ").find((token) => token.length > 6) ?? "";
    const within = inWorker.ask(word, { release: release.id, limit: 50 });
    expect(within.total).toBeGreaterThan(0);
    expect(within.results.every((result) => result.entry.id.startsWith(`${release.id}:`))).toBe(
      true,
    );
    expect(inWorker.ask(word, { release: release.file, limit: 50 })).toEqual(within);
    expect(inWorker.ask(word, { release: "no-such-release" }).total).toBe(0);
    const speaker = release.entries.find((entry) => entry.kind === "quote")?.speaker ?? "";
    const quoted = inWorker.quotes(speaker, { release: release.id });
    expect(quoted.results.length).toBeGreaterThan(0);
    expect(quoted.results.every((entry) => entry.source.file === release.file)).toBe(true);
  });

  it("gives the same answers whatever block size the search scores entries in", async () => {
    // A block of one entry, blocks that split releases, one block for everything, and a size
    // that is no number (the default is used).
    const blockSizes = [1, 97, inWorker.entries.length, Number.NaN];
    const libraries = await Promise.all(
      blockSizes.map((blockSize) =>
        Library.load(dir, { indexInWorker: false, search: { blockSize } }),
      ),
    );
    const late = inWorker.releases.at(-3)?.id ?? "";
    let answered = 0;
    for (const { question } of askQueries(corpus, 40, 4)) {
      const expected = answer(inWorker, question, { limit: 20 });
      if (expected.total > 0) answered++;
      const expectedLate = answer(inWorker, question, { release: late, limit: 20 });
      for (const [index, library] of libraries.entries()) {
        const label = `${question} (block size ${blockSizes[index]})`;
        expect(answer(library, question, { limit: 20 }), label).toEqual(expected);
        expect(answer(library, question, { release: late, limit: 20 }), label).toEqual(
          expectedLate,
        );
      }
    }
    expect(answered).toBe(38);
  }, 60_000);

  it("finds every entry and release by id", () => {
    for (const entry of inWorker.entries.filter((_, index) => index % 13 === 0)) {
      expect(inWorker.entry(entry.id)).toBe(entry);
    }
    for (const release of inWorker.releases) {
      expect(inWorker.release(release.id)).toBe(release);
      expect(inWorker.release(release.file)).toBe(release);
    }
    expect(inWorker.entry("nothing:1.1")).toBeUndefined();
    expect(inWorker.entry("no colon")).toBeUndefined();
  });
});

describe("suggestReleases", () => {
  it("offers the newest releases when nothing is typed", () => {
    const newest = inWorker.suggestReleases("", 5);
    expect(newest).toHaveLength(5);
    const dates = newest.map((release) => release.date ?? "");
    expect([...dates].sort().reverse()).toEqual(dates);
    const latest = [...inWorker.releases]
      .map((release) => release.date ?? "")
      .sort()
      .at(-1);
    expect(dates[0]).toBe(latest);
  });

  it("matches a date as typed: ISO, a month and year, a day and month", () => {
    const release = inWorker.releases[11];
    const date = release?.date ?? "";
    const [year, month, day] = date.split("-");
    const monthName = new Date(`${date}T00:00:00Z`).toLocaleString("en", {
      month: "long",
      timeZone: "UTC",
    });
    for (const typed of [
      date,
      `${year}-${month}`,
      `${monthName} ${year}`,
      `${Number(day)} ${monthName}`,
      `${monthName.slice(0, 3)} ${year}`,
    ]) {
      const suggested = inWorker.suggestReleases(typed, 25);
      expect(
        suggested.map((candidate) => candidate.id),
        typed,
      ).toContain(release?.id);
      if (typed.includes(year ?? "")) {
        for (const candidate of suggested) {
          expect(candidate.date?.startsWith(year ?? "") ?? false, typed).toBe(true);
        }
      }
    }
  });

  it("matches words of the title, the lead and the file name, best first", () => {
    const release = inWorker.releases.find((candidate) => candidate.title) ?? inWorker.releases[0];
    if (!release) throw new Error("no release");
    // The same two people may have met more than once: each meeting is offered, newest first.
    const fileWords = release.id.split("-").slice(3).join(" ");
    const meetings = inWorker.suggestReleases(fileWords, 10);
    expect(meetings.map((candidate) => candidate.id)).toContain(release.id);
    expect(meetings.every((candidate) => candidate.id.endsWith(release.id.slice(11)))).toBe(true);
    expect(inWorker.suggestReleases(release.id, 3)[0]).toBe(release);
    const leadWords = release.lead.replace(/[.]$/, "").split(" ").slice(-4).join(" ");
    expect(inWorker.suggestReleases(leadWords, 25).map((candidate) => candidate.id)).toContain(
      release.id,
    );
    expect(inWorker.suggestReleases("zzzz qqqq", 5)).toEqual([]);
    expect(inWorker.suggestReleases("", 0)).toEqual([]);
  });

  it("reads a repeated word once and a long input by its first words", () => {
    expect(
      inWorker.suggestReleases("e e e e e e e e e e e e e e e e e e e e e e e e e", 25),
    ).toEqual(inWorker.suggestReleases("e", 25));
    const release = inWorker.releases[3];
    const typed = `${release?.id ?? ""} `.repeat(30);
    expect(typed.length).toBeGreaterThan(100);
    expect(inWorker.suggestReleases(typed, 3)[0]).toBe(release);
  });
});

describe("prepareVerify", () => {
  it("builds /verify's index giving way to the event loop, and claims get the verdicts they would without it", async () => {
    const claims = corpus.releases
      .slice(0, 20)
      .flatMap((release) =>
        release.quotes.slice(0, 1).map((quote) => `${quote.speaker} said "${quote.opening}"`),
      );
    const unprepared = await Library.load(dir);
    const expected = claims.map((claim) => verifyClaim(unprepared, claim).verdict);
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      await prepareVerify(onThisThread);
    } finally {
      clearInterval(ticker);
    }
    expect(turns).toBeGreaterThan(1);
    expect(claims.map((claim) => verifyClaim(onThisThread, claim).verdict)).toEqual(expected);
    expect(claims).toHaveLength(20);
  });
});
