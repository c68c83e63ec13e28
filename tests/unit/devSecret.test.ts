import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadOrCreateDevSecret, withDevSecret } from "../../src/auth/devSecret";
import { loadConfig } from "../../src/config";

const tempFile = (): string =>
  path.join(mkdtempSync(path.join(os.tmpdir(), "kg-dev-secret-")), "nested", "secret");
const modeOf = (file: string): number => statSync(file).mode & 0o777;

describe("the development secret", () => {
  it("is created once with mode 0600 in a 0700 folder, then reused", () => {
    const file = tempFile();
    const first = loadOrCreateDevSecret(file);
    expect(first.created).toBe(true);
    expect(Buffer.byteLength(first.secret)).toBeGreaterThanOrEqual(32);
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(path.dirname(file))).toBe(0o700);
    expect(readFileSync(file, "utf8").trim()).toBe(first.secret);

    const second = loadOrCreateDevSecret(file);
    expect(second).toEqual({ secret: first.secret, file, created: false });
  });

  it("tightens a file that others can read", () => {
    const file = tempFile();
    loadOrCreateDevSecret(file);
    chmodSync(file, 0o644);
    loadOrCreateDevSecret(file);
    expect(modeOf(file)).toBe(0o600);
  });

  it("refuses a file too short to be a secret", () => {
    const file = tempFile();
    loadOrCreateDevSecret(file);
    writeFileSync(file, "short\n");
    expect(() => loadOrCreateDevSecret(file)).toThrow(/fewer than 32 bytes/);
  });

  it("is used only when no key is configured and NODE_ENV is not production", () => {
    const file = tempFile();
    const dev = withDevSecret(loadConfig({ AUTH_DEV_SECRET_FILE: file }));
    expect(dev?.config.auth.key).toEqual({ kind: "secret", secret: dev?.devSecret.secret });
    expect(withDevSecret(loadConfig({ AUTH_DEV_SECRET_FILE: file, NODE_ENV: "production" }))).toBeUndefined();
    const configured = loadConfig({ AUTH_DEV_SECRET_FILE: file, AUTH_JWT_SECRET: "x".repeat(40) });
    expect(withDevSecret(configured)).toBeUndefined();
  });
});
