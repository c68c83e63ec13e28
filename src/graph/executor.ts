import neo4j, {
  Neo4jError,
  isRetryableError,
  type Driver,
  type Integer,
  type ManagedTransaction,
  type RecordShape,
  type Session,
} from "neo4j-driver";
import { serviceUnavailable, timeout } from "../errors";
import type { Logger } from "../logger";

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

/** Driver error codes meaning "no database to talk to" (connection refused or lost). */
const UNAVAILABLE_CODES = new Set(["ServiceUnavailable", "SessionExpired"]);

/**
 * Driver errors become client errors by their stable code, never their message: an outage is
 * SERVICE_UNAVAILABLE, a cancelled slow query TIMEOUT. Anything else stays internal (and masked).
 */
export function mapNeo4jError(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (UNAVAILABLE_CODES.has(error.code)) return serviceUnavailable();
  if (error.code.startsWith("Neo.ClientError.Transaction.TransactionTimedOut")) {
    return timeout("The query took longer than allowed and was cancelled");
  }
  return error;
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
}

/** Attempts of a read that fails with a retryable error. */
const READ_ATTEMPTS = 3;

type Run = <Row extends RecordShape>(query: CypherQuery) => Promise<Row[]>;

/**
 * The one owner of the driver: opens a session per unit of work in the right access mode, closes
 * it in `finally`, applies the transaction timeout, maps driver errors to client errors, and logs
 * each query with its parameters and duration at debug level. A per-request instance
 * ({@link CypherExecutor.forRequest}) counts the queries it runs and carries the request's deadline.
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
    return new CypherExecutor(this.driver, { ...this.options, logger, deadline });
  }

  /**
   * One statement in an auto-commit transaction: a single Bolt round trip (RUN and PULL in one
   * write), where a transaction function costs three (BEGIN, RUN and PULL, COMMIT). Every read is
   * one statement, so nothing is lost; transient failures are retried as executeRead would.
   */
  read<Row extends RecordShape>(query: CypherQuery): Promise<Row[]> {
    return this.session("READ", query.name, (session, config) =>
      this.retrying(() =>
        this.runIn({ run: (cypher, params) => session.run(cypher, params, config) }, query, undefined),
      ),
    );
  }

  write<Row extends RecordShape>(query: CypherQuery): Promise<Row[]> {
    return this.session("WRITE", query.name, (session, config) =>
      session.executeWrite((tx) => this.runIn(tx, query, undefined), config),
    );
  }

  /**
   * Runs `work` in one explicit write transaction: committed when it succeeds (or rolled back when
   * `rollback` is set, for dry runs), rolled back when it throws. The counters add up every query's.
   */
  transaction<T>(
    name: string,
    work: (run: Run) => Promise<T>,
    options: { rollback?: boolean } = {},
  ): Promise<{ result: T; counters: WriteCounters }> {
    return this.session("WRITE", name, async (session, config) => {
      const counters = emptyCounters();
      const tx = await session.beginTransaction(config);
      try {
        const result = await work((query) => this.runIn(tx, query, counters));
        if (options.rollback) await tx.rollback();
        else await tx.commit();
        return { result, counters };
      } catch (error) {
        if (tx.isOpen()) await tx.rollback();
        throw error;
      }
    });
  }

  /** Retries a retryable failure (a lost connection, a deadlock) twice, after 50 and 100 ms. */
  private async retrying<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= READ_ATTEMPTS || !isRetryableError(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      }
    }
  }

  private async runIn<Row extends RecordShape>(
    tx: Pick<ManagedTransaction, "run">,
    query: CypherQuery,
    counters: WriteCounters | undefined,
  ): Promise<Row[]> {
    this.queryCount += 1;
    const started = performance.now();
    let failed = true;
    try {
      const result = await tx.run<Row>(query.cypher, query.params);
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
    work: (session: Session, config: { timeout: number; metadata: Record<string, string> }) => Promise<T>,
  ): Promise<T> {
    const timeoutMs = this.timeoutMs();
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
      // One bookmark manager for every session of the driver: a read after a write waits for it,
      // even when a cluster routes the read to another member (docs/curation.md).
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
    const sessions = this.options.sessions;
    if (sessions) sessions.open += 1;
    try {
      return await work(session, { timeout: timeoutMs, metadata: { app: "kg-graphql", query: name } });
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      if (sessions) sessions.open -= 1;
      await session.close();
    }
  }

  /** The transaction timeout: the configured one, or less when the request's deadline is nearer. */
  private timeoutMs(): number {
    if (this.options.deadline === undefined) return this.options.transactionTimeoutMs;
    const left = this.options.deadline - Date.now();
    if (left <= 0) throw timeout("The request reached its time limit");
    return Math.min(this.options.transactionTimeoutMs, left);
  }
}
