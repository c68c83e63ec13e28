/**
 * What the data-access layer returns: plain objects, already converted from Neo4j values. They
 * are the parents the resolvers receive (codegen mappers). `__typename` lets GraphQL resolve the
 * `Node` and `Entity` interfaces without a resolveType function.
 */

export type EntityKind = "PERSON" | "ORGANIZATION" | "PLACE" | "INITIATIVE" | "EVENT" | "ROLE" | "SECTOR";
export type EntityTypename = "Person" | "Organization" | "Place" | "Initiative" | "Event" | "Role" | "Sector";
export type Comparator = "EXACT" | "APPROXIMATELY" | "MORE_THAN" | "AT_LEAST" | "LESS_THAN" | "AT_MOST";

/** Words of a document; `start`/`end` are UTF-16 offsets into the document's text. */
export interface CitationRecord {
  documentId: string;
  quote: string;
  start: number;
  end: number;
}

export interface EntityRecord {
  __typename: EntityTypename;
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  description: string | null;
  /** Events only. */
  date: string | null;
}

export interface RelationshipRecord {
  __typename: "Relationship";
  id: string;
  type: string;
  fromId: string;
  toId: string;
  properties: Record<string, unknown>;
  background: boolean;
}

export interface StatisticRecord {
  __typename: "Statistic";
  id: string;
  subjectId: string;
  metric: string;
  value: number;
  unit: string;
  comparator: Comparator;
  period: string | null;
  description: string | null;
  citations: CitationRecord[];
}

export interface QuoteRecord {
  __typename: "Quote";
  id: string;
  speakerId: string;
  text: string;
  aboutIds: string[];
  citation: CitationRecord;
}

export interface DocumentRecord {
  __typename: "Document";
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  publishedAt: string | null;
}

export type NodeRecord = EntityRecord | RelationshipRecord | StatisticRecord | QuoteRecord | DocumentRecord;

/** One page of a connection. `totalCount` runs its own count query, only when a client asks for it. */
export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: () => Promise<number>;
}

export type EntityPage = Page<EntityRecord>;
export type RelationshipPage = Page<RelationshipRecord>;
export type StatisticPage = Page<StatisticRecord>;
export type QuotePage = Page<QuoteRecord>;

export interface SearchHitRecord {
  entity: EntityRecord;
  score: number;
}

export interface SubgraphRecord {
  nodes: EntityRecord[];
  relationships: RelationshipRecord[];
  truncated: boolean;
}

export interface PathRecord {
  nodes: EntityRecord[];
  relationships: RelationshipRecord[];
}

export interface RelationshipTypeRecord {
  type: string;
  description: string;
  count: number;
}
