import pino from "pino";
import type { Config } from "./config";

export type Logger = pino.Logger;

/** Structured JSON logs on stdout; one logger for the process, children carry a request id. */
export function createLogger(level: Config["logLevel"]): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
