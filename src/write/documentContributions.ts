import type { Dataset, LocatedCitation } from "../graph/model";
import type { CitationRecord } from "../graph/records";
import { relationshipId } from "../graph/relationshipId";
import type {
  EntityContribution,
  QuoteContribution,
  RelationshipContribution,
  StatisticContribution,
} from "./elements";
import {
  asAliasContribution,
  combineEntityContributions,
  combineRelationshipContributions,
} from "./mergeContributions";

/** What curators did that a document's import must respect. */
export interface Curated {
  /** Merged entity id → the entity it was merged into (mergeEntities; chains already followed). */
  mergedInto: ReadonlyMap<string, string>;
  /** Ids a curator retracted and nobody created again. */
  retracted: ReadonlySet<string>;
}

/** A fact the document states that the import leaves out, and why. */
export interface SetAside {
  id: string;
  reason: string;
}

/** What one document says, per element id of the graph, after curators' merges and retractions. */
export interface DocumentContributions {
  entities: Map<string, EntityContribution>;
  relationships: Map<string, RelationshipContribution>;
  statistics: Map<string, StatisticContribution>;
  quotes: Map<string, QuoteContribution>;
  setAside: SetAside[];
}

function put<C>(
  map: Map<string, C>,
  id: string,
  data: C,
  combine: (kept: C, moved: C) => C,
  own: boolean,
): void {
  const there = map.get(id);
  if (there === undefined) map.set(id, data);
  else map.set(id, own ? combine(data, there) : combine(there, data));
}

/**
 * A document's contributions, keyed by the ids they are written to (pure). A curator's word stands
 * over a re-import: an element a curator retracted stays out (and so does what hangs on a retracted
 * entity: its relationships, figures and quotes; quotes about it lose it), and what the document
 * says of a merged id goes to the entity it was merged into, as mergeEntities moved it (its names
 * become aliases); a link that a merge turned into a loop is left out.
 */
export function documentContributions(dataset: Dataset, curated: Curated): DocumentContributions {
  const documentId = dataset.document.id;
  const cite = (c: LocatedCitation): CitationRecord => ({
    documentId,
    quote: c.quote,
    start: c.start,
    end: c.end,
  });
  const resolve = (id: string): string => curated.mergedInto.get(id) ?? id;
  const gone = (id: string): boolean => curated.retracted.has(id);
  const out: DocumentContributions = {
    entities: new Map(),
    relationships: new Map(),
    statistics: new Map(),
    quotes: new Map(),
    setAside: [],
  };
  const setAside = (id: string, reason: string): void => {
    out.setAside.push({ id, reason });
  };

  for (const e of dataset.entities) {
    const id = resolve(e.id);
    if (gone(id)) {
      setAside(e.id, id === e.id ? "retracted" : `merged into ${id}, which was retracted`);
      continue;
    }
    const data: EntityContribution = {
      kind: e.kind,
      name: e.name,
      aliases: e.aliases,
      description: e.description,
      date: e.date,
      citations: e.citations.map(cite),
    };
    const own = id === e.id;
    put(out.entities, id, own ? data : asAliasContribution(data, e.kind), combineEntityContributions, own);
  }
  for (const r of dataset.relationships) {
    const from = resolve(r.from);
    const to = resolve(r.to);
    const id = relationshipId(from, r.type, to);
    if (gone(r.id) || gone(id)) setAside(r.id, "retracted");
    else if (gone(from) || gone(to)) setAside(r.id, `${gone(from) ? from : to} was retracted`);
    else if (from === to) setAside(r.id, `its ends were merged into ${from}`);
    else {
      const data: RelationshipContribution = {
        properties: r.properties,
        background: r.background,
        citations: r.citations.map(cite),
      };
      put(out.relationships, id, data, combineRelationshipContributions, id === r.id);
    }
  }
  for (const s of dataset.statistics) {
    const subject = resolve(s.subject);
    if (gone(s.id)) setAside(s.id, "retracted");
    else if (gone(subject)) setAside(s.id, `${subject} was retracted`);
    else {
      out.statistics.set(s.id, {
        subject,
        metric: s.metric,
        value: s.value,
        unit: s.unit,
        comparator: s.comparator,
        period: s.period,
        description: s.description,
        citations: s.citations.map(cite),
      });
    }
  }
  for (const q of dataset.quotes) {
    const speaker = resolve(q.speaker);
    if (gone(q.id)) setAside(q.id, "retracted");
    else if (gone(speaker)) setAside(q.id, `${speaker} was retracted`);
    else {
      out.quotes.set(q.id, {
        speaker,
        text: q.text,
        about: [...new Set(q.about.map(resolve).filter((a) => !gone(a)))],
        citation: cite(q.citation),
      });
    }
  }
  return out;
}

/** Every entity id the dataset names (its entities, and the ends, subjects, speakers and topics it refers to). */
export function referencedEntityIds(dataset: Dataset): string[] {
  return [
    ...new Set([
      ...dataset.entities.map((e) => e.id),
      ...dataset.relationships.flatMap((r) => [r.from, r.to]),
      ...dataset.statistics.map((s) => s.subject),
      ...dataset.quotes.flatMap((q) => [q.speaker, ...q.about]),
    ]),
  ];
}
