import { readByIds } from "./batchReads";
import type { CypherExecutor } from "./executor";
import { toDocument } from "./mappers";
import { documentProjection } from "./projections";
import type { DocumentRecord } from "./records";

export const DOCUMENTS_BY_IDS = `
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN ${documentProjection("d")} AS row`;

export class DocumentRepository {
  constructor(private readonly executor: CypherExecutor) {}

  byIds(ids: readonly string[]): Promise<Array<DocumentRecord | null>> {
    const query = { name: "documents.byIds", cypher: DOCUMENTS_BY_IDS, params: { ids } };
    return readByIds(this.executor, query, ids, toDocument);
  }
}
