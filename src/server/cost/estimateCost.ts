import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  typeFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/**
 * The estimated cost of an operation, computed the way graphql-js executes it:
 *
 * - each field costs 1, plus what it selects;
 * - a list field with `first` or `limit` (after defaults; `null` means the default) costs
 *   1 + max(count, 1) × its items' cost, and × (maxLength + 1) more when it has `maxLength`
 *   (the nodes of each path);
 * - `connections(ids, maxLength)` is a list of at most n + n(n-1)/2 × maxLength items (n ids);
 * - `Document.text` costs {@link DOCUMENT_TEXT_COST} (a document's text can be megabytes);
 * - fields are collected as execution collects them: a fragment spread or inline fragment is
 *   expanded once per selection set, and fields with the same response key are merged (one cost,
 *   their sub-selections together);
 * - an abstract type (Entity, Node) costs what its most expensive possible type costs.
 *
 * The cost of a selection on one object type is memoised, so a fragment used at many places is
 * analysed once per type, and the analysis does at most {@link MAX_ANALYSIS_STEPS} steps (one per
 * field group and object type): an operation that needs more is refused as too complex. Without
 * interfaces each step adds at least 1 to the cost; an operation within the token limit
 * (LIMIT_MAX_TOKENS) and the alias limit needs far fewer.
 */
export const DOCUMENT_TEXT_COST = 1000;

/** Beyond this many distinct (type, selection) analyses the operation is refused unanalysed. */
export const MAX_ANALYSIS_STEPS = 25_000;

/** The arguments the cost reads: a variable anywhere in them may change the cost. */
export const COST_ARGUMENTS: ReadonlySet<string> = new Set(["first", "limit", "maxLength", "ids"]);

/** The analysis gave up: the operation is too large to estimate (and so to run). */
export class CostAnalysisTooLarge extends Error {
  constructor() {
    super(`the operation needs more than ${MAX_ANALYSIS_STEPS} steps to estimate`);
    this.name = "CostAnalysisTooLarge";
  }
}

export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  /** Coerced variable values (graphql's getVariableValues). */
  variables: Readonly<Record<string, unknown>>;
}

type Args = Record<string, unknown>;

/** How many items a list field may return, or undefined when it is not a sized list. */
function listSize(
  parent: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  args: Args,
): number | undefined {
  if (parent.name === "Query" && field.name === "connections" && Array.isArray(args.ids)) {
    const n = new Set(args.ids).size;
    const maxLength = typeof args.maxLength === "number" ? args.maxLength : 1;
    return n + ((n * (n - 1)) / 2) * maxLength;
  }
  const count =
    typeof args.first === "number" ? args.first : typeof args.limit === "number" ? args.limit : undefined;
  if (count === undefined) return undefined;
  const perItem = typeof args.maxLength === "number" ? args.maxLength + 1 : 1;
  return Math.max(count, 1) * perItem;
}

function fieldCost(
  parent: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  args: Args,
  child: number,
): number {
  if (parent.name === "Document" && field.name === "text") return DOCUMENT_TEXT_COST;
  const size = listSize(parent, field, args);
  return size === undefined ? 1 + child : 1 + size * child;
}

/** An explicit null for an argument that has a default means the default (as the resolvers read it). */
function withDefaults(field: GraphQLField<unknown, unknown>, args: Args): Args {
  const out: Args = { ...args };
  for (const arg of field.args) {
    if (out[arg.name] === null && arg.defaultValue !== undefined) out[arg.name] = arg.defaultValue;
  }
  return out;
}

