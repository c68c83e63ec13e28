import type { ApolloServerPlugin } from "@apollo/server";

/** Seconds a client is asked to wait after an outage error (and a 503 from /readyz). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * An answer carrying SERVICE_UNAVAILABLE gets `Retry-After`. The status stays what GraphQL over
 * HTTP prescribes for an executed operation (200: the body is a GraphQL response, possibly with
 * partial data); see docs/operations.md "Outage errors over HTTP".
 */
export function retryAfterPlugin<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response, errors }) {
          if ((errors ?? []).some((error) => error.extensions.code === "SERVICE_UNAVAILABLE")) {
            response.http.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
          }
          return Promise.resolve();
        },
      });
    },
  };
}
