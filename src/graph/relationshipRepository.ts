import type { Direction } from "../generated/resolvers-types";
import { readByIds, readCitationsOf, readCountsOf, readPagesOf } from "./batchReads";
import { int, type CypherExecutor, type CypherQuery } from "./executor";
import { toRelationship } from "./mappers";
import { citationsProjection, relationshipProjection } from "./projections";
import type { CitationRecord, RelationshipPage, RelationshipRecord } from "./records";
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

export const RELATIONSHIPS_BY_IDS = `
UNWIND $refs AS ref
MATCH (:Entity {id: ref.from})-[r]->(:Entity {id: ref.to})
WHERE r.id = ref.id
RETURN ${relationshipProjection("r")} AS row`;

export const RELATIONSHIP_CITATIONS_BY_IDS = `
UNWIND $refs AS ref
MATCH (:Entity {id: ref.from})-[r]->(:Entity {id: ref.to})
WHERE r.id = ref.id
RETURN ${citationsProjection("r")} AS row`;

/** One page of relationships for each of many entities, in one query (the N+1 killer for nested lists). */
export function relationshipsOfEntitiesQuery(
  ids: readonly string[],
  types: string[] | null,
  direction: Direction,
  after: string | null,
  limit: number,
): CypherQuery {
  return {
    name: `relationships.ofEntities.${direction}`,
    cypher: `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH ${PATTERN[direction]}
  WHERE ($types IS NULL OR type(r) IN $types) AND r.id > $after
  WITH DISTINCT r
  ORDER BY r.id
  LIMIT $limit
  RETURN collect(${relationshipProjection("r")}) AS rows
}
RETURN id, rows`,
    params: { ids, types, after: after ?? "", limit: int(limit) },
  };
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

  /** Pages for many entities with the same arguments; `count` runs only when a client asks for totalCount. */
  pagesOf(
    ids: readonly string[],
    args: RelationshipArgs,
    count: (id: string) => Promise<number>,
  ): Promise<RelationshipPage[]> {
    const query = relationshipsOfEntitiesQuery(ids, args.types, args.direction, args.after, args.first + 1);
    return readPagesOf(this.executor, query, ids, args, toRelationship, count);
  }

  countsOf(ids: readonly string[], types: string[] | null, direction: Direction): Promise<number[]> {
    return readCountsOf(this.executor, countRelationshipsOfEntitiesQuery(ids, types, direction), ids);
  }
}
