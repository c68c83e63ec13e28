import { startTestApi, type TestApi } from "../support/testApi";

interface RelationshipPageAnswer {
  totalCount?: number;
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{
    node: { id: string; type: string; from: { id: string; name: string }; to: { id: string; name: string } };
  }>;
}
interface Nested {
  entities: { edges: Array<{ node: { id: string; a: RelationshipPageAnswer; b?: RelationshipPageAnswer } }> };
}

/**
 * A list that asks each entity for a page of relationships reads them in its own statement
 * (Query.entities looks ahead); the answer is the one the field's own resolver gives.
 */
describe("entities with their relationships in one statement (real Neo4j)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const page = (args: string, extra = ""): string =>
    `relationships(${args}) { ${extra} edges { node { id type from { id name } to { id name } } } }`;

  it.each([
    ["first: 3", "ORGANIZATION"],
    ['types: ["HOLDS_ROLE", "PART_OF"], first: 2', "PERSON"],
    ["direction: OUT, first: 5", "PLACE"],
    ["direction: IN, first: 50", "PLACE"],
  ])("relationships(%s) of %s: one statement, the same answer as page by page", async (args, kind) => {
    const ahead = await api.execute<Nested>(
      `{ entities(kind: ${kind}, first: 10) { edges { node { id a: ${page(args, "totalCount pageInfo { hasNextPage endCursor }")} } } } }`,
    );
    expect(ahead.errors).toBeUndefined();
    // The list with its pages, and one batched count for the pages' totalCount.
    expect(ahead.queryCount).toBe(2);
    const without = await api.execute(
      `{ entities(kind: ${kind}, first: 10) { edges { node { id a: ${page(args)} } } } }`,
    );
    expect(without.queryCount).toBe(1);
    // Two relationships fields (aliases) are not read ahead: each resolver reads its own page.
    const apart = await api.execute<Nested>(
      `{ entities(kind: ${kind}, first: 10) { edges { node { id a: ${page(args, "totalCount pageInfo { hasNextPage endCursor }")} b: ${page(args)} } } } }`,
    );
    expect(apart.errors).toBeUndefined();
    expect(apart.queryCount).toBeGreaterThan(1);
    const strip = (answer: Nested | null | undefined) =>
      answer?.entities.edges.map((e) => ({ id: e.node.id, a: e.node.a })) ?? [];
    expect(strip(ahead.data)).toEqual(strip(apart.data));
    expect(ahead.data?.entities.edges.some((e) => e.node.a.edges.length > 0)).toBe(true);
  });

  // Pages come back as lists (type, whether the entity is the start node, ..., the far end); the
  // ends rebuilt from them are checked against the relationship found by id (ends and type).
  it.each(["OUT", "IN", "BOTH"])(
    "direction %s: every relationship read ahead is the one its id finds, with the same ends",
    async (direction) => {
      const out = await api.execute<Nested>(
        `{ entities(kind: PLACE, first: 20) { edges { node { id a: ${page(`direction: ${direction}, first: 10`)} } } } }`,
      );
      expect(out.errors).toBeUndefined();
      expect(out.queryCount).toBe(1);
      const read = (out.data?.entities.edges ?? []).flatMap((e) =>
        e.node.a.edges.map((r) => ({ near: e.node.id, ...r.node })),
      );
      expect(read.length).toBeGreaterThan(0);
      for (const r of read) {
        const ends =
          direction === "OUT" ? [r.from.id] : direction === "IN" ? [r.to.id] : [r.from.id, r.to.id];
        expect(ends).toContain(r.near);
      }
      const ids = [...new Set(read.map((r) => r.id))].slice(0, 100);
      const found = await api.execute<{
        nodes: Array<{
          id: string;
          type: string;
          from: { id: string; name: string };
          to: { id: string; name: string };
        } | null>;
      }>(
        "query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Relationship { id type from { id name } to { id name } } } }",
        {
          ids,
        },
      );
      expect(found.errors).toBeUndefined();
      const byId = new Map(read.map((r) => [r.id, { id: r.id, type: r.type, from: r.from, to: r.to }]));
      expect(found.data?.nodes).toEqual(ids.map((id) => byId.get(id)));
    },
  );

  it("reads ahead with variables and fragments, and continues from a cursor", async () => {
    const query = `query ($first: Int, $after: String) {
      entities(kind: PLACE, first: 5) { edges { node { ...Links } } }
    }
    fragment Links on Entity { id a: relationships(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const first = await api.execute<{
      entities: {
        edges: Array<{
          node: {
            id: string;
            a: {
              pageInfo: { hasNextPage: boolean; endCursor: string };
              edges: Array<{ node: { id: string } }>;
            };
          };
        }>;
      };
    }>(query, { first: 1 });
    expect(first.queryCount).toBe(1);
    const hub = first.data?.entities.edges.find((e) => e.node.a.pageInfo.hasNextPage);
    expect(hub).toBeDefined();
    const next = await api.execute<typeof first.data>(query, {
      first: 1,
      after: hub?.node.a.pageInfo.endCursor,
    });
    const again = next.data?.entities.edges.find((e) => e.node.id === hub?.node.id);
    expect(again?.node.a.edges[0]?.node.id).not.toBe(hub?.node.a.edges[0]?.node.id);
  });

  it("leaves an invalid argument to the field, which reports it at its own path", async () => {
    const out = await api.execute(`{ entities(first: 2) { edges { node { id ${page("first: 101")} } } } }`);
    expect(out.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(out.errors?.[0]?.path).toEqual(["entities", "edges", 0, "node", "relationships"]);
  });
});
