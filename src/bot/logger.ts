import { type DestinationStream, type LevelWithSilent, type Logger, pino } from "pino";

export type { Logger } from "pino";

const REDACTED = "[redacted]";

/** Where a token could sit in a logged object: options, clients, REST requests. */
export const REDACT_PATHS = [
  "token",
  "*.token",
  "*.*.token",
  "authorization",
  "headers.authorization",
  "headers.Authorization",
  "*.headers.authorization",
  "*.headers.Authorization",
];

/** Replaces every occurrence of the token in a text. */
export function scrubToken(text: string, token: string | undefined): string {
  return token ? text.split(token).join(REDACTED) : text;
}

export interface LoggerOptions {
  level: LevelWithSilent;
  /** The bot token; it is cut out of every line written, wherever it appears. */
  token?: string;
  /** Defaults to stderr. */
  destination?: DestinationStream;
}

/**
 * JSON lines on stderr, so stdout stays free for what the offline console prints. Redaction
 * covers token-bearing keys; as a second guard every finished line is scrubbed of the token
 * itself, which also catches it inside error messages and stacks.
 */
export function createLogger(options: LoggerOptions): Logger {
  const sink = options.destination ?? process.stderr;
  const destination: DestinationStream = {
    write: (line: string) => sink.write(scrubToken(line, options.token)),
  };
  return pino(
    {
      name: "readout",
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
    },
    destination,
  );
}
