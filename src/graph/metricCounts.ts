import { int, type CypherExecutor, type CypherQuery } from "./executor";

export interface MetricCountRecord {
  metric: string;
  count: number;
}

/**
 * The metrics statistics use, grouped as `statistics(metric:)` matches them (case-insensitively,
 * on metricKey), most used first. Reads every statistic's metricKey: fine for thousands of
 * statistics; a graph with millions would want a counter kept by the write layer.
 */
export function metricCountsQuery(limit: number): CypherQuery {
  return {
    name: "statistics.metricCounts",
    cypher: `MATCH (s:Statistic)
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
