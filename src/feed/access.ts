import { decodeJwt } from "jose";
import type { Authentication } from "../auth/authentication";
import { refusal } from "../auth/authErrors";
import { readBearer } from "../auth/bearer";
import type { AuthConfig } from "../config";
import type { GraphQLError } from "graphql";

/** The name the refusals give the feed. */
const FEED = "The change feed";

/**
 * Who may follow the feed (both doors): with AUTH_READS=token, a token with the READER role; with
 * public reads, anyone, but a token that was sent is verified all the same (a bad one is refused,
 * never treated as anonymous). Null when allowed; otherwise the error, its HTTP status in
 * `extensions.http` (401 with a WWW-Authenticate challenge, 403, 503).
 */
export function feedRefusal(authentication: Authentication, reads: AuthConfig["reads"]): GraphQLError | null {
  if (reads === "token") return refusal(authentication, "READER", FEED);
  if (authentication.status === "rejected" || authentication.status === "unavailable") {
    return refusal(authentication, "READER", FEED);
  }
  return null;
}

/** Epoch ms at which a verified bearer token expires (its `exp`), or null without one. */
export function tokenExpiry(
  authorization: string | undefined,
  authentication: Authentication,
): number | null {
  if (authentication.status !== "verified") return null;
  const credentials = readBearer(authorization);
  if (credentials.kind !== "token") return null;
  const { exp } = decodeJwt(credentials.token);
  return typeof exp === "number" ? exp * 1000 : null;
}

/** setTimeout's longest delay; a later expiry is checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `expired` once `expiresAt` (epoch ms) has passed; returns the function that cancels it. */
export function onExpiry(expiresAt: number | null, expired: () => void): () => void {
  if (expiresAt === null) return () => undefined;
  let timer: NodeJS.Timeout;
  const arm = (): void => {
    const left = expiresAt - Date.now();
    if (left <= 0) {
      expired();
      return;
    }
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
  };
  arm();
  return () => clearTimeout(timer);
}
