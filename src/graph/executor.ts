import { randomUUID } from "node:crypto";
import { GraphQLError } from "graphql";
import neo4j, {
  Neo4jError,
  type Driver,
  type Integer,
  type ManagedTransaction,
  type RecordShape,
  type Session,
} from "neo4j-driver";
import { serviceUnavailable, timeout } from "../errors";
import { Semaphore, type Release } from "../concurrency/semaphore";
import type { Logger } from "../logger";
import { watchBatches } from "./batchWatchdog";
import { DRIVER_SIDE_CODE, UNAVAILABLE_CODES, isRetryable } from "../neo4j/errorClass";

/** A Cypher statement and its parameters: what the data-access layer produces and tests pin. */
export interface CypherQuery {
  /** A short stable name for logs and metrics, e.g. "entity.byIds". */
  name: string;
  cypher: string;
  params: Record<string, unknown>;
}

/**
 * A JS number sent as a Cypher INTEGER. The driver sends every JS number as a FLOAT, which LIMIT
 * refuses and which would store offsets as 12.0: wrap whole numbers that Cypher must see as integers.
 */
export function int(value: number): Integer {
  return neo4j.int(value);
}

/** What a write changed, summed from Neo4j's query statistics. */
export interface WriteCounters {
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  propertiesSet: number;
}

function emptyCounters(): WriteCounters {
  return {
    nodesCreated: 0,
    nodesDeleted: 0,
    relationshipsCreated: 0,
    relationshipsDeleted: 0,
    propertiesSet: 0,
  };
}

function addCounters(total: WriteCounters, updates: Record<string, number>): void {
  for (const key of Object.keys(total) as Array<keyof WriteCounters>) total[key] += updates[key] ?? 0;
}

/**
 * Driver errors become client errors by their stable code, never their message: an outage is
 * SERVICE_UNAVAILABLE, a cancelled slow query TIMEOUT. A driver-side error (no server status code)
 * raised before the server answered anything is the driver failing to get a connection (its
 * acquisition timeout, a pool that is closing): an outage as well. Anything else stays internal (and masked).
 */
export function mapNeo4jError(error: unknown, serverAnswered = true): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (UNAVAILABLE_CODES.has(error.code)) return serviceUnavailable();
  if (error.code === DRIVER_SIDE_CODE && !serverAnswered) return serviceUnavailable();
  if (error.code.startsWith("Neo.ClientError.Transaction.TransactionTimedOut")) {
    return timeout("The query took longer than allowed and was cancelled");
  }
  return error;
}

/** The process-wide bound on open sessions: one pooled connection each. */
export interface SessionPool {
  slots: Semaphore;
  /** Waiting longer than this for a slot is SERVICE_UNAVAILABLE (the pool is exhausted). */
  acquisitionTimeoutMs: number;
}

export interface ExecutorOptions {
  database: string;
  transactionTimeoutMs: number;
  logger: Logger;
  /** Epoch ms by which a request's queries must finish; each transaction's timeout is cut to fit. */
  deadline?: number;
  /** Called after every query: metrics observe its name; the benchmark replays its Cypher. */
  onQuery?: (query: CypherQuery, seconds: number, failed: boolean) => void;
  /** Shared by every per-request executor: sessions open now (each holds a pooled connection). */
  sessions?: { open: number };
  /** Shared by every per-request executor: at most `slots.size` sessions open at once. */
  pool?: SessionPool;
  /** Sessions one request may hold at once (its other queries wait their turn); unbounded if unset. */
  maxSessionsPerRequest?: number;
  /** This request's own slots, made by {@link CypherExecutor.forRequest}. */
  requestSlots?: Semaphore;
}

/**
 * The Node-side timer fires this long after the deadline, so that Neo4j's own transaction timeout
 * (set to the same deadline) normally reports first; the timer catches a database that stalled.
 */
const DEADLINE_MARGIN_MS = 250;

/** The request's deadline passed while the database had not finished: raised by the Node-side timer. */
class DeadlineExpired extends Error {
  override name = "DeadlineExpired";
}

/** Whether the server has answered within a session: until it has, a driver-side failure is an outage. */
interface Progress {
  serverAnswered: boolean;
}

/** Attempts of a unit of work that fails with a retryable error. */
const ATTEMPTS = 3;

