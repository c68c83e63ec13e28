import { checkRange } from "../errors";
import type { QueryResolvers } from "../generated/resolvers-types";
import { ENTITY_KINDS, idPrefixOf } from "../graph/entityKinds";
import type { NodeRecord } from "../graph/records";
import { primeEntities, type GraphAccess } from "../graph/loaders";
import { metricCounts } from "../graph/metricCounts";
import { pageArgs } from "./arguments";
import { explorationQueries } from "./exploration";
import { historyQueries } from "./history";
import { nestedRelationshipArgs } from "./lookahead";
import { needsRows } from "./selection";
import { requireEntities } from "./unknownIds";

const MAX_SEARCH_HITS = 50;
/** `nodes(ids)` takes at most this many ids: each is a lookup (batched per kind). */
export const MAX_NODE_IDS = 100;
const MAX_METRICS = 500;

/** The loader for an id, chosen by its prefix ('person:', 'relationship:', ...); null for none. */
function loadNode(graph: GraphAccess, id: string): Promise<NodeRecord | null> {
  if (ENTITY_KINDS.some((kind) => id.startsWith(idPrefixOf(kind)))) return graph.entity.load(id);
  if (id.startsWith("relationship:")) return graph.relationship.load(id);
  if (id.startsWith("statistic:")) return graph.statistic.load(id);
  if (id.startsWith("quote:")) return graph.quote.load(id);
  if (id.startsWith("document:")) return graph.document.load(id);
  if (id.startsWith("mention:")) return graph.mention.load(id);
  if (/^change:\d{1,15}$/.test(id)) return graph.change.load(Number(id.slice("change:".length)));
  return Promise.resolve(null);
}

export const Query: QueryResolvers = {
  ...explorationQueries,
  ...historyQueries,
  node: (_parent, { id }, { graph }) => loadNode(graph, id),
  nodes: (_parent, { ids }, { graph }) => {
    checkRange("ids", ids.length, 1, MAX_NODE_IDS);
    return Promise.all(ids.map((id) => loadNode(graph, id)));
  },
  metrics: (_parent, args, { executor }) =>
    metricCounts(executor, checkRange("first", args.first, 1, MAX_METRICS)),
  entity: (_parent, { id }, { graph }) => graph.entity.load(id),
  entities: async (_parent, args, { graph }, info) => {
    const { first, after } = pageArgs(args.first, args.after);
    const nested = needsRows(info) ? nestedRelationshipArgs(info) : null;
    if (nested !== null) {
      const read = await graph.entities.listWithRelationships(args.kind ?? null, first, after, nested);
      primeEntities(
        graph,
        read.page.edges.map((e) => e.node),
      );
      graph.primeRelationshipPages(nested, read.relationships, read.ends);
      return read.page;
    }
    const page = await graph.entities.list(args.kind ?? null, first, after, needsRows(info));
    primeEntities(
      graph,
      page.edges.map((e) => e.node),
    );
    return page;
  },
  search: async (_parent, args, { graph }) => {
    const first = checkRange("first", args.first, 0, MAX_SEARCH_HITS);
    const hits = await graph.entities.search(args.text, args.kinds ?? null, first);
    primeEntities(
      graph,
      hits.map((h) => h.entity),
    );
    return hits;
  },
  statistics: async (_parent, args, { graph }, info) => {
    const { first, after } = pageArgs(args.first, args.after);
    const read = await graph.statistics.list(
      { subject: args.subject ?? null, metric: args.metric ?? null },
      first,
      after,
      needsRows(info),
    );
    primeEntities(graph, read.found);
    await requireEntities(graph, { subject: args.subject });
    return read.page;
  },
  quotes: async (_parent, args, { graph }, info) => {
    const { first, after } = pageArgs(args.first, args.after);
    const read = await graph.quotes.list(
      { speaker: args.speaker ?? null, about: args.about ?? null },
      first,
      after,
      needsRows(info),
    );
    primeEntities(graph, read.found);
    await requireEntities(graph, { speaker: args.speaker, about: args.about });
    return read.page;
  },
};
