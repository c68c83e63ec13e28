import { badUserInput, checkRange } from "../errors";
import type { QueryResolvers } from "../generated/resolvers-types";
import { primeEntities } from "../graph/loaders";
import { relationshipTypesArg } from "./arguments";
import { unknownIdsError as unknownIds } from "./unknownIds";

/** Query fields for exploring how things connect; all bounds are checked here, never clamped. */
export const explorationQueries: Pick<
  QueryResolvers,
  "neighborhood" | "paths" | "relationshipTypes" | "connections"
> = {
  neighborhood: async (_parent, args, { graph }) => {
    const depth = checkRange("depth", args.depth, 1, 3) as 1 | 2 | 3;
    const limit = checkRange("limit", args.limit, 1, 1000);
    const result = await graph.exploration.neighborhood(
      args.id,
      depth,
      relationshipTypesArg(args.types),
      limit,
    );
    if (result.kind === "unknownTypes") {
      throw badUserInput(
        `relationship type(s) ${result.unknown.join(", ")} do not occur in the graph; valid types: ${result.valid.join(", ")}`,
        "types",
        { validTypes: result.valid },
      );
    }
    // The start is always among the nodes when it exists.
    if (result.subgraph.nodes.length === 0) throw unknownIds([args.id], "id");
    primeEntities(graph, result.subgraph.nodes);
    return result.subgraph;
  },
  paths: async (_parent, args, { graph }) => {
    const maxLength = checkRange("maxLength", args.maxLength, 1, 6);
    const limit = checkRange("limit", args.limit, 1, 20);
    const result = await graph.exploration.paths(args.from, args.to, maxLength, limit);
    if (result.kind === "unknownIds")
      throw unknownIds(result.ids, result.ids[0] === args.from ? "from" : "to");
    primeEntities(
      graph,
      result.paths.flatMap((p) => p.nodes),
    );
    return result.paths;
  },
  relationshipTypes: (_parent, _args, { graph }) => graph.exploration.relationshipTypes(),
  connections: async (_parent, args, { graph }) => {
    const ids = [...new Set(args.ids)];
    if (ids.length < 2 || ids.length > 10) {
      throw badUserInput(`\`ids\` must hold 2 to 10 distinct entity ids (got ${ids.length})`, "ids", {
        min: 2,
        max: 10,
      });
    }
    const maxLength = checkRange("maxLength", args.maxLength, 1, 6);
    const result = await graph.exploration.connections(ids, maxLength);
    if (result.kind === "unknownIds") throw unknownIds(result.ids, "ids");
    primeEntities(graph, result.subgraph.nodes);
    return result.subgraph;
  },
};
