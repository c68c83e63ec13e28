import { ENTITY_KINDS, idPrefixOf } from "./entityKinds";
import { int, type CypherQuery } from "./executor";
import type { RecordShape } from "neo4j-driver";

/**
 * The graph as it was at one seq of the change log, read from the log itself (docs/feeds.md "Bulk
 * export"). Neo4j transactions are read-committed, not snapshots: paging through the graph's nodes
 * while writers commit would mix states. The log is append-only and every write appends, in the
 * same transaction, each element's whole new state (`ChangeItem.after`) with the change's seq, so an
 * element's state at seq S is the `after` of its last item with seq <= S, and nothing committed
 * later can alter that. Every page is one bounded query inside the caller's read transaction; a
 * later pass over the same kinds reads exactly the same elements.
 */

export type SnapshotKind = "document" | "entity" | "relationship" | "statistic" | "quote" | "mention";

/**
 * The order the graph's kinds are exported in: what an element refers to comes before it. The graph
 * formats (JSON-LD, GraphML, CSV) export these.
 */
export const SNAPSHOT_KINDS: readonly SnapshotKind[] = [
  "document",
  "entity",
  "relationship",
  "statistic",
  "quote",
];

/**
 * Every kind the change log holds, mentions (ingest's review queue) last: NDJSON exports these, so
 * that an export equals the replay of the log (docs/feeds.md).
 */
export const LOG_KINDS: readonly SnapshotKind[] = [...SNAPSHOT_KINDS, "mention"];

/** The id prefixes of each kind (ids are `<prefix><slug>`), each a contiguous range of the elementId index. */
export function prefixesOf(kind: SnapshotKind): string[] {
  if (kind === "entity") return ENTITY_KINDS.map(idPrefixOf).sort();
  return [`${kind}:`];
}

/** The least string greater than every string starting with `prefix` (its last character plus one). */
export function upperBoundOf(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/** The graph's version inside the caller's transaction: the seq the snapshot is taken at. */
export const SNAPSHOT_SEQ: CypherQuery = {
  name: "export.seq",
  cypher: "MATCH (l:ChangeLog {id: 'changes'})\nRETURN l.seq AS seq",
  params: {},
};

/**
 * One page of element ids in [$after, $upper) (exclusive lower bound) in index order, each with its
 * last item at or before $seq (null when every item is later: created after the snapshot). Within
 * a change, the later item of the same element wins, as a replay would have it.
 */
export const SNAPSHOT_PAGE = `
MATCH (i:ChangeItem)
WHERE i.elementId > $after AND i.elementId < $upper
WITH DISTINCT i.elementId AS id
ORDER BY id
LIMIT $limit
CALL (id) {
  MATCH (c:Change)-[:HAS_ITEM]->(item:ChangeItem {elementId: id})
  WHERE c.seq <= $seq
  WITH item
  ORDER BY c.seq DESC, item.position DESC
  LIMIT 1
  RETURN collect(item {.typename, .version, .after}) AS latest
}
RETURN id, latest[0] AS item`;

export function snapshotPageQuery(seq: number, after: string, upper: string, limit: number): CypherQuery {
  return {
    name: "export.page",
    cypher: SNAPSHOT_PAGE,
    params: { seq: int(seq), after, upper, limit: int(limit) },
  };
}

/** An element as the export carries it: `after` is ChangeItem.after's JSON text, verbatim. */
export interface SnapshotElement {
  kind: SnapshotKind;
  id: string;
  typename: string;
  version: number;
  /** The element's state as JSON text (the write layer's serialisation). */
  data: string;
}

interface PageRow extends RecordShape {
  id: string;
  item: { typename: string; version: number | null; after: string | null } | null;
}

/** Runs one statement inside the snapshot's transaction. */
export type SnapshotRun = <Row extends RecordShape>(query: CypherQuery) => Promise<Row[]>;

/**
 * The elements of `kinds` that exist at `seq`, kind by kind, by id; reads `pageSize` ids per query.
 * Holds one page in memory at a time: the consumer's pace (awaiting each element) paces the reads.
 */
export async function* snapshotElements(
  run: SnapshotRun,
  seq: number,
  pageSize: number,
  kinds: readonly SnapshotKind[] = SNAPSHOT_KINDS,
): AsyncGenerator<SnapshotElement> {
  for (const kind of kinds) {
    for (const prefix of prefixesOf(kind)) {
      const upper = upperBoundOf(prefix);
      let after = prefix;
      for (;;) {
        const rows = await run<PageRow>(snapshotPageQuery(seq, after, upper, pageSize));
        for (const { id, item } of rows) {
          if (item === null || item.after === null) continue;
          yield { kind, id, typename: item.typename, version: item.version ?? 1, data: item.after };
        }
        const last = rows.at(-1);
        if (last === undefined || rows.length < pageSize) break;
        after = last.id;
      }
    }
  }
}

/** The seq the transaction sees (0 for a graph without a change log). */
export async function snapshotSeq(run: SnapshotRun): Promise<number> {
  const [row] = await run<{ seq: number | null }>(SNAPSHOT_SEQ);
  return typeof row?.seq === "number" ? row.seq : 0;
}
