import { CypherExecutor } from "../../src/graph/executor";
import { connectTestGraph, silentLogger, type TestGraph } from "../support/testGraph";

describe("CypherExecutor reads on the real Neo4j", () => {
  let graph: TestGraph;
  let executor: CypherExecutor;
  const attempts: boolean[] = [];

  beforeAll(() => {
    graph = connectTestGraph();
    executor = new CypherExecutor(graph.driver, {
      database: process.env.NEO4J_DATABASE ?? "neo4j",
      transactionTimeoutMs: 20_000,
      logger: silentLogger,
      onQuery: (_query, _seconds, failed) => attempts.push(failed),
    });
  });
  beforeEach(() => {
    attempts.length = 0;
  });
  afterAll(() => graph.close());

  it("run read-only: a write sent through read() is refused and nothing is written", async () => {
    await expect(
      executor.read({ name: "test.write", cypher: "CREATE (:ReadOnlyProbe) RETURN 1 AS one", params: {} }),
    ).rejects.toMatchObject({ code: "Neo.ClientError.Statement.AccessMode" });
    const [row] = await executor.read<{ n: number }>({
      name: "test.count",
      cypher: "MATCH (p:ReadOnlyProbe) RETURN count(p) AS n",
      params: {},
    });
    expect(row?.n).toBe(0);
  });

  it("do not retry a statement Neo4j refuses", async () => {
    await expect(
      executor.read({ name: "test.syntax", cypher: "RETURN (", params: {} }),
    ).rejects.toMatchObject({
      code: "Neo.ClientError.Statement.SyntaxError",
    });
    expect(attempts).toEqual([true]);
  });
});
