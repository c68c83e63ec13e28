import type { OrganizationResolvers, PersonResolvers } from "../generated/resolvers-types";
import { pageArgs, relationshipArgs } from "./arguments";
import { selectedFieldNames } from "./selection";

/** The fields every entity type shares (Entity interface), resolved the same way for each. */
// Every entity type resolves these alike; their resolver types differ only in name.
export const entityFields: Pick<OrganizationResolvers, "citations" | "relationships" | "statistics"> = {
  citations: (parent, _args, { graph }) => graph.entityCitations.load(parent.id),
  relationships: (parent, args, { graph }, info) =>
    graph
      .relationshipsOf(relationshipArgs(args, selectedFieldNames(info, ["edges", "node"])))
      .load(parent.id),
  statistics: (parent, args, { graph }) =>
    graph.statisticsOf(pageArgs(args.first, args.after)).load(parent.id),
};

export const Person: PersonResolvers = {
  ...entityFields,
  quotes: (parent, args, { graph }) => graph.quotesOf(pageArgs(args.first, args.after)).load(parent.id),
};
