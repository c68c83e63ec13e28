import { badUserInput } from "../errors";
import { decodeCursor, encodeCursor } from "./cursor";
import { int, type CypherExecutor } from "./executor";
import { readGraphVersion } from "./graphVersion";
import type { ChangeAction, ChangeItemPage, ChangeItemRecord, ChangePage, ChangeRecord } from "./records";

/**
 * Reads of the change log (written by src/write/changeLog.ts): changes by seq, by the elements they
 * touched (the ChangeItem.elementId index), and each change's items. A change's cursor is its seq
 * as a decimal string.
 */
const changeProjection = (c: string): string =>
  `${c} {.id, .seq, at: toString(${c}.at), .actor, .operation, .clientMutationId, .reason}`;

export const LAST_CHANGE = `
MATCH (l:ChangeLog {id: 'changes'})
MATCH (c:Change {seq: l.seq})
RETURN ${changeProjection("c")} AS row`;

export const CHANGES_BY_SEQS = `
UNWIND $seqs AS seq
MATCH (c:Change {seq: seq})
RETURN ${changeProjection("c")} AS row`;

export const CHANGES_AFTER = `
MATCH (c:Change)
WHERE c.seq > $after
RETURN ${changeProjection("c")} AS row
ORDER BY c.seq
LIMIT $limit`;

/**
 * The seqs of the first `$limit` changes after `$after` that touched `id`, oldest first: a range of
 * the (elementId, seq) index (migration 007), read in its order and left as soon as `$limit`
 * distinct seqs are in hand, so an element touched by many changes (an entity every document
 * cites) costs a page, not its whole log. Ordered by the index's own columns, so that the plan
 * keeps the index's order (OrderedDistinct, Limit; no sort). A change with two items of one element
 * counts once.
 */
export const seqsTouchingAfter = (id: string): string => `
  MATCH (i:ChangeItem)
  USING INDEX i:ChangeItem(elementId, seq)
  WHERE i.elementId = ${id} AND i.seq > $after
  WITH DISTINCT i.elementId AS elementId, i.seq AS seq
  ORDER BY elementId, seq
  LIMIT $limit
  RETURN seq`;

/** The first `$limit` changes after `$after` that touched any of `$ids`: at most `$limit` seqs of each. */
export const CHANGES_TOUCHING = `
UNWIND $ids AS id
CALL (id) {${seqsTouchingAfter("id")}
}
WITH DISTINCT seq
ORDER BY seq
LIMIT $limit
MATCH (c:Change {seq: seq})
RETURN ${changeProjection("c")} AS row
ORDER BY c.seq`;

/** How many changes after `$after` touched any of `$ids`: from the (elementId, seq) index alone. */
export const COUNT_CHANGES_TOUCHING = `
UNWIND $ids AS id
MATCH (i:ChangeItem)
USING INDEX i:ChangeItem(elementId, seq)
WHERE i.elementId = id AND i.seq > $after
RETURN count(DISTINCT i.seq) AS count`;

/**
 * Newest first: the changes that touched each element, before seq `before`. The top of the
 * element's (elementId, seq) range, read backwards and left after `$limit` distinct seqs.
 */
export const HISTORIES = `
UNWIND $ids AS id
CALL (id) {
  MATCH (i:ChangeItem)
  USING INDEX i:ChangeItem(elementId, seq)
  WHERE i.elementId = id AND i.seq < $before
  WITH DISTINCT i.elementId AS elementId, i.seq AS seq
  ORDER BY elementId DESC, seq DESC
  LIMIT $limit
  MATCH (c:Change {seq: seq})
  WITH c ORDER BY c.seq DESC
  RETURN collect(${changeProjection("c")}) AS rows
}
RETURN id, rows`;

/** Each element's number of changes: its distinct seqs in the (elementId, seq) index, no Change read. */
export const COUNT_HISTORIES = `
UNWIND $ids AS id
RETURN id, COUNT {
  MATCH (i:ChangeItem)
  USING INDEX i:ChangeItem(elementId, seq)
  WHERE i.elementId = id AND i.seq IS NOT NULL
  RETURN DISTINCT i.seq
} AS count`;

