import type { Driver } from "neo4j-driver";
import type { Config } from "./config";
import { CypherExecutor } from "./graph/executor";
import { applyMigrations, loadMigrations } from "./graph/migrations";
import { seedIfEmpty } from "./import/importDataset";
import type { Logger } from "./logger";
import { createDriver, waitForDatabase } from "./neo4j/driver";
import { startLocalNeo4j, type LocalNeo4j } from "./neo4j/localNeo4j";
import { createApp } from "./server/app";
import { createMetrics } from "./server/metrics";

/** Migrations and seeding at start-up: minutes, not the seconds a request gets. */
const STARTUP_TIMEOUT_MS = 300_000;

export interface RunningService {
  /** e.g. http://127.0.0.1:4000/graphql */
  url: string;
  port: number;
  driver: Driver;
  executor: CypherExecutor;
  /** The embedded Neo4j, when NEO4J_URI was not set. */
  localNeo4j: LocalNeo4j | undefined;
  /** Drains HTTP, closes the driver and stops the embedded Neo4j; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Start-up in order: Neo4j (the embedded one unless NEO4J_URI is set), a driver that waits for it,
 * migrations, the bundled datasets when the graph is empty, then Apollo Server. Whatever started is stopped again if a later step fails.
 */
export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  const cleanups: Array<{ name: string; run: () => Promise<void> }> = [];
  // Each step runs even when an earlier one failed: a broken driver must not keep Neo4j running.
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      const started = performance.now();
      try {
        await cleanup.run();
        logger.debug({ step: cleanup.name, ms: Math.round(performance.now() - started) }, "stopped");
      } catch (error) {
        logger.error({ step: cleanup.name, err: error }, "error while stopping");
      }
    }
  };
  try {
    let localNeo4j: LocalNeo4j | undefined;
    if (config.neo4j.uri === undefined) {
      logger.info({ dataDir: config.local.dataDir }, "NEO4J_URI not set: starting the embedded Neo4j");
      localNeo4j = await startLocalNeo4j({ ...config.local, onProgress: (message) => logger.info(message) });
      cleanups.push({ name: "embedded Neo4j", run: () => localNeo4j?.stop() ?? Promise.resolve() });
      logger.info({ pid: localNeo4j.pid, uri: localNeo4j.uri }, "embedded Neo4j ready");
    }
    const uri = config.neo4j.uri ?? localNeo4j?.uri ?? "";
    const driver = createDriver({ uri, user: config.neo4j.user, password: config.neo4j.password });
    cleanups.push({ name: "driver", run: () => driver.close() });
    await waitForDatabase(driver, logger);

    const sessions = { open: 0 };
    const metrics = createMetrics(sessions);
    const executor = new CypherExecutor(driver, {
      database: config.neo4j.database,
      transactionTimeoutMs: config.neo4j.transactionTimeoutMs,
      logger,
      sessions,
      onQuery: (query, seconds, failed) =>
        metrics.cypherSeconds.observe({ query: query.name, outcome: failed ? "error" : "ok" }, seconds),
    });
    // Index builds and seeding may take longer than a request's transaction timeout.
    const startup = new CypherExecutor(driver, {
      database: config.neo4j.database,
      transactionTimeoutMs: STARTUP_TIMEOUT_MS,
      logger,
    });
    const applied = await applyMigrations(startup, loadMigrations());
    if (applied.length > 0) logger.info({ applied }, "migrations applied");
    const seeded = await seedIfEmpty(startup, logger);
    if (seeded.length > 0) logger.info({ documents: seeded }, "empty graph seeded with the bundled datasets");

    const app = await createApp({ config, driver, executor, logger, metrics });
    cleanups.push({ name: "http", run: () => app.stop() });
    const port = await app.listen(config.port, config.host);
    const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
    return { url: `http://${host}:${port}/graphql`, port, driver, executor, localNeo4j, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
