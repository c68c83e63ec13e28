import type { GraphQLError } from "graphql";
import { badUserInput } from "../errors";
import type { GraphAccess } from "../graph/loaders";

/**
 * The one rule for ids that name nothing (docs/api.md "Unknown ids"). A lookup answers null for
 * them: these fields exist to ask "is there such a thing?". Every other argument that takes an
 * entity id refuses an unknown one with BAD_USER_INPUT naming it (`extensions.unknownIds`,
 * `extensions.argument`). All of these are root fields, so the error never nulls an entity the
 * client asked for; relationship type filters, which are nested, are refused before execution
 * (server/plugins/unknownArguments.ts).
 */
export const ID_LOOKUPS: ReadonlySet<string> = new Set([
  "Query.node(id)",
  "Query.entity(id)",
  "Query.nodes(ids)",
]);

/** Arguments whose ids must name entities, by schema coordinate `Type.field(argument)`. */
export const ENTITY_ID_ARGUMENTS: ReadonlySet<string> = new Set([
  "Query.neighborhood(id)",
  "Query.paths(from)",
  "Query.paths(to)",
  "Query.connections(ids)",
  "Query.statistics(subject)",
  "Query.quotes(speaker)",
  "Query.quotes(about)",
]);

/**
 * The change feed's element filters: an element retracted since still has a history, so an id
 * there matches the changes that touched it, and none when nothing ever did (never an error).
 */
export const CHANGE_FEED_ID_FILTERS: ReadonlySet<string> = new Set([
  "Query.changes(ids)",
  "Subscription.changes(ids)",
]);

export function unknownIdsError(ids: string[], argument: string): GraphQLError {
  return badUserInput(`no entity with id ${ids.join(", ")}`, argument, { unknownIds: ids });
}

/**
 * Refuses entity ids that name nothing, through the request's entity loader (batched with the
 * request's other lookups, and priming them). `args` maps argument names to their ids (or null).
 * Entities a page's statement already read are primed into the loader first (primeEntities), so a
 * page read that finds every id it names costs no second statement; an id it did not find may
 * still name an entity (a merged id): the loader decides, as it does for the others.
 */
export async function requireEntities(
  graph: GraphAccess,
  args: Record<string, string | null | undefined>,
): Promise<void> {
  const named = Object.entries(args).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string",
  );
  if (named.length === 0) return;
  const found = await graph.entity.loadMany(named.map(([, id]) => id));
  const failure = found.find((entity) => entity instanceof Error);
  if (failure) throw failure;
  const missing = named.filter((_, i) => found[i] === null || found[i] === undefined);
  if (missing.length > 0) {
    throw unknownIdsError(
      missing.map(([, id]) => id),
      missing.map(([name]) => name).join(", "),
    );
  }
}
