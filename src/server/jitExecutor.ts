import type {
  GatewayExecutor,
  GatewayInterface,
  GatewaySchemaLoadOrUpdateCallback,
} from "@apollo/server-gateway-interface";
import { GraphQLError, printSchema, type DocumentNode, type GraphQLSchema } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";

/**
 * How `/graphql` executes an operation: graphql-js's `execute` (the default) or graphql-jit. On the
 * benchmark graphql-jit saved no CPU per request end to end (docs/benchmarks.md), so it is opt-in.
 */
export type GraphqlExecutor = "jit" | "graphql-js";

/**
 * Apollo Server 5 executes with graphql-js and has no executor option; a gateway is the one place
 * that can carry its own executor. This "gateway" serves one fixed schema and runs each operation
 * as a function graphql-jit compiled for it. Parsing, validation and every plugin (limits, cost,
 * logging, error masking) stay Apollo's; only execution changes.
 *
 * Compiled operations are kept per parsed document, weakly: Apollo's document store (an LRU keyed
 * by the operation's text) hands the same DocumentNode to every request with the same text, so a
 * hot operation is compiled once, and a compiled function goes when Apollo drops its document.
 */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery>>();
  let listener: GatewaySchemaLoadOrUpdateCallback | null = null;

  const executor: GatewayExecutor = async ({ document, operation, operationName, request, context }) => {
    const variables = request.variables ?? {};
    let byOperation = compiled.get(document);
    if (byOperation === undefined) {
      byOperation = new Map();
      compiled.set(document, byOperation);
    }
    const key = operationName ?? "";
    let query = byOperation.get(key);
    if (query === undefined) {
      const result = compileQuery(schema, document, operationName ?? undefined);
      if (!isCompiledQuery(result)) return result;
      query = result;
      byOperation.set(key, query);
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