export const CHANGE_ITEMS = `
MATCH (c:Change {seq: $seq})-[:HAS_ITEM]->(i:ChangeItem)
WHERE i.position > $after
RETURN i {.position, id: i.elementId, .typename, .action, .version, .before, .after, .mergedInto} AS row
ORDER BY i.position
LIMIT $limit`;

/**
 * A page of items of each of several changes (`Change.items` of a page of changes, batched): for
 * each seq, up to `$limit` items after position `$after`, with the change's item count. Bounded:
 * at most MAX_PAGE_SIZE seqs (the loader's batch) and `$limit` items each.
 */
export const CHANGE_ITEM_PAGES = `
UNWIND $seqs AS seq
MATCH (c:Change {seq: seq})
CALL (c) {
  MATCH (c)-[:HAS_ITEM]->(i:ChangeItem)
  WHERE i.position > $after
  WITH i ORDER BY i.position
  LIMIT $limit
  RETURN collect(i {.position, id: i.elementId, .typename, .action, .version, .before, .after, .mergedInto}) AS rows
}
RETURN seq, rows, coalesce(c.itemCount, 0) AS count`;

/** A ChangeItem as CHANGE_ITEMS (and the feed's reads) return it. */
export interface ItemRow {
  position: number;
  id: string;
  typename: string;
  action: ChangeAction;
  version: number | null;
  before: string | null;
  after: string | null;
  mergedInto: string | null;
}

const toChange = (row: Omit<ChangeRecord, "__typename">): ChangeRecord => ({ __typename: "Change", ...row });

/** A change cursor: a seq as a decimal string (0 before the first change). */
export function parseSeq(value: string | null | undefined, argument: string): number {
  if (value === null || value === undefined) return 0;
  if (!/^\d{1,15}$/.test(value)) {
    throw badUserInput(`\`${argument}\` must be a change's seq as a decimal string, e.g. "42"`, argument);
  }
  return Number(value);
}

function changePage(
  rows: ChangeRecord[],
  first: number,
  hasPrevious: boolean,
  count: () => Promise<number>,
): ChangePage {
  return {
    edges: rows.slice(0, first).map((node) => ({ cursor: String(node.seq), node })),
    hasNextPage: rows.length > first,
    hasPreviousPage: hasPrevious,
    totalCount: count,
  };
}

export class ChangeRepository {
  constructor(private readonly executor: CypherExecutor) {}

  async last(): Promise<ChangeRecord | null> {
    const [row] = await this.executor.read<{ row: Omit<ChangeRecord, "__typename"> }>({
      name: "changes.last",
      cypher: LAST_CHANGE,
      params: {},
    });
    return row === undefined ? null : toChange(row.row);
  }

  lastSeq(): Promise<number> {
    return readGraphVersion(this.executor);
  }

  /** For a DataLoader: changes by seq; null for a seq never committed. */
  async bySeqs(seqs: readonly number[]): Promise<Array<ChangeRecord | null>> {
    const rows = await this.executor.read<{ row: Omit<ChangeRecord, "__typename"> }>({
      name: "changes.bySeqs",
      cypher: CHANGES_BY_SEQS,
      params: { seqs: seqs.map(int) },
    });
    const bySeq = new Map(rows.map(({ row }) => [row.seq, toChange(row)]));
    return seqs.map((seq) => bySeq.get(seq) ?? null);
  }

