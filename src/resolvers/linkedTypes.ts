import type {
  CitationResolvers,
  QuoteResolvers,
  RelationshipResolvers,
  StatisticResolvers,
} from "../generated/resolvers-types";
import type { GraphAccess } from "../graph/loaders";
import type { EntityRecord } from "../graph/records";

/**
 * Links that a record holds as ids; an entity the request has read already comes back at once
 * (GraphAccess.known). The graph never leaves a link dangling (the importer writes the ends first,
 * in the same transaction), so a missing end is a bug worth an error, not a null.
 */
function requireEntity(graph: GraphAccess, id: string): EntityRecord | Promise<EntityRecord> {
  return graph.known.get(id) ?? loadEntity(graph, id);
}

async function loadEntity(graph: GraphAccess, id: string): Promise<EntityRecord> {
  const entity = await graph.entity.load(id);
  if (entity === null) throw new Error(`entity ${id} referenced by the graph does not exist`);
  return entity;
}

export const Relationship: RelationshipResolvers = {
  citations: (parent, _args, { graph }) => graph.relationshipCitations.load(parent.id),
  from: (parent, _args, { graph }) => requireEntity(graph, parent.fromId),
  to: (parent, _args, { graph }) => requireEntity(graph, parent.toId),
  prospective: (parent) => parent.properties.prospective === true,
};

export const Statistic: StatisticResolvers = {
  subject: (parent, _args, { graph }) => requireEntity(graph, parent.subjectId),
};

export const Quote: QuoteResolvers = {
  speaker: (parent, _args, { graph }) => requireEntity(graph, parent.speakerId),
  about: (parent, _args, { graph }) =>
    Promise.all(parent.aboutIds.map((id) => Promise.resolve(requireEntity(graph, id)))),
};

export const Citation: CitationResolvers = {
  document: async (parent, _args, { graph }) => {
    const document = await graph.document.load(parent.documentId);
    if (document === null) throw new Error(`document ${parent.documentId} cited by the graph does not exist`);
    return document;
  },
};
