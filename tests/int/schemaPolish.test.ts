import { startTestApi, type TestApi } from "../support/testApi";

describe("nodes, metrics and typed relationship facts (real Neo4j)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  it("nodes(ids) answers in the order asked, null for an id that names nothing, in few queries", async () => {
    const ids = [
      "place:chongqing",
      "document:ichongqing-seeing-is-believing",
      "place:nowhere",
      "person:hu-henghua",
    ];
    const out = await api.execute<{ nodes: Array<{ id: string; __typename: string } | null> }>(
      "query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }",
      { ids },
    );
    expect(out.errors).toBeUndefined();
    expect(out.data?.nodes.map((n) => n?.id ?? null)).toEqual([ids[0], ids[1], null, ids[3]]);
    expect(out.data?.nodes[1]?.__typename).toBe("Document");
    // Entities batched into one lookup, documents into another.
    expect(out.queryCount).toBe(2);
  });

  it.each([
    ["no ids", []],
    ["101 ids", Array.from({ length: 101 }, (_, i) => `place:p${i}`)],
  ])("nodes(ids) refuses %s", async (_name, ids) => {
    const out = await api.execute("query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", { ids });
    expect(out.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "ids",
      min: 1,
      max: 100,
    });
  });

  it("metrics lists the metrics in use with counts that add up to the statistics", async () => {
    const out = await api.execute<{
      metrics: Array<{ metric: string; count: number }>;
      statistics: { totalCount: number };
    }>("{ metrics(first: 500) { metric count } statistics { totalCount } }");
    expect(out.errors).toBeUndefined();
    const metrics = out.data?.metrics ?? [];
    expect(metrics.length).toBeGreaterThan(3);
    expect(metrics.reduce((sum, m) => sum + m.count, 0)).toBe(out.data?.statistics.totalCount);
    const counts = metrics.map((m) => m.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const [top] = metrics;
    const filtered = await api.execute<{ statistics: { totalCount: number } }>(
      "query ($m: String) { statistics(metric: $m) { totalCount } }",
      { m: top?.metric },
    );
    expect(filtered.data?.statistics.totalCount).toBe(top?.count);
    const two = await api.execute<{ metrics: unknown[] }>("{ metrics(first: 2) { metric } }");
    expect(two.data?.metrics).toHaveLength(2);
    const tooMany = await api.execute("{ metrics(first: 501) { metric } }");
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("Relationship.prospective and background are typed fields", async () => {
    const out = await api.execute<{
      entity: {
        relationships: {
          edges: Array<{
            node: {
              to: { id: string };
              prospective: boolean;
              background: boolean;
              properties: Record<string, unknown>;
            };
          }>;
        };
      };
    }>(
      `{ entity(id: "initiative:china-europe-railway-express") {
          relationships(first: 100) {
            edges { node { to { id } prospective background properties } } } } }`,
    );
    expect(out.errors).toBeUndefined();
    const edges = out.data?.entity.relationships.edges ?? [];
    const europe = edges.find((e) => e.node.to.id === "place:europe");
    expect(europe?.node.prospective).toBe(true);
    expect(edges.some((e) => !e.node.prospective)).toBe(true);
    for (const { node } of edges) expect(node.prospective).toBe(node.properties.prospective === true);
  });
});
