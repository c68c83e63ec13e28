import { createTokenVerifier, type TokenVerifier } from "../../src/auth/tokenVerifier";
import { makeSigningKey, startJwksServer, type JwksServer, type SigningKey } from "../support/jwksServer";
import { signedToken, unsecuredToken } from "../support/tokens";

const settings = { issuer: "https://id.example.com/", audience: "kg-graphql", rolesClaim: "roles" };
const claims = { iss: settings.issuer, aud: settings.audience, roles: ["admin"] };

describe("token verifier (JWKS from a real local HTTP server)", () => {
  let rsa: SigningKey;
  let ed: SigningKey;
  let ec: SigningKey;
  let server: JwksServer;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    [rsa, ed, ec] = await Promise.all([
      makeSigningKey("RS256", "rsa-1"),
      makeSigningKey("EdDSA", "ed-1"),
      makeSigningKey("ES256", "ec-1"),
    ]);
    server = await startJwksServer([rsa, ed, ec]);
    verifier = createTokenVerifier({ kind: "jwks", url: new URL(server.url) }, settings);
  });
  afterAll(() => server.close());

  const tokenFrom = (key: SigningKey, options: Parameters<typeof signedToken>[0] = {}): Promise<string> =>
    signedToken({ alg: key.alg, kid: key.kid, claims, ...options }, key.privateKey);

  it.each(["RS256", "EdDSA", "ES256"])(
    "accepts a %s token signed by a key the JWKS publishes",
    async (alg) => {
      const key = [rsa, ed, ec].find((k) => k.alg === alg);
      if (key === undefined) throw new Error(alg);
      expect(await verifier.verify(await tokenFrom(key, { sub: `user-${alg}` }))).toEqual({
        ok: true,
        viewer: { subject: `user-${alg}`, role: "ADMIN" },
      });
    },
  );

  it("fetches the JWKS once and keeps it for later tokens", async () => {
    const before = server.requests();
    for (let i = 0; i < 5; i += 1) expect((await verifier.verify(await tokenFrom(rsa))).ok).toBe(true);
    expect(server.requests()).toBe(before);
    expect(before).toBe(1);
  });

  it("refuses an HS256 token signed with the shared test secret: HS is never accepted with a JWKS", async () => {
    expect(await verifier.verify(await signedToken({ claims, kid: rsa.kid }))).toEqual({
      ok: false,
      kind: "invalid",
      problem: "the token's algorithm is not accepted (accepted: RS256, ES256, EdDSA)",
    });
  });

  it("refuses an HS256 token using the RSA public key as its HMAC secret (algorithm confusion)", async () => {
    const forged = await signedToken({ claims, kid: rsa.kid }, new TextEncoder().encode(rsa.publicPem));
    expect(await verifier.verify(forged)).toMatchObject({
      ok: false,
      kind: "invalid",
      problem: expect.stringMatching(/algorithm/) as unknown,
    });
  });

  it("refuses alg none", async () => {
    expect(await verifier.verify(unsecuredToken(claims))).toMatchObject({ ok: false, kind: "invalid" });
  });

  it("refuses a token signed by a key the JWKS does not publish", async () => {
    const stranger = await makeSigningKey("RS256", "stranger");
    expect(await verifier.verify(await tokenFrom(stranger))).toEqual({
      ok: false,
      kind: "invalid",
      problem: "no key of the identity provider matches the token",
    });
    // The same kid as a published key, but another key: the signature does not verify.
    const impostor = await makeSigningKey("RS256", rsa.kid);
    expect(await verifier.verify(await tokenFrom(impostor))).toEqual({
      ok: false,
      kind: "invalid",
      problem: "the token's signature does not verify",
    });
  });

  it("refuses an expired token and a wrong audience", async () => {
    expect(await verifier.verify(await tokenFrom(ed, { expiresIn: -3600 }))).toMatchObject({
      problem: "the token has expired",
    });
    expect(await verifier.verify(await tokenFrom(ed, { claims: { ...claims, aud: "other" } }))).toMatchObject(
      {
        kind: "invalid",
        problem: expect.stringMatching(/audience/) as unknown,
      },
    );
  });

  it("says the keys are unavailable (not that the token is bad) when the JWKS does not answer", async () => {
    const gone = await startJwksServer([rsa]);
    const url = new URL(gone.url);
    await gone.close();
    const orphan = createTokenVerifier({ kind: "jwks", url }, settings);
    expect(await orphan.verify(await tokenFrom(rsa))).toEqual({
      ok: false,
      kind: "unavailable",
      problem: "the identity provider's keys (AUTH_JWKS_URL) could not be fetched",
    });
  });

  it("says the keys are unavailable when the JWKS URL answers with an error", async () => {
    const wrongPath = new URL(server.url.replace("/.well-known/jwks.json", "/nothing"));
    const misconfigured = createTokenVerifier({ kind: "jwks", url: wrongPath }, settings);
    expect(await misconfigured.verify(await tokenFrom(rsa))).toMatchObject({
      ok: false,
      kind: "unavailable",
    });
  });
});
