import type http from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import type { CypherExecutor } from "../graph/executor";
import { createGraphAccess } from "../graph/loaders";
import type { Logger } from "../logger";
import { resolvers } from "../resolvers";
import type { RequestContext } from "./context";
import { formatError } from "./formatError";
import { SANDBOX_EXAMPLE } from "./sandboxExample";
import { buildSchema } from "./schema";

export interface ApolloOptions {
  development: boolean;
  logger: Logger;
  /** Drained on stop, when the server runs behind HTTP. */
  httpServer?: http.Server;
}

/** Apollo Server with the schema, error masking and the landing page; transport-independent. */
export function createApolloServer({
  development,
  logger,
  httpServer,
}: ApolloOptions): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    schema: buildSchema(resolvers),
    introspection: development,
    includeStacktraceInErrorResponses: development,
    formatError: formatError(logger, development),
    plugins: [
      ...(httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer })] : []),
      development
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, document: SANDBOX_EXAMPLE })
        : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
    ],
  });
}

/** A request's context: its own executor view (query counter, request id in logs) and DataLoaders. */
export function createRequestContext(
  executor: CypherExecutor,
  logger: Logger,
  requestId: string,
): RequestContext {
  const requestLogger = logger.child({ requestId });
  const requestExecutor = executor.forRequest(requestLogger);
  return {
    requestId,
    logger: requestLogger,
    executor: requestExecutor,
    graph: createGraphAccess(requestExecutor),
  };
}