type Run = <Row extends RecordShape>(query: CypherQuery) => Promise<Row[]>;

interface TxConfig {
  timeout: number;
  metadata: Record<string, string>;
}

/**
 * The one owner of the driver: opens a session per unit of work in the right access mode, closes
 * it in `finally`, applies the transaction timeout, maps driver errors to client errors, and logs
 * each query with its parameters and duration at debug level. A per-request instance
 * ({@link CypherExecutor.forRequest}) counts the queries it runs and carries the request's deadline,
 * enforced twice: by Neo4j (the transaction timeout) and in Node (a timer), so that a stalled
 * database cannot hold a request past it. Sessions are bounded process-wide (`pool`) and per
 * request (`maxSessionsPerRequest`): one request cannot take every pooled connection.
 */
export class CypherExecutor {
  /** Queries run through this instance; tests assert round trips with it. */
  queryCount = 0;

  constructor(
    readonly driver: Driver,
    private readonly options: ExecutorOptions,
  ) {}

  /** An executor for one request: its own counter, its logger carrying the request id, its deadline. */
  forRequest(logger: Logger, deadline?: number): CypherExecutor {
    const perRequest = this.options.maxSessionsPerRequest;
    return new CypherExecutor(this.driver, {
      ...this.options,
      logger,
      deadline,
      requestSlots: perRequest === undefined ? undefined : new Semaphore(perRequest),
    });
  }

  /**
   * One statement in an auto-commit transaction: a single Bolt round trip (RUN and PULL in one
   * write), where a transaction function costs three (BEGIN, RUN and PULL, COMMIT). Every read is
   * one statement, so nothing is lost; retryable failures run again (see {@link isRetryable}).
   */
  read<Row extends RecordShape>(query: CypherQuery): Promise<Row[]> {
    return this.session("READ", query.name, (session, progress) =>
      this.retrying("read", () =>
        this.runIn(
          { run: (cypher, params) => session.run(cypher, params, this.txConfig(query.name)) },
          query,
          undefined,
          progress,
        ),
      ),
    );
  }

  /**
   * One statement in its own write transaction; retried only when the server rolled it back.
   * `timeoutMs` replaces NEO4J_TX_TIMEOUT_MS for it (a start-up wait for indexes); a request's deadline still bounds it.
   */
  write<Row extends RecordShape>(query: CypherQuery, options: { timeoutMs?: number } = {}): Promise<Row[]> {
    return this.session("WRITE", query.name, (session, progress) =>
      this.retrying("write", async () => {
        const tx = await session.beginTransaction(this.txConfigWithin(query.name, options.timeoutMs));
        progress.serverAnswered = true;
        try {
          const rows = await this.runIn<Row>(tx, query, undefined, progress);
          await tx.commit();
          return rows;
        } finally {
          if (tx.isOpen()) await tx.rollback().catch(() => undefined);
        }
      }),
    );
  }

  /**
   * The transaction config, with `timeoutMs` (when given) in place of NEO4J_TX_TIMEOUT_MS, still
   * within the request's deadline; never 0, which Neo4j reads as "no timeout".
   */
  private txConfigWithin(name: string, timeoutMs: number | undefined): TxConfig {
    const config = this.txConfig(name);
    if (timeoutMs === undefined) return config;
    return { ...config, timeout: Math.max(1, Math.min(timeoutMs, this.timeLeftMs())) };
  }

