import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pino from "pino";
import { CypherExecutor, int } from "../../src/graph/executor";
import { applyMigrations, loadMigrations, MIGRATIONS_DIR, parseMigration } from "../../src/graph/migrations";
import { BACKFILL_BATCH, backfillSearchKeys } from "../../src/graph/migrationSteps";
import { searchKey } from "../../src/graph/searchText";
import { connectTestGraph, silentLogger, type TestGraph } from "../support/testGraph";

describe("applyMigrations (real Neo4j)", () => {
  let graph: TestGraph;
  const suffix = randomUUID().replace(/-/g, "").slice(0, 12);
  const id = `test_${suffix}`;
  const indexName = `test_index_${suffix}`;
  const migration = parseMigration(
    id,
    `CREATE INDEX ${indexName} IF NOT EXISTS FOR (n:TestMigrationLabel) ON (n.x);\nCALL db.awaitIndexes(60);\n`,
  );

  beforeAll(() => {
    graph = connectTestGraph();
  });
  afterAll(async () => {
    await graph.executor.write({
      name: "test.cleanup",
      cypher: `DROP INDEX ${indexName} IF EXISTS`,
      params: {},
    });
    await graph.executor.write({
      name: "test.cleanup",
      cypher: "MATCH (m:Migration {id: $id}) DELETE m",
      params: { id },
    });
    await graph.close();
  });

  it("has nothing left to apply after start-up applied the project's migrations", async () => {
    await expect(applyMigrations(graph.executor, loadMigrations())).resolves.toEqual([]);
  });

  it("applies a new migration once, records it, and skips it the second time", async () => {
    await expect(applyMigrations(graph.executor, [migration])).resolves.toEqual([id]);
    const indexes = await graph.executor.read<{ name: string }>({
      name: "test.indexes",
      cypher: "SHOW INDEXES YIELD name WHERE name = $name RETURN name",
      params: { name: indexName },
    });
    expect(indexes).toEqual([{ name: indexName }]);
    await expect(applyMigrations(graph.executor, [migration])).resolves.toEqual([]);
    const recorded = await graph.executor.read<{ checksum: string }>({
      name: "test.recorded",
      cypher: "MATCH (m:Migration {id: $id}) RETURN m.checksum AS checksum",
      params: { id },
    });
    expect(recorded).toEqual([{ checksum: migration.checksum }]);
  });

  it("refuses a recorded migration whose file has changed", async () => {
    const edited = { ...migration, checksum: "0".repeat(64) };
    await expect(applyMigrations(graph.executor, [edited])).rejects.toThrow(
      /was changed after it was applied/,
    );
  });
});

describe("007_change_item_seq: the backfill of ChangeItem.seq (real Neo4j)", () => {
  let graph: TestGraph;
  const suffix = randomUUID().replace(/-/g, "").slice(0, 12);
  const id = `test_backfill_${suffix}`;
  // Negative seqs and an id prefix no export kind covers: invisible to the feed, the changes
  // query and the export that other suites read from the same database.
  const seqs = [-1_000_001 - Math.floor(Math.random() * 1e6), -3_000_001 - Math.floor(Math.random() * 1e6)];
  const elementId = `migrationtest:${suffix}`;

  beforeAll(() => {
    graph = connectTestGraph();
  });
  afterAll(async () => {
    await graph.executor.write({
      name: "test.cleanup",
      cypher: "MATCH (c:Change) WHERE c.seq IN $seqs OPTIONAL MATCH (c)-[:HAS_ITEM]->(i) DETACH DELETE c, i",
      params: { seqs: seqs.map(int) },
    });
    await graph.executor.write({
      name: "test.cleanup",
      cypher: "MATCH (m:Migration {id: $id}) DELETE m",
      params: { id },
    });
    await graph.close();
  });

  it("gives items written without a seq their Change's seq, leaves the rest, and the export index serves them", async () => {
    // Items as changeLog.ts wrote them before 007: no seq. 2,500 of them: more than one batch would
    // hold were the batches this small; the statement itself says 10,000.
    await graph.executor.write({
      name: "test.oldItems",
      cypher: `UNWIND $seqs AS seq
               CREATE (c:Change {id: 'change:' + toString(seq), seq: seq, actor: 'test', operation: 'test'})
               WITH c
               UNWIND range(0, 1249) AS position
               CREATE (c)-[:HAS_ITEM]->(:ChangeItem {position: position, elementId: $elementId + ':' + toString(position),
                                                     typename: 'Test', action: 'CREATE', after: '{}'})`,
      params: { seqs: seqs.map(int), elementId },
    });
    // One already carrying a seq (written after 007): left as it is.
    await graph.executor.write({
      name: "test.newItem",
      cypher: `MATCH (c:Change {seq: $seq})
               CREATE (c)-[:HAS_ITEM]->(:ChangeItem {seq: $seq, position: 9999, elementId: $elementId + ':new',
                                                     typename: 'Test', action: 'CREATE', after: '{}'})`,
      params: { seq: int(seqs[0] ?? 0), elementId },
    });
    const file = path.join(MIGRATIONS_DIR, "007_change_item_seq.cypher");
    const migration = parseMigration(id, readFileSync(file, "utf8"));
    await expect(applyMigrations(graph.executor, [migration])).resolves.toEqual([id]);

    const rows = await graph.executor.read<{ changeSeq: number; itemSeq: number | null; items: number }>({
      name: "test.backfilled",
      cypher: `MATCH (c:Change)-[:HAS_ITEM]->(i:ChangeItem)
               WHERE c.seq IN $seqs
               RETURN c.seq AS changeSeq, i.seq AS itemSeq, count(*) AS items
               ORDER BY changeSeq, itemSeq`,
      params: { seqs: seqs.map(int) },
    });
    const [low, high] = [...seqs].sort((a, b) => a - b);
    expect(rows).toEqual([
      { changeSeq: low, itemSeq: low, items: 1250 + (low === seqs[0] ? 1 : 0) },
      { changeSeq: high, itemSeq: high, items: 1250 + (high === seqs[0] ? 1 : 0) },
    ]);
    // The page query's index holds them: a range read by (elementId, seq) finds every item.
    const [indexed] = await graph.executor.read<{ items: number }>({
      name: "test.indexed",
      cypher: `MATCH (i:ChangeItem) USING INDEX i:ChangeItem(elementId, seq)
               WHERE i.elementId > $elementId AND i.elementId < $elementId + ';' AND i.seq <= 0
               RETURN count(*) AS items`,
      params: { elementId },
    });
    expect(indexed?.items).toBe(2501);
  });
});

