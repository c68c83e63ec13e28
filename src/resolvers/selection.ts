import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

/** The names of the fields asked of a resolver's result, through fragments and inline fragments. */
export function selectedFieldNames(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return names;
}

/** A connection asked for its totalCount alone needs no rows: the count is one count-store read. */
export function needsRows(info: GraphQLResolveInfo): boolean {
  return [...selectedFieldNames(info)].some((name) => name !== "totalCount" && name !== "__typename");
}
