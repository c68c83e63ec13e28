import { isInterfaceType, type GraphQLResolveInfo } from "graphql";
import { getArgumentValues } from "graphql/execution/values";
import type { EntityRelationshipsArgs } from "../generated/resolvers-types";
import type { RelationshipArgs } from "../graph/relationshipRepository";
import { relationshipArgs } from "./arguments";
import { selectedFields } from "./selection";

/**
 * When a list of entities asks each of them for one page of relationships
 * (`entities { edges { node { relationships(...) { ... } } } }`), the arguments of that page, so
 * that the list reads the pages in its own statement. Null when there is no such field, more than
 * one (aliases with other arguments), or its arguments are invalid: the field's own resolver then
 * reads (or reports) as usual.
 */
export function nestedRelationshipArgs(info: GraphQLResolveInfo): RelationshipArgs | null {
  const fields = selectedFields(info.fieldNodes, info.fragments, ["edges", "node"]).filter(
    (f) => f.name.value === "relationships",
  );
  const [field] = fields;
  if (field === undefined || fields.length !== 1) return null;
  const entity = info.schema.getType("Entity");
  const definition = isInterfaceType(entity) ? entity.getFields()["relationships"] : undefined;
  if (definition === undefined) return null;
  try {
    // Validated against the schema already; the defaults (first: 20) are applied here.
    const args = getArgumentValues(definition, field, info.variableValues) as EntityRelationshipsArgs & {
      first: number;
    };
    const asked = new Set(
      selectedFields([field], info.fragments, ["edges", "node"]).map((f) => f.name.value),
    );
    return relationshipArgs(args, asked);
  } catch {
    return null;
  }
}
