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
  /** 1 when created, +1 on every change. */
  version: number;
}

export interface RelationshipRecord {
  __typename: "Relationship";
  id: string;
  type: string;
  fromId: string;
  toId: string;
  properties: Record<string, unknown>;
  background: boolean;
  version: number;
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
  version: number;
}

export interface QuoteRecord {
  __typename: "Quote";
  id: string;
  speakerId: string;
  text: string;
  aboutIds: string[];
  citation: CitationRecord;
  version: number;
}

export interface DocumentRecord {
  __typename: "Document";
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  publishedAt: string | null;
  /** SHA-256 of the text, hex. */
  contentHash: string;
}

/** One committed write (see src/write/changeLog.ts). */
export interface ChangeRecord {
  __typename: "Change";
  id: string;
  seq: number;
  at: string;
  actor: string;
  operation: string;
  clientMutationId: string | null;
  reason: string | null;
}

export type ChangeAction = "CREATED" | "UPDATED" | "RETRACTED" | "MERGED";

/** One element a change touched; `before`/`after` are the element's public fields. */
export interface ChangeItemRecord {
  id: string;
  typename: string;
  action: ChangeAction;
  version: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  mergedInto: string | null;
}

export type LinkMethod = "CURATED" | "NAME" | "ALIAS" | "CONTEXT";
export type ReviewStatus = "PROPOSED" | "ACCEPTED" | "REJECTED";

/** Words of a document linked to an entity (ingestDocument; src/write/mentions.ts). */
export interface MentionRecord {
  __typename: "Mention";
  id: string;
  /** The entity as stored, or the one it was merged into. */
  entityId: string;
  citation: CitationRecord;
  method: LinkMethod;
  score: number;
  status: ReviewStatus;
  version: number;
}

/** An unknown name found in an ingested text (returned, not stored). */
export interface CandidateRecord {
  citation: CitationRecord;
  kind: EntityKind | null;
}

export type NodeRecord =
  | EntityRecord
  | RelationshipRecord
  | StatisticRecord
  | QuoteRecord
  | DocumentRecord
  | ChangeRecord
  | MentionRecord;

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
export type DocumentPage = Page<DocumentRecord>;
export type ChangePage = Page<ChangeRecord>;
export type ChangeItemPage = Page<ChangeItemRecord>;
export type MentionPage = Page<MentionRecord>;

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
