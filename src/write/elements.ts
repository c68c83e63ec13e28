import { ENTITY_LABELS } from "../graph/entityKinds";
import { int } from "../graph/executor";
import { versionOf } from "../graph/mappers";
import type { CitationRecord, Comparator, EntityKind } from "../graph/records";
import { parseRelationshipId } from "../graph/relationshipId";
import { searchKey, wordStarts } from "../graph/searchText";

/**
 * What an element is: the contributions of the sources that support it (each document that states
 * it, and the curators' own), and a state derived from all of them. A document's re-import or
 * removal replaces or drops its own contribution only; the element's fields are derived again from
 * what is left (#18.4). Everything here is pure.
 */

/** The source key of what curators said through mutations (one contribution per element). */
export const CURATION = "curation";

/**
 * A curators' description of "" means "none": updateEntity's `description: null` clears it,
 * whatever the documents say (an input description is never empty: checkLength refuses it).
 */
export const CLEARED = "";

export type Primitive = string | number | boolean;

export interface EntityContribution {
  kind: EntityKind;
  /** Null: this source does not set it (a curator's update leaves it to the documents). */
  name: string | null;
  aliases: string[] | null;
  /** As `name`; the curators' {@link CLEARED} says there is none. */
  description: string | null;
  date: string | null;
  citations: CitationRecord[];
}

export interface RelationshipContribution {
  properties: Record<string, Primitive>;
  background: boolean;
  citations: CitationRecord[];
}

export interface StatisticContribution {
  subject: string;
  metric: string;
  value: number;
  unit: string;
  comparator: Comparator;
  period: string | null;
  description: string | null;
  citations: CitationRecord[];
}

export interface QuoteContribution {
  speaker: string;
  text: string;
  about: string[];
  citation: CitationRecord;
}

export interface Source<C> {
  /** A document id, or {@link CURATION}. */
  key: string;
  data: C;
}

interface Versioned<K extends string, C> {
  kind: K;
  id: string;
  /** 1 when created, +1 on every change. */
  version: number;
  /** In the order they were last written: later sources win where fields conflict. */
  sources: Array<Source<C>>;
}

export type EntityElement = Versioned<"entity", EntityContribution>;
export type RelationshipElement = Versioned<"relationship", RelationshipContribution>;
export type StatisticElement = Versioned<"statistic", StatisticContribution>;
export type QuoteElement = Versioned<"quote", QuoteContribution>;
export type Element = EntityElement | RelationshipElement | StatisticElement | QuoteElement;
export type ElementKind = Element["kind"];

/** The sources with `key`'s contribution replaced by `data` (moved last: the newest wins), or dropped when null. */
export function withSource<C>(sources: Array<Source<C>>, key: string, data: C | null): Array<Source<C>> {
  const others = sources.filter((s) => s.key !== key);
  return data === null ? others : [...others, { key, data }];
}

function lastSet<C, V>(sources: Array<Source<C>>, pick: (c: C) => V | null): V | null {
  for (let i = sources.length - 1; i >= 0; i -= 1) {
    const source = sources[i];
    const value = source === undefined ? null : pick(source.data);
    if (value !== null && value !== undefined) return value;
  }
  return null;
}

/** Curators' word first, then the newest document that says it. */
function preferCuration<C, V>(sources: Array<Source<C>>, pick: (c: C) => V | null): V | null {
  const curation = sources.find((s) => s.key === CURATION);
  const curated = curation === undefined ? null : pick(curation.data);
  return curated ?? lastSet(sources, pick);
}

const noneIfCleared = (value: string | null): string | null => (value === CLEARED ? null : value);

export interface EntityState {
  kind: EntityKind;
  name: string;
  aliases: string[];
  description: string | null;
  date: string | null;
  citations: CitationRecord[];
}

