import { ENTITY_LABELS } from "./entityKinds";
import { relationshipId } from "./relationshipId";
import type {
  CitationRecord,
  Comparator,
  DocumentRecord,
  EntityKind,
  EntityRecord,
  QuoteRecord,
  RelationshipRecord,
  StatisticRecord,
} from "./records";

/**
 * Row shapes the Cypher projections return (see projections.ts), and their conversion into records.
 * Integers already arrive as JS numbers (driver option), so this is the only mapping there is.
 */
export interface CitedRow {
  citeDoc: string[] | null;
  citeStart: number[] | null;
  citeEnd: number[] | null;
  citeQuote: string[] | null;
}

/** The citation lists of one element (see citationsProjection). */
export interface CitationsRow extends CitedRow {
  id: string;
}

export interface EntityRow {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[] | null;
  description: string | null;
  date: string | null;
  version: number | null;
}

export interface RelationshipRow {
  type: string;
  fromId: string;
  toId: string;
  properties: string | null;
  background: boolean | null;
  version: number | null;
}

/**
 * One relationship of a page (relationshipPageCall) seen from the entity `n` the page belongs to,
 * as a list rather than a map: the driver decodes every key of a map as a string and defines each
 * property with Object.defineProperty, which was most of the CPU of a page of pages (1,000
 * relationships with their ends: issue #14). `outgoing`: n is the start node. The far end's own
 * fields follow its id when the page reads the ends (`withEnds`).
 */
export type RelationshipTuple =
  | [
      type: string,
      outgoing: boolean,
      properties: string | null,
      background: boolean | null,
      version: number | null,
      farId: string,
    ]
  | [
      type: string,
      outgoing: boolean,
      properties: string | null,
      background: boolean | null,
      version: number | null,
      farId: string,
      farKind: EntityKind,
      farName: string,
      farAliases: string[] | null,
      farDescription: string | null,
      farDate: string | null,
      farVersion: number | null,
    ];

export interface StatisticRow extends CitedRow {
  id: string;
  subjectId: string;
  metric: string;
  value: number;
  unit: string;
  comparator: Comparator;
  period: string | null;
  description: string | null;
  version: number | null;
}

export interface QuoteRow extends CitedRow {
  id: string;
  speakerId: string;
  text: string;
  aboutIds: string[];
  version: number | null;
}

export interface DocumentRow {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  publishedAt: string | null;
  contentHash: string | null;
}

/** Elements written before versions existed count as version 1 (the write layer reads them alike). */
export const versionOf = (version: number | null | undefined): number => version ?? 1;

export function toCitations(row: CitedRow): CitationRecord[] {
  const docs = row.citeDoc ?? [];
  return docs.map((documentId, i) => ({
    documentId,
    start: row.citeStart?.[i] ?? 0,
    end: row.citeEnd?.[i] ?? 0,
    quote: row.citeQuote?.[i] ?? "",
  }));
}

export function toEntity(row: EntityRow): EntityRecord {
  return {
    __typename: ENTITY_LABELS[row.kind],
    id: row.id,
    kind: row.kind,
    name: row.name,
    aliases: row.aliases ?? [],
    description: row.description,
    date: row.date,
    version: versionOf(row.version),
  };
}

export function toRelationship(row: RelationshipRow): RelationshipRecord {
  return relationshipRecord(row.type, row.fromId, row.toId, row.properties, row.background, row.version);
}

function relationshipRecord(
  type: string,
  fromId: string,
  toId: string,
  properties: string | null,
  background: boolean | null,
  version: number | null,
): RelationshipRecord {
  return {
    __typename: "Relationship",
    id: relationshipId(fromId, type, toId),
    type,
    fromId,
    toId,
    properties: properties ? (JSON.parse(properties) as Record<string, unknown>) : {},
    background: background ?? false,
    version: versionOf(version),
  };
}

/** A page's relationship (see RelationshipTuple) of the entity `nearId`. */
export function tupleToRelationship(nearId: string, tuple: RelationshipTuple): RelationshipRecord {
  const [type, outgoing, properties, background, version, farId] = tuple;
  return outgoing
    ? relationshipRecord(type, nearId, farId, properties, background, version)
    : relationshipRecord(type, farId, nearId, properties, background, version);
}

/** The far end a page's relationship carries (`withEnds`), or null when it carries its id alone. */
export function tupleFarEnd(tuple: RelationshipTuple): EntityRecord | null {
  if (tuple.length === 6) return null;
  const [, , , , , id, kind, name, aliases, description, date, version] = tuple;
  return {
    __typename: ENTITY_LABELS[kind],
    id,
    kind,
    name,
    aliases: aliases ?? [],
    description,
    date,
    version: versionOf(version),
  };
}

export function toStatistic(row: StatisticRow): StatisticRecord {
  return {
    __typename: "Statistic",
    id: row.id,
    subjectId: row.subjectId,
    metric: row.metric,
    value: row.value,
    unit: row.unit,
    comparator: row.comparator,
    period: row.period,
    description: row.description,
    citations: toCitations(row),
    version: versionOf(row.version),
  };
}

export function toQuote(row: QuoteRow): QuoteRecord {
  const [citation] = toCitations(row);
  if (citation === undefined) throw new Error(`quote ${row.id} has no citation`);
  return {
    __typename: "Quote",
    id: row.id,
    speakerId: row.speakerId,
    text: row.text,
    aboutIds: row.aboutIds,
    citation,
    version: versionOf(row.version),
  };
}

export function toDocument(row: DocumentRow): DocumentRecord {
  return { __typename: "Document", ...row, contentHash: row.contentHash ?? "" };
}
