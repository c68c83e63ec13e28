import { int, type CypherExecutor, type CypherQuery } from "./executor";
import { toEntity, toRelationship, type EntityRow, type RelationshipRow } from "./mappers";
import { entityProjection, relationshipProjection } from "./projections";
import type {
  EntityRecord,
  PathRecord,
  RelationshipRecord,
  RelationshipTypeRecord,
  SubgraphRecord,
} from "./records";
import { RELATIONSHIP_TYPES } from "./relationshipTypes";

/** Entity-to-entity types only: statistics and quotes are never walked through. */
const ENTITY_TYPES = Object.keys(RELATIONSHIP_TYPES);

/**
 * A node whose degree is above this is never expanded in full when the relationships among a
 * subgraph's nodes are collected: each candidate pair is checked from it instead (Expand(Into)).
 */
export const FANOUT_BUDGET = 1_000;

/** One level of breadth-first expansion; LIMIT without ORDER BY lets Neo4j stop expanding early. */
function level(n: number): string {
  const previous = n === 2 ? "level1" : "level1 + level2";
  return `
CALL (start, level1${n === 3 ? ", level2" : ""}) {
  WITH start, level1${n === 3 ? ", level2" : ""} WHERE size(${previous}) + 1 <= $limit
  UNWIND ${n === 2 ? "level1" : "level2"} AS m
  MATCH (m)-[r]-(n:Entity)
  WHERE type(r) IN $types AND n <> start AND NOT n IN ${previous}
  WITH DISTINCT n LIMIT $limit
  RETURN collect(n) AS level${n}
}`;
}

/**
 * Entities within `depth` hops of `id`, nearest first, at most `limit` of them, and every
 * relationship among them: one query. Each level stops expanding once it has `limit` nodes, so a
 * hub with 100,000 neighbours costs ~limit expansions, not 100,000. Which nodes a cut level keeps
 * follows the store's order (stable for the same data); the answer is then sorted by distance and id.
 */
export function neighborhoodQuery(id: string, depth: 1 | 2 | 3, types: string[], limit: number): CypherQuery {
  const levels = [2, 3]
    .filter((n) => n <= depth)
    .map(level)
    .join("");
  const distances = [
    "[x IN level1 | {n: x, d: 1}]",
    "[x IN level2 | {n: x, d: 2}]",
    "[x IN level3 | {n: x, d: 3}]",
  ]
    .slice(0, depth)
    .join(" + ");
  return {
    name: `exploration.neighborhood.depth${depth}`,
    cypher: `
CALL db.relationshipTypes() YIELD relationshipType
WITH collect(relationshipType) AS present
OPTIONAL MATCH (start:Entity {id: $id})
CALL (start) {
  WITH start WHERE start IS NOT NULL
  MATCH (start)-[r]-(n:Entity)
  WHERE type(r) IN $types AND n <> start
  WITH DISTINCT n LIMIT $limit
  RETURN collect(n) AS level1
}${levels}
WITH present, start, [{n: start, d: 0}] + ${distances} AS found
WITH present, found[..$limit] AS kept, size(found) > $limit AS truncated
UNWIND kept AS k
WITH present, truncated, k ORDER BY k.d, k.n.id
WITH present, truncated, collect(k.n) AS nodes
CALL (nodes) {
  UNWIND nodes AS a
  CALL (a, nodes) {
    WITH a, nodes WHERE COUNT { (a)--() } <= $fanout
    MATCH (a)-[r]->(b:Entity) WHERE b IN nodes
    RETURN r
  UNION
    WITH a, nodes WHERE COUNT { (a)--() } > $fanout
    UNWIND nodes AS b
    MATCH (a)-[r]->(b)
    RETURN r
  }
  WITH r WHERE type(r) IN $types
  WITH r ORDER BY r.id
  RETURN collect(${relationshipProjection("r")}) AS relationships
}
RETURN [t IN $requested WHERE NOT t IN present] AS unknownTypes,
       [t IN $entityTypes WHERE t IN present] AS validTypes,
       [n IN nodes | ${entityProjection("n")}] AS nodes, relationships, truncated`,
    params: {
      id,
      types,
      requested: types,
      entityTypes: ENTITY_TYPES,
      limit: int(limit),
      fanout: int(FANOUT_BUDGET),
    },
  };
}

const PATH_PROJECTION = `{
  nodes: [n IN nodes(p) | ${entityProjection("n")}],
  relationships: [r IN relationships(p) | ${relationshipProjection("r")}]
}`;

/** The entity relationship types as a pattern alternation: constants of the allow-list, never input. */
const ENTITY_TYPE_ALTERNATION = ENTITY_TYPES.join("|");

/**
 * Up to `limit` of the shortest paths between two entities (all of the minimum length), ignoring
 * direction; a shortest path never repeats an entity. allShortestPaths searches from both ends at
 * once: on the 1M-entity benchmark graph it answers in 10 to 600 ms where `SHORTEST k`, which
 * also walks every longer path up to `maxLength` from one end, ran past 15 s from a hub.
 * The length bound only takes a literal: a validated integer (never client text).
 */
export function pathsQuery(from: string, to: string, maxLength: number, limit: number): CypherQuery {
  if (!Number.isInteger(maxLength)) throw new Error("maxLength must be an integer");
  return {
    name: "exploration.paths",
    cypher: `
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
  MATCH p = allShortestPaths((a)-[:${ENTITY_TYPE_ALTERNATION}*1..${maxLength}]-(b))
  WITH p LIMIT $limit
  RETURN collect(${PATH_PROJECTION}) AS paths
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
       CASE WHEN a IS NOT NULL AND a = b THEN [{nodes: [${entityProjection("a")}], relationships: []}] ELSE paths END AS paths`,
    params: { from, to, limit: int(limit) },
  };
}

