/** Every GraphQL document the explorer sends, and the shapes of their answers. */

export interface EntityRef {
  id: string;
  kind: string;
  name: string;
}

export interface RelationshipRef {
  id: string;
  type: string;
  from: { id: string };
  to: { id: string };
}

export interface Citation {
  quote: string;
  start: number;
  end: number;
  /** The quote with up to CONTEXT_CHARS characters of the document on either side. */
  context: string;
  document: { id: string; title: string; url: string | null; publisher: string | null };
}

/** Characters of a document shown on each side of a quote. */
export const CONTEXT_CHARS = 160;
/** New neighbours an expansion adds at most, before a "+N more" node offers the next ones. */
export const EXPANSION_SIZE = 50;
/** Relationships read per page while collecting an expansion (the API's maximum page). */
export const EXPANSION_PAGE = 100;
/** Pages one expansion reads at most before it stops and leaves the rest behind "+N more". */
export const EXPANSION_MAX_PAGES = 10;

const CITATION_FIELDS = `quote start end context(chars: ${CONTEXT_CHARS}) document { id title url publisher }`;

export const SEARCH = `query ExplorerSearch($text: String!) {
  search(text: $text, first: 8) { score entity { id kind name aliases } }
}`;
export interface SearchAnswer {
  search: Array<{ score: number; entity: EntityRef & { aliases: string[] } }>;
}

export const NEIGHBORHOOD = `query ExplorerNeighborhood($id: ID!, $depth: Int!, $limit: Int!) {
  neighborhood(id: $id, depth: $depth, limit: $limit) {
    nodes { id kind name }
    relationships { id type from { id } to { id } }
    truncated
  }
  entity(id: $id) { id relationships(first: 0) { totalCount } }
}`;
export interface NeighborhoodAnswer {
  neighborhood: { nodes: EntityRef[]; relationships: RelationshipRef[]; truncated: boolean };
  entity: { id: string; relationships: { totalCount: number } } | null;
}

export const RELATIONSHIP_PAGE = `query ExplorerExpand($id: ID!, $first: Int!, $after: String) {
  entity(id: $id) {
    id
    relationships(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage }
      edges { cursor node { id type from { id kind name } to { id kind name } } }
    }
  }
}`;
export interface RelationshipPageAnswer {
  entity: {
    id: string;
    relationships: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean };
      edges: Array<{
        cursor: string;
        node: { id: string; type: string; from: EntityRef; to: EntityRef };
      }>;
    };
  } | null;
}

export const PATHS = `query ExplorerPaths($from: ID!, $to: ID!) {
  paths(from: $from, to: $to, maxLength: 6, limit: 5) {
    length
    nodes { id kind name }
    relationships { id type from { id } to { id } }
  }
}`;
export interface PathsAnswer {
  paths: Array<{ length: number; nodes: EntityRef[]; relationships: RelationshipRef[] }>;
}

export const RELATIONSHIP_TYPES = `query ExplorerTypes { relationshipTypes { type description count } }`;
export interface RelationshipTypesAnswer {
  relationshipTypes: Array<{ type: string; description: string; count: number }>;
}

export const ENTITY_DETAILS = `query ExplorerEntity($id: ID!) {
  entity(id: $id) {
    id kind name aliases description
    ... on Event { date }
    ... on Place { partOf { id name } }
    relationships(first: 0) { totalCount }
    statistics(first: 10) {
      totalCount
      edges { node { id metric value unit comparator period citations { ${CITATION_FIELDS} } } }
    }
    ... on Person {
      quotes(first: 10) { totalCount edges { node { id text citation { ${CITATION_FIELDS} } } } }
    }
    citations { ${CITATION_FIELDS} }
  }
}`;
export interface EntityDetailsAnswer {
  entity:
    | (EntityRef & {
        aliases: string[];
        description: string | null;
        date?: string | null;
        partOf?: { id: string; name: string } | null;
        relationships: { totalCount: number };
        statistics: {
          totalCount: number;
          edges: Array<{
            node: {
              id: string;
              metric: string;
              value: number;
              unit: string;
              comparator: string;
              period: string | null;
              citations: Citation[];
            };
          }>;
        };
        quotes?: {
          totalCount: number;
          edges: Array<{ node: { id: string; text: string; citation: Citation } }>;
        };
        citations: Citation[];
      })
    | null;
}

export const RELATIONSHIP_DETAILS = `query ExplorerRelationship($id: ID!) {
  node(id: $id) {
    ... on Relationship {
      id type properties background
      from { id kind name }
      to { id kind name }
      citations { ${CITATION_FIELDS} }
    }
  }
}`;
export interface RelationshipDetailsAnswer {
  node: {
    id: string;
    type: string;
    properties: Record<string, unknown>;
    background: boolean;
    from: EntityRef;
    to: EntityRef;
    citations: Citation[];
  } | null;
}
