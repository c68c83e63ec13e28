import {
  createTokenVerifier,
  CLOCK_TOLERANCE_SECONDS,
  type Verification,
} from "../../src/auth/tokenVerifier";
import type { AuthConfig } from "../../src/config";
import { signedToken, TEST_SECRET, unsecuredToken, withBadSignature } from "../support/tokens";

const settings: Pick<AuthConfig, "issuer" | "audience" | "rolesClaim"> = {
  issuer: undefined,
  audience: undefined,
  rolesClaim: "roles",
};
const verifier = createTokenVerifier({ kind: "secret", secret: TEST_SECRET }, settings);

const invalid = (problem: string | RegExp): Verification => ({
  ok: false,
  kind: "invalid",
  problem: expect.stringMatching(problem) as unknown as string,
});

describe("token verifier (HS256 secret)", () => {
  it("accepts a good token: its sub is the viewer, its strongest role the role", async () => {
    expect(await verifier.verify(await signedToken({ sub: "alice", claims: { roles: ["editor"] } }))).toEqual(
      {
        ok: true,
        viewer: { subject: "alice", role: "EDITOR" },
      },
    );
    expect(
      await verifier.verify(await signedToken({ claims: { roles: ["reader", "admin", "editor"] } })),
    ).toEqual({
      ok: true,
      viewer: { subject: "alice", role: "ADMIN" },
    });
  });

  it("reads role names in any case and ignores roles it does not know", async () => {
    const token = await signedToken({ claims: { roles: ["Editor", "billing", "superuser"] } });
    expect(await verifier.verify(token)).toEqual({ ok: true, viewer: { subject: "alice", role: "EDITOR" } });
  });

  it("refuses a bad signature", async () => {
    expect(await verifier.verify(withBadSignature(await signedToken()))).toEqual(invalid(/signature/));
  });

  it("refuses a token signed with another secret", async () => {
    const other = new TextEncoder().encode("another-secret-0123456789abcdefg");
    expect(await verifier.verify(await signedToken({}, other))).toEqual(invalid(/signature/));
  });

  it("refuses an expired token, beyond the clock tolerance only", async () => {
    expect(await verifier.verify(await signedToken({ expiresIn: -(CLOCK_TOLERANCE_SECONDS + 5) }))).toEqual(
      invalid(/expired/),
    );
    // Within the tolerance: a few seconds of skew between issuer and service do not matter.
    expect((await verifier.verify(await signedToken({ expiresIn: -5 }))).ok).toBe(true);
  });

  it("refuses a token whose nbf is in the future, beyond the clock tolerance only", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(
      await verifier.verify(await signedToken({ claims: { nbf: now + CLOCK_TOLERANCE_SECONDS + 60 } })),
    ).toEqual(invalid(/not valid yet/));
    expect((await verifier.verify(await signedToken({ claims: { nbf: now + 5 } }))).ok).toBe(true);
  });

  it("refuses a token without exp or without sub", async () => {
    expect(await verifier.verify(await signedToken({ noExpiry: true }))).toEqual(invalid(/"exp"/));
    expect(await verifier.verify(await signedToken({ sub: undefined }))).toEqual(invalid(/"sub"/));
  });

  it("refuses alg none, whatever it claims", async () => {
    expect(await verifier.verify(unsecuredToken())).toEqual(invalid(/algorithm is not accepted/));
  });

  it("refuses other HMAC algorithms than HS256", async () => {
    const token = await signedToken({ alg: "HS512" }, new TextEncoder().encode(TEST_SECRET.repeat(2)));
    expect(await verifier.verify(token)).toEqual(invalid(/algorithm is not accepted \(accepted: HS256\)/));
  });

  it("refuses a token that is not a JWT at all", async () => {
    expect(await verifier.verify("not.a.jwt")).toEqual(invalid(/well-formed/));
    expect(await verifier.verify("abc")).toEqual(invalid(/well-formed/));
  });

  describe("roles claim", () => {
    it("without one, the caller is known and has no role", async () => {
      const token = await signedToken({ claims: { roles: undefined } });
      expect(await verifier.verify(token)).toEqual({ ok: true, viewer: { subject: "alice", role: null } });
      expect(await verifier.verify(await signedToken({ claims: { roles: [] } }))).toEqual({
        ok: true,
        viewer: { subject: "alice", role: null },
      });
    });

    it.each([
      ["a string", "admin"],
      ["an object", { admin: true }],
      ["an array with a number", ["admin", 1]],
    ])("refuses the token when the claim is %s, not an array of names", async (_what, roles) => {
      expect(await verifier.verify(await signedToken({ claims: { roles } }))).toEqual(
        invalid(/"roles" claim must be an array/),
      );
    });

    it("reads the claim AUTH_ROLES_CLAIM names (verbatim, dots included)", async () => {
      const custom = createTokenVerifier(
        { kind: "secret", secret: TEST_SECRET },
        { ...settings, rolesClaim: "https://example.com/roles" },
      );
      const token = await signedToken({
        claims: { roles: undefined, "https://example.com/roles": ["admin"] },
      });
      expect(await custom.verify(token)).toEqual({ ok: true, viewer: { subject: "alice", role: "ADMIN" } });
      // The default claim means nothing to it.
      expect(await custom.verify(await signedToken({ claims: { roles: ["admin"] } }))).toEqual({
        ok: true,
        viewer: { subject: "alice", role: null },
      });
    });
  });

  describe("issuer and audience, enforced when set", () => {
    const strict = createTokenVerifier(
      { kind: "secret", secret: TEST_SECRET },
      { ...settings, issuer: "https://id.example.com/", audience: "kg-graphql" },
    );
    const claims = { iss: "https://id.example.com/", aud: "kg-graphql" };

    it("accepts the right issuer and an audience list that includes the service", async () => {
      expect((await strict.verify(await signedToken({ claims }))).ok).toBe(true);
      expect(
        (await strict.verify(await signedToken({ claims: { ...claims, aud: ["other", "kg-graphql"] } }))).ok,
      ).toBe(true);
    });

    it("refuses a wrong audience, and none", async () => {
      expect(await strict.verify(await signedToken({ claims: { ...claims, aud: "other-api" } }))).toEqual(
        invalid(/audience/),
      );
      expect(await strict.verify(await signedToken({ claims: { iss: claims.iss } }))).toEqual(
        invalid(/"aud"/),
      );
    });

    it("refuses a wrong issuer, and none", async () => {
      expect(
        await strict.verify(await signedToken({ claims: { ...claims, iss: "https://evil.example.com/" } })),
      ).toEqual(invalid(/issuer/));
      expect(await strict.verify(await signedToken({ claims: { aud: claims.aud } }))).toEqual(
        invalid(/"iss"/),
      );
    });

    it("ignores iss and aud when they are not configured", async () => {
      expect(
        (await verifier.verify(await signedToken({ claims: { iss: "anyone", aud: "anything" } }))).ok,
      ).toBe(true);
    });
  });
});
