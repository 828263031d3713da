import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Answer } from "./answers/model.js";
import { loadWarningLines, notSavedLine, plural, toStatement } from "./answers/statements.js";
import { renderTerminal } from "./answers/terminal.js";
import { printable } from "./answers/text.js";
import { askAnswer } from "./commands/ask.js";
import { briefAnswer } from "./commands/brief.js";
import { quotesAnswer } from "./commands/quotes.js";
import { verifyAnswer } from "./commands/verify.js";
import { cacheDirFrom } from "./knowledge/index/snapshot.js";
import {
  addRelease,
  REMOVED_FOLDER,
  type ReleaseSource,
  readReleaseFile,
  removeRelease,
} from "./knowledge/intake/release.js";
import {
  folderOptions,
  Library,
  LibraryError,
  type ScoredEntry,
} from "./knowledge/library/library.js";
import { followsLinksInside } from "./knowledge/reading/load.js";
import type { Entry } from "./knowledge/types.js";
import { verifyClaim } from "./knowledge/verify/verify.js";

export interface CliIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env?: Readonly<Record<string, string | undefined>>;
  /** Opens the seeds folder; tests hand in a fake library. */
  load?: (dir: string) => Promise<Library>;
}

const USAGE = `usage: npm run --silent cli -- <command>, where <command> is one of
  ask "<question>" [--json] [--limit N] [--seeds DIR]
  ask - [--json] [--limit N] [--seeds DIR]       questions from stdin, one a line
  quotes <speaker> [--topic T] [--json] [--seeds DIR]
  verify "<claim>" [--json] [--seeds DIR]
  verify - [--json] [--seeds DIR]                claims from stdin, one a line
  brief [--release R] [--json] [--seeds DIR]     a release in six statements (default the newest)
  entries [--json] [--seeds DIR]
  release add <file|url> [--json] [--seeds DIR]  add a .txt or .html file, or a page by its link
  release remove <id> [--seeds DIR]              move a release to the seeds folder's .removed/`;

const FLAGS_OF: Record<string, readonly string[]> = {
  ask: ["json", "limit", "seeds"],
  quotes: ["json", "topic", "seeds"],
  verify: ["json", "seeds"],
  brief: ["json", "release", "seeds"],
  entries: ["json", "seeds"],
  release: ["json", "seeds"],
};

/** Subcommands that take no words, only flags. */
const WITHOUT_SUBJECT = new Set(["entries", "brief"]);

/** What each subcommand's words are, for messages about them. */
const SUBJECT_OF: Record<string, string> = {
  ask: "a question",
  quotes: "a speaker",
  verify: "a claim",
  release: "add <file|url> or remove <id>",
};

const EMPTY_SUBJECT: Record<string, string> = {
  ask: 'readout: the question is empty; ask something, e.g. cli ask "what was lifted".',
  quotes: "readout: the speaker is empty; name someone, e.g. cli quotes Coale.",
  verify: `readout: the claim is empty; give one, e.g. cli verify 'Coale said "This is official."'.`,
};

/** Said to the user before the usage; exit code 2. */
class UsageError extends Error {}

interface Invocation {
  subcommand: string;
  /** The question or speaker: the positional words joined, as a shell user would expect. */
  subject: string | undefined;
  words: string[];
  json: boolean;
  limit: number | undefined;
  topic: string | undefined;
  release: string | undefined;
  seeds: string | undefined;
}

const FLAG_TYPES = {
  json: { type: "boolean" },
  limit: { type: "string" },
  topic: { type: "string" },
  release: { type: "string" },
  seeds: { type: "string" },
} as const;

