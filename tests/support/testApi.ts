import type { ApolloServer } from "@apollo/server";
import type { Viewer } from "../../src/auth/viewer";
import { loadConfig } from "../../src/config";
import { createApolloServer, createRequestContext } from "../../src/server/apollo";
import { createMetrics } from "../../src/server/metrics";
import type { RequestContext } from "../../src/server/context";
import { connectTestGraph, silentLogger, type TestGraph } from "./testGraph";

export interface TestResult<Data> {
  data: Data | null | undefined;
  errors:
    | Array<{ message: string; extensions?: Record<string, unknown>; path?: ReadonlyArray<string | number> }>
    | undefined;
  /** Cypher queries the request ran. */
  queryCount: number;
}

export interface TestApi {
  graph: TestGraph;
  execute<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { viewer?: Viewer | null },
  ): Promise<TestResult<Data>>;
  stop(): Promise<void>;
}

/** The real schema and resolvers on the run's Neo4j, executed in-process (no HTTP). */
export async function startTestApi(
  options: { development?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<TestApi> {
  const graph = connectTestGraph();
  const { limits, graphqlExecutor } = loadConfig(options.env ?? {});
  const server: ApolloServer<RequestContext> = createApolloServer({
    development: options.development ?? false,
    logger: silentLogger,
    limits,
    metrics: createMetrics({ open: 0 }),
    executor: graphqlExecutor,
  });
  await server.start();
  return {
    graph,
    async execute<Data>(
      query: string,
      variables: Record<string, unknown> = {},
      { viewer = null }: { viewer?: Viewer | null } = {},
    ) {
      const contextValue = createRequestContext(
        graph.executor,
        silentLogger,
        "test",
        limits.requestTimeoutMs,
        viewer,
        limits.maxResponseBytes,
      );
      const response = await server.executeOperation<Data>({ query, variables }, { contextValue });
      if (response.body.kind !== "single") throw new Error("incremental delivery is not expected here");
      const { data, errors } = response.body.singleResult;
      return {
        data,
        errors: errors?.map((e) => ({ message: e.message, extensions: e.extensions, path: e.path })),
        queryCount: contextValue.executor.queryCount,
      };
    },
    async stop() {
      await server.stop();
      await graph.close();
    },
  };
}
