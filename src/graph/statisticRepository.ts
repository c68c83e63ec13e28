import {
  readByIds,
  readCheckedPage,
  readCount,
  readCountsOf,
  readPage,
  readPagesOf,
  type CheckedPage,
} from "./batchReads";
import { int, type CypherExecutor, type CypherQuery } from "./executor";
import { toStatistic } from "./mappers";
import { entityProjection, statisticProjection } from "./projections";
import type { StatisticPage, StatisticRecord } from "./records";

export interface StatisticFilter {
  subject: string | null;
  metric: string | null;
}

/**
 * Statistics ordered by id. A subject anchors the match on the entity's id index; a metric uses
 * the metricKey index (metrics match case-insensitively). Both filters are parameters.
 */
function matchStatistics(filter: StatisticFilter, paged: boolean): string {
  const subject = filter.subject === null ? "(subject:Entity)" : "(subject:Entity {id: $subject})";
  const conditions = [
    ...(paged ? ["s.id > $after"] : []),
    ...(filter.metric === null ? [] : ["s.metricKey = $metricKey"]),
  ];
  const where = conditions.length === 0 ? "" : `\nWHERE ${conditions.join(" AND ")}`;
  return `MATCH (s:Statistic)-[:STATISTIC_OF]->${subject}${where}`;
}

export function listStatisticsQuery(
  filter: StatisticFilter,
  after: string | null,
  limit: number,
): CypherQuery {
  return {
    name: "statistics.list",
    cypher: `
${matchStatistics(filter, true)}
RETURN ${statisticProjection("s", "subject")} AS row
ORDER BY s.id
LIMIT $limit`,
    params: { ...filterParams(filter), after: after ?? "", limit: int(limit) },
  };
}

/**
 * A subject's page and whether the subject exists, in one statement: the subject is anchored on the
 * id index (OPTIONAL, so a missing one still answers, with `found` empty and no rows), and its
 * statistics are read from it in the same order and limit as listStatisticsQuery. No Statistic
 * label: STATISTIC_OF leaves only statistics (docs/graph-model.md), and with the label the planner
 * may page through the Statistic id index instead of starting from the subject.
 */
export function listStatisticsOfSubjectQuery(
  subject: string,
  metric: string | null,
  after: string | null,
  limit: number,
): CypherQuery {
  const conditions = ["s.id > $after", ...(metric === null ? [] : ["s.metricKey = $metricKey"])];
  return {
    name: "statistics.listOfSubject",
    cypher: `
OPTIONAL MATCH (subject:Entity {id: $subject})
CALL (subject) {
  MATCH (s)-[:STATISTIC_OF]->(subject)
  WHERE ${conditions.join(" AND ")}
  WITH s ORDER BY s.id LIMIT $limit
  RETURN collect(${statisticProjection("s", "subject")}) AS rows
}
RETURN [e IN [subject] WHERE e IS NOT NULL | ${entityProjection("e")}] AS found, rows`,
    params: { ...filterParams({ subject, metric }), after: after ?? "", limit: int(limit) },
  };
}

export function countStatisticsQuery(filter: StatisticFilter): CypherQuery {
  return {
    name: "statistics.count",
    cypher: `\n${matchStatistics(filter, false)}\nRETURN count(s) AS count`,
    params: filterParams(filter),
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

  byIds(ids: readonly string[]): Promise<Array<StatisticRecord | null>> {
    const query = { name: "statistics.byIds", cypher: STATISTICS_BY_IDS, params: { ids } };
    return readByIds(this.executor, query, ids, toStatistic);
  }

  /**
   * `withRows: false` reads no rows: for a client that asks only for the totalCount. `found` holds
   * the subject when the page's statement saw it (a subject filter's page is one statement that
   * also looks the subject up); empty when it did not look or found nothing.
   */
  async list(
    filter: StatisticFilter,
    first: number,
    after: string | null,
    withRows = true,
  ): Promise<CheckedPage<StatisticRecord>> {
    const count = (): Promise<number> => readCount(this.executor, countStatisticsQuery(filter));
    if (withRows && filter.subject !== null) {
      const query = listStatisticsOfSubjectQuery(filter.subject, filter.metric, after, first + 1);
      return readCheckedPage(this.executor, query, { first, after }, toStatistic, count);
    }
    const query = listStatisticsQuery(filter, after, first + 1);
    const page = await readPage(this.executor, query, { first, after, withRows }, toStatistic, count);
    return { page, found: [] };
  }

  pagesOf(
    ids: readonly string[],
    page: { first: number; after: string | null },
    count: (id: string) => Promise<number>,
  ): Promise<StatisticPage[]> {
    const query = {
      name: "statistics.ofSubjects",
      cypher: STATISTICS_OF_SUBJECTS,
      params: { ids, after: page.after ?? "", limit: int(page.first + 1) },
    };
    return readPagesOf(this.executor, query, ids, page, toStatistic, count);
  }

  countsOf(ids: readonly string[]): Promise<number[]> {
    const query = {
      name: "statistics.countOfSubjects",
      cypher: COUNT_STATISTICS_OF_SUBJECTS,
      params: { ids },
    };
    return readCountsOf(this.executor, query, ids);
  }
}
