import { int, type CypherExecutor, type CypherQuery } from "./executor";

export interface MetricCountRecord {
  metric: string;
  count: number;
}

/**
 * The metrics statistics use, grouped as `statistics(metric:)` matches them (case-insensitively,
 * on metricKey), most used first; a metric spelt several ways shows its smallest spelling.
 *
 * Neo4j's count store cannot answer this: it counts nodes per label, not per property value. The
 * `statistic_metric_spelling` index (metricKey, metric) can: the query reads its entries alone, in
 * key order (an ordered aggregation, one db hit per statistic, where the label scan read each
 * statistic's node and two properties: three). Still one entry per statistic: a graph with
 * millions of statistics would want per-metric counters kept by the write layer (docs/benchmarks.md).
 * Every statistic has both properties (src/write/elements.ts), so the IS NOT NULL filter, which
 * lets the planner use the index, drops none.
 */
export function metricCountsQuery(limit: number): CypherQuery {
  return {
    name: "statistics.metricCounts",
    cypher: `MATCH (s:Statistic)
WHERE s.metricKey IS NOT NULL AND s.metric IS NOT NULL
WITH s.metricKey AS key, min(s.metric) AS metric, count(*) AS count
RETURN metric, count
ORDER BY count DESC, metric
LIMIT $limit`,
    params: { limit: int(limit) },
  };
}

export function metricCounts(
  executor: Pick<CypherExecutor, "read">,
  limit: number,
): Promise<MetricCountRecord[]> {
  return executor.read<{ metric: string; count: number }>(metricCountsQuery(limit));
}
