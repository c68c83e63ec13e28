import { startTestApi, type TestApi } from "../support/testApi";

/**
 * GRAPHQL_EXECUTOR=jit runs every operation as code graphql-jit compiled (the default, auto, does so
 * for costly ones: tests/unit/jitExecutor.test.ts); graphql-js is the reference. The same operations
 * must give the same answers and the same errors on both.
 */
describe("graphql-jit executor against graphql-js (real Neo4j)", () => {
  let jit: TestApi;
  let js: TestApi;
  beforeAll(async () => {
    jit = await startTestApi({ env: { GRAPHQL_EXECUTOR: "jit" } });
    js = await startTestApi({ env: { GRAPHQL_EXECUTOR: "graphql-js" } });
  });
  afterAll(async () => {
    await jit.stop();
    await js.stop();
  });

  it.each([
    [
      "nested pages with far ends and fragments",
      `query Nested($first: Int) {
        entities(kind: ORGANIZATION, first: $first) {
          totalCount
          edges { cursor node { ...E relationships(first: 5) { totalCount edges { node { id type from { ...E } to { ...E } } } } } }
        }
      }
      fragment E on Entity { id name aliases __typename ... on Place { partOf { id } } }`,
      { first: 10 },
    ],
    [
      "interfaces, statistics and quotes",
      `{ node(id: "person:hu-henghua") { __typename id ... on Person { quotes(first: 3) { edges { node { text about { id } } } } } }
         statistics(subject: "place:chongqing", first: 3) { edges { node { metric value subject { id } } } } }`,
      {},
    ],
    [
      "search",
      `query ($t: String!) { search(text: $t, first: 5) { score entity { id kind } } }`,
      { t: "chon" },
    ],
    ["a resolver's error", `{ entities(first: 101) { totalCount } }`, {}],
    [
      "a variable of the wrong type",
      `query ($first: Int) { entities(first: $first) { totalCount } }`,
      { first: "x" },
    ],
  ])("%s: the same answer", async (_name, query, variables) => {
    const [a, b] = await Promise.all([jit.execute(query, variables), js.execute(query, variables)]);
    expect(a.errors?.map((e) => [e.message, e.extensions?.code, e.path])).toEqual(
      b.errors?.map((e) => [e.message, e.extensions?.code, e.path]),
    );
    expect(a.data).toEqual(b.data);
    expect(a.queryCount).toBe(b.queryCount);
  });
});
