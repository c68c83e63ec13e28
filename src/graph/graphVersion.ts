import type { CypherExecutor, CypherQuery } from "./executor";

/**
 * The graph's version: the seq of its last change, kept on the single (:ChangeLog) counter node
 * that every write transaction increments (the write layer). One index seek, no other reads.
 */
export const GRAPH_VERSION: CypherQuery = {
  name: "graph.version",
  cypher: "MATCH (l:ChangeLog {id: 'changes'})\nRETURN l.seq AS seq",
  params: {},
};

/** The last change's seq; 0 for a graph that has no change log yet. */
export async function readGraphVersion(executor: Pick<CypherExecutor, "read">): Promise<number> {
  const [row] = await executor.read<{ seq: number | null }>(GRAPH_VERSION);
  return typeof row?.seq === "number" ? row.seq : 0;
}
