import type { Config } from "../config";
import { CypherExecutor } from "../graph/executor";
import { applyMigrations, loadMigrations } from "../graph/migrations";
import { createLogger, type Logger } from "../logger";
import { createDriver } from "./driver";
import { runningLocalNeo4jUri, startLocalNeo4j, type LocalNeo4j } from "./localNeo4j";

/**
 * The Neo4j a command-line tool works on (npm run import, ingest, export): NEO4J_URI if set;
 * otherwise the embedded one running on NEO4J_LOCAL_DATA_DIR (e.g. under npm start, on whichever
 * port it took), else the embedded one is started there for the command (stop `local` after).
 */
export async function connectTarget(config: Config): Promise<{ uri: string; local: LocalNeo4j | undefined }> {
  if (config.neo4j.uri !== undefined) return { uri: config.neo4j.uri, local: undefined };
  // The running embedded Neo4j writes its port into its data directory (it may not be 7687).
  const running = runningLocalNeo4jUri(config.local.dataDir);
  if (running !== undefined) {
    const probe = createDriver({ uri: running, user: config.neo4j.user, password: config.neo4j.password });
    try {
      await probe.getServerInfo();
      return { uri: running, local: undefined };
    } catch {
      // Not answering: start one below (which fails clearly if the data directory is still in use).
    } finally {
      await probe.close();
    }
  }
  const local = await startLocalNeo4j({
    ...config.local,
    onProgress: (m) => process.stderr.write(`${m}\n`),
  });
  return { uri: local.uri, local };
}

/**
 * Runs a command-line tool's `work` on its target (see {@link connectTarget}) with an executor whose
 * transactions may take `transactionTimeoutMs`, after applying the migrations when `migrate`; closes
 * the driver and stops a Neo4j it started, however `work` ends.
 */
export async function withCliTarget<T>(
  config: Config,
  options: { transactionTimeoutMs: number; migrate: boolean },
  work: (executor: CypherExecutor, logger: Logger) => Promise<T>,
): Promise<T> {
  const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  const { uri, local } = await connectTarget(config);
  const driver = createDriver({ uri, user: config.neo4j.user, password: config.neo4j.password });
  try {
    const executor = new CypherExecutor(driver, {
      database: config.neo4j.database,
      transactionTimeoutMs: options.transactionTimeoutMs,
      logger,
    });
    if (options.migrate) await applyMigrations(executor, loadMigrations(), config.migrations);
    return await work(executor, logger);
  } finally {
    await driver.close();
    await local?.stop();
  }
}
