import { GraphQLError } from "graphql";

// Codes clients can branch on, in `extensions.code`: BAD_USER_INPUT, SERVICE_UNAVAILABLE, TIMEOUT
// (here); GRAPHQL_VALIDATION_FAILED, GRAPHQL_PARSE_FAILED, INTERNAL_SERVER_ERROR (Apollo);
// QUERY_TOO_COMPLEX, COST_ANALYSIS_FAILED (plugins/queryCost.ts); RESPONSE_TOO_LARGE (server/responseBudget.ts);
// UNAUTHENTICATED, FORBIDDEN (auth/authErrors.ts).

/** An error's `extensions.code` (a GraphQLError's, or anything shaped like one), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("extensions" in error)) return undefined;
  const code = (error as { extensions: { code?: unknown } }).extensions.code;
  return typeof code === "string" ? code : undefined;
}

/** Input the client can fix: the message says what is allowed. `argument` names the culprit. */
export function badUserInput(
  message: string,
  argument?: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: "BAD_USER_INPUT", ...(argument === undefined ? {} : { argument }), ...extra },
  });
}

/** An integer argument that must lie in [min, max]: never clamped, an error that states the range. */
export function checkRange(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badUserInput(`\`${argument}\` must be between ${min} and ${max} (got ${value})`, argument, {
      min,
      max,
    });
  }
  return value;
}

/** Neo4j cannot be reached: the client may retry; /readyz says the same. */
export function serviceUnavailable(): GraphQLError {
  return new GraphQLError("The database is unavailable; try again shortly", {
    extensions: { code: "SERVICE_UNAVAILABLE" },
  });
}

/** The request ran out of time (its deadline, or a transaction timeout) and its query was cancelled. */
export function timeout(what: string): GraphQLError {
  return new GraphQLError(`${what}; ask for less (smaller first/limit/depth) or try again`, {
    extensions: { code: "TIMEOUT" },
  });
}
