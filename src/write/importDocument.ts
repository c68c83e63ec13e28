import { createHash } from "node:crypto";
import path from "node:path";
import type { CypherExecutor, WriteCounters } from "../graph/executor";
import type { Dataset } from "../graph/model";
import type { RecordShape } from "neo4j-driver";
import { parseRelationshipId, relationshipId } from "../graph/relationshipId";
import { recordedWrite, type ChangeItemDraft } from "./changeLog";
import { withSource, type Element } from "./elements";
import {
  documentContributions,
  referencedEntityIds,
  type Curated,
  type SetAside,
} from "./documentContributions";
import { chunks } from "./statements";
import { applyPlan, readElements, type Planned, type Run, type StoredElements } from "./elementStore";

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

/** The entities these ids were merged into (mergeEntities); chains are followed when a merge is recorded. */
export const MERGED_TARGETS = `
UNWIND $ids AS id
MATCH (m:MergedId {id: id})
RETURN id, m.into AS into`;

/**
 * Of these ids (elements not in the graph), those whose last change was a curator's `retract` of
 * that very id: a document's import does not bring them back. What went along with a retracted
 * entity (its links, figures, quotes) stays out while the entity does (documentContributions), and
 * comes back with it when a curator creates it again; an element that went because its last source
 * dropped it (an import) may come back. Only each id's last item is read: the top of its range of
 * the (elementId, seq) index, read backwards (ORDER BY the index's own columns, so the plan reads it
 * in order and stops after the newest seq: PartialTop, not a sort of every item the element ever
 * had; position breaks a tie within one change). The hint keeps the plan on that index even while
 * the planner's statistics say the change log is small.
 */
export const RETRACTED_IDS = `
UNWIND $ids AS id
CALL (id) {
  MATCH (i:ChangeItem)
  USING INDEX i:ChangeItem(elementId, seq)
  WHERE i.elementId = id AND i.seq IS NOT NULL
  WITH i ORDER BY i.elementId DESC, i.seq DESC, i.position DESC
  LIMIT 1
  MATCH (c)-[:HAS_ITEM]->(i)
  RETURN c.operation AS operation, c.resultId AS target, i.action AS action
}
WITH id, operation, target, action
WHERE operation = 'retract' AND target = id AND action = 'RETRACTED'
RETURN id`;

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
  /** What the document states that the import left out: retracted by a curator, or a loop after a merge. */
  setAside: SetAside[];
}

/** SHA-256 of a text, hex: Document.contentHash, and what addDocument dedups by. */
export function textHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A hash of everything the dataset says, so that re-importing an unchanged file writes nothing. */
export function datasetHash(dataset: Dataset): string {
  return createHash("sha256").update(JSON.stringify(dataset)).digest("hex");
}

type IdKind = "entities" | "relationships" | "statistics" | "quotes";
function idKind(id: string): IdKind {
  if (id.startsWith("relationship:")) return "relationships";
  if (id.startsWith("statistic:")) return "statistics";
  if (id.startsWith("quote:")) return "quotes";
  return "entities";
}

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
      return {
        documentId,
        ...outcome.result.summary,
        counters: EMPTY_COUNTERS,
        seq: null,
        changed: 0,
      };
    default:
      throw new Error(`import of ${documentId}: unexpected outcome ${outcome.kind}`);
  }
}

interface ImportSummary {
  summary: { unchanged: boolean; added: string[]; removed: string[]; setAside: SetAside[] };
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
  const [doc] = await run<{
    previousIds: string[];
    previousHash: string | null;
    version: number | null;
    fields: Record<string, unknown>;
  }>({ name: "import.documentState", cypher: DOCUMENT_STATE, params: { documentId } });
  const previousIds = doc?.previousIds ?? [];
  if (doc?.previousHash === hash && !force) {
    return {
      kind: "nothing",
      result: { summary: { unchanged: true, added: [], removed: [], setAside: [] }, changed: 0 },
    };
  }

  // What curators did since: merged ids write to the kept entity, retracted elements stay out.
  const { curated, present } = await curatedSince(run, dataset);
  const contributions = documentContributions(dataset, curated);
  const ids = [
    ...contributions.entities.keys(),
    ...contributions.relationships.keys(),
    ...contributions.statistics.keys(),
    ...contributions.quotes.keys(),
  ];
  const current = new Set(ids);
  const previous = new Set(previousIds);
  const summary = {
    unchanged: doc?.previousHash === hash,
    added: ids.filter((id) => !previous.has(id)),
    removed: previousIds.filter((id) => !current.has(id)),
    setAside: contributions.setAside,
  };

