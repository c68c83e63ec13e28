import { createHash } from "node:crypto";
import type { CypherExecutor } from "../../src/graph/executor";

/**
 * What one document put in the graph, as counts and a content checksum: its Document node, and
 * every node and relationship citing it, with all their properties and labels/types and ends.
 */
export async function documentContent(
  executor: CypherExecutor,
  documentId: string,
): Promise<{ nodes: number; relationships: number; checksum: string }> {
  const rows = await executor.read<{ kind: string; item: unknown }>({
    name: "test.documentContent",
    cypher: `
MATCH (d:Document {id: $documentId})
RETURN 'document' AS kind, properties(d) AS item
UNION ALL
MATCH (n) WHERE $documentId IN n.citeDoc
RETURN 'node' AS kind, {labels: labels(n), props: properties(n)} AS item
UNION ALL
MATCH (a)-[r]->(b) WHERE $documentId IN r.citeDoc
RETURN 'relationship' AS kind, {type: type(r), from: a.id, to: b.id, props: properties(r)} AS item
UNION ALL
MATCH (q)-[r:SAID_BY|QUOTE_ABOUT|STATISTIC_OF]->(b) WHERE $documentId IN q.citeDoc
RETURN 'link' AS kind, {type: type(r), from: q.id, to: b.id} AS item`,
    params: { documentId },
  });
  const canonical = rows.map((r) => JSON.stringify(sortKeys({ kind: r.kind, item: r.item }))).sort();
  return {
    nodes: rows.filter((r) => r.kind === "node").length,
    relationships: rows.filter((r) => r.kind === "relationship").length,
    checksum: createHash("sha256").update(canonical.join("\n")).digest("hex"),
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  // Labels come in no particular order; every other list (citations) is ordered.
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, k === "labels" && Array.isArray(v) ? [...(v as string[])].sort() : sortKeys(v)]),
    );
  }
  return value;
}
