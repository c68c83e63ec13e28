import { checkRange } from "../errors";
import type {
  CitationResolvers,
  DocumentResolvers,
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

/** Citation.context: at most this many characters on either side of the quote. */
export const MAX_CONTEXT_CHARS = 1000;

/** Drops half a surrogate pair that an excerpt's ends may have cut. */
function wholeCharacters(excerpt: string): string {
  const first = excerpt.charCodeAt(0);
  const last = excerpt.charCodeAt(excerpt.length - 1);
  const start = first >= 0xdc00 && first <= 0xdfff ? 1 : 0;
  const end = last >= 0xd800 && last <= 0xdbff ? excerpt.length - 1 : excerpt.length;
  return excerpt.slice(start, Math.max(start, end));
}

export const Quote: QuoteResolvers = {
  text: (parent, _args, { responseBudget }) => responseBudget.take(parent.text),
  speaker: (parent, _args, { graph }) => requireEntity(graph, parent.speakerId),
  about: (parent, _args, { graph }) =>
    Promise.all(parent.aboutIds.map((id) => Promise.resolve(requireEntity(graph, id)))),
};

// Large strings count against the response's budget (responseBudget.ts) as they are resolved.
export const Document: DocumentResolvers = {
  text: async (parent, _args, { graph, responseBudget }) => {
    const text = await graph.documentText.load(parent.id);
    if (text === null) throw new Error(`document ${parent.id} has no text`);
    return responseBudget.take(text);
  },
};

export const Citation: CitationResolvers = {
  quote: (parent, _args, { responseBudget }) => responseBudget.take(parent.quote),
  context: async (parent, args, { graph, responseBudget }) => {
    // An explicit null means the default, as for every argument with one.
    const chars = checkRange("chars", args.chars ?? 200, 0, MAX_CONTEXT_CHARS);
    const from = Math.max(0, parent.start - chars);
    const excerpt = await graph.documentExcerpt.load({
      documentId: parent.documentId,
      from,
      length: parent.end + chars - from,
    });
    if (excerpt === null) throw new Error(`document ${parent.documentId} cited by the graph does not exist`);
    return responseBudget.take(wholeCharacters(excerpt));
  },
  document: async (parent, _args, { graph }) => {
    const document = await graph.document.load(parent.documentId);
    if (document === null) throw new Error(`document ${parent.documentId} cited by the graph does not exist`);
    return document;
  },
};
