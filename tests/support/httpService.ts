import { loadConfig } from "../../src/config";
import { CypherExecutor, type CypherQuery } from "../../src/graph/executor";
import { createApp, type App } from "../../src/server/app";
import { createMetrics } from "../../src/server/metrics";
import { connectTestGraph, silentLogger, type TestGraph } from "./testGraph";

export interface HttpService {
  url: string;
  base: string;
  graph: TestGraph;
  stop(): Promise<void>;
}

/** The real HTTP app (Express + Apollo + plugins) on the run's Neo4j, on a free port. */
export async function startHttpService(
  env: NodeJS.ProcessEnv = { NODE_ENV: "production" },
  options: { onQuery?: (query: CypherQuery) => void } = {},
): Promise<HttpService> {
  const graph = connectTestGraph();
  const { onQuery } = options;
  // Every query the app runs, through request executors too, when the test watches them.
  const executor = onQuery
    ? new CypherExecutor(graph.driver, {
        database: process.env.NEO4J_DATABASE ?? "neo4j",
        transactionTimeoutMs: 20_000,
        logger: silentLogger,
        onQuery: (query) => onQuery(query),
      })
    : graph.executor;
  const app: App = await createApp({
    config: loadConfig(env),
    driver: graph.driver,
    executor,
    logger: silentLogger,
    metrics: createMetrics({ open: 0 }),
  });
  const port = await app.listen(0, "127.0.0.1");
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/graphql`,
    base,
    graph,
    async stop() {
      await app.stop();
      await graph.close();
    },
  };
}