export function estimateCost(input: CostInput): number {
  const { schema, operation, fragments, variables } = input;
  const nodeIds = new WeakMap<FieldNode, number>();
  const memo = new Map<string, number>();
  let steps = 0;

  let nextId = 0;
  const idOf = (node: FieldNode): number => {
    let id = nodeIds.get(node);
    if (id === undefined) {
      id = nextId++;
      nodeIds.set(node, id);
    }
    return id;
  };

  const included = (node: FieldNode | FragmentSpreadNode | InlineFragmentNode): boolean => {
    if (!node.directives?.length) return true;
    const skip = getDirectiveValues(GraphQLSkipDirective, node, variables);
    if (skip?.if === true) return false;
    const include = getDirectiveValues(GraphQLIncludeDirective, node, variables);
    return include?.if !== false;
  };

  const conditionMatches = (
    fragment: FragmentDefinitionNode | InlineFragmentNode,
    type: GraphQLObjectType,
  ): boolean => {
    const condition = fragment.typeCondition;
    if (!condition) return true;
    const conditional = typeFromAST(schema, condition);
    if (conditional === type) return true;
    return conditional !== undefined && isAbstractType(conditional) && schema.isSubType(conditional, type);
  };

  /** graphql-js's collectFields: fields by response key, each fragment expanded once per call. */
  const collect = (
    type: GraphQLObjectType,
    selectionSet: SelectionSetNode,
    into: Map<string, FieldNode[]>,
    visited: Set<string>,
  ): void => {
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const group = into.get(key);
        if (group) group.push(selection);
        else into.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (conditionMatches(selection, type)) collect(type, selection.selectionSet, into, visited);
      } else {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const fragment = fragments[name];
        if (fragment && conditionMatches(fragment, type)) collect(type, fragment.selectionSet, into, visited);
      }
    }
  };

  const fieldDef = (type: GraphQLObjectType, name: string): GraphQLField<unknown, unknown> => {
    if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
    if (type === schema.getQueryType() && name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (type === schema.getQueryType() && name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    const field = type.getFields()[name];
    // Validation has run before: an unknown field here is a bug, and the operation is refused.
    if (!field) throw new Error(`no field ${type.name}.${name} in the schema`);
    return field;
  };

  /** The cost of what `fieldNodes` (one merged response key) select on one object type. */
  const onObject = (type: GraphQLObjectType, fieldNodes: readonly FieldNode[]): number => {
    const key = `${type.name}:${fieldNodes.map(idOf).join(",")}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const groups = new Map<string, FieldNode[]>();
    const visited = new Set<string>();
    for (const node of fieldNodes) if (node.selectionSet) collect(type, node.selectionSet, groups, visited);
    const cost = sumFields(type, groups);
    memo.set(key, cost);
    return cost;
  };

  const sumFields = (type: GraphQLObjectType, groups: Map<string, FieldNode[]>): number => {
    let total = 0;
    for (const group of groups.values()) {
      steps += 1;
      if (steps > MAX_ANALYSIS_STEPS) throw new CostAnalysisTooLarge();
      const [first] = group;
      if (!first) continue;
      const field = fieldDef(type, first.name.value);
      let args: Args;
      try {
        args = withDefaults(field, getArgumentValues(field, first, variables));
      } catch {
        // An argument that does not coerce (null for a non-null one) is a field error at execution:
        // the field resolves to an error and nothing below it runs.
        total += 1;
        continue;
      }
      const returned = getNamedType(field.type);
      const child = isCompositeType(returned) ? onComposite(returned, group) : 0;
      total += fieldCost(type, field, args, child);
    }
    return total;
  };

  const onComposite = (type: GraphQLCompositeType, fieldNodes: readonly FieldNode[]): number => {
    if (!isAbstractType(type)) return onObject(type, fieldNodes);
    let most = 0;
    for (const possible of schema.getPossibleTypes(type))
      most = Math.max(most, onObject(possible, fieldNodes));
    return most;
  };

  const root = schema.getRootType(operation.operation);
  if (!root) throw new Error(`the schema has no ${operation.operation} type`);
  const groups = new Map<string, FieldNode[]>();
  collect(root, operation.selectionSet, groups, new Set());
  return sumFields(root, groups);
}
