import { GraphQLError } from "graphql";
import type { Authentication } from "./authentication";
import { hasRole, type AccessRole } from "./viewer";

/** The realm named in every WWW-Authenticate challenge. */
export const AUTH_REALM = "kg-graphql";

/** Said whenever a write is refused because the service cannot verify tokens at all. */
export const HOW_TO_ENABLE_WRITES =
  "Writes are disabled: no token verification is configured. Set AUTH_JWT_SECRET (HS256, at least 32 bytes) " +
  "or AUTH_JWKS_URL (see docs/curation.md). In development, `npm start` creates a local secret and " +
  "`npm run token -- --role editor` prints a token for it.";

/**
 * Null when `authentication` allows a field needing `required`; otherwise the error to raise:
 * UNAUTHENTICATED (HTTP 401 and a WWW-Authenticate challenge, RFC 6750) without a valid token,
 * FORBIDDEN (403) with one that lacks the role, SERVICE_UNAVAILABLE (503) when it could not be checked.
 * Apollo Server reads `extensions.http` to set the response's status and headers, then drops it.
 */
export function refusal(
  authentication: Authentication,
  required: AccessRole,
  field: string,
): GraphQLError | null {
  const needs = `${field} needs a bearer token with the ${required} role`;
  switch (authentication.status) {
    case "verified": {
      const { role } = authentication.viewer;
      if (hasRole(role, required)) return null;
      return new GraphQLError(`${needs}; yours carries ${role ?? "no role"}`, {
        extensions: { code: "FORBIDDEN", requiredRole: required, http: { status: 403 } },
      });
    }
    case "anonymous":
      return unauthenticated(`${needs} (header \`Authorization: Bearer <token>\`)`, required, challenge());
    case "rejected":
      return unauthenticated(
        `${needs}; the one sent was refused: ${authentication.problem}`,
        required,
        challenge(authentication.error, authentication.problem),
      );
    case "disabled":
      return unauthenticated(HOW_TO_ENABLE_WRITES, required, challenge());
    case "unavailable":
      return new GraphQLError(
        `The token could not be checked: ${authentication.problem}; try again shortly`,
        {
          extensions: { code: "SERVICE_UNAVAILABLE", http: { status: 503 } },
        },
      );
  }
}

function unauthenticated(message: string, required: AccessRole, wwwAuthenticate: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: "UNAUTHENTICATED",
      requiredRole: required,
      http: { status: 401, headers: new Map([["www-authenticate", wwwAuthenticate]]) },
    },
  });
}

/** `Bearer realm="…"`, plus `error` and `error_description` when credentials were sent and refused. */
function challenge(error?: string, description?: string): string {
  const params = [`realm="${AUTH_REALM}"`];
  if (error !== undefined) params.push(`error="${error}"`);
  // A quoted-string: no quotes or backslashes, printable ASCII only (RFC 6750 section 3).
  if (description !== undefined)
    params.push(`error_description="${description.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, "'")}"`);
  return `Bearer ${params.join(", ")}`;
}
