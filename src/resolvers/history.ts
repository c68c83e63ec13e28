import type {
  ChangeItemResolvers,
  ChangeResolvers,
  DocumentResolvers,
  QueryResolvers,
  SubscriptionResolvers,
} from "../generated/resolvers-types";
import { GraphQLError } from "graphql";
import { hasItemsBefore, itemPosition, parseSeq } from "../graph/changeRepository";
import { pageArgs } from "./arguments";
import { needsRows } from "./selection";
import { badUserInput, checkRange } from "../errors";
import { checkFeedArguments } from "../feed/arguments";
import { FeedRefusal } from "../feed/changeFeed";
import { SlowConsumerError, type FeedConsumer } from "../feed/consumer";
import { encodeCursor } from "../graph/cursor";
import type { FeedChange } from "../graph/feedRepository";
import type { RequestContext } from "../server/context";
import type { ChangeItemPage, ChangeItemRecord } from "../graph/records";
import { MAX_PAGE_SIZE } from "../graph/page";

const MAX_IDS = 100;

/** Query fields of the change log and the stored documents. */
export const historyQueries: Pick<QueryResolvers, "changes" | "lastChange" | "documents"> = {
  changes: (_parent, args, { graph }) => {
    const first = checkRange("first", args.first, 0, MAX_PAGE_SIZE);
    const after = parseSeq(args.after, "after");
    const ids = args.ids === null || args.ids === undefined ? null : [...new Set(args.ids)];
    if (ids !== null && (ids.length === 0 || ids.length > MAX_IDS)) {
      checkRange("ids", ids.length, 1, MAX_IDS);
    }
    return graph.changes.list(after, first, ids);
  },
  lastChange: (_parent, _args, { graph }) => graph.changes.last(),
  documents: (_parent, args, { graph }, info) => {
    const { first, after } = pageArgs(args.first, args.after);
    return graph.documents.list(first, after, needsRows(info));
  },
};

export const Change: ChangeResolvers = {
  items: (parent, args, { graph }) => {
    const first = checkRange("first", args.first, 0, MAX_PAGE_SIZE);
    if (parent.items !== undefined) return itemsInMemory(parent.items, first, args.after);
    return graph.changeItemsOf({ first, after: itemPosition(args.after) }).load(parent.seq);
  },
};

/** An item's before/after carry an element's words (descriptions, quotes): counted like other texts. */
export const ChangeItem: ChangeItemResolvers = {
  before: (parent, _args, { responseBudget }) => {
    if (parent.before !== null) responseBudget.take(JSON.stringify(parent.before));
    return parent.before;
  },
  after: (parent, _args, { responseBudget }) => {
    if (parent.after !== null) responseBudget.take(JSON.stringify(parent.after));
    return parent.after;
  },
};

export const Document: DocumentResolvers = {
  entities: (parent, args, { graph }, info) => {
    const { first, after } = pageArgs(args.first, args.after);
    return graph.documents.entitiesOf(parent.id, first, after, needsRows(info));
  },
};

/**
 * A change from the feed carries all its items: its `items` pages are cut from them, no query. Its
 * pageInfo is the one Neo4j's pages have (ChangeRepository.itemPagesOf).
 */
export function itemsInMemory(
  items: ChangeItemRecord[],
  first: number,
  after: string | null | undefined,
): ChangeItemPage {
  const position = itemPosition(after);
  const start = position + 1;
  return {
    edges: items
      .slice(start, start + first)
      .map((node, i) => ({ cursor: encodeCursor(String(start + i)), node })),
    hasNextPage: start + first < items.length,
    hasPreviousPage: hasItemsBefore(position, items.length),
    totalCount: () => Promise.resolve(items.length),
  };
}

function feedError(error: unknown): unknown {
  if (error instanceof SlowConsumerError) {
    return new GraphQLError(error.message, {
      extensions: { code: error.code, resumeAfter: error.resumeAfter },
    });
  }
  if (error instanceof FeedRefusal) {
    return new GraphQLError(error.message, {
      extensions: { code: error.code, ...(error.argument ? { argument: error.argument } : {}) },
    });
  }
  return error;
}

function overHttp(): GraphQLError {
  return new GraphQLError("Subscriptions are served over WebSocket (graphql-ws) at /graphql, not over HTTP", {
    extensions: { code: "BAD_REQUEST" },
  });
}

export const Subscription: SubscriptionResolvers = {
  changes: {
    subscribe: async (_parent, args, { feed }) => {
      if (feed === undefined) throw overHttp();
      const checked = checkFeedArguments(args.after, args.ids ?? null);
      if (!checked.ok) throw badUserInput(checked.message, checked.argument);
      let consumer: FeedConsumer;
      try {
        consumer = await feed.open(checked.value);
      } catch (error) {
        throw feedError(error);
      }
      const events: AsyncIterableIterator<{ changes: FeedChange }> = {
        [Symbol.asyncIterator]: () => events,
        next: async () => {
          try {
            const step = await consumer.next();
            return step.done ? step : { done: false, value: { changes: step.value } };
          } catch (error) {
            throw feedError(error);
          }
        },
        return: async () => {
          await consumer.return();
          return { done: true, value: undefined };
        },
      };
      return events;
    },
    // Each event is a response of its own: its text budget starts afresh.
    resolve: (
      payload: { changes: FeedChange } | undefined,
      _args: unknown,
      { responseBudget }: RequestContext,
    ) => {
      // Over HTTP, Apollo executes a subscription as a query: no event, and no transport for one.
      if (payload === undefined || payload === null) throw overHttp();
      responseBudget.reset();
      return payload.changes;
    },
  },
};
