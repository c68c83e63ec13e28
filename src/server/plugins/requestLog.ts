import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../context";
import type { Metrics } from "../metrics";

/**
 * One structured log line per GraphQL request (request id, operation, duration, Cypher queries,
 * error codes) and the request metrics. Errors themselves are logged by formatError.
 */
export function requestLogPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      const started = performance.now();
      return Promise.resolve({
        willSendResponse({ contextValue, operationName, response, errors }) {
          const seconds = (performance.now() - started) / 1000;
          const operation = operationName ?? "(anonymous)";
          const codes = (errors ?? []).map((e) =>
            typeof e.extensions.code === "string" ? e.extensions.code : "INTERNAL_SERVER_ERROR",
          );
          const label = metrics.operationLabel(operation);
          metrics.requests.inc({ operation: label });
          metrics.requestSeconds.observe({ operation: label }, seconds);
          for (const code of codes) metrics.errors.inc({ code });
          contextValue.logger.info(
            {
              operation,
              ms: Math.round(seconds * 1000),
              cypherQueries: contextValue.executor.queryCount,
              status: response.http.status ?? 200,
              ...(codes.length > 0 ? { errorCodes: [...new Set(codes)] } : {}),
            },
            "graphql request",
          );
          return Promise.resolve();
        },
      });
    },
  };
}
