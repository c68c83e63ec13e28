import { readByIds, readCount, readPage } from "./batchReads";
import { int, type CypherExecutor } from "./executor";
import { toDocument, toEntity } from "./mappers";
import { documentProjection, entityProjection } from "./projections";
import type { DocumentPage, DocumentRecord, EntityPage } from "./records";

export const DOCUMENTS_BY_IDS = `
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN ${documentProjection("d")} AS row`;

/** Ordered by id through the document id constraint's index. */
export const LIST_DOCUMENTS = `
MATCH (d:Document)
WHERE d.id > $after
RETURN ${documentProjection("d")} AS row
ORDER BY d.id
LIMIT $limit`;

export const COUNT_DOCUMENTS = `MATCH (d:Document) RETURN count(d) AS count`;

/**
 * Entities citing a document, by id. Citations are lists on the entity, so this walks entities in
 * id order and keeps those citing the document: the cost grows with the entities before the page
 * fills (docs/curation.md).
 */
export const ENTITIES_OF_DOCUMENT = `
MATCH (n:Entity)
WHERE n.id > $after AND $id IN n.citeDoc
RETURN ${entityProjection("n")} AS row
ORDER BY n.id
LIMIT $limit`;

export const COUNT_ENTITIES_OF_DOCUMENT = `
MATCH (n:Entity)
WHERE $id IN n.citeDoc
RETURN count(n) AS count`;

/** Whole texts, read only for Document.text. */
export const DOCUMENT_TEXTS = `
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.text AS text`;

/** `length` characters of a document's text from `from` (fewer at its end); Neo4j's substring counts UTF-16 units, as the offsets do. */
export const DOCUMENT_EXCERPTS = `
UNWIND $items AS item
MATCH (d:Document {id: item.documentId})
RETURN item.key AS key, substring(d.text, item.from, item.length) AS excerpt`;

/** A piece of a document's text, in UTF-16 offsets. */
export interface ExcerptKey {
  documentId: string;
  from: number;
  length: number;
}

export const excerptKey = (k: ExcerptKey): string => `${k.from}:${k.length}:${k.documentId}`;

export class DocumentRepository {
  constructor(private readonly executor: CypherExecutor) {}

  byIds(ids: readonly string[]): Promise<Array<DocumentRecord | null>> {
    const query = { name: "documents.byIds", cypher: DOCUMENTS_BY_IDS, params: { ids } };
    return readByIds(this.executor, query, ids, toDocument);
  }

  list(first: number, after: string | null, withRows = true): Promise<DocumentPage> {
    const query = {
      name: "documents.list",
      cypher: LIST_DOCUMENTS,
      params: { after: after ?? "", limit: int(first + 1) },
    };
    return readPage(this.executor, query, { first, after, withRows }, toDocument, () =>
      readCount(this.executor, { name: "documents.count", cypher: COUNT_DOCUMENTS, params: {} }),
    );
  }

  entitiesOf(id: string, first: number, after: string | null, withRows = true): Promise<EntityPage> {
    const query = {
      name: "documents.entities",
      cypher: ENTITIES_OF_DOCUMENT,
      params: { id, after: after ?? "", limit: int(first + 1) },
    };
    return readPage(this.executor, query, { first, after, withRows }, toEntity, () =>
      readCount(this.executor, {
        name: "documents.countEntities",
        cypher: COUNT_ENTITIES_OF_DOCUMENT,
        params: { id },
      }),
    );
  }

  /** Documents' whole texts; null for an unknown document. */
  async textsOf(ids: readonly string[]): Promise<Array<string | null>> {
    const rows = await this.executor.read<{ id: string; text: string }>({
      name: "documents.texts",
      cypher: DOCUMENT_TEXTS,
      params: { ids },
    });
    const found = new Map(rows.map((r) => [r.id, r.text]));
    return ids.map((id) => found.get(id) ?? null);
  }

  /** Pieces of documents' texts, read without the rest of the text; null for an unknown document. */
  async excerpts(keys: readonly ExcerptKey[]): Promise<Array<string | null>> {
    const items = keys.map((k) => ({ ...k, from: int(k.from), length: int(k.length), key: excerptKey(k) }));
    const rows = await this.executor.read<{ key: string; excerpt: string }>({
      name: "documents.excerpts",
      cypher: DOCUMENT_EXCERPTS,
      params: { items },
    });
    const found = new Map(rows.map((r) => [r.key, r.excerpt]));
    return keys.map((k) => found.get(excerptKey(k)) ?? null);
  }
}
