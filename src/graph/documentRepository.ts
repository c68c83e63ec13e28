import type { CypherExecutor } from "./executor";
import { toDocument, type DocumentRow } from "./mappers";
import { documentProjection } from "./projections";
import type { DocumentRecord } from "./records";

export const DOCUMENTS_BY_IDS = `
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN ${documentProjection("d")} AS row`;

export class DocumentRepository {
  constructor(private readonly executor: CypherExecutor) {}

  async byIds(ids: readonly string[]): Promise<Array<DocumentRecord | null>> {
    const rows = await this.executor.read<{ row: DocumentRow }>({
      name: "documents.byIds",
      cypher: DOCUMENTS_BY_IDS,
      params: { ids },
    });
    const byId = new Map(rows.map(({ row }) => [row.id, toDocument(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
