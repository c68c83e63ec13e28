import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";

/**
 * A list's cost is its items' cost times how many it may hold: `first` or `limit` (after defaults
 * apply), times `maxLength + 1` for paths. graphql-armor's cost limit does not multiply by
 * arguments, so this uses graphql-query-complexity.
 */
export const listEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const count =
    typeof args.first === "number" ? args.first : typeof args.limit === "number" ? args.limit : undefined;
  if (count === undefined) return undefined;
  const perItem =
    typeof args.maxLength === "number" ? childComplexity * (args.maxLength + 1) : childComplexity;
  return 1 + Math.max(count, 1) * perItem;
};

/** Rejects an operation whose estimated cost exceeds `maxCost`, before anything runs. */
export function queryCostPlugin<Context extends object>(maxCost: number): ApolloServerPlugin<Context> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, schema }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: request.operationName ?? undefined,
              estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Invalid variables: Apollo reports them itself (400 BAD_USER_INPUT) right after this hook.
            return Promise.resolve();
          }
          if (cost > maxCost) {
            return Promise.reject(
              new GraphQLError(
                `Query cost ${cost} exceeds the limit of ${maxCost}: ask for fewer items (first/limit) or fewer fields`,
                // A request error, not a server one: 400 like validation errors (see responseStatus.ts).
                { extensions: { code: "QUERY_TOO_COMPLEX", cost, maxCost, http: { status: 400 } } },
              ),
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}