describe("a batched migration (CALL { ... } IN TRANSACTIONS) at start-up (real Neo4j)", () => {
  let graph: TestGraph;
  const suffix = randomUUID().replace(/-/g, "").slice(0, 12);
  const ids = [`test_batched_${suffix}`, `test_batch_overrun_${suffix}`];
  // Busy work that takes CPU time in Neo4j: no sleep exists in Cypher.
  const busy = (n: number): string => `reduce(x = 0, k IN range(1, ${n}) | x + k % 7)`;

  beforeAll(() => {
    graph = connectTestGraph();
  });
  afterAll(async () => {
    await graph.executor.write({
      name: "test.cleanup",
      cypher: "MATCH (n:TestBatchedMigration {run: $run}) DELETE n",
      params: { run: suffix },
    });
    await graph.executor.write({
      name: "test.cleanup",
      cypher: "MATCH (m:Migration) WHERE m.id IN $ids DELETE m",
      params: { ids },
    });
    await graph.close();
  });

  it("runs to completion when all its batches take longer than the transaction timeout, each batch within its bound", async () => {
    // An executor whose transactions are cancelled after 1 s, like a request's: the statement as a
    // whole (one outer transaction over 40 batches) runs longer, each batch well within the bound;
    // the busy work is sized so that even a fast run outlasts 1 s (it once took 0.89 s at 1,000,000).
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => lines.push(line) });
    const executor = new CypherExecutor(graph.driver, {
      database: process.env.NEO4J_DATABASE ?? "neo4j",
      transactionTimeoutMs: 1_000,
      logger,
    });
    const migration = parseMigration(
      ids[0] ?? "",
      `UNWIND range(1, 40) AS b
       CALL (b) {
         WITH b, ${busy(3_000_000)} AS z
         CREATE (:TestBatchedMigration {run: '${suffix}', b: b, z: z})
       } IN TRANSACTIONS OF 1 ROW;`,
    );
    const started = Date.now();
    await expect(
      applyMigrations(executor, [migration], { batchTimeoutMs: 60_000, pollMs: 100, progressEveryMs: 0 }),
    ).resolves.toEqual([ids[0]]);
    // The premise: the statement outlived the transaction timeout (else this test proves nothing).
    expect(Date.now() - started).toBeGreaterThan(1_000);
    const [row] = await graph.executor.read<{ batches: number }>({
      name: "test.batches",
      cypher: "MATCH (n:TestBatchedMigration {run: $run}) RETURN count(DISTINCT n.b) AS batches",
      params: { run: suffix },
    });
    expect(row?.batches).toBe(40);
    // It said so while it ran: started, its progress (batches seen), done.
    const logged = lines.map(
      (line) => JSON.parse(line) as { msg: string; query?: string; batchesSeen?: number },
    );
    const mine = logged.filter((entry) => entry.query === `migration.${ids[0]}`).map((entry) => entry.msg);
    expect(mine[0]).toBe("batched statement started");
    expect(mine.at(-1)).toBe("batched statement done");
    expect(Math.max(...logged.map((entry) => entry.batchesSeen ?? 0))).toBeGreaterThan(0);
  });

  it("stops a batch that runs longer than its bound, and does not record the migration", async () => {
    const executor = new CypherExecutor(graph.driver, {
      database: process.env.NEO4J_DATABASE ?? "neo4j",
      transactionTimeoutMs: 60_000,
      logger: silentLogger,
    });
    // One batch of 1,000 rows of busy work: minutes, unless it is stopped (the test's own timeout is 2 min).
    const migration = parseMigration(
      ids[1] ?? "",
      `UNWIND range(1, 2000) AS b
       CALL (b) {
         WITH b, ${busy(3_000_000)} AS z
         CREATE (:TestBatchedMigration {run: '${suffix}', b: -b, z: z})
       } IN TRANSACTIONS OF 1000 ROWS;`,
    );
    await expect(applyMigrations(executor, [migration], { batchTimeoutMs: 1_500 })).rejects.toThrow(
      /a batch ran longer than 1500 ms and was stopped/,
    );
    const [row] = await graph.executor.read<{ rows: number; recorded: number }>({
      name: "test.recorded",
      cypher: `RETURN COUNT { MATCH (n:TestBatchedMigration {run: $run}) WHERE n.b < 0 } AS rows,
                      COUNT { MATCH (m:Migration {id: $id}) } AS recorded`,
      params: { run: suffix, id: ids[1] },
    });
    expect(row).toEqual({ rows: 0, recorded: 0 });
  });
});

