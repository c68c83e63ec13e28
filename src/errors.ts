import { GraphQLError } from "graphql";

/** Codes clients can branch on, in `extensions.code`. */
export type ErrorCode = "BAD_USER_INPUT" | "SERVICE_UNAVAILABLE" | "INTERNAL_SERVER_ERROR";

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
