import type { AuthConfig } from "../config";
import { readBearer } from "./bearer";
import { createTokenVerifier, type TokenVerifier } from "./tokenVerifier";
import type { Viewer } from "./viewer";

/**
 * Who a request comes from, decided once when its context is built. Only `verified` has a viewer;
 * the others say why not, so that a field needing a role can tell the caller what to fix.
 */
export type Authentication =
  | { status: "verified"; viewer: Viewer }
  /** No Authorization header. */
  | { status: "anonymous" }
  /** Credentials were sent and refused: never treated as anonymous where a role is needed. */
  | { status: "rejected"; error: "invalid_request" | "invalid_token"; problem: string }
  /** The token could not be checked (the identity provider's keys did not arrive). */
  | { status: "unavailable"; problem: string }
  /** No AUTH_JWT_SECRET or AUTH_JWKS_URL: no token can be verified, so nothing needing a role is allowed. */
  | { status: "disabled" };

export const ANONYMOUS: Authentication = { status: "anonymous" };

export type Authenticate = (authorizationHeader: string | undefined) => Promise<Authentication>;

/** Reads the bearer token and verifies it; `verifier` is undefined when auth is not configured. */
export function createAuthenticate(verifier: TokenVerifier | undefined): Authenticate {
  return async (header) => {
    if (verifier === undefined) return { status: "disabled" };
    const credentials = readBearer(header);
    if (credentials.kind === "none") return ANONYMOUS;
    if (credentials.kind === "malformed") {
      return { status: "rejected", error: "invalid_request", problem: credentials.problem };
    }
    const verification = await verifier.verify(credentials.token);
    if (verification.ok) return { status: "verified", viewer: verification.viewer };
    return verification.kind === "invalid"
      ? { status: "rejected", error: "invalid_token", problem: verification.problem }
      : { status: "unavailable", problem: verification.problem };
  };
}

/**
 * The one authenticator a process builds from its configuration (the key, or the JWKS fetcher and
 * its cache, shared by every request); any transport (HTTP, WebSocket) passes it the header it got.
 */
export function authenticatorFor({ key, issuer, audience, rolesClaim }: AuthConfig): Authenticate {
  return createAuthenticate(key && createTokenVerifier(key, { issuer, audience, rolesClaim }));
}
