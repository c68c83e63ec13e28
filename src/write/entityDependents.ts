import { readElements, type Run, type StoredElements } from "./elementStore";

/** What hangs on an entity: its relationships, its statistics, the quotes it said and the quotes about it. */
export const ENTITY_DEPENDENTS = `
MATCH (n:Entity {id: $id})
RETURN [(n)-[r]-(:Entity) | r.id] AS relationships,
       [(s:Statistic)-[:STATISTIC_OF]->(n) | s.id] AS statistics,
       [(q:Quote)-[:SAID_BY]->(n) | q.id] AS spoken,
       [(q:Quote)-[:QUOTE_ABOUT]->(n) | q.id] AS about`;

export interface EntityDependents {
  /** The ids of the entity's relationships, either direction. */
  relationshipIds: string[];
  /** Quotes the entity said (the others in `stored.quotes` are about it). */
  spoken: ReadonlySet<string>;
  /** The dependents' stored states, and the relationships `alsoRelationships` named. */
  stored: StoredElements;
}

/**
 * The entity's dependents with their stored states, for retract (they go with it) and
 * mergeEntities (they move): one read of the ids, one of the states. `alsoRelationships` names
 * more relationships to read in the same go (the ids merged relationships will take).
 */
export async function readEntityDependents(
  run: Run,
  id: string,
  alsoRelationships: (relationshipIds: string[]) => string[] = () => [],
): Promise<EntityDependents> {
  const [row] = await run<{
    relationships: string[];
    statistics: string[];
    spoken: string[];
    about: string[];
  }>({ name: "write.entityDependents", cypher: ENTITY_DEPENDENTS, params: { id } });
  const relationshipIds = row?.relationships ?? [];
  const spoken = row?.spoken ?? [];
  const stored = await readElements(run, {
    relationships: [...new Set([...relationshipIds, ...alsoRelationships(relationshipIds)])],
    statistics: row?.statistics ?? [],
    quotes: [...new Set([...spoken, ...(row?.about ?? [])])],
  });
  return { relationshipIds, spoken: new Set(spoken), stored };
}
