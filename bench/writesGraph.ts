/**
 * Starts an embedded Neo4j for the write benchmark (bench/writes.ts), on a data directory of its
 * own, applies the migrations and loads the synthetic graph of the size asked for (once: a data
 * directory that holds it already is reused). Prints the Bolt URI and keeps Neo4j running until
 * stdin closes or SIGINT/SIGTERM.
 *
 *   node --import tsx bench/writesGraph.ts <dataDir> <entities> [heap] [pageCache]
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import pino from "pino";
import { CypherExecutor } from "../src/graph/executor";
import { applyMigrations, loadMigrations } from "../src/graph/migrations";
import { createDriver, waitForDatabase } from "../src/neo4j/driver";
import { startLocalNeo4j } from "../src/neo4j/localNeo4j";
import { loadSyntheticGraph } from "./loadGraph";
import { syntheticGraphOptions } from "./syntheticGraph";

async function main(): Promise<void> {
  const [dataDir, size, heap = "2g", pageCache = "1g"] = process.argv.slice(2);
  if (dataDir === undefined || size === undefined)
    throw new Error("usage: writesGraph.ts <dataDir> <entities>");
  const entities = Number(size);
  const log = (m: string): void =>
    void process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${m}\n`);
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, heap, pageCache, onProgress: log });
  const driver = createDriver({ uri: neo4j.uri, user: "neo4j", password: undefined });
  const logger = pino({ level: "silent" });
  await waitForDatabase(driver, logger);
  // Where the import's time goes: seconds per statement name (the commit is not a statement).
  const spent = new Map<string, { count: number; seconds: number }>();
  const executor = new CypherExecutor(driver, {
    database: "neo4j",
    transactionTimeoutMs: 3_600_000,
    logger,
    onQuery: (query, seconds) => {
      const entry = spent.get(query.name) ?? { count: 0, seconds: 0 };
      spent.set(query.name, { count: entry.count + 1, seconds: entry.seconds + seconds });
    },
  });
  await applyMigrations(executor, loadMigrations());
  const marker = path.join(dataDir, `loaded-${entities}`);
  if (entities > 0 && !existsSync(marker)) {
    const imported = await loadSyntheticGraph(executor, syntheticGraphOptions(entities), log);
    log(
      `imported ${entities} entities in ${imported.importSeconds.toFixed(1)} s: ${imported.entitiesPerSecond.toFixed(0)} entities/s, ${imported.factsPerSecond.toFixed(0)} facts/s`,
    );
    writeFileSync(marker, JSON.stringify(imported));
    for (const [name, { count, seconds }] of [...spent].sort((a, b) => b[1].seconds - a[1].seconds)) {
      log(`  ${name}: ${count} statements, ${seconds.toFixed(1)} s`);
    }
  }
  log(`READY ${neo4j.uri} pid ${neo4j.pid}`);
  const stop = async (): Promise<void> => {
    await driver.close();
    await neo4j.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  process.stdin.on("end", () => void stop());
  process.stdin.resume();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
