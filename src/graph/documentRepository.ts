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
}
