/** A Relay connection as every list of the API returns it. */
export interface Connection<Node> {
  edges: ReadonlyArray<{ node: Node }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Every node of a connection, page after page: `fetchPage(after)` fetches the page after a cursor
 * (null: the first page). Stops when a page says there is no next one; a page that claims a next
 * one without moving the cursor is an error, not an endless loop.
 */
export async function* nodesOf<Node>(
  fetchPage: (after: string | null) => Promise<Connection<Node> | null | undefined>,
  after: string | null = null,
): AsyncGenerator<Node, void, undefined> {
  let cursor = after;
  for (;;) {
    const page = await fetchPage(cursor);
    if (page === null || page === undefined) return;
    for (const edge of page.edges) yield edge.node;
    if (!page.pageInfo.hasNextPage) return;
    const next = page.pageInfo.endCursor;
    if (next === null || next === cursor) {
      throw new Error(`the connection says it has a next page but its cursor did not move (${String(next)})`);
    }
    cursor = next;
  }
}
