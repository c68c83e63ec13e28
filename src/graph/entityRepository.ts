import { ENTITY_LABELS } from "./entityKinds";
import { readCitationsOf, readCount, readPage } from "./batchReads";
import { int, type CypherExecutor, type CypherQuery } from "./executor";
import { toEntity, type EntityRow, type RelationshipTuple } from "./mappers";
import { toPage } from "./page";
import { citationsProjection, entityProjection } from "./projections";
import type {
  CitationRecord,
  EntityKind,
  EntityPage,
  EntityRecord,
  RelationshipRecord,
  SearchHitRecord,
} from "./records";
import {
  relationshipPageCall,
  RelationshipRepository,
  type RelationshipArgs,
} from "./relationshipRepository";
import { buildSearchQuery } from "./searchQuery";
import { SearchPass, searchScore, searchTier, searchTierParams } from "./searchRanking";

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

/**
 * A page of entities with one page of relationships each, in one statement: for a client that asks
 * a list for its entities' relationships (`entities { edges { node { relationships { ... } } } }`).
 */
export function listEntitiesWithRelationshipsQuery(
  kind: EntityKind | null,
  after: string | null,
  limit: number,
  relationships: RelationshipArgs,
): CypherQuery {
  const label = kind === null ? "Entity" : ENTITY_LABELS[kind];
  const { direction, withEnds } = relationships;
  return {
    name: `entities.list.withRelationships.${direction}${withEnds ? ".withEnds" : ""}`,
    cypher: `
MATCH (n:${label})
WHERE n.id > $after
WITH n
ORDER BY n.id
LIMIT $limit
${relationshipPageCall(direction, withEnds, { after: "relationshipsAfter", limit: "relationshipsLimit" })}
RETURN ${entityProjection("n")} AS row, rows AS relationships
ORDER BY n.id`,
    params: {
      after: after ?? "",
      limit: int(limit),
      types: relationships.types,
      relationshipsAfter: relationships.after ?? "",
      relationshipsLimit: int(relationships.first + 1),
    },
  };
}

/** A label count comes from Neo4j's count store: constant time, nothing collected. */
export function countEntitiesQuery(kind: EntityKind | null): CypherQuery {
  const label = kind === null ? "Entity" : ENTITY_LABELS[kind];
  return { name: "entities.count", cypher: `MATCH (n:${label}) RETURN count(n) AS count`, params: {} };
}

/**
 * How many entities each of search's index queries may return: twice the largest page, so the
 * names query can hold a whole page of every tier. Where more entities than this match (a one-letter
 * prefix on a large graph), the index's best-scored ones are ranked, not all of them.
 */
export const SEARCH_CANDIDATES = 100;

/**
 * Full-text search, one page of it, best first (searchQuery.ts builds the three Lucene queries,
 * searchRanking.ts the tiers). Names and aliases first; only when they hold fewer hits than the page
 * asks for are the fuzzy and description queries run, and everything they find ranks below every
 * name hit, so a smaller `first` gives a prefix of a larger one. Each query takes at most
 * `$candidates` (a constant, never derived from `first`) from the index; kinds are a clause of the
 * Lucene query itself, so a rare kind is never crowded out. The candidates are ranked here, by tier,
 * then degree (the better connected first), then id, so that only the page comes back.
 */
export const SEARCH_ENTITIES = `
CALL db.index.fulltext.queryNodes("entity_search", $names, {limit: $candidates}) YIELD node
WITH collect(node) AS named
CALL (named) {
  UNWIND named AS node
  RETURN node, ${SearchPass.names} AS pass
  UNION ALL
  WITH named WHERE size(named) < $first AND $fuzzy IS NOT NULL
  CALL db.index.fulltext.queryNodes("entity_search", $fuzzy, {limit: $candidates}) YIELD node
  RETURN node, ${SearchPass.fuzzy} AS pass
  UNION ALL
  WITH named WHERE size(named) < $first AND $described IS NOT NULL
  CALL db.index.fulltext.queryNodes("entity_search", $described, {limit: $candidates}) YIELD node
  RETURN node, ${SearchPass.described} AS pass
}
WITH node, min(pass) AS pass
WITH node, ${searchTier("node", "pass")} AS tier
WITH node, tier, COUNT { (node)--() } AS degree
ORDER BY tier, degree DESC, node.id
LIMIT $first
RETURN ${entityProjection("node")} AS row, tier, degree`;

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

  /** Up to `first` hits, best first (SEARCH_ENTITIES); the same text always ranks the same way. */
  async search(text: string, kinds: EntityKind[] | null, first: number): Promise<SearchHitRecord[]> {
    const query = buildSearchQuery(text, kinds);
    if (query === null || first === 0 || kinds?.length === 0) return [];
    const rows = await this.executor.read<{ row: EntityRow; tier: number; degree: number }>({
      name: "entities.search",
      cypher: SEARCH_ENTITIES,
      params: {
        names: query.names,
        fuzzy: query.fuzzy,
        described: query.described,
        ...searchTierParams(query.words),
        first: int(first),
        candidates: int(SEARCH_CANDIDATES),
      },
    });
    return rows.map(({ row, tier, degree }) => ({ entity: toEntity(row), score: searchScore(tier, degree) }));
  }

  /**
   * A page of entities and, for each, the rows of its first relationship page (fetched with
   * LIMIT first + 1, as RelationshipRepository.pagesOf reads them), with the far ends read alongside.
   */
  async listWithRelationships(
    kind: EntityKind | null,
    first: number,
    after: string | null,
    relationships: RelationshipArgs,
  ): Promise<{ page: EntityPage; relationships: Map<string, RelationshipRecord[]>; ends: EntityRecord[] }> {
    const query = listEntitiesWithRelationshipsQuery(kind, after, first + 1, relationships);
    const rows = await this.executor.read<{ row: EntityRow; relationships: RelationshipTuple[] }>(query);
    const ends: EntityRecord[] = [];
    const byEntity = new Map<string, RelationshipRecord[]>();
    const entities = rows.map(({ row, relationships: rels }) => {
      const entity = toEntity(row);
      byEntity.set(entity.id, RelationshipRepository.toRecords(entity.id, rels, ends));
      return entity;
    });
    const page = toPage(entities, first, after !== null, () => this.count(kind));
    return { page, relationships: byEntity, ends };
  }

  count(kind: EntityKind | null): Promise<number> {
    return readCount(this.executor, countEntitiesQuery(kind));
  }
}
