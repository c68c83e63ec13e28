import { startHttpService, type HttpService } from "../support/httpService";
import { bearer, codeOf, postAs } from "../support/authHttp";
import { makeSigningKey, startJwksServer, type JwksServer, type SigningKey } from "../support/jwksServer";
import { signedToken, TEST_SECRET, withBadSignature } from "../support/tokens";

// A mutation whose input names nothing: with the role it is answered by the write layer, never written.
const RETRACT = "mutation ($input: RetractInput!) { retract(input: $input) { userErrors { code } } }";
const RETRACT_INPUT = { input: { id: "person:auth-http-nobody", reason: "auth test" } };
const READ = `{ entity(id: "place:chongqing") { id } }`;
const AUDIENCE = "kg-graphql";

const token = (roles: string[], claims: Record<string, unknown> = {}): Promise<string> =>
  signedToken({ sub: "alice", claims: { roles, aud: AUDIENCE, ...claims } });

describe("auth over HTTP (real service, real Neo4j)", () => {
  describe("with AUTH_JWT_SECRET and AUTH_AUDIENCE, public reads", () => {
    let service: HttpService;
    beforeAll(async () => {
      service = await startHttpService({
        NODE_ENV: "production",
        AUTH_JWT_SECRET: TEST_SECRET,
        AUTH_AUDIENCE: AUDIENCE,
      });
    });
    afterAll(() => service.stop());

    it("no token on a mutation: 401, UNAUTHENTICATED, WWW-Authenticate: Bearer", async () => {
      const answer = await postAs(service.url, RETRACT, RETRACT_INPUT);
      expect(answer.status).toBe(401);
      expect(answer.wwwAuthenticate).toBe('Bearer realm="kg-graphql"');
      expect(codeOf(answer)).toBe("UNAUTHENTICATED");
      expect(answer.body.data).toBeNull();
      // extensions.http sets the status and is not shown to the client.
      expect(JSON.stringify(answer.body)).not.toContain('"http"');
    });

    it('a bad signature: 401 with error="invalid_token" and why', async () => {
      const answer = await postAs(
        service.url,
        RETRACT,
        RETRACT_INPUT,
        bearer(withBadSignature(await token(["admin"]))),
      );
      expect(answer.status).toBe(401);
      expect(answer.wwwAuthenticate).toBe(
        `Bearer realm="kg-graphql", error="invalid_token", error_description="the token's signature does not verify"`,
      );
      expect(answer.body.errors?.[0]?.message).toMatch(/refused: the token's signature does not verify/);
    });

    it("a wrong audience: 401 invalid_token", async () => {
      const answer = await postAs(
        service.url,
        RETRACT,
        RETRACT_INPUT,
        bearer(await token(["admin"], { aud: "other" })),
      );
      expect(answer.status).toBe(401);
      expect(answer.wwwAuthenticate).toMatch(/error="invalid_token"/);
    });

    it("another scheme than Bearer: 401 invalid_request, not anonymous", async () => {
      const answer = await postAs(service.url, RETRACT, RETRACT_INPUT, {
        authorization: "Basic YWxpY2U6c2VjcmV0",
      });
      expect(answer.status).toBe(401);
      expect(answer.wwwAuthenticate).toMatch(/error="invalid_request"/);
    });

    it("a valid token without the role: 403 FORBIDDEN, no challenge", async () => {
      const answer = await postAs(service.url, RETRACT, RETRACT_INPUT, bearer(await token(["editor"])));
      expect(answer.status).toBe(403);
      expect(answer.wwwAuthenticate).toBeNull();
      expect(codeOf(answer)).toBe("FORBIDDEN");
      expect(answer.body.errors?.[0]?.extensions?.requiredRole).toBe("ADMIN");
    });

    it("a valid token with the role: 200, not refused", async () => {
      const answer = await postAs(service.url, RETRACT, RETRACT_INPUT, bearer(await token(["admin"])));
      expect(answer.status).toBe(200);
      expect(answer.wwwAuthenticate).toBeNull();
      expect(["UNAUTHENTICATED", "FORBIDDEN"]).not.toContain(codeOf(answer));
    });

    it("keeps 401 and 403 for clients that accept only application/json", async () => {
      const legacy = { accept: "application/json" };
      expect((await postAs(service.url, RETRACT, RETRACT_INPUT, legacy)).status).toBe(401);
      const forbidden = await postAs(service.url, RETRACT, RETRACT_INPUT, {
        ...legacy,
        ...bearer(await token(["reader"])),
      });
      expect(forbidden.status).toBe(403);
    });

    it("reads stay public, with no token or a bad one", async () => {
      for (const headers of [{}, bearer("not-a-token"), bearer(withBadSignature(await token(["reader"])))]) {
        const answer = await postAs(service.url, READ, {}, headers);
        expect(answer.status).toBe(200);
        expect(answer.body.data).toEqual({ entity: { id: "place:chongqing" } });
        expect(answer.body.errors).toBeUndefined();
      }
    });

    it("a refusal on one request does not leak into the next", async () => {
      expect((await postAs(service.url, RETRACT, RETRACT_INPUT)).status).toBe(401);
      expect((await postAs(service.url, READ, {})).status).toBe(200);
      expect((await postAs(service.url, RETRACT, RETRACT_INPUT, bearer(await token(["admin"])))).status).toBe(
        200,
      );
    });
  });

  describe("with no auth configured", () => {
    let service: HttpService;
    beforeAll(async () => {
      service = await startHttpService({ NODE_ENV: "production" });
    });
    afterAll(() => service.stop());

    it("mutations answer 401 UNAUTHENTICATED saying how to enable writes, whatever token is sent", async () => {
      for (const headers of [{}, bearer(await token(["admin"]))]) {
        const answer = await postAs(service.url, RETRACT, RETRACT_INPUT, headers);
        expect(answer.status).toBe(401);
        expect(codeOf(answer)).toBe("UNAUTHENTICATED");
        expect(answer.body.errors?.[0]?.message).toMatch(
          /Writes are disabled.*AUTH_JWT_SECRET.*AUTH_JWKS_URL/,
        );
      }
    });

    it("reads answer as before", async () => {
      expect((await postAs(service.url, READ, {})).status).toBe(200);
    });
  });

  describe("with AUTH_READS=token", () => {
    let service: HttpService;
    beforeAll(async () => {
      service = await startHttpService({
        NODE_ENV: "production",
        AUTH_JWT_SECRET: TEST_SECRET,
        AUTH_READS: "token",
      });
    });
    afterAll(() => service.stop());

    it("a read needs a token with at least READER", async () => {
      const anonymous = await postAs(service.url, READ, {});
      expect(anonymous.status).toBe(401);
      expect(anonymous.wwwAuthenticate).toBe('Bearer realm="kg-graphql"');
      expect((await postAs(service.url, READ, {}, bearer(await token([])))).status).toBe(403);
      const reader = await postAs(service.url, READ, {}, bearer(await token(["reader"])));
      expect(reader).toMatchObject({ status: 200, body: { data: { entity: { id: "place:chongqing" } } } });
    });

    it("/reconcile needs a READER token too (manifest and queries): it reads the graph", async () => {
      const reconcile = `${service.base}/reconcile`;
      const queries = { q0: { query: "Chongqing", limit: 1 } };
      const post = (headers: Record<string, string>): Promise<Response> =>
        fetch(reconcile, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
          body: new URLSearchParams({ queries: JSON.stringify(queries) }).toString(),
        });
      const anonymous = await post({});
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="kg-graphql"');
      // The refusal reads as it does on /graphql: its code, the role it needs, and the request's id.
      expect(await anonymous.json()).toEqual({
        errors: [
          {
            message: expect.stringMatching(/READER role/) as unknown,
            extensions: {
              code: "UNAUTHENTICATED",
              requiredRole: "READER",
              requestId: anonymous.headers.get("x-request-id"),
            },
          },
        ],
      });
      expect((await fetch(reconcile)).status).toBe(401);
      expect((await post(bearer(await token([])))).status).toBe(403);
      const reader = await post(bearer(await token(["reader"])));
      expect(reader.status).toBe(200);
      const results = (await reader.json()) as Record<string, { result: Array<{ id: string }> }>;
      expect(results.q0?.result[0]?.id).toBe("place:chongqing");
      expect((await fetch(reconcile, { headers: bearer(await token(["reader"])) })).status).toBe(200);
    });

    it("introspection stays open (the schema is the public contract)", async () => {
      const answer = await postAs(service.url, "{ __schema { queryType { name } } }", {});
      expect(answer).toMatchObject({
        status: 200,
        body: { data: { __schema: { queryType: { name: "Query" } } } },
      });
    });
  });

  describe("with AUTH_JWKS_URL (a real JWKS server on 127.0.0.1)", () => {
    let jwks: JwksServer;
    let key: SigningKey;
    let service: HttpService;
    beforeAll(async () => {
      key = await makeSigningKey("EdDSA", "ed-http");
      jwks = await startJwksServer([key]);
      service = await startHttpService({
        NODE_ENV: "production",
        AUTH_JWKS_URL: jwks.url,
        AUTH_AUDIENCE: AUDIENCE,
      });
    });
    afterAll(async () => {
      await service.stop();
      await jwks.close();
    });
    const idpToken = (roles: string[]): Promise<string> =>
      signedToken({ alg: "EdDSA", kid: key.kid, claims: { roles, aud: AUDIENCE } }, key.privateKey);

    it("a token from the identity provider with the role is let through; without it, 403", async () => {
      const admin = await postAs(service.url, RETRACT, RETRACT_INPUT, bearer(await idpToken(["admin"])));
      expect(admin.status).toBe(200);
      expect(["UNAUTHENTICATED", "FORBIDDEN"]).not.toContain(codeOf(admin));
      expect(
        (await postAs(service.url, RETRACT, RETRACT_INPUT, bearer(await idpToken(["editor"])))).status,
      ).toBe(403);
    });

    it("an HS256 token is refused even when signed with a secret the service knows nothing about", async () => {
      const answer = await postAs(service.url, RETRACT, RETRACT_INPUT, bearer(await token(["admin"])));
      expect(answer.status).toBe(401);
      expect(answer.wwwAuthenticate).toMatch(
        /error="invalid_token", error_description="the token's algorithm is not accepted/,
      );
    });
  });

  describe("with AUTH_JWKS_URL that does not answer", () => {
    let service: HttpService;
    beforeAll(async () => {
      const gone = await startJwksServer([]);
      await gone.close();
      service = await startHttpService({
        NODE_ENV: "production",
        AUTH_JWKS_URL: gone.url,
        AUTH_AUDIENCE: AUDIENCE,
      });
    });
    afterAll(() => service.stop());

    it("a write answers 503 SERVICE_UNAVAILABLE (the token could not be checked), reads still answer", async () => {
      const key = await makeSigningKey("RS256", "rsa-http");
      const tokenOfIdp = await signedToken(
        { alg: "RS256", kid: key.kid, claims: { roles: ["admin"] } },
        key.privateKey,
      );
      const answer = await postAs(service.url, RETRACT, RETRACT_INPUT, bearer(tokenOfIdp));
      expect(answer.status).toBe(503);
      expect(codeOf(answer)).toBe("SERVICE_UNAVAILABLE");
      expect((await postAs(service.url, READ, {}, bearer(tokenOfIdp))).status).toBe(200);
    });
  });
});
