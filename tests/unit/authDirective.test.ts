import { readFileSync } from "node:fs";
import path from "node:path";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { graphql, parse, subscribe, type ExecutionResult, type GraphQLSchema } from "graphql";
import { applyAuthDirective } from "../../src/auth/authDirective";
import type { Authentication } from "../../src/auth/authentication";
import { HOW_TO_ENABLE_WRITES } from "../../src/auth/authErrors";
import type { AccessRole } from "../../src/auth/viewer";

const AUTH_SDL = readFileSync(path.resolve(__dirname, "../../schema/auth.graphql"), "utf8");

const typeDefs = `${AUTH_SDL}
  type Query { open: String, guarded: String @auth(requires: ADMIN) }
  type Mutation { edit: String @auth(requires: EDITOR), purge: String @auth(requires: ADMIN) }
  type Subscription { ticks: String }
`;
const ran: string[] = [];
const resolvers = {
  Query: { open: () => "open", guarded: () => "guarded" },
  Mutation: {
    edit: () => (ran.push("edit"), "edited"),
    purge: () => (ran.push("purge"), "purged"),
  },
  Subscription: {
    ticks: {
      subscribe: async function* ticks() {
        await Promise.resolve();
        yield { ticks: "tick" };
      },
    },
  },
};
const base = makeExecutableSchema({ typeDefs, resolvers });

const as = (role: AccessRole | null): Authentication => ({
  status: "verified",
  viewer: { subject: "alice", role },
});
const run = (schema: GraphQLSchema, source: string, authentication: Authentication) =>
  graphql({ schema, source, contextValue: { authentication } });
const codeOf = (result: ExecutionResult): unknown => result.errors?.[0]?.extensions.code;

describe("@auth enforcement (mapSchema)", () => {
  const schema = applyAuthDirective(base, { reads: "public" });
  beforeEach(() => {
    ran.length = 0;
  });

  it("runs a guarded field for a role that includes the one required", async () => {
    expect((await run(schema, "mutation { edit }", as("EDITOR"))).data).toEqual({ edit: "edited" });
    expect((await run(schema, "mutation { edit purge }", as("ADMIN"))).data).toEqual({
      edit: "edited",
      purge: "purged",
    });
    expect(ran).toEqual(["edit", "edit", "purge"]);
  });

  it("refuses a weaker role with FORBIDDEN and 403, without running the resolver", async () => {
    const result = await run(schema, "mutation { purge }", as("EDITOR"));
    expect(result.errors?.[0]?.message).toBe(
      "Mutation.purge needs a bearer token with the ADMIN role; yours carries EDITOR",
    );
    expect(result.errors?.[0]?.extensions).toEqual({
      code: "FORBIDDEN",
      requiredRole: "ADMIN",
      http: { status: 403 },
    });
    expect((await run(schema, "mutation { edit }", as(null))).errors?.[0]?.message).toMatch(
      /yours carries no role/,
    );
    expect(ran).toEqual([]);
  });

  it("refuses an anonymous caller with UNAUTHENTICATED, 401 and a Bearer challenge", async () => {
    const result = await run(schema, "mutation { edit }", { status: "anonymous" });
    expect(codeOf(result)).toBe("UNAUTHENTICATED");
    const http = result.errors?.[0]?.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(401);
    expect(http.headers.get("www-authenticate")).toBe('Bearer realm="kg-graphql"');
    expect(ran).toEqual([]);
  });

  it("refuses a rejected token with invalid_token in the challenge: never as anonymous", async () => {
    const result = await run(schema, "mutation { edit }", {
      status: "rejected",
      error: "invalid_token",
      problem: 'the token has "odd" \\ characters é',
    });
    expect(result.errors?.[0]?.message).toMatch(/the one sent was refused: the token has/);
    const http = result.errors?.[0]?.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.headers.get("www-authenticate")).toBe(
      `Bearer realm="kg-graphql", error="invalid_token", error_description="the token has 'odd' ' characters '"`,
    );
  });

  it("says how to enable writes when auth is not configured", async () => {
    const result = await run(schema, "mutation { edit }", { status: "disabled" });
    expect(codeOf(result)).toBe("UNAUTHENTICATED");
    expect(result.errors?.[0]?.message).toBe(HOW_TO_ENABLE_WRITES);
    expect(HOW_TO_ENABLE_WRITES).toMatch(/AUTH_JWT_SECRET.*AUTH_JWKS_URL.*npm run token/s);
  });

  it("answers SERVICE_UNAVAILABLE (503) when the token could not be checked", async () => {
    const result = await run(schema, "mutation { edit }", {
      status: "unavailable",
      problem: "keys did not arrive",
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      http: { status: 503 },
    });
  });

  it("leaves fields without @auth public, and guards @auth fields on Query too", async () => {
    expect((await run(schema, "{ open }", { status: "anonymous" })).data).toEqual({ open: "open" });
    expect(codeOf(await run(schema, "{ guarded }", as("EDITOR")))).toBe("FORBIDDEN");
  });

  it("a context without authentication is anonymous", async () => {
    const result = await graphql({ schema, source: "mutation { edit }", contextValue: {} });
    expect(codeOf(result)).toBe("UNAUTHENTICATED");
  });

  describe("AUTH_READS=token", () => {
    const tokenReads = applyAuthDirective(base, { reads: "token" });

    it("every Query field needs READER; a stronger @auth stays stronger", async () => {
      expect(codeOf(await run(tokenReads, "{ open }", { status: "anonymous" }))).toBe("UNAUTHENTICATED");
      expect(codeOf(await run(tokenReads, "{ open }", as(null)))).toBe("FORBIDDEN");
      expect((await run(tokenReads, "{ open }", as("READER"))).data).toEqual({ open: "open" });
      expect(codeOf(await run(tokenReads, "{ guarded }", as("EDITOR")))).toBe("FORBIDDEN");
    });

    it("introspection stays open: the schema is the public contract", async () => {
      expect(
        (await run(tokenReads, "{ __typename __schema { queryType { name } } }", { status: "anonymous" }))
          .data,
      ).toEqual({
        __typename: "Query",
        __schema: { queryType: { name: "Query" } },
      });
    });

    it("guards a subscription's subscribe", async () => {
      const refused = await subscribe({
        schema: tokenReads,
        document: parse("subscription { ticks }"),
        contextValue: { authentication: { status: "anonymous" } },
      });
      expect("errors" in refused && codeOf(refused)).toBe("UNAUTHENTICATED");
      const allowed = await subscribe({
        schema: tokenReads,
        document: parse("subscription { ticks }"),
        contextValue: { authentication: as("READER") },
      });
      expect(Symbol.asyncIterator in allowed).toBe(true);
    });
  });

  it("refuses to build a schema with a Mutation field that declares no role", () => {
    const careless = makeExecutableSchema({
      typeDefs: `${AUTH_SDL} type Query { a: String } type Mutation { ok: String @auth(requires: EDITOR), oops: String, oops2: Int }`,
    });
    expect(() => applyAuthDirective(careless, { reads: "public" })).toThrow(
      "Every Mutation field must declare @auth(requires: …); missing on Mutation.oops, Mutation.oops2",
    );
  });
});