function parseInvocation(argv: readonly string[]): Invocation {
  // Not strict: Node's own messages for a bad flag are long; these say what to fix in a line.
  const { positionals, tokens } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: FLAG_TYPES,
  });
  const [subcommand, ...words] = positionals;
  const allowed = subcommand === undefined ? undefined : FLAGS_OF[subcommand];
  if (subcommand === undefined || allowed === undefined) {
    throw new UsageError(subcommand ? `unknown command “${subcommand}”.` : "no command given.");
  }
  const flags: Partial<Record<keyof typeof FLAG_TYPES, string>> = {};
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    if (!allowed.includes(token.name)) {
      throw new UsageError(`${subcommand} does not take ${token.rawName}.`);
    }
    const name = token.name as keyof typeof FLAG_TYPES;
    if (FLAG_TYPES[name].type === "boolean") {
      if (token.inlineValue) throw new UsageError(`${token.rawName} takes no value.`);
      flags[name] = "";
    } else if (token.value === undefined) {
      throw new UsageError(`${token.rawName} needs a value.`);
    } else {
      flags[name] = token.value;
    }
  }
  const { limit, topic, release, seeds } = flags;
  if (limit !== undefined && !/^[1-9]\d*$/.test(limit)) {
    throw new UsageError(`--limit takes a whole number of 1 or more, not “${limit}”.`);
  }
  if (!WITHOUT_SUBJECT.has(subcommand) && words.length === 0) {
    throw new UsageError(`${subcommand} needs ${SUBJECT_OF[subcommand]}.`);
  }
  if (WITHOUT_SUBJECT.has(subcommand) && words.length > 0) {
    throw new UsageError(`${subcommand} takes no words, but was given “${words.join(" ")}”.`);
  }
  return {
    subcommand,
    subject: words.length > 0 ? words.join(" ") : undefined,
    words,
    json: flags.json !== undefined,
    limit: limit === undefined ? undefined : Number(limit),
    topic,
    release,
    seeds,
  };
}

/** The public shape of an entry: what a script may rely on (the search context stays inside). */
function entryJson(entry: Entry) {
  return {
    id: entry.id,
    kind: entry.kind,
    speaker: entry.speaker,
    reportedBy: entry.reportedBy,
    letter: entry.letter,
    text: entry.text,
    source: {
      file: entry.source.file,
      date: entry.source.date,
      dateText: entry.source.dateText,
      paragraph: entry.source.paragraph,
    },
  };
}

function scoredJson({ entry, score }: Pick<ScoredEntry, "entry" | "score">) {
  return { ...entryJson(entry), score };
}

