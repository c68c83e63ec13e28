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
 * One page of `$limit` elements with ids in ($after, $upper), in id order, each with its last item
 * at or below $seq (an element whose items are all later was created after the snapshot: absent).
 * One range of the (elementId, seq) index (migration 007), read in its order: an element's items
 * are consecutive, so the aggregation streams and LIMIT stops the read. The hint: with few items
 * the planner would take the elementId index and read each item's seq from the store. Within a change, the later
 * item of the same element wins, as a replay would have it.
 */
export const SNAPSHOT_PAGE = `
MATCH (i:ChangeItem)
USING INDEX i:ChangeItem(elementId, seq)
WHERE i.elementId > $after AND i.elementId < $upper AND i.seq <= $seq
WITH i
ORDER BY i.elementId, i.seq, i.position
WITH i.elementId AS id, last(collect(i)) AS item
ORDER BY id
LIMIT $limit
RETURN id, item.typename AS typename, item.version AS version, item.after AS after`;

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
  typename: string;
  version: number | null;
  after: string | null;
}

/** Runs one statement inside the snapshot's transaction. */
export type SnapshotRun = <Row extends RecordShape>(query: CypherQuery) => Promise<Row[]>;

/** One page to read: ids in (after, upper) of one prefix of `kind`. */
interface PageRequest {
  kind: SnapshotKind;
  after: string;
  upper: string;
  /** The prefixes still to read after this one's. */
  rest: ReadonlyArray<{ kind: SnapshotKind; prefix: string }>;
}

function firstPage(ranges: ReadonlyArray<{ kind: SnapshotKind; prefix: string }>): PageRequest | null {
  const [range, ...rest] = ranges;
  if (range === undefined) return null;
  return { kind: range.kind, after: range.prefix, upper: upperBoundOf(range.prefix), rest };
}

/** What to read after `page`, which returned `rows`: the same prefix on from its last id, or the next prefix. */
function nextPage(page: PageRequest, rows: readonly PageRow[], pageSize: number): PageRequest | null {
  const last = rows.at(-1);
  if (last !== undefined && rows.length >= pageSize) return { ...page, after: last.id };
  return firstPage(page.rest);
}

/**
 * The elements of `kinds` that exist at `seq`, kind by kind, by id; reads `pageSize` ids per query.
 * The next page is asked for as soon as a page has arrived, so Neo4j reads it while the consumer
 * writes this one; no more is read until the consumer has taken this page's elements (it awaits
 * each), so at most two pages are held. Once `signal` aborts, throws `abortError()`.
 */
export async function* snapshotElements(
  run: SnapshotRun,
  seq: number,
  pageSize: number,
  kinds: readonly SnapshotKind[] = SNAPSHOT_KINDS,
  options: { signal?: AbortSignal; abortError?: () => Error } = {},
): AsyncGenerator<SnapshotElement> {
  const read = (page: PageRequest): Promise<PageRow[]> => {
    const rows = run<PageRow>(snapshotPageQuery(seq, page.after, page.upper, pageSize));
    // A page read ahead may fail while the consumer is still writing the last one: handled here so
    // that it is never an unhandled rejection (which would end the process); the await sees it.
    rows.catch(() => undefined);
    return rows;
  };
  let page = firstPage(kinds.flatMap((kind) => prefixesOf(kind).map((prefix) => ({ kind, prefix }))));
  let pending = page === null ? null : read(page);
  while (page !== null && pending !== null) {
    const rows = await pending;
    const { kind } = page;
    page = nextPage(page, rows, pageSize);
    pending = page === null ? null : read(page);
    for (const { id, typename, version, after: data } of rows) {
      if (options.signal?.aborted) throw options.abortError?.() ?? new Error("the export was aborted");
      // Deleted at or before the snapshot.
      if (data === null) continue;
      yield { kind, id, typename, version: version ?? 1, data };
    }
  }
}

/** The seq the transaction sees (0 for a graph without a change log). */
export async function snapshotSeq(run: SnapshotRun): Promise<number> {
  const [row] = await run<{ seq: number | null }>(SNAPSHOT_SEQ);
  return typeof row?.seq === "number" ? row.seq : 0;
}
