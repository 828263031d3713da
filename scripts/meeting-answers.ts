/**
 * The one-line answers to questions about the meeting, for every release of one or more folders:
 * who took part, when, where, and who was on the call. Written one line a question, so that two
 * versions of Readout can be compared with `diff` on real releases kept outside the repository.
 *
 * Usage: npx tsx scripts/meeting-answers.ts DIR [DIR …] > answers.txt
 */
import { Library } from "../src/knowledge/library/library.js";

const QUESTIONS = [
  "who took part",
  "who met whom",
  "when was the meeting",
  "where was the meeting",
  "who was on the call",
];

const folders = process.argv.slice(2);
if (folders.length === 0) {
  console.error(
    "meeting-answers: name a folder of releases, e.g. npx tsx scripts/meeting-answers.ts seeds",
  );
  process.exit(2);
}
for (const folder of folders) {
  const library = await Library.load(folder);
  for (const release of library.releases) {
    for (const question of QUESTIONS) {
      const { direct } = library.ask(question, { release: release.id });
      console.log(`${release.id} | ${question} | ${direct ?? "-"}`);
    }
  }
}
