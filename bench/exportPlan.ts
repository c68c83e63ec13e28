/**
 * The export's page query under PROFILE (issue #15): what Neo4j does per exported element. Runs on a
 * graph `npm run bench:export` loaded (bench/.work/export-<entities>, migrations applied first), or
 * on NEO4J_URI. Prints, per operator, rows and db hits, then db hits and server time per element
 * for whole passes over each kind.
 *
 *   node --import tsx bench/exportPlan.ts --entities 10000 [--page 1000] [--passes 3]
 */
import path from "node:path";
import { parseArgs } from "node:util";
import neo4j, { type ProfiledPlan } from "neo4j-driver";
import { createDriver } from "../src/neo4j/driver";
import pino from "pino";
import { CypherExecutor } from "../src/graph/executor";
import { applyMigrations, loadMigrations } from "../src/graph/migrations";
import {
  LOG_KINDS,
  prefixesOf,
  SNAPSHOT_SEQ,
  snapshotPageQuery,
  upperBoundOf,
} from "../src/graph/snapshotRepository";
import { startLocalNeo4j, type LocalNeo4j } from "../src/neo4j/localNeo4j";

const { values } = parseArgs({
  options: {
    entities: { type: "string", default: "10000" },
    page: { type: "string", default: "1000" },
    passes: { type: "string", default: "3" },
  },
});

function printPlan(plan: ProfiledPlan, depth = 0): void {
  const details = String(plan.arguments.Details ?? "").slice(0, 110);
  process.stdout.write(
    `${"  ".repeat(depth)}${plan.operatorType} rows=${plan.rows} dbHits=${plan.dbHits} ${details}\n`,
  );
  for (const child of plan.children) printPlan(child, depth + 1);
}

function totalHits(plan: ProfiledPlan): number {
  return plan.dbHits + plan.children.reduce((sum, child) => sum + totalHits(child), 0);
}

async function main(): Promise<void> {
  const entities = Number(values.entities);
  const pageSize = Number(values.page);
  let local: LocalNeo4j | undefined;
  let uri = process.env.NEO4J_URI;
  if (uri === undefined) {
    const dataDir = path.join(__dirname, ".work", `export-${entities}`);
    local = await startLocalNeo4j({ dataDir, port: 0, heap: "1g", pageCache: "512m" });
    uri = local.uri;
  }
  const driver = createDriver({
    uri,
    user: process.env.NEO4J_USER ?? "neo4j",
    password: process.env.NEO4J_PASSWORD,
  });
  try {
    const executor = new CypherExecutor(driver, {
      database: "neo4j",
      transactionTimeoutMs: 3_600_000,
      logger: pino({ level: "silent" }),
    });
    const applied = await applyMigrations(executor, loadMigrations());
    if (applied.length > 0) process.stdout.write(`applied migrations ${applied.join(", ")}\n`);
    const session = driver.session({ database: "neo4j", defaultAccessMode: neo4j.session.READ });
    try {
      const seqRow = await session.run(SNAPSHOT_SEQ.cypher);
      const seq = Number(seqRow.records[0]?.get("seq") ?? 0);
      for (let pass = 1; pass <= Number(values.passes); pass += 1) {
        let elements = 0;
        let hits = 0;
        let serverMs = 0;
        let first = true;
        for (const kind of LOG_KINDS) {
          for (const prefix of prefixesOf(kind)) {
            const upper = upperBoundOf(prefix);
            let after = prefix;
            for (;;) {
              const query = snapshotPageQuery(seq, after, upper, pageSize);
              const result = await session.run(`PROFILE ${query.cypher}`, query.params);
              const plan = result.summary.profile;
              if (plan === false) throw new Error("no profile");
              if (first && pass === Number(values.passes) && result.records.length === pageSize) {
                process.stdout.write(`\n${kind} page of ${pageSize} (pass ${pass}):\n`);
                printPlan(plan);
                first = false;
              }
              hits += totalHits(plan);
              serverMs +=
                Number(result.summary.resultAvailableAfter) + Number(result.summary.resultConsumedAfter);
              elements += result.records.length;
              const last = result.records.at(-1);
              if (last === undefined || result.records.length < pageSize) break;
              after = String(last.get("id"));
            }
          }
        }
        process.stdout.write(
          `pass ${pass}: seq ${seq}, ${elements} rows, ${(hits / elements).toFixed(1)} db hits/row, ` +
            `${((serverMs * 1000) / elements).toFixed(1)} µs/row server time (wall, PROFILE on)\n`,
        );
      }
    } finally {
      await session.close();
    }
  } finally {
    await driver.close();
    await local?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