/** Every allow-listed type with its count from Neo4j's count store (constant time per type). */
export function relationshipTypeCountsQuery(): CypherQuery {
  const counts = ENTITY_TYPES.map(
    (type) => `MATCH ()-[r:${type}]->() RETURN '${type}' AS type, count(r) AS count`,
  );
  return {
    name: "exploration.relationshipTypes",
    cypher: `CALL () {\n  ${counts.join("\n  UNION ALL\n  ")}\n}\nRETURN type, count ORDER BY type`,
    params: {},
  };
}

/** One shortest path between every pair of `ids` (pairs with none are left out): how a set of entities hangs together. */
export function connectionsQuery(ids: string[], maxLength: number): CypherQuery {
  if (!Number.isInteger(maxLength)) throw new Error("maxLength must be an integer");
  return {
    name: "exploration.connections",
    cypher: `
UNWIND $ids AS id
OPTIONAL MATCH (e:Entity {id: id})
WITH collect(id) AS ids, collect(e) AS found
CALL (found) {
  UNWIND found AS a
  UNWIND found AS b
  WITH a, b WHERE a.id < b.id
  MATCH p = SHORTEST 1 (a)-[r WHERE type(r) IN $types]-{1,${maxLength}}(b)
  RETURN collect(${PATH_PROJECTION}) AS paths
}
RETURN [i IN ids WHERE NOT i IN [f IN found | f.id]] AS missing, [f IN found | ${entityProjection("f")}] AS entities, paths`,
    params: { ids, types: ENTITY_TYPES },
  };
}

export type NeighborhoodResult =
  { kind: "ok"; subgraph: SubgraphRecord } | { kind: "unknownTypes"; unknown: string[]; valid: string[] };

export type PathsResult = { kind: "ok"; paths: PathRecord[] } | { kind: "unknownIds"; ids: string[] };

interface PathRow {
  nodes: EntityRow[];
  relationships: RelationshipRow[];
}

function toPath(row: PathRow): PathRecord {
  return { nodes: row.nodes.map(toEntity), relationships: row.relationships.map(toRelationship) };
}

export class ExplorationRepository {
  constructor(private readonly executor: CypherExecutor) {}

  async neighborhood(
    id: string,
    depth: 1 | 2 | 3,
    types: string[] | null,
    limit: number,
  ): Promise<NeighborhoodResult> {
    const [row] = await this.executor.read<{
      unknownTypes: string[];
      validTypes: string[];
      nodes: Array<EntityRow | null>;
      relationships: RelationshipRow[];
      truncated: boolean;
    }>(neighborhoodQuery(id, depth, types ?? ENTITY_TYPES, limit));
    if (row === undefined) throw new Error("neighborhood query returned no row");
    if (types !== null && row.unknownTypes.length > 0) {
      return { kind: "unknownTypes", unknown: row.unknownTypes, valid: row.validTypes };
    }
    const nodes = row.nodes.filter((n): n is EntityRow => n !== null).map(toEntity);
    return {
      kind: "ok",
      subgraph: { nodes, relationships: row.relationships.map(toRelationship), truncated: row.truncated },
    };
  }

  async paths(from: string, to: string, maxLength: number, limit: number): Promise<PathsResult> {
    const [row] = await this.executor.read<{ fromFound: boolean; toFound: boolean; paths: PathRow[] }>(
      pathsQuery(from, to, maxLength, limit),
    );
    if (row === undefined) throw new Error("paths query returned no row");
    const unknown = [...(row.fromFound ? [] : [from]), ...(row.toFound || to === from ? [] : [to])];
    if (unknown.length > 0) return { kind: "unknownIds", ids: unknown };
    return { kind: "ok", paths: row.paths.map(toPath) };
  }

  async relationshipTypes(): Promise<RelationshipTypeRecord[]> {
    const rows = await this.executor.read<{ type: keyof typeof RELATIONSHIP_TYPES; count: number }>(
      relationshipTypeCountsQuery(),
    );
    return rows.filter((r) => r.count > 0).map((r) => ({ ...r, description: RELATIONSHIP_TYPES[r.type] }));
  }

  async connections(
    ids: string[],
    maxLength: number,
  ): Promise<{ kind: "ok"; subgraph: SubgraphRecord } | { kind: "unknownIds"; ids: string[] }> {
    const [row] = await this.executor.read<{ missing: string[]; entities: EntityRow[]; paths: PathRow[] }>(
      connectionsQuery(ids, maxLength),
    );
    if (row === undefined) throw new Error("connections query returned no row");
    if (row.missing.length > 0) return { kind: "unknownIds", ids: row.missing };
    const paths = row.paths.map(toPath);
    const nodes = uniqueById([...row.entities.map(toEntity), ...paths.flatMap((p) => p.nodes)]);
    const relationships = uniqueById(paths.flatMap((p) => p.relationships));
    return { kind: "ok", subgraph: { nodes, relationships, truncated: false } };
  }
}

function uniqueById<T extends EntityRecord | RelationshipRecord>(items: T[]): T[] {
  return [...new Map(items.map((item) => [item.id, item])).values()].sort((a, b) => a.id.localeCompare(b.id));
}