/** name, description, date: the curators' if set, else the newest document's; aliases: the curators' list if set, else every document's. */
export function deriveEntity(element: EntityElement): EntityState {
  const { sources } = element;
  const curatedAliases = sources.find((s) => s.key === CURATION)?.data.aliases ?? null;
  const aliases = curatedAliases ?? [
    ...new Set(sources.filter((s) => s.key !== CURATION).flatMap((s) => s.data.aliases ?? [])),
  ];
  return {
    kind: sources[0]?.data.kind ?? "PLACE",
    name: preferCuration(sources, (c) => c.name) ?? "",
    aliases,
    description: noneIfCleared(preferCuration(sources, (c) => c.description)),
    date: preferCuration(sources, (c) => c.date),
    citations: sources.flatMap((s) => s.data.citations),
  };
}

export interface RelationshipState {
  type: string;
  from: string;
  to: string;
  properties: Record<string, Primitive>;
  /** True only while every source takes the link for granted. */
  background: boolean;
  citations: CitationRecord[];
}

export function deriveRelationship(element: RelationshipElement): RelationshipState {
  const ends = parseRelationshipId(element.id) ?? { from: "", type: "", to: "" };
  const ordered = [
    ...element.sources.filter((s) => s.key !== CURATION),
    ...element.sources.filter((s) => s.key === CURATION),
  ];
  return {
    ...ends,
    properties: Object.assign({}, ...ordered.map((s) => s.data.properties)) as Record<string, Primitive>,
    background: element.sources.length > 0 && element.sources.every((s) => s.data.background),
    citations: element.sources.flatMap((s) => s.data.citations),
  };
}

/** Statistics and quotes belong to one source: the element is that source's contribution. */
function owned<C>(element: { id: string; sources: Array<Source<C>> }): C {
  const source = element.sources.at(-1);
  if (source === undefined) throw new Error(`${element.id} has no source`);
  return source.data;
}

/** The element's public fields: what a ChangeItem's before/after holds. */
export function publicState(element: Element): Record<string, unknown> {
  switch (element.kind) {
    case "entity":
      return { ...deriveEntity(element) };
    case "relationship":
      return { ...deriveRelationship(element) };
    case "statistic":
      return { ...owned(element) };
    case "quote":
      return { ...owned(element) };
  }
}

/** The GraphQL type name of an element. */
export function typenameOf(element: Element): string {
  switch (element.kind) {
    case "entity":
      return ENTITY_LABELS[deriveEntity(element).kind];
    case "relationship":
      return "Relationship";
    case "statistic":
      return "Statistic";
    case "quote":
      return "Quote";
  }
}

/** True when writing `after` over `before` would change anything stored. */
export function differs(before: Element, after: Element): boolean {
  return JSON.stringify(before.sources) !== JSON.stringify(after.sources);
}

function citationColumns(citations: CitationRecord[]): Record<string, unknown> {
  return {
    citeDoc: citations.map((c) => c.documentId),
    citeStart: citations.map((c) => int(c.start)),
    citeEnd: citations.map((c) => int(c.end)),
    citeQuote: citations.map((c) => c.quote),
  };
}

function sourceColumns(element: Element): Record<string, unknown> {
  return {
    srcKey: element.sources.map((s) => s.key),
    srcJson: element.sources.map((s) => JSON.stringify(s.data)),
    version: int(element.version),
  };
}

/** The properties stored on the node or relationship (the read side's columns, and the sources). */
export function storedProps(element: Element): Record<string, unknown> {
  switch (element.kind) {
    case "entity": {
      const s = deriveEntity(element);
      return {
        id: element.id,
        kind: s.kind,
        name: s.name,
        aliases: s.aliases,
        description: s.description,
        date: s.date,
        // What search's index holds for one- and two-letter words, and what its ranking compares
        // the typed words with (src/graph/searchText.ts).
        nameStarts: wordStarts(s.name),
        aliasStarts: wordStarts(s.aliases.join(" ")),
        nameKey: searchKey(s.name),
        aliasKeys: s.aliases.map(searchKey),
        ...citationColumns(s.citations),
        ...sourceColumns(element),
      };
    }
    case "relationship": {
      const s = deriveRelationship(element);
      return {
        id: element.id,
        properties: JSON.stringify(s.properties),
        background: s.background,
        ...citationColumns(s.citations),
        ...sourceColumns(element),
      };
    }
    case "statistic": {
      const s = owned(element);
      return {
        id: element.id,
        metric: s.metric,
        metricKey: s.metric.toLowerCase(),
        value: s.value,
        unit: s.unit,
        comparator: s.comparator,
        period: s.period,
        description: s.description,
        ...citationColumns(s.citations),
        ...sourceColumns(element),
      };
    }
    case "quote": {
      const s = owned(element);
      return { id: element.id, text: s.text, ...citationColumns([s.citation]), ...sourceColumns(element) };
    }
  }
}

