import type { EntityKind, EntityTypename } from "./records";

/** Every entity kind with its Neo4j label (= GraphQL type name): the allow-list for labels in Cypher. */
export const ENTITY_LABELS: Readonly<Record<EntityKind, EntityTypename>> = {
  PERSON: "Person",
  ORGANIZATION: "Organization",
  PLACE: "Place",
  INITIATIVE: "Initiative",
  EVENT: "Event",
  ROLE: "Role",
  SECTOR: "Sector",
};

export const ENTITY_KINDS = Object.keys(ENTITY_LABELS) as EntityKind[];

/** The id prefix of each kind: 'person:hu-henghua'. */
export function idPrefixOf(kind: EntityKind): string {
  return `${kind.toLowerCase()}:`;
}
