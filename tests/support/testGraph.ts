import pino from "pino";
import type { Driver } from "neo4j-driver";
import { CypherExecutor } from "../../src/graph/executor";
import { createDriver } from "../../src/neo4j/driver";

export const silentLogger = pino({ level: "silent" });

export interface TestGraph {
  driver: Driver;
  executor: CypherExecutor;
  close(): Promise<void>;
}

/** A driver and executor on the run's Neo4j (set up by globalSetup), already migrated and seeded. */
export function connectTestGraph(): TestGraph {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error("NEO4J_URI is not set: integration tests run through jest's int project");
  const driver = createDriver({
    uri,
    user: process.env.NEO4J_USER ?? "neo4j",
    password: process.env.NEO4J_PASSWORD,
  });
  const executor = new CypherExecutor(driver, {
    database: process.env.NEO4J_DATABASE ?? "neo4j",
    transactionTimeoutMs: 20_000,
    logger: silentLogger,
  });
  return { driver, executor, close: () => driver.close() };
}