  /** Whether this user may list transactions (SHOW TRANSACTIONS), which the batch watchdog needs. */
  private async canListTransactions(): Promise<boolean> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: "READ" });
    try {
      await session.run(
        "SHOW TRANSACTIONS YIELD transactionId RETURN count(*) AS n",
        {},
        { timeout: 10_000 },
      );
      return true;
    } catch {
      return false;
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /**
   * One statement in an implicit (auto-commit) write transaction, for `CALL { ... } IN TRANSACTIONS`
   * (a migration's bounded batches), which commits its own batches and is refused inside an explicit
   * transaction. It runs to completion however many batches it has: Neo4j applies a transaction
   * timeout to the statement's outer transaction, which spans every batch, so the statement gets
   * none (nor the request's deadline: refused on a per-request executor); each batch (inner
   * transaction) is bounded instead by `batchTimeoutMs`, enforced by a watchdog
   * (src/graph/batchWatchdog.ts) that also reports progress. Never retried: batches committed
   * before a failure stay committed.
   */
  async writeBatched<Row extends RecordShape>(
    query: CypherQuery,
    options: { batchTimeoutMs: number; pollMs?: number; progressEveryMs?: number },
  ): Promise<Row[]> {
    if (this.options.deadline !== undefined) {
      throw new Error(
        `${query.name}: a batched statement runs to completion; it cannot run within a request`,
      );
    }
    const tag = randomUUID();
    const logger = this.options.logger;
    // Without a watchdog (this user may not list transactions) the statement keeps the ordinary
    // transaction timeout: bounded as a whole, as before batches were watched.
    const watchable = await this.canListTransactions();
    if (!watchable) {
      logger.warn(
        { query: query.name },
        "cannot list transactions: the batched statement runs under the ordinary transaction timeout",
      );
    }
    const progressEveryMs = options.progressEveryMs ?? 30_000;
    let lastProgress = Date.now();
    let running: Session | undefined;
    const watchdog = watchBatches(this.driver, this.options.database, tag, {
      batchTimeoutMs: options.batchTimeoutMs,
      pollMs: options.pollMs ?? Math.max(50, Math.min(5_000, Math.floor(options.batchTimeoutMs / 4))),
      onProgress: (progress) => {
        if (Date.now() - lastProgress < progressEveryMs) return;
        lastProgress = Date.now();
        logger.info({ query: query.name, ...progress }, "batched statement running");
      },
      onWatchFailed: (error) =>
        logger.warn(
          { query: query.name, err: (error as Error).message },
          "a check of this statement's batches failed; checking again",
        ),
      // Neo4j stopped answering: the statement's session is closed, which fails it here.
      onUnanswered: () => void running?.close().catch(() => undefined),
    });
    const started = Date.now();
    logger.info({ query: query.name, batchTimeoutMs: options.batchTimeoutMs }, "batched statement started");
    let rows: Row[];
    try {
      rows = await this.session("WRITE", query.name, (session, progress) => {
        running = session;
        return this.runIn(
          {
            run: (cypher, params) =>
              // Watched: timeout 0, none on the outer transaction (the driver's "execute indefinitely").
              session.run(cypher, params, {
                timeout: watchable ? 0 : this.txConfig(query.name).timeout,
                metadata: { app: "kg-graphql", query: query.name, batchedRun: tag },
              }),
          },
          query,
          undefined,
          progress,
        );
      });
    } catch (error) {
      const overran = watchdog.overran;
      if (overran === null) throw error;
      throw new Error(
        `${query.name}: a batch ran longer than ${options.batchTimeoutMs} ms and was stopped (${overran.id}); ` +
          "the batches committed before it stay committed",
        { cause: error },
      );
    } finally {
      // Before "done" is logged: a check in flight reports nothing once the watchdog is stopped.
      await watchdog.stop();
    }
    logger.info({ query: query.name, elapsedMs: Date.now() - started }, "batched statement done");
    return rows;
  }

  /**
   * Runs `work` in one explicit write transaction: committed when it succeeds (or rolled back when
   * `rollback` is set, for dry runs), rolled back when it throws. The counters add up every query's.
   * Never retried: `work` may do more than run queries.
   */
  transaction<T>(
    name: string,
    work: (run: Run) => Promise<T>,
    options: { rollback?: boolean } = {},
  ): Promise<{ result: T; counters: WriteCounters }> {
    return this.session("WRITE", name, async (session, progress) => {
      const counters = emptyCounters();
      const tx = await session.beginTransaction(this.txConfig(name));
      progress.serverAnswered = true;
      try {
        const result = await work((query) => this.runIn(tx, query, counters, progress));
        if (options.rollback) await tx.rollback();
        else await tx.commit();
        return { result, counters };
      } catch (error) {
        // The work's error is the one to report, not a failed rollback's (on a lost connection).
        if (tx.isOpen()) await tx.rollback().catch(() => undefined);
        throw error;
      }
    });
  }

  /**
   * Runs `work` in one explicit READ transaction (many statements, one transaction), committed when
   * it returns and rolled back when it throws. `timeoutMs` replaces NEO4J_TX_TIMEOUT_MS for this
   * transaction (a bulk export runs longer than any request); the request's deadline still bounds
   * it. Never retried: `work` may have streamed what it read.
   */
  readTransaction<T>(
    name: string,
    work: (run: Run) => Promise<T>,
    options: { timeoutMs?: number } = {},
  ): Promise<T> {
    return this.session("READ", name, async (session, progress) => {
      const tx = await session.beginTransaction(this.txConfigWithin(name, options.timeoutMs));
      progress.serverAnswered = true;
      try {
        const result = await work((query) => this.runIn(tx, query, undefined, progress, true));
        await tx.commit();
        return result;
      } finally {
        if (tx.isOpen()) await tx.rollback().catch(() => undefined);
      }
    });
  }

  /**
   * Runs `work` again after a retryable failure (25 then 50 ms later), each time with a transaction
   * timeout computed afresh from the deadline; never past the deadline.
   */
  private async retrying<T>(kind: "read" | "write", work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= ATTEMPTS || !isRetryable(error, kind)) throw error;
        const delay = 25 * 2 ** (attempt - 1);
        if (this.options.deadline !== undefined && Date.now() + delay >= this.options.deadline) throw error;
        this.options.logger.debug({ attempt, err: (error as Error).message }, "retrying a transient failure");
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async runIn<Row extends RecordShape>(
    tx: Pick<ManagedTransaction, "run">,
    query: CypherQuery,
    counters: WriteCounters | undefined,
    progress: Progress,
    streamed = false,
  ): Promise<Row[]> {
    this.queryCount += 1;
    const started = performance.now();
    let failed = true;
    try {
      if (streamed) {
        // Subscribed, not awaited: an explicit transaction keeps every Result it ran until it ends,
        // and an awaited Result keeps all its records; an observer is handed each record, which the
        // Result does not keep. (The driver's async iterator does the same at several promises a record.)
        // The Result does keep the observer, though, and so whatever its closures reach, the
        // promise's resolve function (and through it the rows) included: the observer lets go of
        // both when the statement ends, or a long export would hold every page it read until its
        // transaction ends (3 GB at 1M entities; tests/int/executor.test.ts).
        const rows = await new Promise<Row[]>((resolve, reject) => {
          let pending: { rows: Row[]; resolve: typeof resolve; reject: typeof reject } | null = {
            rows: [],
            resolve,
            reject,
          };
          withoutStackCapture(() => tx.run<Row>(query.cypher, query.params)).subscribe({
            onNext: (record) => {
              pending?.rows.push(record.toObject());
            },
            onCompleted: () => {
              const done = pending;
              pending = null;
              done?.resolve(done.rows);
            },
            onError: (error) => {
              const done = pending;
              pending = null;
              done?.reject(error);
            },
          });
        });
        progress.serverAnswered = true;
        failed = false;
        return rows;
      }
      const result = await withoutStackCapture(() => tx.run<Row>(query.cypher, query.params));
      // A statement has completed: this session has its connection, and later failures are not about getting one.
      progress.serverAnswered = true;
      if (counters) addCounters(counters, result.summary.counters.updates());
      failed = false;
      return result.records.map((record) => record.toObject());
    } finally {
      const seconds = (performance.now() - started) / 1000;
      this.options.onQuery?.(query, seconds, failed);
      this.options.logger.debug(
        {
          query: query.name,
          cypher: query.cypher,
          params: query.params,
          ms: Math.round(seconds * 1000),
          failed,
        },
        "cypher",
      );
    }
  }

  private async session<T>(
    mode: "READ" | "WRITE",
    name: string,
    work: (session: Session, progress: Progress) => Promise<T>,
  ): Promise<T> {
    const releaseRequestSlot = await this.takeSlot(this.options.requestSlots, undefined, name);
    try {
      const pool = this.options.pool;
      const releasePoolSlot = await this.takeSlot(pool?.slots, pool?.acquisitionTimeoutMs, name);
      let session: Session;
      try {
        session = this.driver.session({
          database: this.options.database,
          defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
          // One bookmark manager for every session of the driver: a read after a write waits for it,
          // even when a cluster routes the read to another member (docs/curation.md).
          bookmarkManager: this.driver.executeQueryBookmarkManager,
        });
      } catch (error) {
        releasePoolSlot?.();
        throw mapNeo4jError(error, false);
      }
      const sessions = this.options.sessions;
      if (sessions) sessions.open += 1;
      // The pool slot is held until the session has really closed: a session abandoned at the
      // deadline still holds its connection, and the pool must not lend it twice.
      const close = (): Promise<void> =>
        session
          .close()
          .catch(() => undefined)
          .finally(() => {
            if (sessions) sessions.open -= 1;
            releasePoolSlot?.();
          });
      const progress: Progress = { serverAnswered: false };
      try {
        const result = await this.withinDeadline(work(session, progress));
        await close();
        return result;
      } catch (error) {
        if (error instanceof DeadlineExpired) {
          // The database has not answered in time; closing would wait for it, so do it in the background.
          void close();
          this.options.logger.warn({ query: name }, "Neo4j did not answer before the request's deadline");
          throw timeout("The request reached its time limit");
        }
        await close();
        const mapped = mapNeo4jError(error, progress.serverAnswered);
        if (mapped !== error && isServiceUnavailable(mapped)) {
          this.options.logger.warn(
            {
              query: name,
              code: error instanceof Neo4jError ? error.code : undefined,
              err: (error as Error).message,
            },
            "Neo4j unavailable",
          );
        }
        throw mapped;
      }
    } finally {
      releaseRequestSlot?.();
    }
  }

  /**
   * A slot of `slots`, waiting at most until the deadline and at most `limitMs`. Running out of the
   * deadline is TIMEOUT; running out of `limitMs` (the pool stayed full) is SERVICE_UNAVAILABLE.
   */
  private async takeSlot(
    slots: Semaphore | undefined,
    limitMs: number | undefined,
    name: string,
  ): Promise<Release | undefined> {
    if (slots === undefined) return undefined;
    const left = this.timeLeftMs();
    const wait = Math.min(limitMs ?? MAX_TIMER_MS, left);
    const release = await slots.acquire(wait);
    if (release !== undefined) return release;
    if (limitMs !== undefined && limitMs <= left) {
      this.options.logger.warn(
        { query: name, waitedMs: limitMs, sessionsOpen: slots.inUse, queued: slots.queued },
        "no free Neo4j connection: the pool is exhausted",
      );
      throw serviceUnavailable();
    }
    throw timeout("The request reached its time limit");
  }

  /** `work`, unless the request's deadline (plus a margin) passes first. */
  private async withinDeadline<T>(work: Promise<T>): Promise<T> {
    if (this.options.deadline === undefined) return work;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new DeadlineExpired()), this.timeLeftMs() + DEADLINE_MARGIN_MS);
    });
    try {
      return await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  private txConfig(name: string): TxConfig {
    return { timeout: this.timeoutMs(), metadata: { app: "kg-graphql", query: name } };
  }

  private timeLeftMs(): number {
    if (this.options.deadline === undefined) return MAX_TIMER_MS;
    return Math.max(0, this.options.deadline - Date.now());
  }

  /** The transaction timeout: the configured one, or less when the request's deadline is nearer. */
  private timeoutMs(): number {
    if (this.options.deadline === undefined) return this.options.transactionTimeoutMs;
    const left = this.options.deadline - Date.now();
    if (left <= 0) throw timeout("The request reached its time limit");
    return Math.min(this.options.transactionTimeoutMs, left);
  }
}

/**
 * Runs `create` (a `run` call, which creates the driver's `Result` synchronously) with V8 capturing no
 * stack frames. neo4j-driver's `Result` captures and formats the caller's stack trace when it is
 * created (`new Error().stack`), to graft onto a failure later: that was about 40 µs, 5-6 % of a
 * by-id request's CPU (bench/results/2026-11-30-warm.md). Failures reach callers through
 * {@link mapNeo4jError} with their message and code, and the executor logs the query's name, so the
 * caller's frames are not needed; a failure keeps its message (its `stack` is just that line).
 */
function withoutStackCapture<T>(create: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return create();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** setTimeout's largest delay (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

function isServiceUnavailable(error: unknown): boolean {
  return error instanceof GraphQLError && error.extensions.code === "SERVICE_UNAVAILABLE";
}
