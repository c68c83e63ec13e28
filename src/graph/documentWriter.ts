import { createHash } from "node:crypto";
import type { Integer } from "neo4j-driver";
import type { Dataset, LocatedCitation } from "../import/readDataset";
import { ENTITY_LABELS } from "./entityKinds";
import { int, type CypherExecutor, type CypherQuery, type WriteCounters } from "./executor";
import type { EntityKind } from "./records";
import { parseRelationshipId } from "./relationshipId";
import { isRelationshipType } from "./relationshipTypes";

/** Rows per UNWIND statement: large enough for throughput, small enough to keep each statement's memory flat. */
export const BATCH_SIZE = 2_000;

/** Citation columns as stored on every node and relationship (parallel lists, one entry per citation). */
interface CitationColumns {
  citeStart: Integer[];
  citeEnd: Integer[];
  citeQuote: string[];
}

function citationColumns(citations: LocatedCitation[]): CitationColumns {
  return {
    citeStart: citations.map((c) => int(c.start)),
    citeEnd: citations.map((c) => int(c.end)),
    citeQuote: citations.map((c) => c.quote),
  };
}

/**
 * The citation lists of `x` with this document's entries replaced by `row`'s: an element that
 * several documents support keeps every other document's citations.
 */
const MERGE_CITATIONS = (x: string): string => `
// Writing first takes the element's write lock, so a concurrent import of another document
// cannot read the same lists and overwrite this one's update.
SET ${x}.citeDoc = coalesce(${x}.citeDoc, [])
WITH ${x}, row, [i IN range(0, size(coalesce(${x}.citeDoc, [])) - 1) WHERE ${x}.citeDoc[i] <> $documentId] AS keep
WITH ${x}, row,
     [i IN keep | ${x}.citeDoc[i]] + [_ IN row.citeStart | $documentId] AS citeDoc,
     [i IN keep | ${x}.citeStart[i]] + row.citeStart AS citeStart,
     [i IN keep | ${x}.citeEnd[i]] + row.citeEnd AS citeEnd,
     [i IN keep | ${x}.citeQuote[i]] + row.citeQuote AS citeQuote
SET ${x}.citeDoc = citeDoc, ${x}.citeStart = citeStart, ${x}.citeEnd = citeEnd, ${x}.citeQuote = citeQuote`;

const ALL_ENTITY_LABELS = Object.values(ENTITY_LABELS).join(":");

/** What the graph holds of a document already; no row when it holds nothing. */
export const DOCUMENT_STATE = `
MATCH (d:Document {id: $documentId})
RETURN coalesce(d.elementIds, []) AS previousIds, d.contentHash AS previousHash`;

/** Statistic and quote ids that another document already owns (they belong to exactly one). */
export const IDS_OWNED_ELSEWHERE = `
UNWIND $ids AS id
OPTIONAL MATCH (s:Statistic {id: id})
OPTIONAL MATCH (q:Quote {id: id})
WITH id, coalesce(s, q) AS owned
WHERE owned IS NOT NULL AND NOT $documentId IN owned.citeDoc
RETURN id`;

export const UPSERT_DOCUMENT = `
MERGE (d:Document {id: $document.id})
SET d.title = $document.title, d.publisher = $document.publisher, d.url = $document.url,
    d.publishedAt = CASE WHEN $document.publishedAt IS NULL THEN null ELSE datetime($document.publishedAt) END,
    d.text = $document.text, d.elementIds = $elementIds, d.contentHash = $contentHash`;

/** Entities of one kind; the label comes from the {@link ENTITY_LABELS} allow-list, never from input. */
export function upsertEntitiesQuery(kind: EntityKind, rows: unknown[], documentId: string): CypherQuery {
  const label = ENTITY_LABELS[kind];
  return {
    name: `import.entities.${label}`,
    cypher: `
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
REMOVE n:${ALL_ENTITY_LABELS}
SET n:${label}, n.kind = row.kind, n.name = row.name,
    n.description = coalesce(row.description, n.description), n.date = coalesce(row.date, n.date),
    n.aliases = reduce(acc = [], a IN coalesce(n.aliases, []) + row.aliases | CASE WHEN a IN acc THEN acc ELSE acc + a END)
${MERGE_CITATIONS("n")}`,
    params: { rows, documentId },
  };
}

/** Relationships of one type; the type is checked against the allow-list before it reaches Cypher. */
export function upsertRelationshipsQuery(type: string, rows: unknown[], documentId: string): CypherQuery {
  if (!isRelationshipType(type)) throw new Error(`relationship type ${type} is not in the allow-list`);
  return {
    name: `import.relationships.${type}`,
    cypher: `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:${type}]->(b)
SET r.id = row.id, r.properties = row.properties, r.background = row.background
${MERGE_CITATIONS("r")}`,
    params: { rows, documentId },
  };
}

