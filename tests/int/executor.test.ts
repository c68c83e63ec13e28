import v8 from "node:v8";
import vm from "node:vm";
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

  it("capture no caller stack for a statement, and leave stack traces as they were", async () => {
    // The driver grafts the stack it captured when the statement was sent onto a failure; the
    // executor has it capture none (it cost 5-6 % of a by-id request's CPU).
    const before = Error.stackTraceLimit;
    const failure = await executor
      .read({ name: "test.syntax", cypher: "RETURN (", params: {} })
      .then(() => null)
      .catch((error: unknown) => error as Error & { code?: string });
    expect(failure?.code).toBe("Neo.ClientError.Statement.SyntaxError");
    expect(failure?.message).toMatch(/Invalid input/);
    expect(failure?.stack).not.toMatch(/\n\s+at /);
    const rows = await executor.readTransaction("test.streamed", (run) =>
      run({ name: "test.one", cypher: "RETURN 1 AS one", params: {} }),
    );
    expect(rows).toEqual([{ one: 1 }]);
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error("here").stack).toMatch(/\n\s+at /);
  });

  it("let go of a page's rows inside a long read transaction once the caller drops them", async () => {
    // A bulk export reads thousands of pages in one transaction, which keeps every Result it ran:
    // a page must not stay reachable through its Result (an export of 1M entities reached 3 GB).
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const page = { name: "test.page", cypher: "UNWIND range(1, 2000) AS i RETURN i", params: {} };
    const pages: Array<WeakRef<object>> = [];
    const collected = await executor.readTransaction("test.pages", async (run) => {
      for (let i = 0; i < 3; i += 1) pages.push(new WeakRef(await run(page)));
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      // Still inside the transaction: its Results are all alive, the rows they were given are not.
      return pages.map((ref) => ref.deref() === undefined);
    });
    expect(collected).toEqual([true, true, true]);
  });
});
