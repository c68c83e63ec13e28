import { badUserInput, checkRange } from "../errors";
import { decodeCursor } from "../graph/cursor";
import { MAX_PAGE_SIZE } from "../graph/page";
import type { Direction } from "../generated/resolvers-types";
import type { RelationshipArgs } from "../graph/relationshipRepository";
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

/**
 * The arguments of an entity's `relationships` page as the data layer takes them. Built in one
 * place, so that a list that reads its entities' pages ahead (Query.entities) primes exactly the
 * loader the field's own resolver asks.
 */
export function relationshipArgs(
  args: {
    first: number;
    after?: string | null;
    types?: readonly string[] | null;
    direction?: Direction | null;
  },
  asked: ReadonlySet<string>,
): RelationshipArgs {
  const { first, after } = pageArgs(args.first, args.after);
  const types = relationshipTypesArg(args.types);
  // An explicit `direction: null` means the default, not "no direction".
  const direction = args.direction ?? "BOTH";
  const withEnds = asked.has("from") || asked.has("to");
  return { types, direction, first, after, withEnds };
}
