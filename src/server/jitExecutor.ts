import type {
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
  GatewaySchemaLoadOrUpdateCallback,
} from "@apollo/server-gateway-interface";
import { execute, GraphQLError, printSchema, type DocumentNode, type GraphQLSchema } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import type { CostEstimates } from "./plugins/queryCost";

/**
 * How `/graphql` executes an operation: `auto` (the default) runs an operation estimated to cost
 * {@link JIT_FROM_COST} or more as code graphql-jit compiled for it (from the operation's second
 * such request) and the others with graphql-js's `execute`; `jit` compiles every operation on its
 * first request; `graphql-js` never compiles.
 */
export type GraphqlExecutor = "auto" | "jit" | "graphql-js";

/**
 * The estimated cost (src/server/cost: at most about the number of fields resolved) from which
 * `auto` compiles. Compiled code costs less CPU per field resolved and a little more per request
 * (bench/results/2026-11-30-executors.md, 10k entities, two builds side by side): nested (cost
 * 10,251) 17.5 → 11.2 ms of CPU per request and neighborhood (1,401) 6.3 → 5.4 ms when compiled;
 * compiling search (51) and totalCount (2) cost them 0.24 and 0.09 ms more.
 */
export const JIT_FROM_COST = 1000;

export interface JitOptions {
  /** Operations estimated below this cost run on graphql-js; 0 compiles every operation. */
  compileFrom: number;
  /**
   * The request's estimated cost, as the cost plugin noted it, by the request's context value
   * (one per operation while Apollo's batching stays off, as it is here).
   */
  estimates?: CostEstimates;
}

/** An operation run once with a cost worth compiling: compiled on its next such request. */
const SEEN = Symbol("seen once");
/** An operation graphql-jit refused to compile. */
const UNCOMPILABLE = Symbol("uncompilable");

/**
 * Apollo Server 5 executes with graphql-js and has no executor option; a gateway is the one place
 * that can carry its own executor. This "gateway" serves one fixed schema and runs each operation
 * it compiles (see {@link JitOptions}) as a function graphql-jit compiled for it, and the others
 * with graphql-js's `execute`, as Apollo would. Parsing, validation and every plugin (limits,
 * cost, logging, error masking) stay Apollo's; only execution changes.
 *
 * Compiled operations are kept per parsed document, weakly: Apollo's document store (an LRU keyed
 * by the operation's text) hands the same DocumentNode to every request with the same text, so a
 * hot operation is compiled once, and a compiled function goes when Apollo drops its document.
 */
export function jitGateway(schema: GraphQLSchema, options: JitOptions): GatewayInterface {
  const compiled = new WeakMap<
    DocumentNode,
    Map<string, CompiledQuery | typeof SEEN | typeof UNCOMPILABLE>
  >();
  let listener: GatewaySchemaLoadOrUpdateCallback | null = null;

  const worthCompiling = ({ context }: GatewayGraphQLRequestContext): boolean =>
    options.compileFrom <= 0 || (options.estimates?.get(context) ?? 0) >= options.compileFrom;

  /**
   * The operation compiled, compiling it on its second costly request (with `compileFrom` 0, its
   * first), or null: graphql-js runs it. An operation text sent once is never compiled (compiling
   * costs more than one run, and the code stays as long as Apollo keeps the document); one that
   * graphql-jit cannot compile stays on graphql-js.
   */
  const compiledFor = (document: DocumentNode, operationName: string | null): CompiledQuery | null => {
    let byOperation = compiled.get(document);
    if (byOperation === undefined) {
      byOperation = new Map();
      compiled.set(document, byOperation);
    }
    const key = operationName ?? "";
    const known = byOperation.get(key);
    if (known === UNCOMPILABLE) return null;
    if (known !== undefined && known !== SEEN) return known;
    if (known === undefined && options.compileFrom > 0) {
      byOperation.set(key, SEEN);
      return null;
    }
    const result = compileQuery(schema, document, operationName ?? undefined);
    const query = isCompiledQuery(result) ? result : null;
    byOperation.set(key, query ?? UNCOMPILABLE);
    return query;
  };

  const executor: GatewayExecutor = async (requestContext) => {
    const { document, operation, operationName, request, context } = requestContext;
    const variables = request.variables ?? {};
    const query = worthCompiling(requestContext) ? compiledFor(document, operationName) : null;
    if (query === null) {
      return execute({ schema, document, operationName, variableValues: variables, contextValue: context });
    }
    const result = await query.query(undefined, context, variables);
    if (result.errors === undefined) return result;
    if (result.data === undefined) {
      // No data at all: the variables were refused. graphql-js's errors for them name the variable's
      // definition, which Apollo answers 400 BAD_USER_INPUT; graphql-jit's have no AST node (a 500).
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
      if (coerced.errors !== undefined) return { errors: coerced.errors };
    }
    return { ...result, errors: result.errors.map(asGraphQLError) };
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      listener = callback;
      return () => {
        listener = null;
      };
    },
    load() {
      listener?.({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return Promise.resolve({ executor });
    },
    stop: () => Promise.resolve(),
  };
}

/**
 * graphql-jit's errors only look like graphql-js's: their properties are read-only, and the
 * error plugins (graphql-armor's suggestion masking) rewrite `message`. The same error, as graphql-js
 * would have built it.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const copy = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  return Object.assign(copy, { locations: error.locations });
}
