/**
 * The whole run's litter check: a test that makes a temporary file or folder removes it, even
 * when it fails. Entries named readout-* that the run leaves in the temp folder fail the run.
 */
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";

const ours = () => readdirSync(tmpdir()).filter((name) => name.startsWith("readout-"));

export default function checkNoLitter(): () => void {
  const before = new Set(ours());
  return () => {
    const left = ours().filter((name) => !before.has(name));
    if (left.length > 0) {
      // vitest reports an error thrown here but still exits 0: the exit code says it too.
      process.exitCode = 1;
      throw new Error(
        `The tests left ${left.length} entries in ${tmpdir()}: ${left.join(", ")}. Each test must remove what it makes.`,
      );
    }
  };
}
