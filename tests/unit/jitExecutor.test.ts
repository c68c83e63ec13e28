import { ApolloServer } from "@apollo/server";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { compileQuery } from "graphql-jit";
import type * as GraphqlJit from "graphql-jit";
import pino from "pino";
import { jitGateway } from "../../src/server/jitExecutor";
import { queryCostPlugin, type CostEstimates } from "../../src/server/plugins/queryCost";

jest.mock("graphql-jit", () => {
  const actual = jest.requireActual<typeof GraphqlJit>("graphql-jit");
  return { ...actual, compileQuery: jest.fn(actual.compileQuery) };
});

/** `auto`: operations the cost plugin estimates at `compileFrom` or more run compiled (from their second such request), the others on graphql-js. */
describe("jitGateway's choice of executor", () => {
  const schema = makeExecutableSchema({
    typeDefs: `type Query { items(first: Int = 5): [Item!]! item: Item }
               type Item { id: ID! name: String }`,
    resolvers: {
      Query: {
        items: (_: unknown, { first }: { first: number }) =>
          Array.from({ length: first }, (_unused, i) => ({ id: `i${i}`, name: `Item ${i}` })),
        item: () => ({ id: "one", name: "One" }),
      },
    },
  });
  const compile = jest.mocked(compileQuery);
  let server: ApolloServer;
  beforeAll(async () => {
    const estimates: CostEstimates = new WeakMap();
    server = new ApolloServer({
      gateway: jitGateway(schema, { compileFrom: 30, estimates }),
      plugins: [queryCostPlugin(10_000, pino({ level: "silent" }), { estimates })],
    });
    await server.start();
  });
  afterAll(() => server.stop());

  const run = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await server.executeOperation({ query, variables });
    if (response.body.kind !== "single") throw new Error("single result expected");
    return response.body.singleResult;
  };

  it("runs cheap operations on graphql-js and compiles a costly one on its second request, once", async () => {
    const cheap = await run("{ item { id name } }");
    expect(cheap.data).toEqual({ item: { id: "one", name: "One" } });
    expect(cheap.extensions).toMatchObject({ cost: { estimated: 3 } });
    expect(compile).not.toHaveBeenCalled();

    const query = "query ($n: Int) { items(first: $n) { id name } }";
    const few = await run(query, { n: 2 });
    expect(few.extensions).toMatchObject({ cost: { estimated: 1 + 2 * 2 } });
    expect(compile).not.toHaveBeenCalled();

    // The same text with a larger page costs 1 + 20 × 2: compiled from its second such request on,
    // and kept for the next ones.
    const many = await run(query, { n: 20 });
    expect(many.extensions).toMatchObject({ cost: { estimated: 41 } });
    expect((many.data as { items: unknown[] }).items).toHaveLength(20);
    expect(compile).not.toHaveBeenCalled();
    const again = await run(query, { n: 25 });
    expect((again.data as { items: Array<{ id: string }> }).items.at(-1)).toEqual({
      id: "i24",
      name: "Item 24",
    });
    expect(compile).toHaveBeenCalledTimes(1);
    const third = await run(query, { n: 21 });
    expect((third.data as { items: unknown[] }).items).toHaveLength(21);
    expect(compile).toHaveBeenCalledTimes(1);
  });
});
