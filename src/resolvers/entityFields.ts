import type { OrganizationResolvers, PersonResolvers } from "../generated/resolvers-types";
import { checkRange } from "../errors";
import { parseSeq } from "../graph/changeRepository";
import { MAX_PAGE_SIZE } from "../graph/page";
import { pageArgs, relationshipArgs } from "./arguments";
import { selectedFieldNames } from "./selection";

/** The fields every entity type shares (Entity interface), resolved the same way for each. */
// Every entity type resolves these alike; their resolver types differ only in name.
export const entityFields: Pick<
  OrganizationResolvers,
  "citations" | "relationships" | "statistics" | "history"
> = {
  citations: (parent, _args, { graph }) => graph.entityCitations.load(parent.id),
  relationships: (parent, args, { graph }, info) => {
    const page = relationshipArgs(args, selectedFieldNames(info, ["edges", "node"]));
    // Read ahead by the list (Query.entities): the page itself, no promise to wait for.
    return graph.readAhead(page, parent.id) ?? graph.relationshipsOf(page).load(parent.id);
  },
  statistics: (parent, args, { graph }) =>
    graph.statisticsOf(pageArgs(args.first, args.after)).load(parent.id),
  history: (parent, args, { graph }) => {
    const first = checkRange("first", args.first, 0, MAX_PAGE_SIZE);
    // Newest first: `after` is the seq of the last change seen, the page continues below it.
    const before = args.after === null || args.after === undefined ? null : parseSeq(args.after, "after");
    return graph.historyOf({ first, before }).load(parent.id);
  },
};

export const Person: PersonResolvers = {
  ...entityFields,
  quotes: (parent, args, { graph }) => graph.quotesOf(pageArgs(args.first, args.after)).load(parent.id),
};
