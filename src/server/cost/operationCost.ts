import { createHash } from "node:crypto";
import {
  getVariableValues,
  Kind,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from "graphql";
import { COST_ARGUMENTS, CostAnalysisTooLarge, estimateCost } from "./estimateCost";
import { Lru } from "./lru";

/** What the cost of one request came to. */
export type CostOutcome =
  /** Estimated (maybe over the limit: the caller compares). */
  | { kind: "estimated"; cost: number }
  /** The variables do not coerce: execution refuses the operation itself (400 BAD_USER_INPUT) before running anything. */
  | { kind: "invalidVariables" }
  /** The analysis gave up (CostAnalysisTooLarge): refuse. */
  | { kind: "tooLarge" };

export interface CostRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** A digest of the operation text (Apollo's queryHash). */
  queryHash: string;
  variables: Readonly<Record<string, unknown>>;
}

/** Entries kept: documents (their cost-relevant variables) and costs (per document, operation and those variables). */
export const COST_CACHE_DOCUMENTS = 500;
export const COST_CACHE_ENTRIES = 2000;

/**
 * The cost of operations, remembered per (operation text, operation name, values of the variables
 * the cost depends on) in a bounded LRU, so that a repeated operation is not analysed again. The
 * cost depends on variables only through the arguments in COST_ARGUMENTS and the conditions of
 * directives (@skip, @include): the other variables (ids, texts) are left out of the key.
 */
export class OperationCostCache {
  private readonly relevantByDocument = new Lru<string, readonly string[]>(COST_CACHE_DOCUMENTS);
  private readonly costs = new Lru<string, CostOutcome>(COST_CACHE_ENTRIES);
  /** Analyses run (cache misses), for tests and the benchmark. */
  analyses = 0;

  costOf(request: CostRequest): CostOutcome {
    const { document, operation, queryHash, variables } = request;
    let relevant = this.relevantByDocument.get(queryHash);
    if (relevant === undefined) {
      relevant = costVariables(document);
      this.relevantByDocument.set(queryHash, relevant);
    }
    const values = Object.fromEntries(
      relevant.filter((name) => Object.hasOwn(variables, name)).map((name) => [name, variables[name]]),
    );
    const key = createHash("sha256")
      .update(`${queryHash}\u0000${operation.name?.value ?? ""}\u0000${JSON.stringify(values)}`)
      .digest("base64url");
    const known = this.costs.get(key);
    if (known !== undefined) return known;
    this.analyses += 1;
    const outcome = analyse(request);
    // Invalid variables are not remembered: the same values could never get further than coercion.
    if (outcome.kind !== "invalidVariables") this.costs.set(key, outcome);
    return outcome;
  }
}

/** Analyses one request, without a cache. Errors other than CostAnalysisTooLarge propagate. */
export function analyse(request: CostRequest): CostOutcome {
  const { schema, document, operation, variables } = request;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 });
  if (coerced.errors) return { kind: "invalidVariables" };
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  try {
    return {
      kind: "estimated",
      cost: estimateCost({ schema, operation, fragments, variables: coerced.coerced }),
    };
  } catch (error) {
    if (error instanceof CostAnalysisTooLarge) return { kind: "tooLarge" };
    throw error;
  }
}

/** The variables a document's cost can depend on: those in COST_ARGUMENTS and in directive arguments. */
export function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  const addFrom = (value: ValueNode): void => {
    visit(value, {
      Variable(node) {
        names.add(node.name.value);
      },
    });
  };
  visit(document, {
    Field(node) {
      for (const arg of node.arguments ?? []) if (COST_ARGUMENTS.has(arg.name.value)) addFrom(arg.value);
    },
    Directive(node) {
      for (const arg of node.arguments ?? []) addFrom(arg.value);
    },
  });
  return [...names].sort();
}
