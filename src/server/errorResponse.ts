import type { Response } from "express";
import type { GraphQLError } from "graphql";

/**
 * What every HTTP answer outside GraphQL's own errors carries when it refuses or fails: GraphQL's
 * error shape (a GraphQL client already reads it), the code in `extensions.code` and the request's
 * id (X-Request-Id, so a client's report can be found in the logs).
 */
interface ErrorBody {
  errors: Array<{ message: string; extensions: Record<string, unknown> }>;
}

export function errorBody(
  message: string,
  extensions: Record<string, unknown>,
  requestId: string,
): ErrorBody {
  return { errors: [{ message, extensions: { ...extensions, requestId } }] };
}

/** The id the request-id middleware gave this request ("" before it ran). */
export function requestIdOfResponse(res: Response): string {
  const id: unknown = res.locals.requestId;
  return typeof id === "string" ? id : "";
}

/** Answers `status` with {@link errorBody}. */
export function sendError(
  res: Response,
  status: number,
  message: string,
  extensions: Record<string, unknown>,
): void {
  res.status(status).json(errorBody(message, extensions, requestIdOfResponse(res)));
}

/**
 * Answers with a GraphQLError raised outside GraphQL (an auth refusal, auth/authErrors.ts) as
 * Apollo Server would: the status and headers its `extensions.http` names (401 when none), its
 * other extensions in the body.
 */
export function sendGraphQLError(res: Response, error: GraphQLError): void {
  const { http, ...extensions } = error.extensions as {
    http?: { status?: number; headers?: Map<string, string> };
  };
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  sendError(res, http?.status ?? 401, error.message, extensions);
}
