import { int, type CypherExecutor } from "./executor";
import { CHANGE_ITEMS, seqsTouchingAfter, toItem, type ItemRow } from "./changeRepository";
import type { ChangeItemRecord, ChangeRecord } from "./records";

/**
 * The change feed's reads (src/feed/): pages of changes after a seq, each with its items inline,
 * read the way src/graph/changeRepository.ts reads them. Every read is bounded: `limit` changes,
 * at most FEED_INLINE_ITEMS items of each in the same query; a larger change (an import) has the
 * rest of its items read in pages of FEED_ITEM_PAGE.
 */

/** A committed change with all its items, as every feed door carries it (docs/feeds.md). */
export interface FeedChange extends ChangeRecord {
  items: ChangeItemRecord[];
}

/** Items read with their change in the page query; the rest are paged. */
export const FEED_INLINE_ITEMS = 200;
/** Items per read for the rest of a large change. */
export const FEED_ITEM_PAGE = 1_000;

const changeFields = (c: string): string =>
  `${c} {.id, .seq, at: toString(${c}.at), .actor, .operation, .clientMutationId, .reason}`;

const inlineItems = `
CALL (c) {
  MATCH (c)-[:HAS_ITEM]->(i:ChangeItem)
  WITH i ORDER BY i.position LIMIT $inlineItems
  RETURN collect(i {.position, id: i.elementId, .typename, .action, .version, .before, .after, .mergedInto}) AS items
}
RETURN ${changeFields("c")} AS row, items, coalesce(c.itemCount, 0) AS itemCount
ORDER BY row.seq`;

export const FEED_CHANGES_AFTER = `
MATCH (c:Change)
WHERE c.seq > $after
WITH c ORDER BY c.seq LIMIT $limit
${inlineItems}`;

/** As `changes(ids:)` finds them (CHANGES_TOUCHING): a page of each id's (elementId, seq) index range. */
export const FEED_CHANGES_TOUCHING = `
UNWIND $ids AS id
CALL (id) {${seqsTouchingAfter("id")}
}
WITH DISTINCT seq
ORDER BY seq
LIMIT $limit
MATCH (c:Change {seq: seq})
WITH c
${inlineItems}`;

interface PageRow {
  row: Omit<ChangeRecord, "__typename">;
  items: ItemRow[];
  itemCount: number;
}

export class FeedRepository {
  /** `executorFor()` gives an executor whose reads carry a deadline (one per call). */
  constructor(private readonly executorFor: () => CypherExecutor) {}

  /**
   * Up to `limit` changes after seq `after`, oldest first, with all their items; with `ids`, only
   * the changes that touched one of those elements (as `changes(ids:)`).
   */
  async page(after: number, limit: number, ids: readonly string[] | null): Promise<FeedChange[]> {
    const executor = this.executorFor();
    const params = { after: int(after), limit: int(limit), inlineItems: int(FEED_INLINE_ITEMS), ids };
    const rows = await executor.read<PageRow>(
      ids === null
        ? { name: "feed.after", cypher: FEED_CHANGES_AFTER, params }
        : { name: "feed.touching", cypher: FEED_CHANGES_TOUCHING, params },
    );
    const changes: FeedChange[] = [];
    for (const { row, items, itemCount } of rows) {
      const all = [...items];
      while (all.length < itemCount) {
        const rest = await this.executorFor().read<{ row: ItemRow }>({
          name: "changes.items",
          cypher: CHANGE_ITEMS,
          params: {
            seq: int(row.seq),
            after: int(all[all.length - 1]?.position ?? -1),
            limit: int(FEED_ITEM_PAGE),
          },
        });
        if (rest.length === 0) break;
        all.push(...rest.map((r) => r.row));
      }
      changes.push({ __typename: "Change", ...row, items: all.map(toItem) });
    }
    return changes;
  }
}
