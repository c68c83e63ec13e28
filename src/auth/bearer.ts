/** What a request's Authorization header holds. */
export type BearerCredentials =
  | { kind: "none" }
  | { kind: "token"; token: string }
  /** A header that is not `Bearer <token>`: answered like a bad token, never as anonymous. */
  | { kind: "malformed"; problem: string };

// RFC 6750 section 2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** Longer headers are refused before any parsing (a JWT with a few claims is well under 1 kB). */
export const MAX_AUTHORIZATION_LENGTH = 8_192;

/** Reads `Authorization: Bearer <token>` (scheme in any case, RFC 7235). */
export function readBearer(header: string | undefined): BearerCredentials {
  if (header === undefined || header.trim() === "") return { kind: "none" };
  if (header.length > MAX_AUTHORIZATION_LENGTH) {
    return {
      kind: "malformed",
      problem: `the Authorization header is longer than ${MAX_AUTHORIZATION_LENGTH} characters`,
    };
  }
  const match = BEARER.exec(header);
  if (match?.[1] === undefined) {
    return { kind: "malformed", problem: "the Authorization header must be `Bearer <token>`" };
  }
  return { kind: "token", token: match[1] };
}
