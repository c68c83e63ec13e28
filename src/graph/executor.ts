import neo4j, { type Driver, type RecordShape } from "neo4j-driver";
import type { Logger } from "../logger";

/** A Cypher statement and its parameters: what the data-access layer produces and tests pin. */
export interface CypherQuery {
  /** A short stable name for logs and metrics, e.g. "entity.byIds". */
  name: string;
  cypher: string;
  params: Record<string, unknown>;
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

  /** Runs `work` in one write transaction: all of it is committed, or none. */
  async writeTransaction<T>(
    name: string,
    work: (run: (query: CypherQuery) => Promise<void>) => Promise<T>,
  ): Promise<T> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: neo4j.session.WRITE,
    });
    const started = performance.now();
    try {
      return await session.executeWrite(
        (tx) =>
          work(async (query) => {
            this.queryCount += 1;
            await tx.run(query.cypher, query.params);
          }),
        { timeout: this.options.transactionTimeoutMs, metadata: { app: "kg-graphql", query: name } },
      );
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
