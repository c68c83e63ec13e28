import { ENTITY_LABELS } from "../graph/entityKinds";
import type { CypherQuery } from "../graph/executor";
import type { EntityKind } from "../graph/records";
import { parseRelationshipId } from "../graph/relationshipId";
import { isRelationshipType } from "../graph/relationshipTypes";

/**
 * The write layer's Cypher: reads of elements' stored state (under the change-log lock, or checked
 * again under it before the commit: src/write/changeLog.ts, so nothing moves between read and
 * write), and writes of whole derived states. Labels and relationship types
 * come from the allow-lists only.
 */

/** Rows per UNWIND statement: large enough for throughput, small enough to keep each statement's memory flat. */
export const BATCH_SIZE = 2_000;

export const ENTITY_STATE = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, properties(n) AS props`;

export const RELATIONSHIP_STATE = `
UNWIND $refs AS ref
MATCH (:Entity {id: ref.from})-[r]->(:Entity {id: ref.to})
WHERE r.id = ref.id
RETURN ref.id AS id, properties(r) AS props`;

export const STATISTIC_STATE = `
UNWIND $ids AS id
MATCH (s:Statistic {id: id})
RETURN id, properties(s) AS props, head([(s)-[:STATISTIC_OF]->(e) | e.id]) AS subject`;

export const QUOTE_STATE = `
UNWIND $ids AS id
MATCH (q:Quote {id: id})
RETURN id, properties(q) AS props, head([(q)-[:SAID_BY]->(p) | p.id]) AS speaker,
       [(q)-[:QUOTE_ABOUT]->(e) | e.id] AS about`;

/** The ends of each well-formed relationship id, for RELATIONSHIP_STATE and DELETE_RELATIONSHIPS. */
export function relationshipRefs(ids: readonly string[]): Array<{ id: string; from: string; to: string }> {
  return ids.flatMap((id) => {
    const parsed = parseRelationshipId(id);
    return parsed === null ? [] : [{ id, from: parsed.from, to: parsed.to }];
  });
}

const ALL_ENTITY_LABELS = Object.values(ENTITY_LABELS).join(":");

/** Entities of one kind, each with its whole stored state (`row.props`); the label comes from the allow-list. */
export function writeEntitiesQuery(kind: EntityKind, rows: unknown[]): CypherQuery {
  const label = ENTITY_LABELS[kind];
  return {
    name: `write.entities.${label}`,
    cypher: `
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
REMOVE n:${ALL_ENTITY_LABELS}
SET n:${label}, n += row.props`,
    params: { rows },
  };
}

/**
 * New entities of one kind (none of them stored: the write checked that under the change-log lock,
 * and the id constraint would refuse one anyway). A CREATE, cheaper than the MERGE of
 * {@link writeEntitiesQuery}.
 */
export function createEntitiesQuery(kind: EntityKind, rows: unknown[]): CypherQuery {
  const label = ENTITY_LABELS[kind];
  return {
    name: `write.createEntities.${label}`,
    cypher: `
UNWIND $rows AS row
CREATE (n:Entity:${label})
SET n = row.props`,
    params: { rows },
  };
}

/**
 * New relationships of one type (none of them stored: checked under the change-log lock): a CREATE,
 * which does not look through the ends' existing relationships as MERGE does (a hub has many).
 */
export function createRelationshipsQuery(type: string, rows: unknown[]): CypherQuery {
  if (!isRelationshipType(type)) throw new Error(`relationship type ${type} is not in the allow-list`);
  return {
    name: `write.createRelationships.${type}`,
    cypher: `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
CREATE (a)-[r:${type}]->(b)
SET r = row.props`,
    params: { rows },
  };
}

/** Relationships of one type between existing entities; the type is checked against the allow-list. */
export function writeRelationshipsQuery(type: string, rows: unknown[]): CypherQuery {
  if (!isRelationshipType(type)) throw new Error(`relationship type ${type} is not in the allow-list`);
  return {
    name: `write.relationships.${type}`,
    cypher: `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:${type}]->(b)
SET r += row.props`,
    params: { rows },
  };
}

export const WRITE_STATISTICS = `
UNWIND $rows AS row
MATCH (subject:Entity {id: row.subject})
MERGE (s:Statistic {id: row.id})
SET s += row.props
WITH s, subject
OPTIONAL MATCH (s)-[old:STATISTIC_OF]->(other) WHERE other <> subject
DELETE old
WITH DISTINCT s, subject
MERGE (s)-[:STATISTIC_OF]->(subject)`;

export const WRITE_QUOTES = `
UNWIND $rows AS row
MATCH (speaker:Person {id: row.speaker})
MERGE (q:Quote {id: row.id})
SET q += row.props
WITH q, speaker, row
OPTIONAL MATCH (q)-[old:SAID_BY|QUOTE_ABOUT]->()
DELETE old
WITH DISTINCT q, speaker, row
MERGE (q)-[:SAID_BY]->(speaker)
WITH q, row
UNWIND row.about AS aboutId
MATCH (e:Entity {id: aboutId})
MERGE (q)-[:QUOTE_ABOUT]->(e)`;

export const DELETE_RELATIONSHIPS = `
UNWIND $refs AS ref
MATCH (:Entity {id: ref.from})-[r]->(:Entity {id: ref.to})
WHERE r.id = ref.id
DELETE r`;

/** Statistics and quotes by id (with their internal links). */
export const DELETE_OWNED = `
UNWIND $ids AS id
OPTIONAL MATCH (s:Statistic {id: id})
OPTIONAL MATCH (q:Quote {id: id})
DETACH DELETE s, q`;

export const DELETE_ENTITIES = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
DETACH DELETE n`;

export function chunks<T>(rows: readonly T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
