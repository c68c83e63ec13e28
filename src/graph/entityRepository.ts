import { ENTITY_LABELS } from "./entityKinds";
import { readCitationsOf, readCount, readPage } from "./batchReads";
import { int, type CypherExecutor, type CypherQuery } from "./executor";
import { toEntity, type EntityRow } from "./mappers";
import { citationsProjection, entityProjection } from "./projections";
import type { CitationRecord, EntityKind, EntityPage, EntityRecord, SearchHitRecord } from "./records";
import { buildSearchQuery } from "./searchQuery";

/** An id merged into another entity (mergeEntities) resolves to the entity it was merged into. */
export const ENTITIES_BY_IDS = `
UNWIND $ids AS id
OPTIONAL MATCH (m:MergedId {id: id})
WITH id, coalesce(m.into, id) AS target
MATCH (n:Entity {id: target})
RETURN id, ${entityProjection("n")} AS row`;

export const ENTITY_CITATIONS_BY_IDS = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN ${citationsProjection("n")} AS row`;

/** Entities ordered by id; with a kind, the label (from the allow-list) makes it an index-ordered scan. */
export function listEntitiesQuery(kind: EntityKind | null, after: string | null, limit: number): CypherQuery {
  const label = kind === null ? "Entity" : ENTITY_LABELS[kind];
  return {
    name: "entities.list",
    cypher: `
MATCH (n:${label})
WHERE n.id > $after
RETURN ${entityProjection("n")} AS row
ORDER BY n.id
LIMIT $limit`,
    // "" sorts before every id, so the first page needs no separate query shape.
    params: { after: after ?? "", limit: int(limit) },
  };
}

/** A label count comes from Neo4j's count store: constant time, nothing collected. */
export function countEntitiesQuery(kind: EntityKind | null): CypherQuery {
  const label = kind === null ? "Entity" : ENTITY_LABELS[kind];
  return { name: "entities.count", cypher: `MATCH (n:${label}) RETURN count(n) AS count`, params: {} };
}

/**
 * Full-text search, best first (ties by id, so the order is stable). With `kinds`, more candidates
 * are taken from the index before filtering, so that a rare kind still fills the page.
 */
export const SEARCH_ENTITIES = `
CALL db.index.fulltext.queryNodes("entity_search", $query, {limit: $candidates}) YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN ${entityProjection("node")} AS row, score
ORDER BY score DESC, node.id
LIMIT $first`;

/**
 * The place each place lies in: its PART_OF link to another place. Should the sources give more
 * than one, the lowest id wins, so the answer is stable.
 */
export const PARENT_PLACES = `
UNWIND $ids AS id
MATCH (p:Place {id: id})
CALL (p) {
  MATCH (p)-[:PART_OF]->(parent:Place)
  WITH parent ORDER BY parent.id LIMIT 1
  RETURN ${entityProjection("parent")} AS parent
}
RETURN id, parent`;

export class EntityRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /** For a DataLoader: one query for any number of ids; null where an id is unknown. */
  async byIds(ids: readonly string[]): Promise<Array<EntityRecord | null>> {
    const rows = await this.executor.read<{ id: string; row: EntityRow }>({
      name: "entities.byIds",
      cypher: ENTITIES_BY_IDS,
      params: { ids },
    });
    // Keyed by the id asked for: a merged id answers with the entity it went into.
    const byId = new Map(rows.map((r) => [r.id, toEntity(r.row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** For a DataLoader: the citations of any number of entities, in one query. */
  citationsOf(ids: readonly string[]): Promise<CitationRecord[][]> {
    return readCitationsOf(
      this.executor,
      { name: "entities.citations", cypher: ENTITY_CITATIONS_BY_IDS, params: { ids } },
      ids,
    );
  }

  async parentPlaces(ids: readonly string[]): Promise<Array<EntityRecord | null>> {
    const rows = await this.executor.read<{ id: string; parent: EntityRow }>({
      name: "entities.parentPlaces",
      cypher: PARENT_PLACES,
      params: { ids },
    });
    const byId = new Map(rows.map((r) => [r.id, toEntity(r.parent)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** `withRows: false` reads no rows: for a client that asks only for the totalCount. */
  list(kind: EntityKind | null, first: number, after: string | null, withRows = true): Promise<EntityPage> {
    const query = listEntitiesQuery(kind, after, first + 1);
    return readPage(this.executor, query, { first, after, withRows }, toEntity, () => this.count(kind));
  }

  async search(text: string, kinds: EntityKind[] | null, first: number): Promise<SearchHitRecord[]> {
    const query = buildSearchQuery(text);
    if (query === null || first === 0) return [];
    const rows = await this.executor.read<{ row: EntityRow; score: number }>({
      name: "entities.search",
      cypher: SEARCH_ENTITIES,
      params: {
        query,
        kinds,
        first: int(first),
        candidates: int(kinds === null ? first : Math.min(first * 20, 1000)),
      },
    });
    return rows.map(({ row, score }) => ({ entity: toEntity(row), score }));
  }

  count(kind: EntityKind | null): Promise<number> {
    return readCount(this.executor, countEntitiesQuery(kind));
  }
}
