import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyResult,
  type JWTVerifyOptions,
} from "jose";
import type { AuthConfig, TokenKeySource } from "../config";
import { strongestRole } from "./roles";
import type { Viewer } from "./viewer";

/**
 * Seconds of clock skew allowed between the token's issuer and this service when checking `exp`
 * and `nbf`: a token is accepted up to 30 s after it expired and 30 s before it becomes valid.
 */
export const CLOCK_TOLERANCE_SECONDS = 30;

/** HS256 for a shared secret; only asymmetric algorithms for keys from a JWKS (never `none`, never HS). */
export const SECRET_ALGORITHMS = ["HS256"] as const;
export const JWKS_ALGORITHMS = ["RS256", "ES256", "EdDSA"] as const;

/** The JWKS is fetched at most every 30 s for an unknown `kid`, cached 10 min, and given 5 s to answer. */
export const JWKS_OPTIONS = { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 600_000 };

/** Longest `sub` accepted: it is stored as the actor of every change the caller writes. */
export const MAX_SUBJECT_LENGTH = 256;

export type Verification =
  | { ok: true; viewer: Viewer }
  /** The token is bad: expired, wrong signature, audience, issuer, algorithm, claims. */
  | { ok: false; kind: "invalid"; problem: string }
  /** The token could not be checked: the JWKS did not answer. Not the client's fault. */
  | { ok: false; kind: "unavailable"; problem: string };

export interface TokenVerifier {
  verify(token: string): Promise<Verification>;
}

type AuthSettings = Pick<AuthConfig, "issuer" | "audience" | "rolesClaim">;

/** Built once at start-up: the key (or JWKS fetcher) and the checks every token must pass. */
export function createTokenVerifier(key: TokenKeySource, settings: AuthSettings): TokenVerifier {
  const options: JWTVerifyOptions = {
    algorithms: [...(key.kind === "secret" ? SECRET_ALGORITHMS : JWKS_ALGORITHMS)],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    requiredClaims: ["exp", "sub"],
    ...(settings.issuer === undefined ? {} : { issuer: settings.issuer }),
    ...(settings.audience === undefined ? {} : { audience: settings.audience }),
  };
  let verifyWith: (token: string) => Promise<JWTVerifyResult>;
  if (key.kind === "secret") {
    const secret = new TextEncoder().encode(key.secret);
    verifyWith = (token) => jwtVerify(token, secret, options);
  } else {
    const keys = createRemoteJWKSet(key.url, JWKS_OPTIONS);
    verifyWith = (token) => jwtVerify(token, keys, options);
  }

  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await verifyWith(token));
      } catch (error) {
        return classify(error, key.kind);
      }
      return viewerOf(payload, settings.rolesClaim);
    },
  };
}

function viewerOf(payload: JWTPayload, rolesClaim: string): Verification {
  const { sub } = payload;
  if (typeof sub !== "string" || sub.length === 0 || sub.length > MAX_SUBJECT_LENGTH) {
    return {
      ok: false,
      kind: "invalid",
      problem: `"sub" must be a string of 1 to ${MAX_SUBJECT_LENGTH} characters`,
    };
  }
  const roles = strongestRole(payload[rolesClaim], rolesClaim);
  if (!roles.ok) return { ok: false, kind: "invalid", problem: roles.problem };
  return { ok: true, viewer: { subject: sub, role: roles.role } };
}

/** jose's errors mapped by their stable `code`, never by message text. */
function classify(error: unknown, keyKind: TokenKeySource["kind"]): Verification {
  const invalid = (problem: string): Verification => ({ ok: false, kind: "invalid", problem });
  const unavailable = (problem: string): Verification => ({ ok: false, kind: "unavailable", problem });
  if (!(error instanceof joseErrors.JOSEError)) {
    // fetch() failing (DNS, refused connection) surfaces as a TypeError from the JWKS fetcher.
    return keyKind === "jwks"
      ? unavailable("the identity provider's keys (AUTH_JWKS_URL) could not be fetched")
      : invalid("the token could not be verified");
  }
  switch (error.code) {
    case joseErrors.JWTExpired.code:
      return invalid("the token has expired");
    case joseErrors.JWTClaimValidationFailed.code:
      return invalid(claimProblem(error as joseErrors.JWTClaimValidationFailed));
    case joseErrors.JOSEAlgNotAllowed.code:
      return invalid(`the token's algorithm is not accepted (accepted: ${algorithmsFor(keyKind)})`);
    case joseErrors.JWSSignatureVerificationFailed.code:
      return invalid("the token's signature does not verify");
    case joseErrors.JWKSNoMatchingKey.code:
      return invalid("no key of the identity provider matches the token");
    case joseErrors.JWKSMultipleMatchingKeys.code:
      return invalid("several keys of the identity provider match the token; it needs a `kid`");
    case joseErrors.JWKSTimeout.code:
      return unavailable("the identity provider's keys (AUTH_JWKS_URL) did not arrive in time");
    case joseErrors.JWKSInvalid.code:
    case joseErrors.JOSEError.code:
      return keyKind === "jwks"
        ? unavailable("the identity provider's keys (AUTH_JWKS_URL) could not be read")
        : invalid("the token could not be verified");
    default:
      // ERR_JWS_INVALID, ERR_JWT_INVALID, ERR_JOSE_NOT_SUPPORTED, ERR_JWK_INVALID, ...
      return invalid("the token is not a well-formed, supported JWT");
  }
}

function claimProblem(error: joseErrors.JWTClaimValidationFailed): string {
  if (error.reason === "missing") return `the token has no "${error.claim}" claim`;
  switch (error.claim) {
    case "nbf":
      return "the token is not valid yet (nbf)";
    case "iss":
      return "the token's issuer (iss) is not the one this service accepts";
    case "aud":
      return "the token's audience (aud) does not include this service";
    default:
      return `the token's "${error.claim}" claim is invalid`;
  }
}

function algorithmsFor(keyKind: TokenKeySource["kind"]): string {
  return (keyKind === "secret" ? SECRET_ALGORITHMS : JWKS_ALGORITHMS).join(", ");
}
