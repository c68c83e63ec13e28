import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../context";

/** Every error a client receives carries the request id, to quote when reporting it (logs carry it too). */
export function requestIdPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ contextValue, response }) {
          if (response.body.kind === "single" && response.body.singleResult.errors) {
            response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({
              ...error,
              extensions: { ...error.extensions, requestId: contextValue.requestId },
            }));
          }
          return Promise.resolve();
        },
      });
    },
  };
}
