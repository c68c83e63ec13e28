import net from "node:net";
import pino from "pino";
import { CypherExecutor } from "../../src/graph/executor";
import { createDriver } from "../../src/neo4j/driver";

/** A port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

describe("CypherExecutor reads", () => {
  it("retry a retryable failure (no database) twice, then answer SERVICE_UNAVAILABLE", async () => {
    const driver = createDriver({
      uri: `bolt://127.0.0.1:${await closedPort()}`,
      user: "neo4j",
      password: undefined,
    });
    const attempts: boolean[] = [];
    const executor = new CypherExecutor(driver, {
      database: "neo4j",
      transactionTimeoutMs: 5_000,
      logger: pino({ level: "silent" }),
      onQuery: (_query, _seconds, failed) => attempts.push(failed),
    });
    try {
      await expect(executor.read({ name: "test.one", cypher: "RETURN 1", params: {} })).rejects.toMatchObject(
        {
          extensions: { code: "SERVICE_UNAVAILABLE" },
        },
      );
      expect(attempts).toEqual([true, true, true]);
    } finally {
      await driver.close();
    }
  });
});
