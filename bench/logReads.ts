/**
 * Log-read benchmark: PROFILE db hits of the statements that find an element's changes in the
 * change log (history, `changes(ids:)`, the feed's `ids` filter, the importer's retracted-ids
 * check), on a synthetic log with a hub element touched by `--hub` changes among `--changes`.
 *
 *   node --import tsx bench/logReads.ts [--changes 20000] [--hub 5000] [--keep]
 *
 * The log is written straight into a throwaway embedded Neo4j (bench/.work/logreads-<pid>), in the
 * shape src/write/changeLog.ts writes it: every Change has 4 items, the first of a hub change is
 * the hub's (one hub change has two items of the hub). Db hits do not depend on the machine's load.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pino from "pino";
import type { Driver } from "neo4j-driver";
import { CypherExecutor, int } from "../src/graph/executor";
import { applyMigrations, loadMigrations } from "../src/graph/migrations";
import {
  CHANGES_TOUCHING,
  COUNT_CHANGES_TOUCHING,
  COUNT_HISTORIES,
  HISTORIES,
} from "../src/graph/changeRepository";
import { FEED_CHANGES_TOUCHING } from "../src/graph/feedRepository";
import { RETRACTED_IDS } from "../src/write/importDocument";
import { createDriver } from "../src/neo4j/driver";
import { startLocalNeo4j } from "../src/neo4j/localNeo4j";

const HUB = "person:hub";
const RETRACTED = "person:retracted-hub";

function log(message: string): void {
  process.stdout.write(`[logReads ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function buildLog(executor: CypherExecutor, changes: number, hub: number): Promise<void> {
  const every = Math.max(1, Math.floor(changes / hub));
  const batch = 2_000;
  for (let from = 1; from <= changes; from += batch) {
    const to = Math.min(changes, from + batch - 1);
    await executor.write({
      name: "bench.log",
      cypher: `UNWIND range($from, $to) AS seq
               CREATE (c:Change {id: 'change:' + toString(seq), seq: seq, at: datetime(), actor: 'bench',
                                 operation: CASE WHEN seq = $to AND $last THEN 'retract' ELSE 'import' END,
                                 resultId: CASE WHEN seq = $to AND $last THEN $retracted ELSE null END,
                                 itemCount: 4})
               WITH c, seq
               UNWIND range(0, 3) AS position
               WITH c, seq, position,
                    CASE
                      WHEN position = 0 AND seq % $every = 0 AND seq <= $every * $hub THEN $hubId
                      WHEN position = 1 AND seq = $every THEN $hubId
                      WHEN position = 2 AND (seq % 7 = 0 OR (seq = $to AND $last)) THEN $retracted
                      ELSE 'person:e' + toString(seq) + '-' + toString(position)
                    END AS elementId
               CREATE (c)-[:HAS_ITEM]->(:ChangeItem {seq: seq, position: position, elementId: elementId,
                 typename: 'Person', action: CASE WHEN seq = $to AND $last AND position = 2 THEN 'RETRACTED' ELSE 'UPDATED' END,
                 version: 1, before: '{}', after: '{"name":"x"}'})`,
      params: {
        from: int(from),
        to: int(to),
        last: to === changes,
        every: int(every),
        hub: int(hub),
        hubId: HUB,
        retracted: RETRACTED,
      },
    });
  }
  await executor.write({
    name: "bench.counter",
    cypher: "MERGE (l:ChangeLog {id: 'changes'}) SET l.seq = $seq",
    params: { seq: int(changes) },
  });
}

interface PlanNode {
  dbHits?: number;
  children: PlanNode[];
}
const dbHitsOf = (plan: PlanNode): number =>
  (plan.dbHits ?? 0) + plan.children.reduce((sum, child) => sum + dbHitsOf(child), 0);

async function profile(driver: Driver, cypher: string, params: Record<string, unknown>): Promise<number> {
  const session = driver.session();
  try {
    // Once to plan and warm, once to measure.
    await session.run(`PROFILE ${cypher}`, params);
    const result = await session.run(`PROFILE ${cypher}`, params);
    const plan = result.summary.profile;
    return plan === false ? 0 : dbHitsOf(plan);
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      changes: { type: "string", default: "20000" },
      hub: { type: "string", default: "5000" },
      keep: { type: "boolean", default: false },
    },
  });
  const changes = Number(values.changes);
  const hub = Number(values.hub);
  const dataDir = path.join(__dirname, ".work", `logreads-${process.pid}`);
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, heap: "1g", pageCache: "512m", onProgress: log });
  const driver = createDriver({ uri: neo4j.uri, user: "neo4j", password: undefined });
  try {
    const executor = new CypherExecutor(driver, {
      database: "neo4j",
      transactionTimeoutMs: 600_000,
      logger: pino({ level: "silent" }),
    });
    await applyMigrations(executor, loadMigrations());
    log(`writing ${changes} changes, ${hub} touching ${HUB}`);
    await buildLog(executor, changes, hub);
    const quiet = "person:e3-1";
    const mid = Math.floor(changes / 2);
    const cases: Array<[string, string, Record<string, unknown>]> = [
      ["import.retractedIds (hub, retracted)", RETRACTED_IDS, { ids: [RETRACTED] }],
      ["import.retractedIds (hub, live)", RETRACTED_IDS, { ids: [HUB] }],
      ["import.retractedIds (1 item)", RETRACTED_IDS, { ids: [quiet] }],
      [
        "changes.histories first 21 (hub)",
        HISTORIES,
        { ids: [HUB], before: int(Number.MAX_SAFE_INTEGER), limit: int(21) },
      ],
      ["changes.histories before mid (hub)", HISTORIES, { ids: [HUB], before: int(mid), limit: int(21) }],
      [
        "changes.histories (1 item)",
        HISTORIES,
        { ids: [quiet], before: int(Number.MAX_SAFE_INTEGER), limit: int(21) },
      ],
      ["changes.countHistories (hub)", COUNT_HISTORIES, { ids: [HUB] }],
      ["changes.touching after 0 (hub)", CHANGES_TOUCHING, { ids: [HUB], after: int(0), limit: int(101) }],
      [
        "changes.touching after mid (hub)",
        CHANGES_TOUCHING,
        { ids: [HUB], after: int(mid), limit: int(101) },
      ],
      [
        "changes.touching (hub + 1 item)",
        CHANGES_TOUCHING,
        { ids: [HUB, quiet], after: int(0), limit: int(101) },
      ],
      ["changes.countTouching after mid (hub)", COUNT_CHANGES_TOUCHING, { ids: [HUB], after: int(mid) }],
      [
        "feed.touching after 0 (hub)",
        FEED_CHANGES_TOUCHING,
        { ids: [HUB], after: int(0), limit: int(100), inlineItems: int(200) },
      ],
      [
        "feed.touching after mid (hub)",
        FEED_CHANGES_TOUCHING,
        { ids: [HUB], after: int(mid), limit: int(100), inlineItems: int(200) },
      ],
    ];
    process.stdout.write(`\n| statement | db hits |\n| --- | ---: |\n`);
    for (const [name, cypher, params] of cases) {
      process.stdout.write(`| ${name} | ${await profile(driver, cypher, params)} |\n`);
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
