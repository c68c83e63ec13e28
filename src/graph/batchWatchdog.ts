import type { Driver } from "neo4j-driver";
import { withinMs } from "../concurrency/withinMs";

/**
 * Bounds the inner transactions of one running `CALL { ... } IN TRANSACTIONS` statement.
 *
 * Neo4j applies a transaction timeout to the statement's outer transaction, which stays open while
 * every batch runs ("an outer transaction is opened to report back the accumulated statistics for
 * the inner transactions ... cancelling the outer transaction will cancel the inner ones as well",
 * Cypher manual, CALL subqueries in transactions): any timeout on it bounds the whole backfill, not
 * a batch. So the statement runs without one, and this watchdog looks at its inner transactions
 * (`SHOW TRANSACTIONS`, whose `outerTransactionId` names the statement's transaction, found by its
 * metadata) every `pollMs`, terminates one that has run longer than `batchTimeoutMs` (which fails
 * the statement; the batches committed before stay committed), and reports progress.
 */

/** The statement's own transaction (by its metadata tag) and its inner ones, with their ages. */
export const BATCHED_TRANSACTIONS = `
SHOW TRANSACTIONS
YIELD transactionId, outerTransactionId, elapsedTime, metaData
WHERE metaData.batchedRun = $tag OR outerTransactionId <> ''
RETURN transactionId AS id, outerTransactionId AS outer, elapsedTime.milliseconds AS ms,
       metaData.batchedRun = $tag AS statement`;

export const TERMINATE_TRANSACTION = `TERMINATE TRANSACTIONS $id YIELD transactionId RETURN transactionId`;

export interface BatchProgress {
  /** Milliseconds since the statement started. */
  elapsedMs: number;
  /** Inner transactions (batches) seen so far: a lower bound of the batches run (the watchdog samples). */
  batchesSeen: number;
}

export interface WatchdogOptions {
  batchTimeoutMs: number;
  pollMs: number;
  onProgress?: (progress: BatchProgress) => void;
  /** The watchdog's own query failed (e.g. no privilege to list transactions): called once; it keeps trying. */
  onWatchFailed?: (error: unknown) => void;
  /** No check has been answered for longer than `batchTimeoutMs` (Neo4j stalled or unreachable). */
  onUnanswered?: () => void;
}

export interface Watchdog {
  /** Set once a batch was terminated for running too long. */
  readonly overran: { id: string; ms: number } | null;
  stop(): Promise<void>;
}

interface Row {
  id: string;
  outer: string;
  ms: number;
  statement: boolean;
}

export function watchBatches(
  driver: Driver,
  database: string,
  tag: string,
  options: WatchdogOptions,
): Watchdog {
  const started = Date.now();
  const seen = new Set<string>();
  let overran: { id: string; ms: number } | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let failed = false;
  let lastAnswer = Date.now();

  // The watchdog's own statements are bounded, so a stalled Neo4j cannot hold a check (or stop()).
  const queryTimeoutMs = Math.max(1_000, options.pollMs);
  const check = async (): Promise<void> => {
    const session = driver.session({ database });
    try {
      const listed = await session.run(BATCHED_TRANSACTIONS, { tag }, { timeout: queryTimeoutMs });
      const rows = listed.records.map((r) => r.toObject() as Row);
      const statement = rows.find((row) => row.statement);
      if (statement !== undefined) {
        for (const inner of rows.filter((row) => row.outer === statement.id)) {
          seen.add(inner.id);
          if (inner.ms > options.batchTimeoutMs && overran === null) {
            await session.run(TERMINATE_TRANSACTION, { id: inner.id }, { timeout: queryTimeoutMs });
            // Only once it is terminated: a failed terminate is tried again at the next check.
            overran = { id: inner.id, ms: inner.ms };
          }
        }
        // Nothing is reported once stopped (a check in flight may end after the statement did).
        if (!stopped) options.onProgress?.({ elapsedMs: Date.now() - started, batchesSeen: seen.size });
      }
      lastAnswer = Date.now();
    } finally {
      await session.close();
    }
  };

  const schedule = (): void => {
    timer = setTimeout(() => {
      current = check()
        .catch((error: unknown) => {
          if (!failed) options.onWatchFailed?.(error);
          failed = true;
          // Neo4j has not answered a check for longer than a batch may take: give up on the statement.
          if (Date.now() - lastAnswer > options.batchTimeoutMs) options.onUnanswered?.();
        })
        .finally(() => {
          if (!stopped) schedule();
        });
    }, options.pollMs);
  };
  schedule();

  return {
    get overran() {
      return overran;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      // A check in flight ends within its statements' timeout; never wait longer than that.
      await withinMs(current, 2 * queryTimeoutMs);
    },
  };
}
