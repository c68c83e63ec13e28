import { SignJWT, type CryptoKey, type JWTPayload, type KeyObject } from "jose";

/** The HS256 secret the auth tests configure (AUTH_JWT_SECRET): 32 bytes, the least allowed. */
export const TEST_SECRET = "test-secret-0123456789abcdefghij";

export interface TokenOptions {
  sub?: string | undefined;
  /** Claims beside `sub`, `iat`, `exp`; `roles: ["editor"]` unless given. */
  claims?: JWTPayload;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number | undefined;
  /** Leave `exp` out altogether. */
  noExpiry?: boolean;
  alg?: string;
  kid?: string;
}

/** A real signed JWT (jose), HS256 with the test secret unless another key is given. */
export async function signedToken(
  options: TokenOptions = {},
  key: Uint8Array | CryptoKey | KeyObject = new TextEncoder().encode(TEST_SECRET),
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({ roles: ["editor"], ...options.claims })
    .setProtectedHeader({
      alg: options.alg ?? "HS256",
      typ: "JWT",
      ...(options.kid ? { kid: options.kid } : {}),
    })
    .setIssuedAt(now);
  if (options.sub !== undefined || !("sub" in options)) jwt = jwt.setSubject(options.sub ?? "alice");
  if (!options.noExpiry) jwt = jwt.setExpirationTime(now + (options.expiresIn ?? 300));
  return jwt.sign(key);
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

/** An unsecured JWT (`alg: none`, empty signature), as an attacker would send it. */
export function unsecuredToken(claims: JWTPayload = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return `${base64url({ alg: "none", typ: "JWT" })}.${base64url({ sub: "mallory", roles: ["admin"], iat: now, exp: now + 300, ...claims })}.`;
}

/** `token` with its signature replaced by another valid-looking one. */
export function withBadSignature(token: string): string {
  const [header, payload, signature = ""] = token.split(".");
  const flipped = Buffer.from(signature, "base64url");
  flipped[0] = (flipped[0] ?? 0) ^ 0xff;
  return `${header}.${payload}.${flipped.toString("base64url")}`;
}
