import type { OrganizationResolvers, PersonResolvers } from "../generated/resolvers-types";
import { pageArgs, relationshipTypesArg } from "./arguments";
import { selectedFieldNames } from "./selection";

/** The fields every entity type shares (Entity interface), resolved the same way for each. */
// Every entity type resolves these alike; their resolver types differ only in name.
export const entityFields: Pick<OrganizationResolvers, "citations" | "relationships" | "statistics"> = {
  citations: (parent, _args, { graph }) => graph.entityCitations.load(parent.id),
  relationships: (parent, args, { graph }, info) => {
    const { first, after } = pageArgs(args.first, args.after);
    const types = relationshipTypesArg(args.types);
    const asked = selectedFieldNames(info, ["edges", "node"]);
    // `direction: null` arrives as the default, BOTH (server/nullArguments.ts).
    const direction = args.direction;
    const withEnds = asked.has("from") || asked.has("to");
    return graph.relationshipsOf({ types, direction, first, after, withEnds }).load(parent.id);
  },
  statistics: (parent, args, { graph }) =>
    graph.statisticsOf(pageArgs(args.first, args.after)).load(parent.id),
};

export const Person: PersonResolvers = {
  ...entityFields,
  quotes: (parent, args, { graph }) => graph.quotesOf(pageArgs(args.first, args.after)).load(parent.id),
};
