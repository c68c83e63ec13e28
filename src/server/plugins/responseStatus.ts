import type { ApolloServerPlugin } from "@apollo/server";

/**
 * GraphQL over HTTP: a client that accepts only `application/json` (the legacy media type) should
 * get 200 for a request that fails before execution (parse, validation, variables), with the
 * errors in the body; only `application/graphql-response+json` clients get 4xx. Apollo Server
 * answers 400 to both, which the spec's SHOULDs (and graphql-http's audit) flag.
 */
export function legacyJsonStatusPlugin<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    requestDidStart({ request }) {
      const accept = request.http?.headers.get("accept") ?? "";
      const legacyClient = !accept.includes("application/graphql-response+json");
      return Promise.resolve({
        willSendResponse({ response }) {
          if (legacyClient && response.http.status === 400 && response.body.kind === "single") {
            response.http.status = 200;
          }
          return Promise.resolve();
        },
      });
    },
  };
}
