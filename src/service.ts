import type { Driver } from "neo4j-driver";
import type { Config } from "./config";
import { Semaphore } from "./concurrency/semaphore";
import { withinMs } from "./concurrency/withinMs";
import { CypherExecutor } from "./graph/executor";
import { applyMigrations, loadMigrations } from "./graph/migrations";
import { seedIfEmpty } from "./import/importDataset";
import type { Logger } from "./logger";
import { createDriver, waitForDatabase } from "./neo4j/driver";
import { superviseLocalNeo4j, type SupervisedNeo4j } from "./neo4j/supervisor";
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
  /** The embedded Neo4j (supervised: restarted after a crash), when NEO4J_URI was not set. */
  localNeo4j: SupervisedNeo4j | undefined;
  /**
   * Drains HTTP (see App.stop), closes the driver and stops the embedded Neo4j, all by `deadline`
   * (default: SHUTDOWN_TIMEOUT_MS from now), even when Neo4j is stuck; safe to call twice.
   */
  stop(options?: StopOptions): Promise<void>;
}

export interface StopOptions {
  /** How long new connections are still taken (default SHUTDOWN_GRACE_MS). */
  graceMs?: number;
  /** Epoch ms by which everything has stopped. */
  deadline?: number;
}

/** Time kept back from the HTTP drain for closing the driver and stopping Neo4j. */
const STOP_RESERVE_MS = 1_500;

/**
 * Start-up in order: Neo4j (the embedded one unless NEO4J_URI is set), a driver that waits for it,
 * migrations, the bundled datasets when the graph is empty, then Apollo Server. Whatever started is stopped again if a later step fails.
 */
export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  const cleanups: Array<{ name: string; run: (deadline: number, graceMs: number) => Promise<void> }> = [];
  // Each step runs even when an earlier one failed: a broken driver must not keep Neo4j running.
  const stop = async (options: StopOptions = {}): Promise<void> => {
    const deadline = options.deadline ?? Date.now() + config.shutdown.timeoutMs;
    const graceMs = options.graceMs ?? config.shutdown.graceMs;
    for (const cleanup of cleanups.splice(0).reverse()) {
      const started = performance.now();
      try {
        await cleanup.run(deadline, graceMs);
        logger.debug({ step: cleanup.name, ms: Math.round(performance.now() - started) }, "stopped");
      } catch (error) {
        logger.error({ step: cleanup.name, err: error }, "error while stopping");
      }
    }
  };
  try {
    let localNeo4j: SupervisedNeo4j | undefined;
    if (config.neo4j.uri === undefined) {
      logger.info({ dataDir: config.local.dataDir }, "NEO4J_URI not set: starting the embedded Neo4j");
      localNeo4j = await superviseLocalNeo4j(
        { ...config.local, onProgress: (message) => logger.info(message) },
        logger,
      );
      const started = localNeo4j;
      // A stuck JVM ignores SIGTERM: whatever time is left, then SIGKILL.
      cleanups.push({
        name: "embedded Neo4j",
        run: (deadline) => started.stop(Math.max(100, deadline - Date.now())),
      });
      logger.info(
        { pid: localNeo4j.pid, uri: localNeo4j.uri, port: localNeo4j.port },
        "embedded Neo4j ready",
      );
    }
    const uri = config.neo4j.uri ?? localNeo4j?.uri ?? "";
    const driver = createDriver({
      uri,
      user: config.neo4j.user,
      password: config.neo4j.password,
      // One connection more than the executor may use: /readyz never waits behind requests.
      maxPoolSize: config.neo4j.maxPoolSize + 1,
      connectTimeoutMs: config.neo4j.connectTimeoutMs,
      acquisitionTimeoutMs: config.neo4j.acquisitionTimeoutMs,
    });
    cleanups.push({
      name: "driver",
      // Closing says goodbye on every connection: bounded, in case Neo4j does not read them.
      run: (deadline) => withinMs(driver.close(), Math.max(0, deadline - Date.now() - STOP_RESERVE_MS / 2)),
    });
    await waitForDatabase(driver, logger);

    const sessions = { open: 0 };
    const metrics = createMetrics(sessions, localNeo4j);
    const executor = createServiceExecutor(driver, config, logger, sessions, metrics);
    // Index builds and seeding may take longer than a request's transaction timeout.
    const startup = new CypherExecutor(driver, {
      database: config.neo4j.database,
      transactionTimeoutMs: STARTUP_TIMEOUT_MS,
      logger,
    });
    const applied = await applyMigrations(startup, loadMigrations(), config.migrations);
    if (applied.length > 0) logger.info({ applied }, "migrations applied");
    const seeded = await seedIfEmpty(startup, logger);
    if (seeded.length > 0) logger.info({ documents: seeded }, "empty graph seeded with the bundled datasets");

    const app = await createApp({ config, driver, executor, logger, metrics, supervision: localNeo4j });
    cleanups.push({
      name: "http",
      run: (deadline, graceMs) => app.stop({ graceMs, deadline: deadline - STOP_RESERVE_MS }),
    });
    const port = await app.listen(config.port, config.host);
    const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
    return { url: `http://${host}:${port}/graphql`, port, driver, executor, localNeo4j, stop };
  } catch (error) {
    await stop({ graceMs: 0 });
    throw error;
  }
}

/** The service's executor: the configured pool, timeouts and session cap, timed into `metrics`. */
export function createServiceExecutor(
  driver: Driver,
  config: Config,
  logger: Logger,
  sessions: { open: number },
  metrics: Pick<ReturnType<typeof createMetrics>, "cypherSeconds">,
): CypherExecutor {
  return new CypherExecutor(driver, {
    database: config.neo4j.database,
    transactionTimeoutMs: config.neo4j.transactionTimeoutMs,
    logger,
    sessions,
    pool: {
      slots: new Semaphore(config.neo4j.maxPoolSize),
      acquisitionTimeoutMs: config.neo4j.acquisitionTimeoutMs,
    },
    maxSessionsPerRequest: config.neo4j.maxSessionsPerRequest,
    onQuery: (query, seconds, failed) =>
      metrics.cypherSeconds.observe({ query: query.name, outcome: failed ? "error" : "ok" }, seconds),
  });
}
