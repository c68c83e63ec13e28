import { Neo4jError, isRetryableError } from "neo4j-driver";

/**
 * Server status codes of a transaction that ran out of memory (or stack). Neo4j files them under
 * TransientError, so the driver would retry them, but the same work fails the same way again:
 * retrying only runs the costliest transaction three times.
 */
export const RESOURCE_EXHAUSTED_CODES: ReadonlySet<string> = new Set([
  "Neo.TransientError.General.OutOfMemoryError",
  "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
  "Neo.TransientError.General.TransactionMemoryLimit",
  "Neo.TransientError.General.TransactionOutOfMemoryError",
  "Neo.TransientError.General.StackOverFlowError",
]);

/**
 * Transient by name, but the transaction was ended on purpose (killed by an administrator, its
 * lock client stopped): running it again would undo that decision.
 */
const TERMINATED_CODES: ReadonlySet<string> = new Set([
  "Neo.TransientError.Transaction.Terminated",
  "Neo.TransientError.Transaction.LockClientStopped",
]);

/** Driver codes meaning "no database to talk to": connection refused, lost, or routing gone. */
export const UNAVAILABLE_CODES: ReadonlySet<string> = new Set(["ServiceUnavailable", "SessionExpired"]);

/** The code the driver gives errors it raises itself (no server status): acquisition timeouts, pool closed. */
export const DRIVER_SIDE_CODE = "N/A";

/**
 * Whether a failed unit of work may run again, decided by the error's code alone.
 * - A read is retried on what the driver deems retryable (lost connection, deadlock, leader
 *   switch), except resource exhaustion and a transaction terminated on purpose.
 * - A write is retried only when the server reports a transient failure of a transaction it rolled
 *   back (a deadlock, a lock timeout), never after a lost connection: the commit may have landed,
 *   and running it again could apply it twice. Resource exhaustion is never retried.
 */
export function isRetryable(error: unknown, kind: "read" | "write"): boolean {
  if (!(error instanceof Neo4jError)) return false;
  if (RESOURCE_EXHAUSTED_CODES.has(error.code) || TERMINATED_CODES.has(error.code)) return false;
  if (!isRetryableError(error)) return false;
  if (kind === "write") return error.code.startsWith("Neo.TransientError.");
  return true;
}