export const UPSERT_STATISTICS = `
UNWIND $rows AS row
MATCH (subject:Entity {id: row.subject})
MERGE (s:Statistic {id: row.id})
SET s.metric = row.metric, s.metricKey = toLower(row.metric), s.value = row.value, s.unit = row.unit,
    s.comparator = row.comparator, s.period = row.period, s.description = row.description,
    s.citeDoc = [_ IN row.citeStart | $documentId], s.citeStart = row.citeStart, s.citeEnd = row.citeEnd,
    s.citeQuote = row.citeQuote
WITH s, subject
OPTIONAL MATCH (s)-[old:STATISTIC_OF]->(other) WHERE other <> subject
DELETE old
WITH DISTINCT s, subject
MERGE (s)-[:STATISTIC_OF]->(subject)`;

export const UPSERT_QUOTES = `
UNWIND $rows AS row
MATCH (speaker:Person {id: row.speaker})
MERGE (q:Quote {id: row.id})
SET q.text = row.text, q.citeDoc = [$documentId], q.citeStart = [row.start], q.citeEnd = [row.end],
    q.citeQuote = [row.text]
WITH q, speaker, row
OPTIONAL MATCH (q)-[old:SAID_BY|QUOTE_ABOUT]->()
DELETE old
WITH DISTINCT q, speaker, row
MERGE (q)-[:SAID_BY]->(speaker)
WITH q, row
UNWIND row.about AS aboutId
MATCH (e:Entity {id: aboutId})
MERGE (q)-[:QUOTE_ABOUT]->(e)`;

/** Elements this document supported before but no longer lists: its citations go, and so does an element left with none. */
export const REMOVE_STALE = `
CALL (){
  UNWIND $stale.relationships AS row
  MATCH (:Entity {id: row.from})-[r]->(:Entity {id: row.to}) WHERE r.id = row.id
  WITH r, [i IN range(0, size(r.citeDoc) - 1) WHERE r.citeDoc[i] <> $documentId] AS keep
  SET r.citeDoc = [i IN keep | r.citeDoc[i]], r.citeStart = [i IN keep | r.citeStart[i]],
      r.citeEnd = [i IN keep | r.citeEnd[i]], r.citeQuote = [i IN keep | r.citeQuote[i]]
  WITH r WHERE size(r.citeDoc) = 0
  DELETE r
}
CALL (){
  UNWIND $stale.owned AS id
  OPTIONAL MATCH (s:Statistic {id: id})
  OPTIONAL MATCH (q:Quote {id: id})
  DETACH DELETE s, q
}
CALL (){
  UNWIND $stale.entities AS id
  MATCH (n:Entity {id: id})
  WITH n, [i IN range(0, size(n.citeDoc) - 1) WHERE n.citeDoc[i] <> $documentId] AS keep
  SET n.citeDoc = [i IN keep | n.citeDoc[i]], n.citeStart = [i IN keep | n.citeStart[i]],
      n.citeEnd = [i IN keep | n.citeEnd[i]], n.citeQuote = [i IN keep | n.citeQuote[i]]
  WITH n WHERE size(n.citeDoc) = 0
  DETACH DELETE n
}`;

/** The dataset contradicts what other documents put in the graph; nothing was written. */
export class ImportConflictError extends Error {
  override name = "ImportConflictError";
}

export interface WriteResult {
  documentId: string;
  /** True when the stored document already had this exact content: nothing was written. */
  unchanged: boolean;
  added: string[];
  removed: string[];
  counters: WriteCounters;
}

/** A hash of everything the dataset says, so that re-importing an unchanged file writes nothing. */
export function contentHash(dataset: Dataset): string {
  return createHash("sha256").update(JSON.stringify(dataset)).digest("hex");
}

function elementIds(dataset: Dataset): string[] {
  return [
    ...dataset.entities.map((e) => e.id),
    ...dataset.relationships.map((r) => r.id),
    ...dataset.statistics.map((s) => s.id),
    ...dataset.quotes.map((q) => q.id),
  ];
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH_SIZE) out.push(rows.slice(i, i + BATCH_SIZE));
  return out;
}

function groupBy<T, K extends string>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

type EntityFact = Dataset["entities"][number];
type RelationshipFact = Dataset["relationships"][number];
type StatisticFact = Dataset["statistics"][number];
type QuoteFact = Dataset["quotes"][number];

const entityRow = (e: EntityFact) => ({
  id: e.id,
  kind: e.kind,
  name: e.name,
  aliases: e.aliases,
  description: e.description,
  date: e.date,
  ...citationColumns(e.citations),
});

