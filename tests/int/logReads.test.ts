import { randomUUID } from "node:crypto";
import { int } from "../../src/graph/executor";
import {
  CHANGES_TOUCHING,
  COUNT_CHANGES_TOUCHING,
  COUNT_HISTORIES,
  HISTORIES,
} from "../../src/graph/changeRepository";
import { FEED_CHANGES_TOUCHING } from "../../src/graph/feedRepository";
import { RETRACTED_IDS } from "../../src/write/importDocument";
import { connectTestGraph, type TestGraph } from "../support/testGraph";

/**
 * The reads that find an element's changes through the (elementId, seq) index answer exactly as
 * the walk over every Change -> ChangeItem did (the statements before, kept here as the reference),
 * on a log with a hub: one element touched by many changes, one change with two items of it, an
 * element retracted and one retracted then touched again.
 */
const changeFields = `c {.id, .seq, at: toString(c.at), .actor, .operation, .clientMutationId, .reason}`;
const BEFORE = {
  touching: `
UNWIND $ids AS id
MATCH (c:Change)-[:HAS_ITEM]->(:ChangeItem {elementId: id})
WHERE c.seq > $after
WITH DISTINCT c
ORDER BY c.seq
LIMIT $limit
RETURN ${changeFields} AS row`,
  countTouching: `
UNWIND $ids AS id
MATCH (c:Change)-[:HAS_ITEM]->(:ChangeItem {elementId: id})
WHERE c.seq > $after
RETURN count(DISTINCT c) AS count`,
  histories: `
UNWIND $ids AS id
CALL (id) {
  MATCH (c:Change)-[:HAS_ITEM]->(:ChangeItem {elementId: id})
  WHERE c.seq < $before
  WITH DISTINCT c
  ORDER BY c.seq DESC
  LIMIT $limit
  RETURN collect(${changeFields}) AS rows
}
RETURN id, rows`,
  countHistories: `
UNWIND $ids AS id
RETURN id, COUNT { MATCH (c:Change)-[:HAS_ITEM]->(:ChangeItem {elementId: id}) RETURN DISTINCT c } AS count`,
  retracted: `
UNWIND $ids AS id
MATCH (c)-[:HAS_ITEM]->(i:ChangeItem {elementId: id})
WITH id, c.seq AS seq, c.operation AS operation, c.resultId AS target, i.action AS action
ORDER BY seq DESC
WITH id, head(collect({operation: operation, target: target, action: action})) AS last
WHERE last.operation = 'retract' AND last.target = id AND last.action = 'RETRACTED'
RETURN id`,
};

