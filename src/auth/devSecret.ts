import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { MIN_SECRET_BYTES, type Config } from "../config";

export interface DevSecret {
  secret: string;
  file: string;
  /** True when this call created the file; false when an earlier start did. */
  created: boolean;
}

/**
 * The development secret (AUTH_DEV_SECRET_FILE): read from `file`, or made (48 random bytes, base64url) and written there
 * with mode 0600 in a 0700 folder. Two processes starting at once agree: only one creates it.
 */
export function loadOrCreateDevSecret(file: string): DevSecret {
  try {
    return { secret: readSecret(file), file, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString("base64url");
  // Written whole under a private name, then linked into place: link fails if another process
  // got there first, and nobody ever reads a half-written file.
  const draft = `${file}.${process.pid}.tmp`;
  writeFileSync(draft, `${secret}\n`, { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      return { secret: readSecret(file), file, created: false };
    throw error;
  } finally {
    unlinkSync(draft);
  }
  return { secret, file, created: true };
}

function readSecret(file: string): string {
  // Others may have loosened it since (a copy, a checkout): a secret is readable by its owner only.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = readFileSync(file, "utf8").trim();
  if (Buffer.byteLength(secret, "utf8") < MIN_SECRET_BYTES) {
    throw new Error(`${file} holds fewer than ${MIN_SECRET_BYTES} bytes: delete it and a new one is made`);
  }
  return secret;
}

/**
 * When no auth is configured and NODE_ENV is not production, the configuration with the
 * development secret as AUTH_JWT_SECRET (so writes can be tried); otherwise undefined.
 */
export function withDevSecret(config: Config): { config: Config; devSecret: DevSecret } | undefined {
  if (config.auth.key !== undefined || config.env === "production") return undefined;
  const devSecret = loadOrCreateDevSecret(config.auth.devSecretFile);
  return {
    config: { ...config, auth: { ...config.auth, key: { kind: "secret", secret: devSecret.secret } } },
    devSecret,
  };
}
