import type {
  ChangeResolvers,
  DocumentResolvers,
  QueryResolvers,
  SubscriptionResolvers,
} from "../generated/resolvers-types";
import { GraphQLError } from "graphql";
import { parseSeq } from "../graph/changeRepository";
import { pageArgs } from "./arguments";
import { needsRows } from "./selection";
import { checkRange } from "../errors";
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
    return graph.changes.items(parent.seq, first, args.after);
  },
};

export const Document: DocumentResolvers = {
  entities: (parent, args, { graph }, info) => {
    const { first, after } = pageArgs(args.first, args.after);
    return graph.documents.entitiesOf(parent.id, first, after, needsRows(info));
  },
};

export const Subscription: SubscriptionResolvers = {
  changes: {
    subscribe: () => {
      throw new GraphQLError(
        "Subscription.changes has no transport yet (the feed issue adds it); poll Query.changes(after:) meanwhile",
        { extensions: { code: "NOT_IMPLEMENTED" } },
      );
    },
  },
};
