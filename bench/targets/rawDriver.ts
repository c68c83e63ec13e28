import { readFileSync } from "node:fs";
import http from "node:http";
import neo4j, { type Driver } from "neo4j-driver";
import { decodeReplay, type Replay } from "../replay";

/**
 * The floor of this stack: a bare node:http handler that runs, through neo4j-driver, exactly the
 * Cypher the service ran for the same request (recorded by bench/replay.ts), each statement in an
 * auto-commit transaction as the service runs its reads, and answers with the rows as JSON. No
 * GraphQL, no validation.
 *
 * POST / with {"scenario": "...", "variant": n}. Env: NEO4J_URI, PORT, REPLAY_FILE.
 */
const TRANSACTION_TIMEOUT_MS = 10_000;

async function answer(driver: Driver, replay: Replay, body: string): Promise<unknown[]> {
  const { scenario, variant } = JSON.parse(body) as { scenario: string; variant: number };
  const queries = replay[scenario]?.[variant];
  if (!queries) throw new Error(`no recorded request ${scenario}#${variant}`);
  const results: unknown[] = [];
  for (const query of queries) {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(query.cypher, query.params, { timeout: TRANSACTION_TIMEOUT_MS });
      results.push(result.records.map((record) => record.toObject()));
    } finally {
      await session.close();
    }
  }
  return results;
}

function main(): void {
  const replay = decodeReplay(readFileSync(process.env.REPLAY_FILE ?? "", "utf8"));
  const driver = neo4j.driver(process.env.NEO4J_URI ?? "", undefined, { disableLosslessIntegers: true });
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      answer(driver, replay, Buffer.concat(chunks).toString("utf8")).then(
        (data) => {
          response.writeHead(200, { "content-type": "application/json" });
          response.end(JSON.stringify({ data }));
        },
        (error: unknown) => {
          response.writeHead(500, { "content-type": "application/json" });
          response.end(JSON.stringify({ errors: [{ message: String(error) }] }));
        },
      );
    });
  });
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    process.stdout.write(`${JSON.stringify({ event: "ready", port })}\n`);
  });
  const stop = (): void => {
    server.close();
    void driver.close().then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main();