/** An /ask result as the JSON contract gives it: the entry, its score and its focus. */
function answerJson({ entry, score, focus }: ScoredEntry) {
  return { ...entryJson(entry), score, focus };
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const say = (text: string) => io.stdout.write(`${text}\n`);
  const complain = (text: string) => io.stderr.write(`${text}\n`);
  const show = (answer: Answer) =>
    // Nothing can be pressed in a script's output, so the buttons are left out.
    say(renderTerminal({ ...answer, buttons: [] }, { color: io.stdout.isTTY === true }));

  let invocation: Invocation;
  try {
    invocation = parseInvocation(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    complain(`readout: ${error.message}\n${USAGE}`);
    return 2;
  }
  const { subcommand, subject, json, limit, topic } = invocation;
  if (subject !== undefined && subject.trim() === "") {
    complain(EMPTY_SUBJECT[subcommand] ?? `readout: ${subcommand} was given nothing.`);
    return 1;
  }

  const dir = invocation.seeds ?? (io.env?.SEEDS_DIR || "seeds");
  if (subcommand === "release") return changeReleases(invocation, dir, io);
  const cached = folderOptions(
    cacheDirFrom(io.env?.CACHE_DIR),
    followsLinksInside(io.env?.SEEDS_LINKS),
  );
  const load = io.load ?? ((folder: string) => Library.load(folder, cached));
  let library: Library;
  try {
    library = await load(dir);
  } catch (error) {
    if (!(error instanceof LibraryError)) throw error;
    complain(`readout: ${printable(error.message)}`);
    return 1;
  }
  for (const line of loadWarningLines(library)) complain(line);
  // The process stays up until the snapshot is saved; a failure is worth a line.
  void library.snapshot.saveFailure.then((failure) => {
    if (failure) complain(notSavedLine(failure));
  });

  if (subcommand === "brief") {
    const chosen = invocation.release ? library.release(invocation.release) : undefined;
    if (invocation.release && !chosen) {
      complain(
        `readout: no release “${printable(invocation.release)}” is loaded; cli entries lists them by file.`,
      );
      return 1;
    }
    if (json) {
      const brief = library.brief(chosen?.id);
      say(
        JSON.stringify({
          release: brief?.release.id ?? null,
          statements: (brief?.entries ?? []).map(entryJson),
        }),
      );
    } else {
      show(briefAnswer(library, chosen ?? null));
    }
    return 0;
  }

  if (subcommand === "entries") {
    if (json) {
      say(JSON.stringify({ entries: library.entries.map(entryJson) }));
    } else {
      show(entriesAnswer(library));
    }
    return 0;
  }

  if (subcommand === "quotes") {
    const speaker = subject ?? "";
    if (json) {
      const result = library.quotes(speaker, topic ? { topic } : {});
      say(
        JSON.stringify({
          speaker: result.speaker?.name ?? null,
          results: result.results.map(entryJson),
          ...(result.message ? { message: result.message } : {}),
        }),
      );
    } else {
      show(
        quotesAnswer(library, speaker, {
          ...(topic ? { topic } : {}),
          pageSize: Number.MAX_SAFE_INTEGER,
        }),
      );
    }
    return 0;
  }

  const answerQuestion = (question: string) => {
    if (json) {
      const result = library.ask(question.trim(), limit === undefined ? {} : { limit });
      say(
        JSON.stringify({
          query: question,
          direct: result.direct,
          results: result.results.map(answerJson),
        }),
      );
    } else {
      show(askAnswer(library, question.trim(), limit === undefined ? {} : { pageSize: limit }));
    }
  };
  const checkClaim = (claim: string) => {
    if (json) {
      const result = verifyClaim(library, claim.trim());
      say(
        JSON.stringify({
          verdict: result.verdict,
          speaker: result.speaker,
          claimedSpeaker: result.claimedSpeaker,
          matches: result.matches.map(scoredJson),
        }),
      );
    } else {
      show(verifyAnswer(library, claim.trim()));
    }
  };
  const answer = subcommand === "verify" ? checkClaim : answerQuestion;
  if (subject !== "-") {
    answer(subject ?? "");
    return 0;
  }
  for await (const line of createInterface({
    input: io.stdin,
    terminal: false,
    crlfDelay: Infinity,
  })) {
    // In JSON every line gets its object, so answers stay aligned with the questions sent.
    if (json || line.trim() !== "") answer(line);
  }
  return 0;
}

/**
 * `release add <file|url>` and `release remove <id>`: the checks of /release add, without
 * Discord. A refusal is one line on stderr and exit code 2; nothing is written.
 */
async function changeReleases(invocation: Invocation, dir: string, io: CliIO): Promise<number> {
  const say = (text: string) => io.stdout.write(`${text}\n`);
  const [action, ...rest] = invocation.words;
  const target = rest.join(" ").trim();
  const refuse = (message: string) => {
    io.stderr.write(`readout: ${printable(message)}\n`);
    return 2;
  };
  if ((action !== "add" && action !== "remove") || target === "") {
    return refuse(`release takes add <file|url> or remove <id>, e.g. release add release.txt.`);
  }
  try {
    if (action === "remove") {
      const file = await removeRelease(target, dir);
      say(`Removed ${file}; it is kept in ${join(dir, REMOVED_FOLDER, file)}.`);
      return 0;
    }
    const intake = {
      fetch: { allowLoopback: io.env?.RELEASE_FETCH_ALLOW_LOOPBACK === "1" },
    };
    const source: ReleaseSource = /^[a-z][a-z0-9+.-]*:\/\//i.test(target)
      ? { kind: "url", url: target }
      : { kind: "file", ...(await readReleaseFile(target)) };
    const { file, title, date, speakers, statements, warnings } = await addRelease(
      source,
      dir,
      intake,
    );
    if (invocation.json) {
      say(JSON.stringify({ file, title, date, speakers, statements, warnings }));
    } else {
      say(`Added ${join(dir, file)}: ${title ?? "untitled"}, ${date ?? "undated"}.`);
      say(
        `${plural(statements, "statement")}; quoted: ${speakers.map((s) => `${s.name} (${s.quotes})`).join(", ") || "no one by name"}.`,
      );
      for (const warning of warnings) say(`warning: ${printable(warning)}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof LibraryError) return refuse(error.message);
    throw error;
  }
}

function entriesAnswer(library: Library): Answer {
  return {
    tone: "answer",
    title: "All statements",
    intro: `${plural(library.entries.length, "statement")} from ${plural(library.releases.length, "release")}, in release order.`,
    statements: library.entries.map((entry) => toStatement(entry, library.releases)),
    buttons: [],
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
}
