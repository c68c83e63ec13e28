import { Kind, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from "graphql";
import type { GraphQLResolveInfo } from "graphql";

/** The fields of a selection set, through fragments and inline fragments. */
function fieldsOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
): FieldNode[] {
  return (selectionSet?.selections ?? []).flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, fragments);
    return fieldsOf(fragments[selection.name.value]?.selectionSet, fragments);
  });
}

/**
 * The names of the fields asked of a resolver's result, or of what lies below it along `path`
 * (e.g. ["edges", "node"]), through fragments and inline fragments.
 */
export function selectedFieldNames(info: GraphQLResolveInfo, path: string[] = []): Set<string> {
  return new Set(selectedFields(info.fieldNodes, info.fragments, path).map((f) => f.name.value));
}

/** The field nodes asked of `fieldNodes`' results, or of what lies below them along `path`. */
export function selectedFields(
  fieldNodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
  path: string[] = [],
): FieldNode[] {
  let fields = fieldNodes.flatMap((node) => fieldsOf(node.selectionSet, fragments));
  for (const name of path) {
    fields = fields.filter((f) => f.name.value === name).flatMap((f) => fieldsOf(f.selectionSet, fragments));
  }
  return fields;
}

/** A connection asked for its totalCount alone needs no rows: the count is one count-store read. */
export function needsRows(info: GraphQLResolveInfo): boolean {
  return [...selectedFieldNames(info)].some((name) => name !== "totalCount" && name !== "__typename");
}
