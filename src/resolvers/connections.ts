import type { PageInfo } from "../generated/resolvers-types";
import type { Page } from "../graph/records";

/** pageInfo and totalCount of every connection type; totalCount runs its count only when asked. */
function connectionFields<T>() {
  return {
    pageInfo: (page: Page<T>): PageInfo => ({
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.edges[0]?.cursor ?? null,
      endCursor: page.edges.at(-1)?.cursor ?? null,
    }),
    totalCount: (page: Page<T>): Promise<number> => page.totalCount(),
  };
}

export const EntityConnection = connectionFields();
export const RelationshipConnection = connectionFields();
export const StatisticConnection = connectionFields();
export const QuoteConnection = connectionFields();
export const DocumentConnection = connectionFields();
export const ChangeConnection = connectionFields();
export const ChangeItemConnection = connectionFields();
export const MentionConnection = connectionFields();