  // Every id written to was read already (curatedSince); what the document no longer states may not have been.
  const unread: Record<IdKind, string[]> = { entities: [], relationships: [], statistics: [], quotes: [] };
  for (const id of summary.removed) if (!isIn(present, id)) unread[idKind(id)].push(id);
  const more = await readElements(run, unread);
  const stored: StoredElements = {
    entities: new Map([...present.entities, ...more.entities]),
    relationships: new Map([...present.relationships, ...more.relationships]),
    statistics: new Map([...present.statistics, ...more.statistics]),
    quotes: new Map([...present.quotes, ...more.quotes]),
  };

  // Statistics and quotes belong to one source; the change-log lock makes this check race-free (#18.5).
  const ownedElsewhere = [...contributions.statistics.keys(), ...contributions.quotes.keys()]
    .map((id): Element | undefined => stored.statistics.get(id) ?? stored.quotes.get(id))
    .filter((e): e is Element => e !== undefined && e.sources.at(-1)?.key !== documentId)
    .map((e) => e.id);
  if (ownedElsewhere.length > 0) {
    throw new ImportConflictError(
      `${documentId} reuses statistic or quote ids that another source owns: ${ownedElsewhere.join(", ")}; give them ids of their own`,
    );
  }

  const plan: Planned[] = [];
  for (const [id, data] of contributions.entities) {
    const before = stored.entities.get(id) ?? null;
    const sources = withSource(before?.sources ?? [], documentId, data);
    plan.push({ before, after: { kind: "entity", id, version: before?.version ?? 0, sources } });
  }
  for (const [id, data] of contributions.relationships) {
    const before = stored.relationships.get(id) ?? null;
    const sources = withSource(before?.sources ?? [], documentId, data);
    plan.push({ before, after: { kind: "relationship", id, version: before?.version ?? 0, sources } });
  }
  for (const [id, data] of contributions.statistics) {
    const before = stored.statistics.get(id) ?? null;
    const sources = [{ key: documentId, data }];
    plan.push({ before, after: { kind: "statistic", id, version: before?.version ?? 0, sources } });
  }
  for (const [id, data] of contributions.quotes) {
    const before = stored.quotes.get(id) ?? null;
    const sources = [{ key: documentId, data }];
    plan.push({ before, after: { kind: "quote", id, version: before?.version ?? 0, sources } });
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

/** One statement per batch of ids (a large dataset names many). */
async function batched<Row extends RecordShape>(
  run: Run,
  name: string,
  cypher: string,
  ids: string[],
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const batch of chunks(ids)) rows.push(...(await run<Row>({ name, cypher, params: { ids: batch } })));
  return rows;
}

function isIn(stored: StoredElements, id: string): boolean {
  return (
    stored.entities.has(id) ||
    stored.relationships.has(id) ||
    stored.statistics.has(id) ||
    stored.quotes.has(id)
  );
}

/**
 * The merges that apply to the ids the dataset names, which of the elements it states a curator
 * retracted, and the stored state of every id the import may write to (read once, here).
 */
async function curatedSince(
  run: Run,
  dataset: Dataset,
): Promise<{ curated: Curated; present: StoredElements }> {
  const merged = await batched<{ id: string; into: string }>(
    run,
    "import.mergedTargets",
    MERGED_TARGETS,
    referencedEntityIds(dataset),
  );
  const mergedInto = new Map(merged.map((m) => [m.id, m.into]));
  const resolve = (id: string): string => mergedInto.get(id) ?? id;
  const candidates = new Set([
    ...referencedEntityIds(dataset).map(resolve),
    ...dataset.relationships.flatMap((r) => [r.id, relationshipId(resolve(r.from), r.type, resolve(r.to))]),
    ...dataset.statistics.map((s) => s.id),
    ...dataset.quotes.map((q) => q.id),
  ]);
  const ofKind = (kind: IdKind): string[] => [...candidates].filter((id) => idKind(id) === kind);
  const nodes = await readElements(run, {
    entities: ofKind("entities"),
    statistics: ofKind("statistics"),
    quotes: ofKind("quotes"),
  });
  // A relationship is stored only between two stored entities: the links of a new entity (most of
  // a document's links) are known to be absent without a read.
  const bothEndsStored = (id: string): boolean => {
    const ends = parseRelationshipId(id);
    return ends !== null && nodes.entities.has(ends.from) && nodes.entities.has(ends.to);
  };
  const links = await readElements(run, { relationships: ofKind("relationships").filter(bothEndsStored) });
  const present: StoredElements = { ...nodes, relationships: links.relationships };
  // Only ids not in the graph can have been retracted (a retraction deletes); most are, so one indexed read.
  const absent = [...candidates].filter((id) => !isIn(present, id));
  const retracted = await batched<{ id: string }>(run, "import.retractedIds", RETRACTED_IDS, absent);
  return { curated: { mergedInto, retracted: new Set(retracted.map((r) => r.id)) }, present };
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
