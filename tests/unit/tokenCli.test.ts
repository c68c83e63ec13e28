import { execFile } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { parseTtl } from "../../src/auth/signToken";
import { createTokenVerifier } from "../../src/auth/tokenVerifier";
import { TEST_SECRET } from "../support/tokens";

const ROOT = path.resolve(__dirname, "../..");
const run = promisify(execFile);

/** `npm run token -- …` as a user runs it (tsx on src/auth/tokenCli.ts), with only the given AUTH_* set. */
async function token(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("AUTH_") && k !== "NODE_ENV"),
  );
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "src/auth/tokenCli.ts", ...args],
      {
        cwd: ROOT,
        env: { ...clean, ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("npm run token", () => {
  it("prints a token the service accepts, with the role, sub, lifetime, issuer and audience asked for", async () => {
    const before = Math.floor(Date.now() / 1000);
    const env = { AUTH_JWT_SECRET: TEST_SECRET, AUTH_ISSUER: "https://id.example.com/", AUTH_AUDIENCE: "kg" };
    const answer = await token(["--role", "editor", "--sub", "alice", "--ttl", "15m"], env);
    expect(answer.code).toBe(0);
    const jwt = answer.stdout.trim();
    expect(jwt.split(".")).toHaveLength(3);
    expect(decodeProtectedHeader(jwt).alg).toBe("HS256");
    const claims = decodeJwt(jwt);
    expect(claims).toMatchObject({ sub: "alice", roles: ["editor"], iss: env.AUTH_ISSUER, aud: "kg" });
    expect((claims.exp ?? 0) - before).toBeGreaterThanOrEqual(15 * 60);
    expect((claims.exp ?? 0) - before).toBeLessThanOrEqual(15 * 60 + 5);

    const verifier = createTokenVerifier(
      { kind: "secret", secret: TEST_SECRET },
      { issuer: env.AUTH_ISSUER, audience: "kg", rolesClaim: "roles" },
    );
    expect(await verifier.verify(jwt)).toEqual({ ok: true, viewer: { subject: "alice", role: "EDITOR" } });
  });

  it("signs with the development secret when no key is configured, creating it (0600) if missing", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "kg-token-")), "dev-secret");
    const first = await token(["--role", "admin"], { AUTH_DEV_SECRET_FILE: file });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`Created the development secret ${file}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = await token(["--role", "admin"], { AUTH_DEV_SECRET_FILE: file });
    expect(second.stderr).not.toContain("Created");
    expect(decodeJwt(second.stdout.trim())).toMatchObject({ sub: "developer", roles: ["admin"] });
  });

  it("lists every problem with the arguments", async () => {
    const answer = await token(["--role", "owner", "--ttl", "30d"], { AUTH_JWT_SECRET: TEST_SECRET });
    expect(answer.code).toBe(2);
    expect(answer.stdout).toBe("");
    expect(answer.stderr).toContain("--role must be reader, editor or admin");
    expect(answer.stderr).toContain("--ttl must be like 90s, 15m, 1h or 7d (at most 7 days)");
  });

  it("refuses when tokens come from an identity provider, or in production without a secret", async () => {
    const jwks = await token(["--role", "editor"], { AUTH_JWKS_URL: "https://id.example.com/jwks" });
    expect(jwks.code).toBe(1);
    expect(jwks.stderr).toMatch(/identity provider/);
    const production = await token(["--role", "editor"], { NODE_ENV: "production" });
    expect(production.code).toBe(1);
    expect(production.stdout).toBe("");
  });
});

describe("parseTtl", () => {
  it.each([
    ["90s", 90],
    ["15m", 900],
    ["1h", 3600],
    ["7d", 604_800],
  ])("reads %s", (text, seconds) => expect(parseTtl(text)).toBe(seconds));

  it.each(["0s", "8d", "1w", "1.5h", "", "h", "-1h"])("refuses %j", (text) =>
    expect(parseTtl(text)).toBeUndefined(),
  );
});
