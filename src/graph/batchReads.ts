import type { CypherExecutor, CypherQuery } from "./executor";
import { toPage } from "./page";
import { toCitations, toEntity, type CitationsRow, type EntityRow } from "./mappers";
import type { CitationRecord, EntityRecord, Page } from "./records";

/**
 * The read shapes DataLoaders need, shared by every repository: answers come back in the order of
 * the ids asked for, with a fallback where the database had nothing.
 */
function inOrder<T>(ids: readonly string[], found: Map<string, T>, fallback: T): T[] {
  return ids.map((id) => found.get(id) ?? fallback);
}

/** Rows `{row}` of a by-ids query, mapped; null for unknown ids. */
export async function readByIds<Row, T extends { id: string }>(
  executor: CypherExecutor,
  query: CypherQuery,
  ids: readonly string[],
  map: (row: Row) => T,
): Promise<Array<T | null>> {
  const records = (await executor.read<{ row: Row }>(query)).map(({ row }) => map(row));
  return inOrder<T | null>(ids, new Map(records.map((r) => [r.id, r])), null);
}

/** Rows `{row}` of a citations-by-ids query (see citationsProjection); no citations for unknown ids. */
export async function readCitationsOf(
  executor: CypherExecutor,
  query: CypherQuery,
  ids: readonly string[],
): Promise<CitationRecord[][]> {
  const rows = await executor.read<{ row: CitationsRow }>(query);
  return inOrder(ids, new Map(rows.map(({ row }) => [row.id, toCitations(row)])), []);
}

/**
 * Rows `{row}` of a list query (fetched with LIMIT first + 1) as one page. With `withRows` false
 * the query is not run: a client that asks only for the totalCount needs no rows.
 */
export async function readPage<Row, T extends { id: string }>(
  executor: CypherExecutor,
  query: CypherQuery,
  page: { first: number; after: string | null; withRows: boolean },
  map: (row: Row) => T,
  count: () => Promise<number>,
): Promise<Page<T>> {
  const rows = page.withRows ? await executor.read<{ row: Row }>(query) : [];
  return toPage(
    rows.map(({ row }) => map(row)),
    page.first,
    page.after !== null,
    count,
  );
}

/** A page, with the entities its filters name that the page's statement found. */
export interface CheckedPage<T> {
  page: Page<T>;
  /**
   * Empty when the statement did not look (the caller checks the ids itself) or found none. Whole
   * entities, not ids: the caller primes its loader with them, so that a nested field reaching the
   * same entity (a statistic's `subject`) costs no second statement.
   */
  found: EntityRecord[];
}

/**
 * The one row `{found, rows}` of a list query (rows fetched with LIMIT first + 1) that also looks up
 * the entities its filters name: one page, and the ids it found.
 */
export async function readCheckedPage<Row, T extends { id: string }>(
  executor: CypherExecutor,
  query: CypherQuery,
  page: { first: number; after: string | null },
  map: (row: Row) => T,
  count: () => Promise<number>,
): Promise<CheckedPage<T>> {
  const [read] = await executor.read<{ found: EntityRow[]; rows: Row[] }>(query);
  const rows = (read?.rows ?? []).map(map);
  return {
    page: toPage(rows, page.first, page.after !== null, count),
    found: (read?.found ?? []).map(toEntity),
  };
}

/**
 * Rows `{id, rows}` of a per-parent page query (fetched with LIMIT first + 1), as one page per id;
 * `map` receives each row with its parent's id.
 */
export async function readPagesOf<Row, T extends { id: string }>(
  executor: CypherExecutor,
  query: CypherQuery,
  ids: readonly string[],
  page: { first: number; after: string | null },
  map: (row: Row, parentId: string) => T,
  count: (id: string) => Promise<number>,
): Promise<Array<Page<T>>> {
  const rows = await executor.read<{ id: string; rows: Row[] }>(query);
  const byId = new Map(rows.map((r) => [r.id, r.rows.map((row) => map(row, r.id))]));
  return ids.map((id) => toPage(byId.get(id) ?? [], page.first, page.after !== null, () => count(id)));
}

/** Rows `{id, count}` of a per-parent count query; 0 for ids the database did not return. */
export async function readCountsOf(
  executor: CypherExecutor,
  query: CypherQuery,
  ids: readonly string[],
): Promise<number[]> {
  const rows = await executor.read<{ id: string; count: number }>(query);
  return inOrder(ids, new Map(rows.map((r) => [r.id, r.count])), 0);
}

/** The single `count` of a count query. */
export async function readCount(executor: CypherExecutor, query: CypherQuery): Promise<number> {
  const [row] = await executor.read<{ count: number }>(query);
  return row?.count ?? 0;
}

/**
 * Every row of a read paged by id (`WHERE n.id > $after ORDER BY n.id LIMIT pageSize`), a page at a
 * time: `read(after)` returns the next page; a page shorter than `pageSize` is the last. One short
 * read each, so no transaction holds the whole graph.
 */
export async function* pagesById<Row extends { id: string }>(
  pageSize: number,
  read: (after: string) => Promise<Row[]>,
): AsyncGenerator<Row[]> {
  for (let after = ""; ;) {
    const page = await read(after);
    yield page;
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return;
    after = last.id;
  }
}
