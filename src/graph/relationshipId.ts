/**
 * Relationship ids are derived, not stored apart: 'relationship:<from id>|<TYPE>|<to id>'. There is
 * at most one relationship of a type between two entities, and entity ids never contain '|'.
 */
export function relationshipId(from: string, type: string, to: string): string {
  return `relationship:${from}|${type}|${to}`;
}

export function parseRelationshipId(id: string): { from: string; type: string; to: string } | null {
  if (!id.startsWith("relationship:")) return null;
  const parts = id.slice("relationship:".length).split("|");
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) return null;
  const [from = "", type = "", to = ""] = parts;
  return { from, type, to };
}
