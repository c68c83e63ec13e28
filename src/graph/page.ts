import { encodeCursor } from "./cursor";
import type { Page } from "./records";

/** Limits every connection shares: `first` from 0 to 100. */
export const MAX_PAGE_SIZE = 100;

/**
 * An edge whose cursor is encoded when a client asks for it (most ask a nested page for its nodes
 * alone: a page of pages holds a thousand edges).
 */
class Edge<T extends { id: string }> {
  constructor(readonly node: T) {}

  get cursor(): string {
    return encodeCursor(this.node.id);
  }
}

/**
 * A page from rows fetched with `LIMIT first + 1`, ordered by id: the extra row only says that
 * another page follows.
 */
export function toPage<T extends { id: string }>(
  rows: T[],
  first: number,
  hasPreviousPage: boolean,
  totalCount: () => Promise<number>,
): Page<T> {
  return {
    edges: rows.slice(0, first).map((node) => new Edge(node)),
    hasNextPage: rows.length > first,
    hasPreviousPage,
    totalCount,
  };
}
