import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { Logger } from "../../logger";
import { OperationCostCache } from "../cost/operationCost";

/** What every response reports in `extensions.cost` once its operation is known. */
export interface CostReport {
  /** The estimated cost (docs/api.md has the formula); null when it could not be estimated. */
  estimated: number | null;
  /** LIMIT_MAX_COST: operations estimated above it are refused. */
  limit: number;
}

function refuse(message: string, extensions: Record<string, unknown>, status = 400): GraphQLError {
  // A request error, not a server one: 400 like validation errors (see responseStatus.ts).
  return new GraphQLError(message, { extensions: { ...extensions, http: { status } } });
}

/** Each request's estimated cost, by its context value: for the executor (jitExecutor.ts). */
export type CostEstimates = WeakMap<object, number>;

/**
 * Refuses, before anything runs, an operation whose estimated cost exceeds `maxCost`, or whose
 * cost cannot be estimated; reports the estimate and the limit in `extensions.cost` of the
 * response. Invalid variables are left to Apollo, which refuses them right after this hook
 * (400 BAD_USER_INPUT) with the same coercion, so the operation never runs either.
 */
export function queryCostPlugin<Context extends object>(
  maxCost: number,
  logger: Logger,
  {
    cache = new OperationCostCache(),
    estimates,
  }: { cache?: OperationCostCache; estimates?: CostEstimates } = {},
): ApolloServerPlugin<Context> {
  return {
    requestDidStart() {
      let report: CostReport | undefined;
      return Promise.resolve({
        didResolveOperation({ request, document, schema, operation, queryHash, contextValue }) {
          // No operation (several and no operationName, or an unknown name): execution reports it and runs nothing.
          if (!operation) return Promise.resolve();
          let outcome;
          try {
            outcome = cache.costOf({
              schema,
              document,
              operation,
              queryHash,
              variables: request.variables ?? {},
            });
          } catch (error) {
            logger.error({ err: error }, "the cost analysis failed; the operation was refused");
            report = { estimated: null, limit: maxCost };
            return Promise.reject(
              refuse(
                "The operation's cost could not be estimated, so it was not run",
                { code: "COST_ANALYSIS_FAILED" },
                500,
              ),
            );
          }
          if (outcome.kind === "invalidVariables") return Promise.resolve();
          if (outcome.kind === "tooLarge") {
            report = { estimated: null, limit: maxCost };
            return Promise.reject(
              refuse("The operation is too large to estimate its cost: ask for fewer fields or fragments", {
                code: "QUERY_TOO_COMPLEX",
                maxCost,
              }),
            );
          }
          const { cost } = outcome;
          report = { estimated: cost, limit: maxCost };
          estimates?.set(contextValue, cost);
          if (cost > maxCost) {
            return Promise.reject(
              refuse(
                `Query cost ${cost} exceeds the limit of ${maxCost}: ask for fewer items (first/limit) or fewer fields`,
                { code: "QUERY_TOO_COMPLEX", cost, maxCost },
              ),
            );
          }
          return Promise.resolve();
        },
        willSendResponse({ response }) {
          if (report !== undefined && response.body.kind === "single") {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, cost: report };
          }
          return Promise.resolve();
        },
      });
    },
  };
}
