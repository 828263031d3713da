import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import { AutocompleteLimits } from "../answers/limits.js";
import type { Answer, AnswerField } from "../answers/model.js";
import { formatDate, plural } from "../answers/statements.js";
import { LibraryError } from "../knowledge/errors.js";
import {
  addRelease,
  REMOVED_FOLDER,
  type ReleaseSource,
  type ReleaseSummary,
  removeRelease,
} from "../knowledge/intake/release.js";
import type {
  Command,
  CommandContext,
  CommandRequest,
  ReleaseAudit,
  ReleaseShelf,
} from "./command.js";
import { errorAnswer, speakerAndReleaseAutocomplete, textOption } from "./shared.js";
import source from "./source.js";

/** Discord's longest text option; a longer release is attached as a file. */
const TEXT_MAX = 6000;
const URL_MAX = 2000;
const WARNINGS_SHOWN = 5;

const NEEDS_PERMISSION =
  "Adding and removing releases needs the Manage Server permission. Ask someone who has it.";
const NOT_HERE =
  "Releases cannot be added or removed here: the bot was started without a seeds folder to write to.";

function sourceOf(request: CommandRequest): ReleaseSource | string {
  const file = request.attachments?.file;
  const url = textOption(request, "url");
  const text = textOption(request, "text");
  const given = [file, url, text].filter((value) => value !== undefined).length;
  if (given !== 1) {
    return "Give exactly one of file: (a .txt or .html file), url: (a link to the release's page) or text: (the release pasted in).";
  }
  if (file) {
    return "bytes" in file
      ? { kind: "file", name: file.name, bytes: file.bytes }
      : { kind: "attachment", name: file.name, url: file.url, size: file.size };
  }
  return url ? { kind: "url", url } : { kind: "text", text: text ?? "" };
}

function summaryFields(summary: ReleaseSummary): AnswerField[] {
  const fields: AnswerField[] = [
    { name: "Date", value: summary.date ? formatDate(summary.date) : "none found" },
    {
      name: "Quoted",
      value:
        summary.speakers.length > 0
          ? summary.speakers
              .map((speaker) => `${speaker.name}: ${plural(speaker.quotes, "quote")}`)
              .join("\n")
          : "no one by name",
    },
    { name: "Statements", value: String(summary.statements) },
    { name: "File", value: `seeds/${summary.file}` },
  ];
  if (summary.warnings.length > 0) {
    const shown = summary.warnings.slice(0, WARNINGS_SHOWN);
    if (summary.warnings.length > WARNINGS_SHOWN) {
      shown.push(`…and ${summary.warnings.length - WARNINGS_SHOWN} more.`);
    }
    fields.push({ name: "Warnings", value: shown.join("\n") });
  }
  return fields;
}

/** The refusal, audited with why; an error that is not a refusal is no answer and goes on up. */
function refused(
  title: string,
  error: unknown,
  shelf: ReleaseShelf,
  what: Omit<ReleaseAudit, "result" | "reason">,
): Answer {
  const reason = error instanceof Error ? error.message : String(error);
  shelf.audit({ ...what, result: "refused", reason });
  if (error instanceof LibraryError) return errorAnswer(title, error.message);
  throw error;
}

async function add(request: CommandRequest, shelf: ReleaseShelf): Promise<Answer> {
  const title = "Release not added";
  const given = sourceOf(request);
  const url = textOption(request, "url") ?? null;
  if (typeof given === "string") return errorAnswer(title, given);
  let summary: ReleaseSummary;
  try {
    summary = await addRelease(given, shelf.seedsDir, shelf.intake);
  } catch (error) {
    return refused(title, error, shelf, { action: "add", userId: request.userId, file: null, url });
  }
  shelf.audit({ action: "add", userId: request.userId, file: summary.file, url, result: "added" });
  const live = await shelf.reload();
  return {
    tone: "answer",
    title: `Added: ${summary.title ?? summary.file}`,
    intro: live
      ? "It can be asked about now, with /ask and /quotes."
      : "It is saved, but the library could not be reloaded yet; it will be asked about once it is.",
    statements: [],
    fields: summaryFields(summary),
    buttons: [],
    ephemeral: true,
  };
}

async function remove(
  request: CommandRequest,
  context: CommandContext,
  shelf: ReleaseShelf,
): Promise<Answer> {
  const title = "Release not removed";
  const written = textOption(request, "release");
  if (!written) return errorAnswer(title, "Name the release to remove; type to pick one.");
  const known = context.library.release(written);
  let file: string;
  try {
    file = await removeRelease(known?.file ?? written, shelf.seedsDir);
  } catch (error) {
    const what = { action: "remove" as const, userId: request.userId, file: written, url: null };
    return refused(title, error, shelf, what);
  }
  shelf.audit({ action: "remove", userId: request.userId, file, url: null, result: "removed" });
  const live = await shelf.reload();
  return {
    tone: "answer",
    title: `Removed: ${known?.title ?? file}`,
    intro: `${live ? "It is no longer answered from." : "It will no longer be answered from once the library reloads."} The file is kept in seeds/${REMOVED_FOLDER}/${file}; move it back into seeds/ to restore it.`,
    statements: [],
    buttons: [],
    ephemeral: true,
  };
}

export default {
  data: new SlashCommandBuilder()
    .setName("release")
    .setDescription("Add, remove or list the press releases Readout answers from.")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((subcommand) =>
      subcommand
        .setName("add")
        .setDescription("Add a release: attach it, link to it or paste it (one of the three).")
        .addAttachmentOption((option) =>
          option
            .setName("file")
            .setDescription("The release as .txt, or its page saved as .html (2 MB at most)"),
        )
        .addStringOption((option) =>
          option
            .setName("url")
            .setDescription("A link to the release's page on the press service's site")
            .setMaxLength(URL_MAX),
        )
        .addStringOption((option) =>
          option
            .setName("text")
            .setDescription("The release pasted in, title and date first")
            .setMaxLength(TEXT_MAX),
        ),
    )
    .addSubcommand((subcommand) =>
      subcommand
        .setName("remove")
        .setDescription("Take a release out; the file is kept in seeds/.removed.")
        .addStringOption((option) =>
          option
            .setName("release")
            .setDescription("The release to remove (by date or words of its lead)")
            .setRequired(true)
            .setMaxLength(AutocompleteLimits.choiceValueMax)
            .setAutocomplete(true),
        ),
    )
    .addSubcommand((subcommand) =>
      subcommand.setName("list").setDescription("The releases Readout answers from."),
    )
    .toJSON(),

  alwaysPrivate: true,

  async execute(request, context) {
    const subcommand = request.options.subcommand;
    if (subcommand === "list") return source.execute(request, context);
    const title = subcommand === "remove" ? "Release not removed" : "Release not added";
    const shelf = context.releases;
    if (request.canManageServer !== true) {
      shelf?.audit({
        action: subcommand === "remove" ? "remove" : "add",
        userId: request.userId,
        file: textOption(request, "release") ?? request.attachments?.file?.name ?? null,
        url: textOption(request, "url") ?? null,
        result: "refused",
        reason: "no Manage Server permission",
      });
      return errorAnswer(title, NEEDS_PERMISSION);
    }
    if (!shelf) return errorAnswer(title, NOT_HERE);
    return subcommand === "remove" ? remove(request, context, shelf) : add(request, shelf);
  },

  autocomplete: speakerAndReleaseAutocomplete,
} satisfies Command;
