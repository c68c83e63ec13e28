import { badUserInput } from "../errors";
import { encodeCursor } from "./cursor";
import { int, type CypherExecutor } from "./executor";
import type { LinkMethod, MentionPage, MentionRecord, ReviewStatus } from "./records";

/**
 * Reads of mentions (written by src/write/mutations/ingestDocument.ts). A mention keeps its
 * entity's id as a property, not a relationship, so that entity reads (relationships, neighbours)
 * never see mentions; an entity merged since resolves to the entity it went into, and a mention of
 * a retracted entity is not returned.
 */
const mentionProjection = (m: string, target: string): string =>
  `{id: ${m}.id, entityId: ${target}, documentId: ${m}.documentId, start: ${m}.start, end: ${m}.end,
    quote: ${m}.quote, method: ${m}.method, score: ${m}.score, status: ${m}.status, version: ${m}.version}`;

/** The entity a mention points at now: its own, or the one it was merged into; none when retracted. */
const resolveEntity = (m: string): string => `
OPTIONAL MATCH (merged:MergedId {id: ${m}.entityId})
WITH ${m}, coalesce(merged.into, ${m}.entityId) AS target
WHERE EXISTS { MATCH (:Entity {id: target}) }`;

export const MENTIONS_BY_IDS = `
UNWIND $ids AS id
MATCH (m:Mention {id: id})
${resolveEntity("m")}
RETURN ${mentionProjection("m", "target")} AS row`;

/** A document's mentions in text order (the (documentId, start) index), after offset `after`. */
export const MENTIONS_OF_DOCUMENT = `
MATCH (m:Mention)
WHERE m.documentId = $documentId AND m.start > $after AND ($status IS NULL OR m.status = $status)
${resolveEntity("m")}
RETURN ${mentionProjection("m", "target")} AS row
ORDER BY m.start
LIMIT $limit`;

export const COUNT_MENTIONS_OF_DOCUMENT = `
MATCH (m:Mention)
WHERE m.documentId = $documentId AND m.start >= 0 AND ($status IS NULL OR m.status = $status)
${resolveEntity("m")}
RETURN count(m) AS count`;

export interface MentionRow {
  id: string;
  entityId: string;
  documentId: string;
  start: number;
  end: number;
  quote: string;
  method: LinkMethod;
  score: number;
  status: ReviewStatus;
  version: number;
}

export function toMention(row: MentionRow): MentionRecord {
  return {
    __typename: "Mention",
    id: row.id,
    entityId: row.entityId,
    citation: { documentId: row.documentId, start: row.start, end: row.end, quote: row.quote },
    method: row.method,
    score: row.score,
    status: row.status,
    version: row.version,
  };
}

/** A mention page's cursor: the mention's start offset (mentions of one document never overlap). */
export function mentionCursor(start: number): string {
  return encodeCursor(`m${start}`);
}

function afterOffset(key: string | null): number {
  if (key === null) return -1;
  if (!/^m\d{1,10}$/.test(key)) {
    throw badUserInput("`after` is not a cursor of Document.mentions; pass its endCursor", "after");
  }
  return Number(key.slice(1));
}

export class MentionRepository {
  constructor(private readonly executor: CypherExecutor) {}

  async byIds(ids: readonly string[]): Promise<Array<MentionRecord | null>> {
    const rows = await this.executor.read<{ row: MentionRow }>({
      name: "mentions.byIds",
      cypher: MENTIONS_BY_IDS,
      params: { ids },
    });
    const found = new Map(rows.map(({ row }) => [row.id, toMention(row)]));
    return ids.map((id) => found.get(id) ?? null);
  }

  /** `after`: the decoded cursor key. */
  async ofDocument(
    documentId: string,
    args: { first: number; after: string | null; status: ReviewStatus | null },
  ): Promise<MentionPage> {
    const after = afterOffset(args.after);
    const rows = await this.executor.read<{ row: MentionRow }>({
      name: "mentions.ofDocument",
      cypher: MENTIONS_OF_DOCUMENT,
      params: { documentId, after: int(after), status: args.status, limit: int(args.first + 1) },
    });
    const mentions = rows.map(({ row }) => toMention(row));
    return {
      edges: mentions
        .slice(0, args.first)
        .map((node) => ({ cursor: mentionCursor(node.citation.start), node })),
      hasNextPage: mentions.length > args.first,
      hasPreviousPage: args.after !== null,
      totalCount: async () => {
        const [row] = await this.executor.read<{ count: number }>({
          name: "mentions.countOfDocument",
          cypher: COUNT_MENTIONS_OF_DOCUMENT,
          params: { documentId, status: args.status },
        });
        return row?.count ?? 0;
      },
    };
  }
}
