import type { ReleaseShelf } from "../commands/command.js";
import type { LiveLibrary } from "../knowledge/live/watch.js";
import type { BotConfig } from "./config.js";
import type { Logger } from "./logger.js";

/**
 * Where /release adds and removes releases for a running bot: the seeds folder the live library
 * follows, reloaded at once after each change so the reply can say the release is in use, and
 * every add and remove in the log (who, which file, which link, how it went; never the text).
 */
export function releaseShelf(config: BotConfig, live: LiveLibrary, logger: Logger): ReleaseShelf {
  if (config.fetchLoopback) {
    logger.warn(
      {},
      "RELEASE_FETCH_ALLOW_LOOPBACK is on: /release add may fetch this machine's own addresses. Use it in tests only.",
    );
  }
  return {
    seedsDir: config.seedsDir,
    intake: { fetch: { allowLoopback: config.fetchLoopback } },
    reload: () => live.reload(),
    audit: (record) => logger.info({ audit: record }, `Release ${record.action}: ${record.result}`),
  };
}