/** Stored properties as the state queries return them (see statements.ts). */
export interface StoredRow {
  id: string;
  props: Record<string, unknown>;
  /** Statistic: subject; quote: speaker and about. */
  subject?: string | null;
  speaker?: string | null;
  about?: string[] | null;
}

function storedCitations(props: Record<string, unknown>): CitationRecord[] {
  const docs = (props.citeDoc as string[] | null | undefined) ?? [];
  const starts = (props.citeStart as number[] | null | undefined) ?? [];
  const ends = (props.citeEnd as number[] | null | undefined) ?? [];
  const quotes = (props.citeQuote as string[] | null | undefined) ?? [];
  return docs.map((documentId, i) => ({
    documentId,
    start: starts[i] ?? 0,
    end: ends[i] ?? 0,
    quote: quotes[i] ?? "",
  }));
}

/**
 * The sources stored with the element; an element written before sources were kept counts each
 * citing document as a source that said what the element holds now, with its own citations.
 */
function storedSources<C>(
  props: Record<string, unknown>,
  legacy: (citations: CitationRecord[]) => C,
): Array<Source<C>> {
  const keys = props.srcKey as string[] | null | undefined;
  const json = props.srcJson as string[] | null | undefined;
  if (keys && json) return keys.map((key, i) => ({ key, data: JSON.parse(json[i] ?? "null") as C }));
  const citations = storedCitations(props);
  const documents = [...new Set(citations.map((c) => c.documentId))];
  return documents.map((key) => ({ key, data: legacy(citations.filter((c) => c.documentId === key)) }));
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

export function entityFromStored(row: StoredRow): EntityElement {
  const p = row.props;
  return {
    kind: "entity",
    id: row.id,
    version: versionOf(p.version as number | null),
    sources: storedSources<EntityContribution>(p, (citations) => ({
      kind: p.kind as EntityKind,
      name: str(p.name),
      aliases: (p.aliases as string[] | null) ?? [],
      description: str(p.description),
      date: str(p.date),
      citations,
    })),
  };
}

export function relationshipFromStored(row: StoredRow): RelationshipElement {
  const p = row.props;
  return {
    kind: "relationship",
    id: row.id,
    version: versionOf(p.version as number | null),
    sources: storedSources<RelationshipContribution>(p, (citations) => ({
      properties: JSON.parse(str(p.properties) ?? "{}") as Record<string, Primitive>,
      background: p.background === true,
      citations,
    })),
  };
}

export function statisticFromStored(row: StoredRow): StatisticElement {
  const p = row.props;
  return {
    kind: "statistic",
    id: row.id,
    version: versionOf(p.version as number | null),
    sources: storedSources<StatisticContribution>(p, (citations) => ({
      subject: row.subject ?? "",
      metric: str(p.metric) ?? "",
      value: Number(p.value),
      unit: str(p.unit) ?? "",
      comparator: (str(p.comparator) ?? "EXACT") as Comparator,
      period: str(p.period),
      description: str(p.description),
      citations,
    })).slice(-1),
  };
}

export function quoteFromStored(row: StoredRow): QuoteElement {
  const p = row.props;
  return {
    kind: "quote",
    id: row.id,
    version: versionOf(p.version as number | null),
    sources: storedSources<QuoteContribution>(p, (citations) => ({
      speaker: row.speaker ?? "",
      text: str(p.text) ?? "",
      about: row.about ?? [],
      citation: citations[0] ?? { documentId: "", quote: "", start: 0, end: 0 },
    })).slice(-1),
  };
}
