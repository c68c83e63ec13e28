/**
 * The relationship types the graph may hold between entities: the allow-list that every
 * relationship type in Cypher is checked against, with the meaning a client sees.
 */
export const RELATIONSHIP_TYPES = {
  HOLDS_ROLE: "(Person)-[:HOLDS_ROLE]->(Role): the person holds the role.",
  PART_OF: "(X)-[:PART_OF]->(Y): X lies in or is part of Y.",
} as const;

export type RelationshipType = keyof typeof RELATIONSHIP_TYPES;

export function isRelationshipType(value: string): value is RelationshipType {
  return Object.prototype.hasOwnProperty.call(RELATIONSHIP_TYPES, value);
}
