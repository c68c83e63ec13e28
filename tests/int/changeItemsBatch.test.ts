import { encodeCursor } from "../../src/graph/cursor";
import { FeedRepository } from "../../src/graph/feedRepository";
import { itemsInMemory } from "../../src/resolvers/history";
import { FeedWriter } from "../support/feedClients";
import { startTestApi, type TestApi } from "../support/testApi";

interface ItemPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: { id: string; action: string; version: number | null } }>;
}
interface ChangesAnswer {
  changes: { edges: Array<{ node: { seq: number; items: ItemPage } }> };
}

const items = (first: number): string =>
  `items(first: ${first}, after: $itemsAfter) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id action version } } }`;

/**
 * A page of changes with their items (what the mirror polls when there is no SSE feed) reads the
 * items of the whole page in one statement, with their counts, not one change at a time.
 */
describe("Change.items of a page of changes: one statement (real Neo4j)", () => {
  let api: TestApi;
  let writer: FeedWriter;
  let start: number;
  beforeAll(async () => {
    api = await startTestApi();
    writer = new FeedWriter(api.graph.executor);
    start = await writer.start();
    await writer.writeMany(6, 1);
  });
  afterAll(async () => {
    await writer.cleanup();
    await api.stop();
  });

  const page = (first: number, itemsAfter: string | null = null) =>
    api.execute<ChangesAnswer>(
      `query($after: String, $itemsAfter: String) { changes(after: $after, first: 7) { edges { node { seq ${items(first)} } } } }`,
      { after: String(start - 1), itemsAfter },
    );

  it("reads the page's items and their totalCount in one statement besides the changes'", async () => {
    const answer = await page(50);
    expect(answer.errors).toBeUndefined();
    const changes = answer.data?.changes.edges.map((e) => e.node) ?? [];
    expect(changes.map((c) => c.seq)).toEqual(Array.from({ length: 7 }, (_, i) => start + i));
    // The changes, then every change's items: 2 statements, not 1 + 2 per change.
    expect(answer.queryCount).toBe(2);
    for (const change of changes) {
      expect(change.items.totalCount).toBeGreaterThan(0);
      expect(change.items.edges).toHaveLength(change.items.totalCount);
    }
    expect(changes.slice(1).flatMap((c) => c.items.edges.map((e) => e.node.id))).toEqual(
      expect.arrayContaining(writer.created.slice(0, 6)),
    );
  });

  it("answers as each change's own items query does, page by page from a cursor", async () => {
    const whole = (await page(50)).data?.changes.edges.map((e) => e.node) ?? [];
    for (const change of whole) {
      const alone = await api.execute<{ node: { items: ItemPage } | null }>(
        `query($id: ID!, $itemsAfter: String) { node(id: $id) { ... on Change { ${items(50)} } } }`,
        { id: `change:${change.seq}`, itemsAfter: null },
      );
      expect(alone.data?.node?.items).toEqual(change.items);
    }
    // One item a page: the first page, then (for a change with more) the rest after its cursor.
    const first = (await page(1)).data?.changes.edges.map((e) => e.node) ?? [];
    for (const [i, change] of first.entries()) {
      const all = whole[i]?.items;
      expect(change.items.edges).toEqual(all?.edges.slice(0, 1));
      expect(change.items.totalCount).toBe(all?.totalCount);
      expect(change.items.pageInfo.hasNextPage).toBe((all?.totalCount ?? 0) > 1);
    }
    // The same cursor for every change: the rest of each after its first item.
    const cursor = first[0]?.items.edges[0]?.cursor ?? null;
    const rest = (await page(50, cursor)).data?.changes.edges.map((e) => e.node) ?? [];
    for (const [i, change] of rest.entries()) {
      expect(change.items.edges).toEqual(whole[i]?.items.edges.slice(1));
      expect(change.items.totalCount).toBe(whole[i]?.items.totalCount);
    }
  });

  it("says whether an item precedes the page as the feed's in-memory pages do (Relay: edges before `after`)", async () => {
    // The feed's changes carry their items, and Change.items cuts pages from them (itemsInMemory):
    // both paths must answer pageInfo alike. A cursor naming no position (-1, a word) starts at the
    // first item, so nothing precedes it; position 0 has the first item before it.
    const feed = await new FeedRepository(() => api.graph.executor).page(start - 1, 7, null);
    const cases: Array<[string | null, boolean]> = [
      [null, false],
      [encodeCursor("0"), true],
      [encodeCursor("-1"), false],
      [encodeCursor("person:x"), false],
    ];
    for (const [cursor, expected] of cases) {
      const answer = await page(1, cursor);
      expect(answer.errors).toBeUndefined();
      const pages = answer.data?.changes.edges.map((e) => e.node.items) ?? [];
      expect(pages).toHaveLength(7);
      for (const [i, fromNeo4j] of pages.entries()) {
        const inMemory = itemsInMemory(feed[i]?.items ?? [], 1, cursor);
        expect({ cursor, hasPreviousPage: fromNeo4j.pageInfo.hasPreviousPage }).toEqual({
          cursor,
          hasPreviousPage: expected,
        });
        expect({ cursor, hasPreviousPage: inMemory.hasPreviousPage }).toEqual({
          cursor,
          hasPreviousPage: expected,
        });
        expect(inMemory.edges.map((e) => e.cursor)).toEqual(fromNeo4j.edges.map((e) => e.cursor));
      }
    }
    // A change without items (none is written so; the pages must still agree): nothing precedes.
    expect(itemsInMemory([], 1, encodeCursor("0")).hasPreviousPage).toBe(false);
  });
});
