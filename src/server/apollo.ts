import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { ANONYMOUS, type Authentication } from "../auth/authentication";
import type { Viewer } from "../auth/viewer";
import type { Config } from "../config";
import type { CypherExecutor } from "../graph/executor";
import { createGraphAccess } from "../graph/loaders";
import { defaultLinkerOf, type DocumentLinker } from "../ingest/documentLinker";
import type { Logger } from "../logger";
import { resolvers } from "../resolvers";
import type { RequestContext } from "./context";
import { formatError } from "./formatError";
import { httpCachePlugin } from "./httpCache";
import { JIT_FROM_COST, jitGateway, type GraphqlExecutor } from "./jitExecutor";
import type { Metrics } from "./metrics";
import { queryCostPlugin, type CostEstimates } from "./plugins/queryCost";
import { requestIdPlugin } from "./plugins/requestId";
import { requestLogPlugin } from "./plugins/requestLog";
import { withOfflineLinks } from "./plugins/landingPageLinks";
import { unknownArgumentsPlugin } from "./plugins/unknownArguments";
import { DEFAULT_MAX_RESPONSE_BYTES, ResponseBudget } from "./responseBudget";
import { legacyJsonStatusPlugin } from "./plugins/responseStatus";
import { retryAfterPlugin } from "./plugins/retryAfter";
import { SANDBOX_EXAMPLE } from "./sandboxExample";
import { buildSchema } from "./schema";

export interface ApolloOptions {
  development: boolean;
  logger: Logger;
  limits: Config["limits"];
  metrics: Metrics;
  /** AUTH_READS (default public): `token` makes every Query field need READER. */
  reads?: Config["auth"]["reads"];
  /** GRAPHQL_EXECUTOR: auto (default), jit or graphql-js (see jitExecutor.ts). */
  executor?: GraphqlExecutor;
}

/**
 * graphql-armor's limits on an operation (depth, aliases, directives; field suggestions hidden in
 * production), for Apollo Server and for the subscriptions served over graphql-ws.
 */
export function operationLimits(
  limits: Config["limits"],
  development: boolean,
): ReturnType<ApolloArmor["protect"]> {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    // Tokens are limited by graphql-js's own parser option: armor's version turns the error into a 500.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !development },
  }).protect();
}

/**
 * Apollo Server with the schema, the operation limits (graphql-armor for depth, aliases and
 * directives; the parser's token limit; a cost limit that multiplies by first/limit), error
 * masking, logging and the landing page (Sandbox in development only). Batching stays off
 * (Apollo's default) and CSRF prevention on.
 */
export function createApolloServer(options: ApolloOptions): ApolloServer<RequestContext> {
  const { development, logger, limits, metrics, reads = "public", executor = "auto" } = options;
  const armor = operationLimits(limits, development);
  const schema = buildSchema(resolvers, { reads });
  // Under `auto` the cost plugin notes each request's estimate, and the costly operations are
  // compiled; `jit` compiles all of them and graphql-js none, so neither needs the estimates.
  const estimates: CostEstimates | undefined = executor === "auto" ? new WeakMap() : undefined;
  const compileFrom = executor === "jit" ? 0 : JIT_FROM_COST;
  return new ApolloServer<RequestContext>({
    ...(executor === "graphql-js" ? { schema } : { gateway: jitGateway(schema, { compileFrom, estimates }) }),
    // The schema is the public contract: introspection stays on so that clients and tools can read it.
    introspection: true,
    // main.ts owns shutdown (HTTP, driver, embedded Neo4j in order); Apollo's own signal handlers
    // would stop it behind that sequence's back and leave it waiting.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: limits.maxTokens },
    includeStacktraceInErrorResponses: development,
    formatError: formatError(logger, development),
    validationRules: armor.validationRules,
    plugins: [
      // The default cache-control plugin wraps every field resolver to collect hints this schema
      // never gives: on a 3,000-field answer that wrapping cost more than the Cypher did.
      ApolloServerPluginCacheControlDisabled(),
      ...armor.plugins,
      queryCostPlugin(limits.maxCost, logger, { estimates }),
      unknownArgumentsPlugin(),
      legacyJsonStatusPlugin(),
      httpCachePlugin(),
      requestLogPlugin(metrics),
      requestIdPlugin(),
      retryAfterPlugin(),
      // No drain plugin: app.ts drains HTTP itself (grace period, Connection: close, deadline).
      withOfflineLinks(
        development
          ? ApolloServerPluginLandingPageLocalDefault({ embed: true, document: SANDBOX_EXAMPLE })
          : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
      ),
    ],
  });
}

/**
 * A request's context: its own executor view (query counter, deadline, request id in logs),
 * DataLoaders, and who the caller is: an {@link Authentication}, or a {@link Viewer} as shorthand
 * for a verified one (tests), or null for anonymous.
 */
export function createRequestContext(
  executor: CypherExecutor,
  logger: Logger,
  requestId: string,
  requestTimeoutMs: number,
  caller: Authentication | Viewer | null = null,
  maxResponseBytes: number = DEFAULT_MAX_RESPONSE_BYTES,
  linker: DocumentLinker = defaultLinkerOf(executor),
): RequestContext {
  const authentication: Authentication =
    caller === null ? ANONYMOUS : "status" in caller ? caller : { status: "verified", viewer: caller };
  const requestLogger = logger.child({ requestId });
  const requestExecutor = executor.forRequest(requestLogger, Date.now() + requestTimeoutMs);
  return {
    requestId,
    logger: requestLogger,
    executor: requestExecutor,
    graph: createGraphAccess(requestExecutor),
    viewer: authentication.status === "verified" ? authentication.viewer : null,
    authentication,
    responseBudget: new ResponseBudget(maxResponseBytes),
    linker,
  };
}
