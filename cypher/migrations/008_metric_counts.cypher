// metrics (src/graph/metricCounts.ts): each statistic's metric key and spelling in one index, so
// that counting statistics per metric reads index entries alone (no node or property reads).
CREATE INDEX statistic_metric_spelling IF NOT EXISTS FOR (s:Statistic) ON (s.metricKey, s.metric);
