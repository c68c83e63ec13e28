/**
 * Import benchmark: entities/s of the real importer (`writeDocument`, one recorded Change per
 * document) loading the synthetic graph into a throwaway embedded Neo4j, with the heap and page
 * cache `npm run bench` gives that scale (neo4jSettingsFor).
 *
 *   npm run bench:import -- --entities 100k [--document-size 2000] [--statements] [--keep]
 *
 * Prints each document's entities/s, then the total, with the CPU seconds Node and Neo4j spent
 * (from /proc: comparable on a busy machine, where wall-clock figures are not) and the load
 * average. `--statements` adds the time per named statement (statements pipelined in one round
 * trip overlap). The data directory (bench/.work/import-<pid>) is deleted at the end unless `--keep`.
 */
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pino from "pino";
import { CypherExecutor } from "../src/graph/executor";
import { applyMigrations, loadMigrations } from "../src/graph/migrations";
import { createDriver, waitForDatabase } from "../src/neo4j/driver";
import { startLocalNeo4j } from "../src/neo4j/localNeo4j";
import { loadSyntheticGraph } from "./loadGraph";
import { parseScale } from "./scale";
import { syntheticGraphOptions } from "./syntheticGraph";
import { cpuMsOf, neo4jSettingsFor } from "./targets";

const USAGE = `npm run bench:import -- [options]
  --entities 10k         graph size (k and m suffixes)
  --document-size N      new entities per document (default: the benchmark generator's)
  --statements           time per named statement
  --keep                 keep the data directory (bench/.work/import-<pid>)`;

function log(message: string): void {
  process.stdout.write(`[import ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      entities: { type: "string", default: "10k" },
      "document-size": { type: "string" },
      statements: { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const entities = parseScale(values.entities);
  const graph = syntheticGraphOptions(entities);
  if (values["document-size"] !== undefined) graph.documentSize = parseScale(values["document-size"]);
  const settings = neo4jSettingsFor(entities);
  const dataDir = path.join(__dirname, ".work", `import-${process.pid}`);
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, ...settings, onProgress: log });
  const statements = new Map<string, { count: number; seconds: number }>();
  const driver = createDriver({ uri: neo4j.uri, user: "neo4j", password: undefined });
  try {
    const logger = pino({ level: "silent" });
    await waitForDatabase(driver, logger);
    const executor = new CypherExecutor(driver, {
      database: "neo4j",
      transactionTimeoutMs: 60 * 60_000,
      logger,
      onQuery: (query, seconds) => {
        // Labels and types make names such as write.entities.Person: one line per statement shape.
        const name = query.name.replace(/^(write\.\w+)\..*$/, "$1");
        const s = statements.get(name) ?? { count: 0, seconds: 0 };
        s.count += 1;
        s.seconds += seconds;
        statements.set(name, s);
      },
    });
    await applyMigrations(executor, loadMigrations());
    log(
      `${entities} entities in documents of ${graph.documentSize}; Neo4j heap ${settings.heap}, ` +
        `page cache ${settings.pageCache}; load average ${os.loadavg()[0]?.toFixed(1)}`,
    );
    const nodeCpu0 = process.cpuUsage();
    const neo4jCpu0 = cpuMsOf(neo4j.pid);
    const wall0 = performance.now();
    const loads: number[] = [];
    let last = { node: 0, neo4j: neo4jCpu0 };
    const result = await loadSyntheticGraph(executor, graph, (message) => {
      loads.push(os.loadavg()[0] ?? 0);
      // CPU per document: flat from the first document to the last if nothing grows with the graph.
      const used = process.cpuUsage(nodeCpu0);
      const now = { node: (used.user + used.system) / 1000, neo4j: cpuMsOf(neo4j.pid) };
      log(
        `${message}; CPU ms: Node ${(now.node - last.node).toFixed(0)}, Neo4j ${(now.neo4j - last.neo4j).toFixed(0)}; ` +
          `load ${os.loadavg()[0]?.toFixed(1)}`,
      );
      last = now;
    });
    const wall = (performance.now() - wall0) / 1000;
    const nodeCpu = process.cpuUsage(nodeCpu0);
    const nodeSeconds = (nodeCpu.user + nodeCpu.system) / 1e6;
    const neo4jSeconds = (cpuMsOf(neo4j.pid) - neo4jCpu0) / 1000;
    const meanLoad = loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length);
    log(
      `${entities} entities, ${result.documents} documents, ${result.facts} facts: ` +
        `${result.importSeconds.toFixed(1)} s in the importer (${wall.toFixed(1)} s wall), ` +
        `${result.entitiesPerSecond.toFixed(0)} entities/s; CPU: Node ${nodeSeconds.toFixed(1)} s, ` +
        `Neo4j ${neo4jSeconds.toFixed(1)} s (${((1e6 * (nodeSeconds + neo4jSeconds)) / entities).toFixed(0)} µs/entity); ` +
        `load average ${meanLoad.toFixed(1)} (mean over documents)`,
    );
    if (values.statements) {
      const rows = [...statements].sort(([, a], [, b]) => b.seconds - a.seconds);
      for (const [name, s] of rows) {
        log(`  ${name.padEnd(32)} ${String(s.count).padStart(6)} × ${s.seconds.toFixed(2).padStart(8)} s`);
      }
    }
  } finally {
    await driver.close();
    await neo4j.stop();
    if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
