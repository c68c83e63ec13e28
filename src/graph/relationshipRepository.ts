import type { Direction } from "../generated/resolvers-types";
import { readByIds, readCitationsOf, readCountsOf, readPagesOf } from "./batchReads";
import { int, type CypherExecutor, type CypherQuery } from "./executor";
import { toRelationship, tupleFarEnd, tupleToRelationship, type RelationshipTuple } from "./mappers";
import { citationsProjection, relationshipProjection } from "./projections";
import type { CitationRecord, EntityRecord, RelationshipPage, RelationshipRecord } from "./records";
import { parseRelationshipId } from "./relationshipId";

/** The ends of each well-formed relationship id: what finds the relationship through the id index. */
function relationshipRefs(ids: readonly string[]): Array<{ id: string; from: string; to: string }> {
  return ids.flatMap((id) => {
    const parsed = parseRelationshipId(id);
    return parsed === null ? [] : [{ id, from: parsed.from, to: parsed.to }];
  });
}

/** The pattern for each direction, seen from `n`; only entity-to-entity links (not statistics or quotes). */
const PATTERN: Record<Direction, string> = {
  OUT: "(n)-[r]->(m:Entity)",
  IN: "(n)<-[r]-(m:Entity)",
  BOTH: "(n)-[r]-(m:Entity)",
};

/** Relationships `r` by id: their ends' ids (from relationshipRefs) find them through the id index. */
const MATCH_BY_REFS = `
UNWIND $refs AS ref
MATCH (:Entity {id: ref.from})-[r]->(:Entity {id: ref.to})
WHERE r.id = ref.id`;

export const RELATIONSHIPS_BY_IDS = `${MATCH_BY_REFS}
RETURN ${relationshipProjection("r")} AS row`;

export const RELATIONSHIP_CITATIONS_BY_IDS = `${MATCH_BY_REFS}
RETURN ${citationsProjection("r")} AS row`;

/**
 * One page of relationships for each of many entities, in one query (the N+1 killer for nested
 * lists). `withEnds` adds each relationship's far end as `far` (the near one is the parent), for
 * a client that asks for `from` or `to`: one query less than loading the ends by id afterwards.
 */
export function relationshipsOfEntitiesQuery(
  ids: readonly string[],
  types: string[] | null,
  direction: Direction,
  after: string | null,
  limit: number,
  withEnds = false,
): CypherQuery {
  return {
    name: `relationships.ofEntities.${direction}${withEnds ? ".withEnds" : ""}`,
    cypher: `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
${relationshipPageCall(direction, withEnds, { after: "after", limit: "limit" })}
RETURN id, rows`,
    params: { ids, types, after: after ?? "", limit: int(limit) },
  };
}

/**
 * The subquery that reads one page of `n`'s relationships as `rows`, ordered by relationship id;
 * `$types` and the named `after`/`limit` parameters bound it. Shared by the batched page query
 * above and the entity list that reads its entities' pages in the same statement. Each row is a
 * list (RelationshipTuple in mappers.ts), not a map: decoding a map's keys cost the driver more
 * than the values.
 */
export function relationshipPageCall(
  direction: Direction,
  withEnds: boolean,
  param: { after: string; limit: string },
): string {
  const far = withEnds ? ", m.kind, m.name, m.aliases, m.description, m.date, m.version" : "";
  const row = `[type(r), startNode(r) = n, r.properties, r.background, r.version, m.id${far}]`;
  return `CALL (n) {
  MATCH ${PATTERN[direction]}
  WHERE ($types IS NULL OR type(r) IN $types) AND r.id > $${param.after}
  WITH DISTINCT r, m
  ORDER BY r.id
  LIMIT $${param.limit}
  RETURN collect(${row}) AS rows
}`;
}

export function countRelationshipsOfEntitiesQuery(
  ids: readonly string[],
  types: string[] | null,
  direction: Direction,
): CypherQuery {
  return {
    name: `relationships.countOfEntities.${direction}`,
    cypher: `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, COUNT { MATCH ${PATTERN[direction]} WHERE $types IS NULL OR type(r) IN $types } AS count`,
    params: { ids, types },
  };
}

export interface RelationshipArgs {
  types: string[] | null;
  direction: Direction;
  /** Read the far ends too (see relationshipsOfEntitiesQuery). */
  withEnds: boolean;
  first: number;
  /** The decoded sort key of `after`. */
  after: string | null;
}

export class RelationshipRepository {
  constructor(private readonly executor: CypherExecutor) {}

  async byIds(ids: readonly string[]): Promise<Array<RelationshipRecord | null>> {
    const refs = relationshipRefs(ids);
    if (refs.length === 0) return ids.map(() => null);
    const query = { name: "relationships.byIds", cypher: RELATIONSHIPS_BY_IDS, params: { refs } };
    return readByIds(this.executor, query, ids, toRelationship);
  }

  /** For a DataLoader: the citations of any number of relationships, in one query. */
  async citationsOf(ids: readonly string[]): Promise<CitationRecord[][]> {
    const refs = relationshipRefs(ids);
    if (refs.length === 0) return ids.map(() => []);
    const query = {
      name: "relationships.citations",
      cypher: RELATIONSHIP_CITATIONS_BY_IDS,
      params: { refs },
    };
    return readCitationsOf(this.executor, query, ids);
  }

  /**
   * Rows of relationshipPageCall (the page of entity `nearId`) as records, collecting the far ends
   * (withEnds) into `ends`.
   */
  static toRecords(nearId: string, rows: RelationshipTuple[], ends: EntityRecord[]): RelationshipRecord[] {
    return rows.map((row) => RelationshipRepository.toRecord(nearId, row, ends));
  }

  private static toRecord(nearId: string, row: RelationshipTuple, ends: EntityRecord[]): RelationshipRecord {
    const far = tupleFarEnd(row);
    if (far !== null) ends.push(far);
    return tupleToRelationship(nearId, row);
  }

  /**
   * Pages for many entities with the same arguments; `count` runs only when a client asks for
   * totalCount; `onEnds` receives the far ends read with them (`withEnds`).
   */
  async pagesOf(
    ids: readonly string[],
    args: RelationshipArgs,
    count: (id: string) => Promise<number>,
    onEnds: (ends: EntityRecord[]) => void,
  ): Promise<RelationshipPage[]> {
    const { types, direction, after, first, withEnds } = args;
    const query = relationshipsOfEntitiesQuery(ids, types, direction, after, first + 1, withEnds);
    const ends: EntityRecord[] = [];
    const toRecord = (row: RelationshipTuple, nearId: string): RelationshipRecord =>
      RelationshipRepository.toRecord(nearId, row, ends);
    const pages = await readPagesOf(this.executor, query, ids, args, toRecord, count);
    onEnds(ends);
    return pages;
  }

  countsOf(ids: readonly string[], types: string[] | null, direction: Direction): Promise<number[]> {
    return readCountsOf(this.executor, countRelationshipsOfEntitiesQuery(ids, types, direction), ids);
  }
}
