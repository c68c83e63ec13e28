import { readFileSync } from "node:fs";
import path from "node:path";
import { getNamedType, Kind, parse, type GraphQLField, type GraphQLSchema } from "graphql";
import { declaredRole } from "../../src/auth/authDirective";
import { hasRole, isAccessRole, type AccessRole } from "../../src/auth/viewer";
import { resolvers } from "../../src/resolvers";
import { buildSchema } from "../../src/server/schema";
import { bearer, codeOf, postAs, type AuthAnswer } from "../support/authHttp";
import { startHttpService, type HttpService } from "../support/httpService";
import { signedToken, TEST_SECRET, unsecuredToken, withBadSignature } from "../support/tokens";

const AUDIENCE = "kg-graphql";
const MISSING_DOCUMENT = "document:auth-table-missing";
const citation = { documentId: MISSING_DOCUMENT, quote: "words that are nowhere" };

/**
 * One example input per mutation. Each names ids and documents that do not exist (or is invalid),
 * so that a caller with the role gets userErrors and nothing is written.
 */
const EXAMPLES: Record<string, Record<string, unknown>> = {
  addDocument: { clientMutationId: "auth-table", title: "", text: "" },
  createEntity: { kind: "PERSON", name: "Auth Table Nobody", citations: [citation] },
  updateEntity: { id: "person:auth-table-missing", expectedVersion: 1, name: "Nobody" },
  addRelationship: {
    from: "person:auth-table-missing",
    type: "HOLDS_ROLE",
    to: "role:auth-table-missing",
    citations: [citation],
  },
  addStatistic: {
    subject: "place:auth-table-missing",
    metric: "population",
    value: 1,
    unit: "people",
    citations: [citation],
  },
  addQuote: { speaker: "person:auth-table-missing", text: "words", citation },
  retract: { id: "person:auth-table-missing", reason: "auth table test" },
  mergeEntities: {
    keepId: "person:auth-table-missing-a",
    mergeId: "person:auth-table-missing-b",
    reason: "auth table test",
  },
  ingestDocument: { clientMutationId: "auth-table", title: "", text: "" },
  reviewMention: { id: "mention:auth-table-missing:0-1", status: "REJECTED" },
};

/** The contract's mutations and the role each one's description names ("EDITOR", "... (ADMIN)."). */
function contractRoles(): Map<string, AccessRole> {
  const contract = parse(
    ["curation.graphql", "ingest.graphql"]
      .map((file) => readFileSync(path.resolve(__dirname, "../../contract", file), "utf8"))
      .join("\n"),
  );
  const roles = new Map<string, AccessRole>();
  for (const definition of contract.definitions) {
    if (
      (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) ||
      definition.name.value !== "Mutation"
    )
      continue;
    for (const field of definition.fields ?? []) {
      const role = /\b(READER|EDITOR|ADMIN)\b/.exec(field.description?.value ?? "")?.[1];
      if (!isAccessRole(role)) throw new Error(`the contract names no role for Mutation.${field.name.value}`);
      roles.set(field.name.value, role);
    }
  }
  return roles;
}

const served: GraphQLSchema = buildSchema(resolvers);
const servedMutations: Array<GraphQLField<unknown, unknown>> = Object.values(
  served.getMutationType()?.getFields() ?? {},
);
const requiredRole = (field: GraphQLField<unknown, unknown>): AccessRole | undefined =>
  declaredRole(served, field);

describe("every mutation declares its role", () => {
  it("the served schema has every mutation of the contract, each with the contract's role", () => {
    const contract = contractRoles();
    expect(contract.size).toBe(10);
    const servedRoles = Object.fromEntries(servedMutations.map((f) => [f.name, requiredRole(f)]));
    expect(servedRoles).toEqual(expect.objectContaining(Object.fromEntries(contract)));
  });

  it("every served mutation has an @auth directive and an example in this table", () => {
    expect(servedMutations.length).toBeGreaterThan(0);
    expect(servedMutations.filter((f) => requiredRole(f) === undefined).map((f) => f.name)).toEqual([]);
    expect(servedMutations.filter((f) => EXAMPLES[f.name] === undefined).map((f) => f.name)).toEqual([]);
  });
});

