import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type {
  CommandContext,
  CommandRequest,
  ReleaseAudit,
  ReleaseShelf,
} from "../../src/commands/command.js";
import release from "../../src/commands/release.js";
import { Library } from "../../src/knowledge/library/library.js";

const PASTED = [
  "Talks on the river ports",
  "14 May 2024",
  "President Irena Kovac met with Minister Paolo Ferri in Ljubljana.",
  '"The river ports will open to barges next spring," Irena Kovac said.',
  '"We will send our engineers in March," Paolo Ferri said.',
].join("\n");

let seeds: string;
let audits: ReleaseAudit[];
let reloads: number;
let context: CommandContext;

beforeEach(async () => {
  seeds = await mkdtemp(join(tmpdir(), "readout-release-command-"));
  await writeFile(
    join(seeds, "2020-01-01-older.txt"),
    '1 January 2020\n"Older words," Anna Berg said.\n',
  );
  audits = [];
  reloads = 0;
  let library = await Library.load(seeds);
  const shelf: ReleaseShelf = {
    seedsDir: seeds,
    intake: {},
    reload: async () => {
      reloads++;
      library = await Library.load(seeds);
      return true;
    },
    audit: (record) => audits.push(record),
  };
  context = {
    get library() {
      return library;
    },
    releases: shelf,
  };
});
afterEach(async () => {
  await rm(seeds, { recursive: true, force: true });
});

const run = (
  options: CommandRequest["options"],
  extra: Partial<CommandRequest> = { canManageServer: true },
) => release.execute({ options, userId: "u1", ...extra }, context);

describe("/release definition", () => {
  it("is for members who may manage the server, in servers only, with add, remove and list", () => {
    expect(release.data).toMatchObject({
      name: "release",
      default_member_permissions: String(1 << 5),
      contexts: [0],
    });
    const options = "options" in release.data ? (release.data.options ?? []) : [];
    expect(options.map((option) => option.name)).toEqual(["add", "remove", "list"]);
    expect(release.alwaysPrivate).toBe(true);
  });
});

describe("/release add", () => {
  it("adds a pasted release, says what was understood, reloads and audits", async () => {
    const answer = await run({ subcommand: "add", text: PASTED });
    expect(answer).toMatchObject({
      tone: "answer",
      title: "Added: Talks on the river ports",
      intro: "It can be asked about now, with /ask and /quotes.",
      ephemeral: true,
    });
    expect(answer.fields).toEqual([
      { name: "Date", value: "14 May 2024" },
      { name: "Quoted", value: "Irena Kovac: 1 quote\nPaolo Ferri: 1 quote" },
      { name: "Statements", value: "3" },
      { name: "File", value: "seeds/2024-05-14-talks-on-the-river-ports.txt" },
    ]);
    expect(reloads).toBe(1);
    expect(context.library.ask("when will the engineers come").results[0]?.entry.speaker).toBe(
      "Paolo Ferri",
    );
    expect(audits).toEqual([
      {
        action: "add",
        userId: "u1",
        file: "2024-05-14-talks-on-the-river-ports.txt",
        url: null,
        result: "added",
      },
    ]);
  });

  it("reads an attached file given as bytes", async () => {
    const bytes = new TextEncoder().encode(PASTED);
    const answer = await release.execute(
      {
        options: { subcommand: "add" },
        attachments: { file: { name: "ports.txt", size: bytes.length, bytes } },
        userId: "u1",
        canManageServer: true,
      },
      context,
    );
    expect(answer.title).toBe("Added: Talks on the river ports");
  });

  it("refuses a member without Manage Server, writes nothing and audits the refusal", async () => {
    const answer = await run({ subcommand: "add", text: PASTED }, { canManageServer: false });
    expect(answer).toMatchObject({ tone: "error", ephemeral: true });
    expect(answer.intro).toContain("Manage Server");
    expect(await readdir(seeds)).toEqual(["2020-01-01-older.txt"]);
    expect(audits).toMatchObject([{ action: "add", result: "refused" }]);
    expect(reloads).toBe(0);
  });

  it("wants exactly one of file, url and text", async () => {
    for (const options of [{}, { text: PASTED, url: "https://example.org/r" }]) {
      const answer = await run({ subcommand: "add", ...options });
      expect(answer.intro).toContain("Give exactly one of file:");
    }
    expect(await readdir(seeds)).toEqual(["2020-01-01-older.txt"]);
  });

  it("says why a text that holds no release is refused, and audits it", async () => {
    const answer = await run({ subcommand: "add", text: "nothing to see" });
    expect(answer.tone).toBe("error");
    expect(answer.intro).toContain("No statement could be read");
    expect(audits).toMatchObject([
      { result: "refused", reason: expect.stringContaining("No statement") },
    ]);
  });

  it("refuses a link to this machine with a sentence, fetching nothing", async () => {
    const answer = await run({ subcommand: "add", url: "http://127.0.0.1/release" });
    expect(answer.intro).toBe(
      "That link points to a private or local network address, which Readout does not fetch.",
    );
    expect(audits).toMatchObject([{ url: "http://127.0.0.1/release", result: "refused" }]);
  });

  it("is refused where there is no seeds folder to write to", async () => {
    const answer = await release.execute(
      { options: { subcommand: "add", text: PASTED }, userId: "u1", canManageServer: true },
      { library: context.library },
    );
    expect(answer.intro).toContain("without a seeds folder");
  });
});

describe("/release remove and list", () => {
  it("moves the release to .removed and stops answering from it", async () => {
    await run({ subcommand: "add", text: PASTED });
    const answer = await run({
      subcommand: "remove",
      release: "2024-05-14-talks-on-the-river-ports",
    });
    expect(answer.title).toBe("Removed: Talks on the river ports");
    expect(answer.intro).toContain("seeds/.removed/2024-05-14-talks-on-the-river-ports.txt");
    expect(context.library.ask("when will the engineers come").results).toEqual([]);
    expect(audits.at(-1)).toEqual({
      action: "remove",
      userId: "u1",
      file: "2024-05-14-talks-on-the-river-ports.txt",
      url: null,
      result: "removed",
    });
  });

  it("refuses an unknown release and a member without the permission", async () => {
    expect((await run({ subcommand: "remove", release: "nope" })).intro).toContain(
      "not a release in the library",
    );
    const denied = await run(
      { subcommand: "remove", release: "2020-01-01-older" },
      { canManageServer: false },
    );
    expect(denied.intro).toContain("Manage Server");
    expect(await readdir(seeds)).toEqual(["2020-01-01-older.txt"]);
  });

  it("lists the releases to anyone", async () => {
    const answer = await run({ subcommand: "list" }, { canManageServer: false });
    expect(answer.title).toBe("Sources");
    expect(answer.fields?.[0]?.value).toContain("2020-01-01-older.txt");
  });

  it("suggests releases to remove as they are typed", () => {
    const choices =
      release.autocomplete?.({ option: "release", value: "2020", options: {} }, context) ?? [];
    expect(choices.map((choice) => choice.value)).toEqual(["2020-01-01-older"]);
  });
});
