import { createHash } from "node:crypto";
import path from "node:path";
import type { CypherExecutor, WriteCounters } from "../graph/executor";
import type { Dataset, LocatedCitation } from "../graph/model";
import type { CitationRecord } from "../graph/records";
import { recordedWrite, type ChangeItemDraft } from "./changeLog";
import {
  withSource,
  type Element,
  type EntityContribution,
  type QuoteContribution,
  type RelationshipContribution,
  type StatisticContribution,
} from "./elements";
import { applyPlan, readElements, type Planned, type Run } from "./elementStore";

/** What the graph holds of a document already; no row when it holds nothing. */
export const DOCUMENT_STATE = `
MATCH (d:Document {id: $documentId})
RETURN coalesce(d.elementIds, []) AS previousIds, d.datasetHash AS previousHash, d.version AS version,
       d {.title, .publisher, .url, publishedAt: toString(d.publishedAt), .contentHash} AS fields`;

export const UPSERT_DOCUMENT = `
MERGE (d:Document {id: $document.id})
SET d.title = $document.title, d.publisher = $document.publisher, d.url = $document.url,
    d.publishedAt = CASE WHEN $document.publishedAt IS NULL THEN null ELSE datetime($document.publishedAt) END,
    d.text = $document.text, d.elementIds = $elementIds, d.contentHash = $contentHash,
    d.datasetHash = $datasetHash, d.version = $version`;

/** The dataset contradicts what other sources put in the graph; nothing was written. */
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
  /** The change recorded; null when nothing was written (or a dry run). */
  seq: number | null;
  /** Elements whose state changed (document included). */
  changed: number;
}