const relationshipRow = (r: RelationshipFact) => ({
  id: r.id,
  from: r.from,
  to: r.to,
  properties: JSON.stringify(r.properties),
  background: r.background,
  ...citationColumns(r.citations),
});

const statisticRow = (s: StatisticFact) => ({
  id: s.id,
  subject: s.subject,
  metric: s.metric,
  value: s.value,
  unit: s.unit,
  comparator: s.comparator,
  period: s.period,
  description: s.description,
  ...citationColumns(s.citations),
});

const quoteRow = (q: QuoteFact) => ({
  id: q.id,
  speaker: q.speaker,
  text: q.text,
  about: q.about,
  start: int(q.citation.start),
  end: int(q.citation.end),
});

/**
 * The statements that write a dataset's facts, in the order they must run (entities before the
 * links between them): entities by kind, relationships by type, statistics, quotes, each in
 * batches of {@link BATCH_SIZE} rows.
 */
export function factStatements(dataset: Dataset): CypherQuery[] {
  const documentId = dataset.document.id;
  return [
    ...[...groupBy(dataset.entities, (e) => e.kind)].flatMap(([kind, facts]) =>
      chunks(facts.map(entityRow)).map((rows) => upsertEntitiesQuery(kind, rows, documentId)),
    ),
    ...[...groupBy(dataset.relationships, (r) => r.type)].flatMap(([type, facts]) =>
      chunks(facts.map(relationshipRow)).map((rows) => upsertRelationshipsQuery(type, rows, documentId)),
    ),
    ...chunks(dataset.statistics.map(statisticRow)).map((rows) => ({
      name: "import.statistics",
      cypher: UPSERT_STATISTICS,
      params: { rows, documentId },
    })),
    ...chunks(dataset.quotes.map(quoteRow)).map((rows) => ({
      name: "import.quotes",
      cypher: UPSERT_QUOTES,
      params: { rows, documentId },
    })),
  ];
}

/**
 * Writes one document and all its facts in one transaction: it all lands, or nothing does.
 * `dryRun` runs the same statements and rolls back, so its counters say what would change.
 */
export async function writeDocument(
  executor: CypherExecutor,
  dataset: Dataset,
  options: { dryRun?: boolean; force?: boolean } = {},
): Promise<WriteResult> {
  const documentId = dataset.document.id;
  const ids = elementIds(dataset);
  const hash = contentHash(dataset);
  const { result, counters } = await executor.transaction(
    "import.document",
    async (run) => {
      const [doc] = await run<{ previousIds: string[]; previousHash: string | null }>({
        name: "import.documentState",
        cypher: DOCUMENT_STATE,
        params: { documentId },
      });
      const previousIds = doc?.previousIds ?? [];
      const current = new Set(ids);
      const previous = new Set(previousIds);
      const outcome = {
        unchanged: doc?.previousHash === hash,
        added: ids.filter((id) => !previous.has(id)),
        removed: previousIds.filter((id) => !current.has(id)),
      };
      if (outcome.unchanged && !options.force) return outcome;

      const owned = await run<{ id: string }>({
        name: "import.idsOwnedElsewhere",
        cypher: IDS_OWNED_ELSEWHERE,
        params: { ids: [...dataset.statistics, ...dataset.quotes].map((x) => x.id), documentId },
      });
      if (owned.length > 0) {
        throw new ImportConflictError(
          `${documentId} reuses statistic or quote ids that another document owns: ${owned.map((o) => o.id).join(", ")}; give them ids of their own`,
        );
      }
      await run({
        name: "import.document",
        cypher: UPSERT_DOCUMENT,
        params: { document: dataset.document, elementIds: ids, contentHash: hash },
      });
      for (const statement of factStatements(dataset)) await run(statement);
      if (outcome.removed.length > 0) {
        await run({
          name: "import.removeStale",
          cypher: REMOVE_STALE,
          params: { stale: staleRows(outcome.removed), documentId },
        });
      }
      return outcome;
    },
    { rollback: options.dryRun ?? false },
  );
  return { documentId, ...result, counters };
}

function staleRows(removed: string[]): {
  relationships: Array<{ id: string; from: string; to: string }>;
  owned: string[];
  entities: string[];
} {
  const relationships = removed
    .filter((id) => id.startsWith("relationship:"))
    .map((id) => ({ id, from: parseRelationshipId(id)?.from ?? "", to: parseRelationshipId(id)?.to ?? "" }));
  const owned = removed.filter((id) => id.startsWith("statistic:") || id.startsWith("quote:"));
  const entities = removed.filter(
    (id) => !id.startsWith("relationship:") && !id.startsWith("statistic:") && !id.startsWith("quote:"),
  );
  return { relationships, owned, entities };
}
