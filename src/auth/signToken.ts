import { SignJWT } from "jose";
import type { AccessRole } from "./viewer";

export interface TokenRequest {
  /** The HS256 secret (AUTH_JWT_SECRET or the development secret). */
  secret: string;
  subject: string;
  role: AccessRole;
  ttlSeconds: number;
  /** Set as `iss`/`aud` when the service enforces them. */
  issuer?: string | undefined;
  audience?: string | undefined;
  /** AUTH_ROLES_CLAIM. */
  rolesClaim: string;
}

/** An HS256 token as the service expects one: `sub`, the role in the roles claim, `iat`, `exp`. */
export async function signToken(request: TokenRequest): Promise<string> {
  let jwt = new SignJWT({ [request.rolesClaim]: [request.role.toLowerCase()] })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(request.subject)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds}s`);
  if (request.issuer !== undefined) jwt = jwt.setIssuer(request.issuer);
  if (request.audience !== undefined) jwt = jwt.setAudience(request.audience);
  return jwt.sign(new TextEncoder().encode(request.secret));
}

/** Longest lifetime `npm run token` signs for: development tokens should not outlive the day. */
export const MAX_TTL_SECONDS = 7 * 24 * 3600;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90s`, `15m`, `1h`, `7d` to seconds; undefined for anything else or out of 1 s to 7 d. */
export function parseTtl(text: string): number | undefined {
  const match = /^(\d{1,7})([smhd])$/.exec(text.trim());
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  const seconds = Number(match[1]) * (UNIT_SECONDS[match[2]] ?? 0);
  return seconds >= 1 && seconds <= MAX_TTL_SECONDS ? seconds : undefined;
}