  /** Oldest first, after seq `after`; with `ids`, only changes that touched one of them. */
  async list(after: number, first: number, ids: string[] | null): Promise<ChangePage> {
    const params = { after: int(after), limit: int(first + 1), ids };
    const rows = await this.executor.read<{ row: Omit<ChangeRecord, "__typename"> }>(
      ids === null
        ? { name: "changes.after", cypher: CHANGES_AFTER, params }
        : { name: "changes.touching", cypher: CHANGES_TOUCHING, params },
    );
    // Seqs have no gaps: without `ids`, the count is the last seq minus `after`.
    const count =
      ids === null
        ? async () => Math.max(0, (await this.lastSeq()) - after)
        : async () => {
            const [row] = await this.executor.read<{ count: number }>({
              name: "changes.countTouching",
              cypher: COUNT_CHANGES_TOUCHING,
              params: { ids, after: int(after) },
            });
            return row?.count ?? 0;
          };
    return changePage(
      rows.map(({ row }) => toChange(row)),
      first,
      after > 0,
      count,
    );
  }

  /** For a DataLoader: each element's history page, newest first, before seq `before` (from the cursor). */
  async historiesOf(
    ids: readonly string[],
    page: { first: number; before: number | null },
    count: (id: string) => Promise<number>,
  ): Promise<ChangePage[]> {
    const rows = await this.executor.read<{ id: string; rows: Array<Omit<ChangeRecord, "__typename">> }>({
      name: "changes.histories",
      cypher: HISTORIES,
      params: { ids, before: int(page.before ?? Number.MAX_SAFE_INTEGER), limit: int(page.first + 1) },
    });
    const byId = new Map(rows.map((r) => [r.id, r.rows.map(toChange)]));
    return ids.map((id) => changePage(byId.get(id) ?? [], page.first, page.before !== null, () => count(id)));
  }

  async historyCounts(ids: readonly string[]): Promise<number[]> {
    const rows = await this.executor.read<{ id: string; count: number }>({
      name: "changes.countHistories",
      cypher: COUNT_HISTORIES,
      params: { ids },
    });
    const byId = new Map(rows.map((r) => [r.id, r.count]));
    return ids.map((id) => byId.get(id) ?? 0);
  }

  /**
   * For a DataLoader: a page of items of each change (`first` after position `after`, -1 from the
   * start), in one statement; totalCount comes with it. A seq never committed: an empty page.
   */
  async itemPagesOf(seqs: readonly number[], first: number, after: number): Promise<ChangeItemPage[]> {
    const rows = await this.executor.read<{ seq: number; rows: ItemRow[]; count: number }>({
      name: "changes.itemPages",
      cypher: CHANGE_ITEM_PAGES,
      params: { seqs: seqs.map(int), after: int(after), limit: int(first + 1) },
    });
    const bySeq = new Map(rows.map((row) => [row.seq, row]));
    return seqs.map((seq) => {
      const found = bySeq.get(seq);
      const items = found?.rows ?? [];
      return {
        edges: items
          .slice(0, first)
          .map((row) => ({ cursor: encodeCursor(String(row.position)), node: toItem(row) })),
        hasNextPage: items.length > first,
        hasPreviousPage: hasItemsBefore(after, found?.count ?? 0),
        totalCount: () => Promise.resolve(found?.count ?? 0),
      };
    });
  }
}

/**
 * An item page's `pageInfo.hasPreviousPage`, the same for pages read from Neo4j and pages cut from
 * a feed change's items: whether an item precedes the page (Relay: edges before `after` exist). A
 * page after position `after` of a change's `count` items (positions 0..count-1) has one when it
 * does not start at the first item: `after` is a position (>= 0; -1 is "from the start", also for a
 * cursor that names no position) and the change has an item at all.
 */
export function hasItemsBefore(after: number, count: number): boolean {
  return after >= 0 && count > 0;
}

/** An item page's `after` cursor as the position it continues from (-1: from the start). */
export function itemPosition(after: string | null | undefined): number {
  const key = decodeCursor(after);
  if (key === null) return -1;
  const position = Number(key);
  return Number.isInteger(position) ? position : -1;
}

export function toItem(row: ItemRow): ChangeItemRecord {
  return {
    id: row.id,
    typename: row.typename,
    action: row.action,
    version: row.version,
    before: row.before === null ? null : (JSON.parse(row.before) as Record<string, unknown>),
    after: row.after === null ? null : (JSON.parse(row.after) as Record<string, unknown>),
    mergedInto: row.mergedInto,
  };
}