type Credentials = { name: string; headers: () => Promise<Record<string, string>>; role?: AccessRole };

const token = (roles: string[], options: Parameters<typeof signedToken>[0] = {}): Promise<string> =>
  signedToken({ sub: "auth-table", ...options, claims: { roles, aud: AUDIENCE, ...options.claims } });

const REFUSED: Credentials[] = [
  { name: "no token", headers: () => Promise.resolve({}) },
  { name: "a bad signature", headers: async () => bearer(withBadSignature(await token(["admin"]))) },
  { name: "an expired token", headers: async () => bearer(await token(["admin"], { expiresIn: -3600 })) },
  {
    name: "a wrong audience",
    headers: async () => bearer(await token(["admin"], { claims: { aud: "another-api" } })),
  },
  { name: "alg none", headers: () => Promise.resolve(bearer(unsecuredToken({ aud: AUDIENCE }))) },
];
const ROLES: Credentials[] = (["READER", "EDITOR", "ADMIN"] as const).map((role) => ({
  name: `a ${role} token`,
  role,
  headers: async () => bearer(await token([role.toLowerCase()])),
}));

describe("every mutation over HTTP, with every kind of credentials (real service, real Neo4j)", () => {
  let service: HttpService;
  let lastSeqBefore: unknown;
  const lastSeq = async (): Promise<unknown> =>
    (await postAs(service.url, "{ lastChange { seq } }", {})).body.data?.lastChange;
  beforeAll(async () => {
    service = await startHttpService({
      NODE_ENV: "production",
      AUTH_JWT_SECRET: TEST_SECRET,
      AUTH_AUDIENCE: AUDIENCE,
    });
  });
  afterAll(() => service.stop());

  it("reads the graph's version before the table", async () => {
    lastSeqBefore = await lastSeq();
    expect(lastSeqBefore).not.toBeUndefined();
  });

  const call = async (
    field: GraphQLField<unknown, unknown>,
    credentials: Credentials,
  ): Promise<AuthAnswer> => {
    const inputType = field.args.find((a) => a.name === "input")?.type;
    if (inputType === undefined) throw new Error(`Mutation.${field.name} has no input argument`);
    const query = `mutation AuthTable($input: ${getNamedType(inputType).name}!) { ${field.name}(input: $input) { __typename userErrors { code } } }`;
    return postAs(service.url, query, { input: EXAMPLES[field.name] }, await credentials.headers());
  };
  const table = servedMutations.flatMap((field) =>
    [...REFUSED, ...ROLES].map((c) => [field.name, c.name, field, c] as const),
  );

  it.each(table)("%s with %s", async (_mutation, _credentials, field, credentials) => {
    const required = requiredRole(field);
    if (required === undefined) throw new Error(`Mutation.${field.name} declares no role`);
    const answer = await call(field, credentials);
    if (credentials.role === undefined) {
      expect(answer.status).toBe(401);
      expect(codeOf(answer)).toBe("UNAUTHENTICATED");
      expect(answer.wwwAuthenticate).toMatch(/^Bearer realm="kg-graphql"/);
      if (credentials.name !== "no token") expect(answer.wwwAuthenticate).toMatch(/error="invalid_token"/);
      expect(answer.body.data).toBeNull();
    } else if (!hasRole(credentials.role, required)) {
      expect(answer.status).toBe(403);
      expect(codeOf(answer)).toBe("FORBIDDEN");
      expect(answer.body.errors?.[0]?.extensions?.requiredRole).toBe(required);
    } else {
      // Not refused for auth: the write layer answers (userErrors for these inputs, or data).
      expect([401, 403]).not.toContain(answer.status);
      expect(answer.body.errors?.map((e) => e.extensions?.code) ?? []).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^(UNAUTHENTICATED|FORBIDDEN)$/)]),
      );
    }
  });

  it("wrote nothing: refused calls run no resolver, allowed ones got userErrors for inputs naming nothing", async () => {
    expect(await lastSeq()).toEqual(lastSeqBefore);
  });
});
