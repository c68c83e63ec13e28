import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError } from "graphql";
import type { Logger } from "../logger";

/**
 * Errors the service raises on purpose carry a code in `extensions.code` and reach the client as
 * they are. Anything else is a bug or an outage: logged whole, and the client gets
 * INTERNAL_SERVER_ERROR without the original message (which may hold Cypher or driver details).
 */
export function formatError(logger: Logger, development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    if (original instanceof GraphQLError || (code !== undefined && code !== "INTERNAL_SERVER_ERROR")) {
      return formatted;
    }
    logger.error({ err: original, path: formatted.path }, "unexpected error while resolving");
    if (development) return formatted;
    return {
      message: "Internal server error",
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}
