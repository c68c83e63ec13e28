import { int, type CypherExecutor, type CypherQuery } from "./executor";
import { toStatistic, type StatisticRow } from "./mappers";
import { toPage } from "./page";
import { statisticProjection } from "./projections";
import type { StatisticPage, StatisticRecord } from "./records";

export interface StatisticFilter {
  subject: string | null;
  metric: string | null;
}

/**
 * Statistics ordered by id. A subject anchors the match on the entity's id index; a metric uses
 * the metricKey index (metrics match case-insensitively). Both filters are parameters.
 */
function matchStatistics(filter: StatisticFilter): string {
  const subject = filter.subject === null ? "(subject:Entity)" : "(subject:Entity {id: $subject})";
  const metric = filter.metric === null ? "" : " AND s.metricKey = $metricKey";
  return `MATCH (s:Statistic)-[:STATISTIC_OF]->${subject}\nWHERE s.id > $after${metric}`;
}

export function listStatisticsQuery(
  filter: StatisticFilter,
  after: string | null,
  limit: number,
): CypherQuery {
  return {
    name: "statistics.list",
    cypher: `
${matchStatistics(filter)}
RETURN ${statisticProjection("s", "subject")} AS row
ORDER BY s.id
LIMIT $limit`,
    params: { ...filterParams(filter), after: after ?? "", limit: int(limit) },
  };
}

export function countStatisticsQuery(filter: StatisticFilter): CypherQuery {
  return {
    name: "statistics.count",
    cypher: `\n${matchStatistics(filter)}\nRETURN count(s) AS count`,
    params: { ...filterParams(filter), after: "" },
  };
}

function filterParams(filter: StatisticFilter): { subject: string | null; metricKey: string | null } {
  return { subject: filter.subject, metricKey: filter.metric?.toLowerCase() ?? null };
}

export const STATISTICS_OF_SUBJECTS = `
UNWIND $ids AS id
MATCH (subject:Entity {id: id})
CALL (subject) {
  MATCH (s:Statistic)-[:STATISTIC_OF]->(subject)
  WHERE s.id > $after
  WITH s ORDER BY s.id LIMIT $limit
  RETURN collect(${statisticProjection("s", "subject")}) AS rows
}
RETURN id, rows`;

export const COUNT_STATISTICS_OF_SUBJECTS = `
UNWIND $ids AS id
MATCH (subject:Entity {id: id})
RETURN id, COUNT { (:Statistic)-[:STATISTIC_OF]->(subject) } AS count`;

export const STATISTICS_BY_IDS = `
UNWIND $ids AS id
MATCH (s:Statistic {id: id})-[:STATISTIC_OF]->(subject:Entity)
RETURN ${statisticProjection("s", "subject")} AS row`;

export class StatisticRepository {
  constructor(private readonly executor: CypherExecutor) {}

  async byIds(ids: readonly string[]): Promise<Array<StatisticRecord | null>> {
    const rows = await this.executor.read<{ row: StatisticRow }>({
      name: "statistics.byIds",
      cypher: STATISTICS_BY_IDS,
      params: { ids },
    });
    const byId = new Map(rows.map(({ row }) => [row.id, toStatistic(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async list(filter: StatisticFilter, first: number, after: string | null): Promise<StatisticPage> {
    const rows = await this.executor.read<{ row: StatisticRow }>(
      listStatisticsQuery(filter, after, first + 1),
    );
    return toPage(
      rows.map(({ row }) => toStatistic(row)),
      first,
      after !== null,
      async () => {
        const [row] = await this.executor.read<{ count: number }>(countStatisticsQuery(filter));
        return row?.count ?? 0;
      },
    );
  }

  async pagesOf(
    ids: readonly string[],
    first: number,
    after: string | null,
    count: (id: string) => Promise<number>,
  ): Promise<StatisticPage[]> {
    const rows = await this.executor.read<{ id: string; rows: StatisticRow[] }>({
      name: "statistics.ofSubjects",
      cypher: STATISTICS_OF_SUBJECTS,
      params: { ids, after: after ?? "", limit: int(first + 1) },
    });
    const byId = new Map(rows.map((r) => [r.id, r.rows.map(toStatistic)]));
    return ids.map((id) => toPage(byId.get(id) ?? [], first, after !== null, () => count(id)));
  }

  async countsOf(ids: readonly string[]): Promise<number[]> {
    const rows = await this.executor.read<{ id: string; count: number }>({
      name: "statistics.countOfSubjects",
      cypher: COUNT_STATISTICS_OF_SUBJECTS,
      params: { ids },
    });
    const byId = new Map(rows.map((r) => [r.id, r.count]));
    return ids.map((id) => byId.get(id) ?? 0);
  }
}