describe("change-log reads by the (elementId, seq) index answer as the walk over every item did (real Neo4j)", () => {
  let graph: TestGraph;
  const suffix = randomUUID().replace(/-/g, "").slice(0, 12);
  // Negative seqs and an id prefix no export kind covers: invisible to the other suites' reads.
  const base = -9_000_000 - Math.floor(Math.random() * 1e6);
  const CHANGES = 300;
  const id = (name: string): string => `logreadtest:${suffix}-${name}`;
  const hub = id("hub");
  const gone = id("gone");
  const back = id("back");
  const quiet = id("quiet");
  const unknown = id("unknown");

  beforeAll(async () => {
    graph = connectTestGraph();
    // Change k (seq base + k) has items: the hub's every 3rd change (two of them in change 9), `quiet`
    // in change 5, `gone` in changes 10 and 20 (a curator's retract of it), `back` retracted in
    // change 30 and touched again by an import in change 40.
    await graph.executor.write({
      name: "test.log",
      cypher: `UNWIND range(1, $changes) AS k
               WITH k, $base + k AS seq
               CREATE (c:Change {id: 'change:' + toString(seq), seq: seq, at: datetime(), actor: 'test',
                                 operation: CASE WHEN k IN [20, 30] THEN 'retract' ELSE 'import' END,
                                 resultId: CASE k WHEN 20 THEN $gone WHEN 30 THEN $back ELSE null END})
               WITH c, k, seq,
                    [x IN [[0, CASE WHEN k % 3 = 0 THEN $hub END], [1, CASE WHEN k = 9 THEN $hub END],
                           [2, CASE WHEN k = 5 THEN $quiet END], [3, CASE WHEN k IN [10, 20] THEN $gone END],
                           [4, CASE WHEN k IN [30, 40] THEN $back END], [5, $prefix + toString(k)]]
                     WHERE x[1] IS NOT NULL] AS items
               UNWIND items AS item
               CREATE (c)-[:HAS_ITEM]->(:ChangeItem {seq: seq, position: item[0], elementId: item[1], typename: 'Test',
                 action: CASE WHEN k IN [20, 30] AND item[0] IN [3, 4] THEN 'RETRACTED' ELSE 'UPDATED' END,
                 version: 1, after: '{}'})`,
      params: { changes: int(CHANGES), base: int(base), hub, gone, back, quiet, prefix: id("e") },
    });
  });
  afterAll(async () => {
    await graph.executor.write({
      name: "test.cleanup",
      cypher: `MATCH (c:Change) WHERE c.seq > $base AND c.seq <= $base + $changes
               OPTIONAL MATCH (c)-[:HAS_ITEM]->(i) DETACH DELETE c, i`,
      params: { base: int(base), changes: int(CHANGES) },
    });
    await graph.close();
  });

  const both = async (before: string, after: string, params: Record<string, unknown>) => {
    const read = (cypher: string) => graph.executor.read({ name: "test.logRead", cypher, params });
    return { before: await read(before), after: await read(after) };
  };
  const idSets = [[hub], [hub, quiet], [quiet, hub, gone, back], [unknown], [hub, unknown, hub]];

  it("finds the same retracted ids: only those whose last change retracted them", async () => {
    const { before, after } = await both(BEFORE.retracted, RETRACTED_IDS, {
      ids: [hub, gone, back, quiet, unknown],
    });
    expect(after).toEqual([{ id: gone }]);
    expect(after).toEqual(before);
  });

  it("pages changes(ids:) alike: the same changes, order and count, page after page", async () => {
    for (const ids of idSets) {
      for (const limit of [4, 101]) {
        let cursor = base;
        for (let page = 0; page < 200; page += 1) {
          const params = { ids, after: int(cursor), limit: int(limit + 1) };
          const rows = await both(BEFORE.touching, CHANGES_TOUCHING, params);
          expect(rows.after).toEqual(rows.before);
          const counts = await both(BEFORE.countTouching, COUNT_CHANGES_TOUCHING, params);
          expect(counts.after).toEqual(counts.before);
          const feed = await graph.executor.read<{ row: { seq: number }; items: unknown[] }>({
            name: "test.feedTouching",
            cypher: FEED_CHANGES_TOUCHING,
            params: { ...params, limit: int(limit), inlineItems: int(200) },
          });
          const pageRows = (rows.after as Array<{ row: { seq: number } }>).slice(0, limit).map((r) => r.row);
          expect(feed.map((r) => r.row)).toEqual(pageRows);
          const seqs = pageRows.map((row) => row.seq);
          if (rows.after.length <= limit) break;
          cursor = seqs.at(-1) ?? cursor;
        }
      }
    }
    // The hub's change with two of its items counts once.
    const [hubCount] = await graph.executor.read<{ count: number }>({
      name: "test.count",
      cypher: COUNT_CHANGES_TOUCHING,
      params: { ids: [hub], after: int(base) },
    });
    expect(hubCount?.count).toBe(CHANGES / 3);
  });

  it("pages histories alike, newest first, with the same counts", async () => {
    for (const ids of idSets) {
      for (const limit of [1, 3, 21]) {
        for (const beforeSeq of [base + CHANGES + 1, base + 100, base + 9, base + 1]) {
          const params = { ids, before: int(beforeSeq), limit: int(limit) };
          const rows = await both(BEFORE.histories, HISTORIES, params);
          expect(rows.after).toEqual(rows.before);
        }
      }
      const counts = await both(BEFORE.countHistories, COUNT_HISTORIES, { ids });
      expect(counts.after).toEqual(counts.before);
    }
  });
});
