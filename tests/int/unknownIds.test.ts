import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isObjectType,
  type IntrospectionQuery,
} from "graphql";
import { CHANGE_FEED_ID_FILTERS, ENTITY_ID_ARGUMENTS, ID_LOOKUPS } from "../../src/resolvers/unknownIds";
import { postGraphQL } from "../support/http";
import { startHttpService, type HttpService } from "../support/httpService";

const NOWHERE = "place:nowhere-at-all";
const KNOWN = "place:chongqing";

/** One operation per argument that takes an entity id, with an unknown id in that argument only. */
const USES: Record<string, string> = {
  "Query.neighborhood(id)": `{ neighborhood(id: "${NOWHERE}") { truncated } }`,
  "Query.paths(from)": `{ paths(from: "${NOWHERE}", to: "${KNOWN}") { length } }`,
  "Query.paths(to)": `{ paths(from: "${KNOWN}", to: "${NOWHERE}") { length } }`,
  "Query.connections(ids)": `{ connections(ids: ["${KNOWN}", "${NOWHERE}"]) { truncated } }`,
  "Query.statistics(subject)": `{ statistics(subject: "${NOWHERE}") { totalCount } }`,
  "Query.quotes(speaker)": `{ quotes(speaker: "person:nobody-at-all") { totalCount } }`,
  "Query.quotes(about)": `{ quotes(about: "${NOWHERE}") { totalCount } }`,
};

describe("one rule for ids that name nothing (real HTTP)", () => {
  let service: HttpService;
  beforeAll(async () => {
    service = await startHttpService();
  });
  afterAll(() => service.stop());

  it("covers every argument of the served schema that takes an id", async () => {
    const introspection = await postGraphQL<IntrospectionQuery>(service.url, getIntrospectionQuery());
    const schema = buildClientSchema(introspection.body.data as IntrospectionQuery);
    const idArguments: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__") || type.name === "Mutation") continue;
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          if (getNamedType(arg.type).name === "ID")
            idArguments.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    const ruled = idArguments.filter(
      (c) => ENTITY_ID_ARGUMENTS.has(c) || ID_LOOKUPS.has(c) || CHANGE_FEED_ID_FILTERS.has(c),
    );
    expect(ruled).toEqual(idArguments);
    expect(Object.keys(USES).sort()).toEqual([...ENTITY_ID_ARGUMENTS].sort());
  });

  it.each(Object.entries(USES))(
    "%s: an unknown id is BAD_USER_INPUT naming it",
    async (coordinate, query) => {
      const answer = await postGraphQL(service.url, query);
      // A root field: the error is the answer (no entity the client asked for is nulled by it).
      expect(answer.body.data).toBeNull();
      const [error] = answer.body.errors ?? [];
      expect(error?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(error?.extensions?.argument).toBe(/\((\w+)\)$/.exec(coordinate)?.[1]);
      expect(error?.extensions?.unknownIds).toEqual([expect.stringMatching(/nowhere-at-all|nobody-at-all/)]);
      expect(error?.path).toEqual([/^Query\.(\w+)/.exec(coordinate)?.[1]]);
    },
  );

  it("takes ids from variables too", async () => {
    const answer = await postGraphQL(
      service.url,
      "query ($ids: [ID!]!) { connections(ids: $ids) { truncated } }",
      {
        ids: [KNOWN, NOWHERE],
      },
    );
    expect(answer.body.data).toBeNull();
    expect(answer.body.errors?.[0]?.extensions?.unknownIds).toEqual([NOWHERE]);
  });

  it("answers known ids as before", async () => {
    const answer = await postGraphQL(service.url, `{ neighborhood(id: "${KNOWN}") { nodes { id } } }`);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });

  it("lookups answer null for an unknown id", async () => {
    const answer = await postGraphQL(
      service.url,
      `{ entity(id: "${NOWHERE}") { id } node(id: "${NOWHERE}") { id } }`,
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({ entity: null, node: null });
  });

  it("an unknown relationship type refuses the request; it never nulls the parent entity", async () => {
    const answer = await postGraphQL(
      service.url,
      `{ entity(id: "${KNOWN}") { id relationships(types: ["KNOWS"]) { totalCount } } }`,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "types" });
    expect(answer.body.errors?.[0]?.message).toMatch(/unknown relationship type\(s\) KNOWS/);
  });
});
