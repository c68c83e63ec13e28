import { badUserInput, checkRange } from "../errors";
import { decodeCursor } from "../graph/cursor";
import { MAX_PAGE_SIZE } from "../graph/page";
import { isRelationshipType, RELATIONSHIP_TYPES } from "../graph/relationshipTypes";

/** `first` and `after` of any connection: 0 to 100 items, after a cursor this API issued. */
export function pageArgs(
  first: number,
  after: string | null | undefined,
): { first: number; after: string | null } {
  return { first: checkRange("first", first, 0, MAX_PAGE_SIZE), after: decodeCursor(after) };
}

/** Relationship types a client filters by: each must be in the allow-list; null means all. */
export function relationshipTypesArg(
  types: readonly string[] | null | undefined,
  argument = "types",
): string[] | null {
  if (types === null || types === undefined) return null;
  const unknown = types.filter((t) => !isRelationshipType(t));
  if (unknown.length > 0) {
    const valid = Object.keys(RELATIONSHIP_TYPES);
    throw badUserInput(
      `unknown relationship type(s) ${unknown.join(", ")} in \`${argument}\`; valid types: ${valid.join(", ")}`,
      argument,
      { validTypes: valid },
    );
  }
  return [...new Set(types)];
}
