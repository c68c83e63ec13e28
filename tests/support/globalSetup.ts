import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations, loadMigrations } from "../../src/graph/migrations";
import { bundledDatasetFiles, importDatasetFile } from "../../src/import/importDataset";
import { startLocalNeo4j, type LocalNeo4j } from "../../src/neo4j/localNeo4j";
import { connectTestGraph, silentLogger } from "./testGraph";
import { CypherExecutor } from "../../src/graph/executor";

declare global {
  // Shared with globalTeardown, which runs in the same process.
  var __LOCAL_NEO4J__: LocalNeo4j | undefined;
}

/** One Neo4j for the whole integration run: the one NEO4J_URI names, or a fresh local one. */
export default async function globalSetup(): Promise<void> {
  if (!process.env.NEO4J_URI) await startRunNeo4j();
  await prepareDatabase();
}

async function startRunNeo4j(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "kg-test-neo4j-"));
  const neo4j = await startLocalNeo4j({
    dataDir,
    port: 0,
    heap: process.env.NEO4J_LOCAL_HEAP ?? "768m",
    pageCache: process.env.NEO4J_LOCAL_PAGECACHE ?? "128m",
    onProgress: (message) => process.stderr.write(`${message}\n`),
  });
  globalThis.__LOCAL_NEO4J__ = neo4j;
  // Workers are started after this and inherit the environment.
  process.env.NEO4J_URI = neo4j.uri;
  process.env.KG_TEST_LOCAL_NEO4J_DATA_DIR = dataDir;
}

/**
 * Migrations and the bundled datasets once for the run, so that suites running in parallel do not
 * race to apply them. Importing is idempotent: on a database that has them already, nothing changes.
 */
async function prepareDatabase(): Promise<void> {
  const graph = connectTestGraph();
  // Like the service's start-up: seeding a fresh database is not a request, and may take longer than one.
  const startup = new CypherExecutor(graph.driver, {
    database: process.env.NEO4J_DATABASE ?? "neo4j",
    transactionTimeoutMs: 300_000,
    logger: silentLogger,
  });
  try {
    await applyMigrations(startup, loadMigrations());
    for (const file of bundledDatasetFiles()) await importDatasetFile(startup, file);
  } finally {
    await graph.close();
  }
}