/** SHA-256 of a text, hex: Document.contentHash, and what addDocument dedups by. */
export function textHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A hash of everything the dataset says, so that re-importing an unchanged file writes nothing. */
export function datasetHash(dataset: Dataset): string {
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

type IdKind = "entities" | "relationships" | "statistics" | "quotes";
function idKind(id: string): IdKind {
  if (id.startsWith("relationship:")) return "relationships";
  if (id.startsWith("statistic:")) return "statistics";
  if (id.startsWith("quote:")) return "quotes";
  return "entities";
}

const cited =
  (documentId: string) =>
  (c: LocatedCitation): CitationRecord => ({ documentId, quote: c.quote, start: c.start, end: c.end });

const EMPTY_COUNTERS: WriteCounters = {
  nodesCreated: 0,
  nodesDeleted: 0,
  relationshipsCreated: 0,
  relationshipsDeleted: 0,
  propertiesSet: 0,
};

/**
 * Writes one document and its facts as one recorded change (actor `import:<file>`, operation
 * `import`): the document's contribution to each element replaces what it said before, elements it
 * no longer states lose its contribution (and go when no source is left), and every element's state
 * is derived again from all its sources. `dryRun` runs it all and rolls back.
 */
export async function writeDocument(
  executor: CypherExecutor,
  dataset: Dataset,
  options: { dryRun?: boolean; force?: boolean; file?: string } = {},
): Promise<WriteResult> {
  const documentId = dataset.document.id;
  const actor = `import:${options.file === undefined ? documentId : path.basename(options.file)}`;
  const outcome = await recordedWrite(
    executor,
    { actor, operation: "import", clientMutationId: null, reason: null, input: null },
    (run) => planImport(run, dataset, options.force ?? false),
    { dryRun: options.dryRun },
  );
  switch (outcome.kind) {
    case "written":
      return {
        documentId,
        ...outcome.result.summary,
        counters: outcome.counters,
        seq: options.dryRun ? null : outcome.change.seq,
        changed: outcome.result.changed,
      };
    case "nothing":
      return { documentId, ...outcome.result.summary, counters: EMPTY_COUNTERS, seq: null, changed: 0 };
    default:
      throw new Error(`import of ${documentId}: unexpected outcome ${outcome.kind}`);
  }
}

interface ImportSummary {
  summary: { unchanged: boolean; added: string[]; removed: string[] };
  changed: number;
}

async function planImport(
  run: Run,
  dataset: Dataset,
  force: boolean,
): Promise<
  | { kind: "nothing"; result: ImportSummary }
  | { kind: "write"; items: ChangeItemDraft[]; result: ImportSummary; resultId: string }
> {
  const documentId = dataset.document.id;
  const hash = datasetHash(dataset);
  const ids = elementIds(dataset);
  const [doc] = await run<{
    previousIds: string[];
    previousHash: string | null;
    version: number | null;
    fields: Record<string, unknown>;
  }>({ name: "import.documentState", cypher: DOCUMENT_STATE, params: { documentId } });
  const previousIds = doc?.previousIds ?? [];
  const current = new Set(ids);
  const previous = new Set(previousIds);
  const summary = {
    unchanged: doc?.previousHash === hash,
    added: ids.filter((id) => !previous.has(id)),
    removed: previousIds.filter((id) => !current.has(id)),
  };
  if (summary.unchanged && !force) return { kind: "nothing", result: { summary, changed: 0 } };

  const touched: Record<IdKind, string[]> = { entities: [], relationships: [], statistics: [], quotes: [] };
  for (const id of [...ids, ...summary.removed]) touched[idKind(id)].push(id);
  const stored = await readElements(run, touched);

  // Statistics and quotes belong to one source; the change-log lock makes this check race-free (#18.5).
  const ownedElsewhere = [...dataset.statistics, ...dataset.quotes]
    .map((x): Element | undefined => stored.statistics.get(x.id) ?? stored.quotes.get(x.id))
    .filter((e): e is Element => e !== undefined && e.sources.at(-1)?.key !== documentId)
    .map((e) => e.id);
  if (ownedElsewhere.length > 0) {
    throw new ImportConflictError(
      `${documentId} reuses statistic or quote ids that another source owns: ${ownedElsewhere.join(", ")}; give them ids of their own`,
    );
  }

  const cite = cited(documentId);
  const plan: Planned[] = [];
  for (const e of dataset.entities) {
    const before = stored.entities.get(e.id) ?? null;
    const data: EntityContribution = {
      kind: e.kind,
      name: e.name,
      aliases: e.aliases,
      description: e.description,
      date: e.date,
      citations: e.citations.map(cite),
    };
    const sources = withSource(before?.sources ?? [], documentId, data);
    plan.push({ before, after: { kind: "entity", id: e.id, version: before?.version ?? 0, sources } });
  }
  for (const r of dataset.relationships) {
    const before = stored.relationships.get(r.id) ?? null;
    const data: RelationshipContribution = {
      properties: r.properties,
      background: r.background,
      citations: r.citations.map(cite),
    };
    const sources = withSource(before?.sources ?? [], documentId, data);
    plan.push({ before, after: { kind: "relationship", id: r.id, version: before?.version ?? 0, sources } });
  }
  for (const s of dataset.statistics) {
    const before = stored.statistics.get(s.id) ?? null;
    const data: StatisticContribution = {
      subject: s.subject,
      metric: s.metric,
      value: s.value,
      unit: s.unit,
      comparator: s.comparator,
      period: s.period,
      description: s.description,
      citations: s.citations.map(cite),
    };
    plan.push({
      before,
      after: {
        kind: "statistic",
        id: s.id,
        version: before?.version ?? 0,
        sources: [{ key: documentId, data }],
      },
    });
  }
  for (const q of dataset.quotes) {
    const before = stored.quotes.get(q.id) ?? null;
    const data: QuoteContribution = {
      speaker: q.speaker,
      text: q.text,
      about: q.about,
      citation: cite(q.citation),
    };
    plan.push({
      before,
      after: { kind: "quote", id: q.id, version: before?.version ?? 0, sources: [{ key: documentId, data }] },
    });
  }
  for (const id of summary.removed) {
    const before =
      stored.entities.get(id) ??
      stored.relationships.get(id) ??
      stored.statistics.get(id) ??
      stored.quotes.get(id);
    if (before === undefined || !before.sources.some((s) => s.key === documentId)) continue;
    const sources = withSource<unknown>(before.sources, documentId, null);
    plan.push({ before, after: sources.length === 0 ? null : ({ ...before, sources } as Element) });
  }

  // The document first: the elements' citations point into it.
  const documentItem = await writeDocumentNode(run, dataset, doc ?? null, ids, hash);
  const items = [...(documentItem === null ? [] : [documentItem]), ...(await applyPlan(run, plan))];
  return { kind: "write", items, result: { summary, changed: items.length }, resultId: documentId };
}

async function writeDocumentNode(
  run: Run,
  dataset: Dataset,
  stored: { version: number | null; fields: Record<string, unknown> } | null,
  ids: string[],
  hash: string,
): Promise<ChangeItemDraft | null> {
  const d = dataset.document;
  const fields = {
    title: d.title,
    publisher: d.publisher,
    url: d.url,
    publishedAt: d.publishedAt === null ? null : new Date(d.publishedAt).toISOString(),
    contentHash: textHash(d.text),
  };
  const before = stored?.fields ?? null;
  const same = before !== null && JSON.stringify(normalise(before)) === JSON.stringify(normalise(fields));
  const version = stored === null ? 1 : same ? (stored.version ?? 1) : (stored.version ?? 1) + 1;
  await run({
    name: "import.document",
    cypher: UPSERT_DOCUMENT,
    params: { document: d, elementIds: ids, contentHash: fields.contentHash, datasetHash: hash, version },
  });
  if (same) return null;
  return {
    id: d.id,
    typename: "Document",
    action: before === null ? "CREATED" : "UPDATED",
    version,
    before,
    after: fields,
    mergedInto: null,
  };
}

function normalise(fields: Record<string, unknown>): Record<string, unknown> {
  const publishedAt = fields.publishedAt;
  return {
    title: fields.title ?? null,
    publisher: fields.publisher ?? null,
    url: fields.url ?? null,
    publishedAt: typeof publishedAt === "string" ? new Date(publishedAt).toISOString() : null,
    contentHash: fields.contentHash ?? null,
  };
}
