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
import { toQuote } from "./mappers";
import { entityProjection, quoteProjection } from "./projections";
import type { QuotePage, QuoteRecord } from "./records";

export interface QuoteFilter {
  speaker: string | null;
  about: string | null;
}

/** Quotes ordered by id; a speaker or an about entity anchors the match on that entity's id index. */
function matchQuotes(filter: QuoteFilter, paged: boolean): string {
  const clauses = ["MATCH (q:Quote)"];
  if (filter.speaker !== null) clauses.push("MATCH (q)-[:SAID_BY]->(:Person {id: $speaker})");
  if (filter.about !== null) clauses.push("MATCH (q)-[:QUOTE_ABOUT]->(:Entity {id: $about})");
  if (paged) clauses.push("WHERE q.id > $after");
  return clauses.join("\n");
}

export function listQuotesQuery(filter: QuoteFilter, after: string | null, limit: number): CypherQuery {
  return {
    name: "quotes.list",
    cypher: `
${matchQuotes(filter, true)}
RETURN ${quoteProjection("q")} AS row
ORDER BY q.id
LIMIT $limit`,
    params: { speaker: filter.speaker, about: filter.about, after: after ?? "", limit: int(limit) },
  };
}

/**
 * The page of quotes by a speaker and/or about an entity, and which of those entities exist, in one
 * statement: each is anchored on the id index (OPTIONAL, so a missing one still answers, absent
 * from `found`, with no rows), and the quotes are read from them (never from the Quote id index) in
 * the same order and limit as listQuotesQuery (a speaker that is not a Person has none).
 */
export function listQuotesOfEntitiesQuery(
  filter: QuoteFilter,
  after: string | null,
  limit: number,
): CypherQuery {
  const anchors = [
    ...(filter.speaker === null ? [] : ["speaker"]),
    ...(filter.about === null ? [] : ["about"]),
  ];
  // No Quote label: SAID_BY and QUOTE_ABOUT leave only quotes (docs/graph-model.md), and with the
  // label the planner may page through the Quote id index instead of starting from the entities.
  const patterns = [
    ...(filter.speaker === null ? [] : ["(q)-[:SAID_BY]->(speaker)"]),
    ...(filter.about === null ? [] : ["(q)-[:QUOTE_ABOUT]->(about)"]),
  ];
  const conditions = [...(filter.speaker === null ? [] : ["speaker:Person"]), "q.id > $after"];
  return {
    name: "quotes.listOfEntities",
    cypher: `
${anchors.map((a) => `OPTIONAL MATCH (${a}:Entity {id: $${a}})`).join("\n")}
CALL (${anchors.join(", ")}) {
  MATCH ${patterns.join(", ")}
  WHERE ${conditions.join(" AND ")}
  WITH q ORDER BY q.id LIMIT $limit
  RETURN collect(${quoteProjection("q")}) AS rows
}
RETURN [e IN [${anchors.join(", ")}] WHERE e IS NOT NULL | ${entityProjection("e")}] AS found, rows`,
    params: { speaker: filter.speaker, about: filter.about, after: after ?? "", limit: int(limit) },
  };
}

export function countQuotesQuery(filter: QuoteFilter): CypherQuery {
  return {
    name: "quotes.count",
    cypher: `\n${matchQuotes(filter, false)}\nRETURN count(q) AS count`,
    params: { speaker: filter.speaker, about: filter.about },
  };
}

export const QUOTES_BY_IDS = `
UNWIND $ids AS id
MATCH (q:Quote {id: id})
RETURN ${quoteProjection("q")} AS row`;

export const QUOTES_OF_SPEAKERS = `
UNWIND $ids AS id
MATCH (p:Person {id: id})
CALL (p) {
  MATCH (q:Quote)-[:SAID_BY]->(p)
  WHERE q.id > $after
  WITH q ORDER BY q.id LIMIT $limit
  RETURN collect(${quoteProjection("q")}) AS rows
}
RETURN id, rows`;

export const COUNT_QUOTES_OF_SPEAKERS = `
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN id, COUNT { (:Quote)-[:SAID_BY]->(p) } AS count`;

export class QuoteRepository {
  constructor(private readonly executor: CypherExecutor) {}

  byIds(ids: readonly string[]): Promise<Array<QuoteRecord | null>> {
    const query = { name: "quotes.byIds", cypher: QUOTES_BY_IDS, params: { ids } };
    return readByIds(this.executor, query, ids, toQuote);
  }

  /**
   * `withRows: false` reads no rows: for a client that asks only for the totalCount. `found` holds
   * the speaker and about ids the page's statement saw (with a speaker or about filter the page is
   * one statement that also looks them up); empty when it did not look or found nothing.
   */
  async list(
    filter: QuoteFilter,
    first: number,
    after: string | null,
    withRows = true,
  ): Promise<CheckedPage<QuoteRecord>> {
    const count = (): Promise<number> => readCount(this.executor, countQuotesQuery(filter));
    if (withRows && (filter.speaker !== null || filter.about !== null)) {
      const query = listQuotesOfEntitiesQuery(filter, after, first + 1);
      return readCheckedPage(this.executor, query, { first, after }, toQuote, count);
    }
    const query = listQuotesQuery(filter, after, first + 1);
    const page = await readPage(this.executor, query, { first, after, withRows }, toQuote, count);
    return { page, found: [] };
  }

  pagesOf(
    ids: readonly string[],
    page: { first: number; after: string | null },
    count: (id: string) => Promise<number>,
  ): Promise<QuotePage[]> {
    const query = {
      name: "quotes.ofSpeakers",
      cypher: QUOTES_OF_SPEAKERS,
      params: { ids, after: page.after ?? "", limit: int(page.first + 1) },
    };
    return readPagesOf(this.executor, query, ids, page, toQuote, count);
  }

  countsOf(ids: readonly string[]): Promise<number[]> {
    const query = { name: "quotes.countOfSpeakers", cypher: COUNT_QUOTES_OF_SPEAKERS, params: { ids } };
    return readCountsOf(this.executor, query, ids);
  }
}