describe("migration 010: search keys, a TypeScript step (real Neo4j)", () => {
  let graph: TestGraph;
  const suffix = randomUUID().replace(/-/g, "").slice(0, 12);
  const id = `test_search_keys_${suffix}`;

  beforeAll(() => {
    graph = connectTestGraph();
  });
  afterAll(async () => {
    await graph.executor.write({
      name: "test.cleanup",
      cypher: "MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DELETE n",
      params: { prefix: `test:${suffix}:` },
    });
    await graph.executor.write({
      name: "test.cleanup",
      cypher: "MATCH (m:Migration {id: $id}) DELETE m",
      params: { id },
    });
    await graph.close();
  });

  it("runs the migration's TypeScript step, which fills the keys of entities written before it, over several batches", async () => {
    // Entities as written before 010: no keys. More than one batch of them.
    const count = BACKFILL_BATCH + 7;
    const names = ["Türkiye Cumhuriyeti", "中共重庆市委", "O'Brien & Sons", "Łódź"];
    await graph.executor.write({
      name: "test.oldEntities",
      cypher: `UNWIND range(0, $count - 1) AS i
               CREATE (:Entity {id: $prefix + right('00000' + toString(i), 6), name: $names[i % size($names)],
                                aliases: ['Alias ' + i]})`,
      params: { count: int(count), names, prefix: `test:${suffix}:` },
    });
    // One written by this version: its keys are left as they are.
    await graph.executor.write({
      name: "test.newEntity",
      cypher: "MATCH (n:Entity {id: $id}) SET n.nameKey = 'kept', n.aliasKeys = ['kept']",
      params: { id: `test:${suffix}:000000` },
    });
    const file = path.join(MIGRATIONS_DIR, "010_search_keys.cypher");
    const migration = { ...parseMigration(id, readFileSync(file, "utf8")), step: backfillSearchKeys };
    expect(migration.statements).toEqual([]);
    await expect(applyMigrations(graph.executor, [migration])).resolves.toEqual([id]);

    const rows = await graph.executor.read<{
      id: string;
      name: string;
      nameKey: string;
      aliasKeys: string[];
    }>({
      name: "test.backfilled",
      cypher: `MATCH (n:Entity) WHERE n.id STARTS WITH $prefix
               RETURN n.id AS id, n.name AS name, n.nameKey AS nameKey, n.aliasKeys AS aliasKeys ORDER BY id`,
      params: { prefix: `test:${suffix}:` },
    });
    expect(rows).toHaveLength(count);
    const [kept, ...filled] = rows;
    expect(kept).toMatchObject({ nameKey: "kept", aliasKeys: ["kept"] });
    expect(filled.filter((r) => r.nameKey !== searchKey(r.name))).toEqual([]);
    expect(filled.at(-1)?.aliasKeys).toEqual([`alias ${count - 1}`]);
    expect(filled.slice(0, 3).map((r) => r.nameKey)).toEqual(["中 共 重 庆 市 委", "o brien sons", "lodz"]);
    // The project's own list gives 010 the step.
    expect(loadMigrations().find((m) => m.id === "010_search_keys")?.step).toBe(backfillSearchKeys);
  });
});
