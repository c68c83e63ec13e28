import type { CypherExecutor } from "../../src/graph/executor";

export interface CitedElement {
  id: string;
  /** This document's citations of the element (others' are left out). */
  citations: Array<{ quote: string; start: number; end: number }>;
}

/** Every node and relationship citing `documentId`, with the citations that document gives it. */
export async function citationsOf(executor: CypherExecutor, documentId: string): Promise<CitedElement[]> {
  const rows = await executor.read<{ id: string; starts: number[]; ends: number[]; quotes: string[] }>({
    name: "test.citationsOf",
    cypher: `
CALL () {
  MATCH (n) WHERE $documentId IN n.citeDoc RETURN n
  UNION ALL
  MATCH ()-[n]->() WHERE $documentId IN n.citeDoc RETURN n
}
WITH n, [i IN range(0, size(n.citeDoc) - 1) WHERE n.citeDoc[i] = $documentId] AS mine
RETURN n.id AS id, [i IN mine | n.citeStart[i]] AS starts, [i IN mine | n.citeEnd[i]] AS ends,
       [i IN mine | n.citeQuote[i]] AS quotes`,
    params: { documentId },
  });
  return rows.map((row) => ({
    id: row.id,
    citations: row.quotes.map((quote, i) => ({ quote, start: row.starts[i] ?? -1, end: row.ends[i] ?? -1 })),
  }));
}
