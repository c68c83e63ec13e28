import neo4j, { type Driver, type Integer, type RecordShape } from "neo4j-driver";
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

export interface ExecutorOptions {
  database: string;
  transactionTimeoutMs: number;
  logger: Logger;
}

/**
 * The one owner of the driver: opens a session per query in the right access mode, closes it in
 * `finally`, applies the transaction timeout, and logs query, parameters and duration at debug.
 * A per-request instance (see {@link CypherExecutor.forRequest}) counts the queries it runs.
 */
export class CypherExecutor {
  /** Queries run through this instance; tests assert round trips with it. */
  queryCount = 0;

  constructor(
    readonly driver: Driver,
    private readonly options: ExecutorOptions,
  ) {}

  /** An executor for one request: its own counter, its logger carrying the request id. */
  forRequest(logger: Logger): CypherExecutor {
    return new CypherExecutor(this.driver, { ...this.options, logger });
  }

  read<Row extends RecordShape>(query: CypherQuery): Promise<Row[]> {
    return this.run<Row>(query, "READ");
  }

  write<Row extends RecordShape>(query: CypherQuery): Promise<Row[]> {
    return this.run<Row>(query, "WRITE");
  }

  /**
   * Runs `work` in one explicit write transaction: committed when it succeeds (or rolled back when
   * `rollback` is set, for dry runs), rolled back when it throws. The counters add up every query's.
   */
  async transaction<T>(
    name: string,
    work: (run: <Row extends RecordShape>(query: CypherQuery) => Promise<Row[]>) => Promise<T>,
    options: { rollback?: boolean } = {},
  ): Promise<{ result: T; counters: WriteCounters }> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: neo4j.session.WRITE,
    });
    const counters = emptyCounters();
    const started = performance.now();
    const tx = await session.beginTransaction({
      timeout: this.options.transactionTimeoutMs,
      metadata: { app: "kg-graphql", query: name },
    });
    try {
      const result = await work(async <Row extends RecordShape>(query: CypherQuery) => {
        this.queryCount += 1;
        const outcome = await tx.run<Row>(query.cypher, query.params);
        addCounters(counters, outcome.summary.counters.updates());
        return outcome.records.map((record) => record.toObject());
      });
      if (options.rollback) await tx.rollback();
      else await tx.commit();
      return { result, counters };
    } catch (error) {
      if (tx.isOpen()) await tx.rollback();
      throw error;
    } finally {
      await session.close();
      this.options.logger.debug(
        { query: name, ms: Math.round(performance.now() - started) },
        "cypher transaction",
      );
    }
  }

  private async run<Row extends RecordShape>(query: CypherQuery, mode: "READ" | "WRITE"): Promise<Row[]> {
    this.queryCount += 1;
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const started = performance.now();
    try {
      const config = {
        timeout: this.options.transactionTimeoutMs,
        metadata: { app: "kg-graphql", query: query.name },
      };
      const result =
        mode === "READ"
          ? await session.executeRead((tx) => tx.run<Row>(query.cypher, query.params), config)
          : await session.executeWrite((tx) => tx.run<Row>(query.cypher, query.params), config);
      return result.records.map((record) => record.toObject());
    } finally {
      await session.close();
      this.options.logger.debug(
        {
          query: query.name,
          cypher: query.cypher,
          params: query.params,
          ms: Math.round(performance.now() - started),
        },
        "cypher",
      );
    }
  }
}
