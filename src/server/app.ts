import http from "node:http";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type ErrorRequestHandler } from "express";
import type { Driver } from "neo4j-driver";
import { Counter, Gauge } from "prom-client";
import { authenticatorFor } from "../auth/authentication";
import type { Config } from "../config";
import type { CypherExecutor } from "../graph/executor";
import { DEFAULT_LINKER_OPTIONS, DocumentLinker } from "../ingest/documentLinker";
import type { Logger } from "../logger";
import type { Neo4jSupervision } from "../neo4j/supervisor";
import { exportRouter } from "../export/exportRouter";
import { reconcileRouter } from "../reconcile/reconcileRouter";
import { ChangeFeed } from "../feed/changeFeed";
import { resolvers } from "../resolvers";
import { createApolloServer, createRequestContext, operationLimits } from "./apollo";
import { changesStream } from "./changesStream";
import { buildSchema } from "./schema";
import { attachSubscriptions } from "./subscriptions";
import { HttpDrain, type DrainOptions } from "./httpDrain";
import { compressResponses } from "./compression";
import { cors } from "./cors";
import { httpCache } from "./httpCache";
import { persistedQueryHashCheck } from "./persistedQueryHash";
import { admitOverWebSocket, loadTrustedManifest, trustedDocuments } from "./trustedDocuments";
import type { Metrics } from "./metrics";
import { RETRY_AFTER_SECONDS } from "./plugins/retryAfter";
import { readinessCheck } from "./readiness";
import { INVALID_UTF8, rejectInvalidUtf8 } from "./utf8Body";
import { mountWebPages } from "./web";
import { graphqlPostHandler } from "./graphqlPost";
import { sendError } from "./errorResponse";
import { requestIdOf } from "./requestIdHeader";

export interface AppDeps {
  /** `shutdown` defaults to the documented defaults when absent. */
  config: Pick<Config, "env" | "limits" | "auth" | "http" | "graphqlExecutor"> &
    Partial<Pick<Config, "shutdown" | "ingest" | "trustedDocuments" | "export" | "feed">>;
  driver: Driver;
  executor: CypherExecutor;
  logger: Logger;
  metrics: Metrics;
  /** The embedded Neo4j's supervisor, reported by /readyz. */
  supervision?: Neo4jSupervision;
}

export interface App {
  httpServer: http.Server;
  /** Starts listening; resolves with the port actually bound (PORT=0 picks a free one). */
  listen(port: number, host: string): Promise<number>;
  /**
   * Graceful stop: /readyz turns 503 at once, new connections are taken for `graceMs`, in-flight
   * requests finish, kept-alive connections close cleanly; at `deadline` the rest is cut.
   * Defaults: the configured SHUTDOWN_GRACE_MS and SHUTDOWN_TIMEOUT_MS from now.
   */
  stop(options?: Partial<DrainOptions>): Promise<void>;
  /** True once stop() has begun. */
  readonly draining: boolean;
}

const DEFAULT_SHUTDOWN: Config["shutdown"] = { graceMs: 0, timeoutMs: 10_000 };
/** EXPORT_TIMEOUT_MS and EXPORT_PAGE_SIZE's defaults, for callers (tests) that pass no `export`. */
const DEFAULT_EXPORT: Config["export"] = { timeoutMs: 1_800_000, pageSize: 1_000 };
const DEFAULT_FEED: Config["feed"] = {
  bufferChanges: 1_000,
  pageSize: 100,
  pollIntervalMs: 150,
  heartbeatMs: 15_000,
  maxConsumers: 1_000,
};

/**
 * Node checks the headers and request timeouts only this often (default 30 s, which let slow
 * clients hold sockets for 80 s): once a second keeps them within a second of the limit.
 */
const CONNECTIONS_CHECKING_INTERVAL_MS = 1_000;

/**
 * The HTTP surface: /graphql (Apollo Server), /healthz (process alive), /readyz (Neo4j answers now),
 * /metrics (Prometheus). Errors outside GraphQL (body too large, malformed JSON, unknown path)
 * are answered in the GraphQL error shape, with a code and no stack trace.
 */
export async function createApp(deps: AppDeps): Promise<App> {
  const { config, driver, executor, logger, metrics, supervision } = deps;
  const limits = config.http;
  const shutdown = config.shutdown ?? DEFAULT_SHUTDOWN;
  const trustedMode = config.trustedDocuments?.mode ?? "off";
  // Read once at start: a missing or inconsistent manifest stops the service rather than refusing every request.
  const manifest =
    trustedMode === "off" || config.trustedDocuments === undefined
      ? new Map<string, string>()
      : loadTrustedManifest(config.trustedDocuments.manifestPath);
  const expressApp = express();
  // Its request handler is attached below, once Apollo has started (before it listens).
  const httpServer = http.createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: CONNECTIONS_CHECKING_INTERVAL_MS,
  });
  httpServer.keepAliveTimeout = limits.keepAliveTimeoutMs;
  httpServer.maxConnections = limits.maxConnections;
  const drain = new HttpDrain(httpServer);
  const apollo = createApolloServer({
    development: config.env !== "production",
    logger,
    limits: config.limits,
    metrics,
    reads: config.auth.reads,
    executor: config.graphqlExecutor,
  });
  await apollo.start();
  const feed = new ChangeFeed({
    executor,
    logger,
    feed: config.feed ?? DEFAULT_FEED,
    readTimeoutMs: config.limits.requestTimeoutMs,
  });
  const readiness = readinessCheck({ driver, supervision, draining: () => drain.draining });
  // Built once: the key (or the JWKS fetcher and its cache) is shared by every request.
  const authenticate = authenticatorFor(config.auth);
  // One link dictionary for the service, built on the first ingest and kept current.
  const linker = new DocumentLinker(executor, { ...DEFAULT_LINKER_OPTIONS, ...config.ingest });
  // The token is verified here, once per request; a failure is kept (not thrown) so that
  // public reads still answer and each @auth field can say why it refuses.
  const requestContext = async (authorization: string | undefined, requestId: string) =>
    createRequestContext(
      executor,
      logger,
      requestId,
      config.limits.requestTimeoutMs,
      await authenticate(authorization),
      config.limits.maxResponseBytes,
      linker,
    );

  expressApp.disable("x-powered-by");
  expressApp.use(drain.middleware());
  // /graphql's ETags come from the graph's version (httpCache.ts), not from hashing each body.
  expressApp.set("etag", false);
  // Every response names its request: clients quote it, every log line carries it.
  expressApp.use((req, res, next) => {
    const requestId = requestIdOf(req.get("x-request-id"));
    res.locals.requestId = requestId;
    res.setHeader("x-request-id", requestId);
    next();
  });
  const compress = compressResponses(config.http.compressionThresholdBytes);
  expressApp.use(compress);
  expressApp.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  expressApp.get("/readyz", async (_req, res) => {
    const result = await readiness();
    if (result.ready) {
      res.json({ status: "ready" });
      return;
    }
    res
      .status(503)
      .set("retry-after", String(RETRY_AFTER_SECONDS))
      .json({ status: "unavailable", reason: result.reason });
    if (!drain.draining) logger.warn({ reason: result.reason }, "readiness check failed");
  });
  expressApp.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  expressApp.use("/graphql", cors(config.http.cors));
  // Before the HTTP cache: a GET's documentId becomes its query, which the ETag is computed from.
  expressApp.use("/graphql", trustedDocuments(trustedMode, manifest, "GET"));
  expressApp.use(
    "/graphql",
    httpCache({
      executor,
      logger,
      metrics,
      cacheControl: config.http.cacheControl,
      requestTimeoutMs: config.limits.requestTimeoutMs,
    }),
  );
  mountWebPages(expressApp);
  expressApp.use(
    "/graphql",
    express.json({ limit: config.limits.bodyLimitBytes, verify: rejectInvalidUtf8 }),
    trustedDocuments(trustedMode, manifest, "POST"),
    persistedQueryHashCheck(),
    expressMiddleware(apollo, {
      context: ({ req, res }) => requestContext(req.get("authorization"), requestIdOf(res.locals.requestId)),
    }),
  );
  const graphqlPost = graphqlPostHandler({
    apollo,
    drain,
    logger,
    bodyLimitBytes: config.limits.bodyLimitBytes,
    cors: config.http.cors,
    trustedMode,
    manifest,
    context: requestContext,
    compress,
  });
  // POST /graphql in its common form skips Express (graphqlPost.ts, docs/api.md); the rest is Express's.
  httpServer.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!graphqlPost(req, res)) expressApp(req, res);
  });
  expressApp.use(
    "/reconcile",
    reconcileRouter({
      executor,
      logger,
      limits: config.limits,
      reads: { mode: config.auth.reads, authenticate },
    }),
  );
  expressApp.use(
    "/export",
    exportRouter({
      executor,
      logger,
      authenticate,
      reads: config.auth.reads,
      export: config.export ?? DEFAULT_EXPORT,
    }),
  );
  expressApp.get(
    "/changes",
    cors(config.http.cors),
    changesStream({
      feed,
      authenticate,
      reads: config.auth.reads,
      heartbeatMs: (config.feed ?? DEFAULT_FEED).heartbeatMs,
      logger,
    }),
  );
  const subscriptions = attachSubscriptions({
    httpServer,
    schema: buildSchema(resolvers, { reads: config.auth.reads }),
    feed,
    authenticate,
    reads: config.auth.reads,
    limits: config.limits,
    validationRules: operationLimits(config.limits, config.env !== "production").validationRules,
    executor,
    logger,
    development: config.env !== "production",
    keepAliveMs: (config.feed ?? DEFAULT_FEED).heartbeatMs,
    admit: admitOverWebSocket(trustedMode, manifest),
  });
  new Gauge({
    name: "feed_consumers",
    help: "Open change-feed consumers (SSE streams and subscriptions), by state: live or catching up",
    labelNames: ["state"],
    registers: [metrics.registry],
    collect() {
      this.set({ state: "live" }, feed.live);
      this.set({ state: "catching_up" }, feed.size - feed.live);
    },
  });
  new Counter({
    name: "feed_slow_consumers_total",
    help: "Change-feed consumers disconnected for falling FEED_BUFFER_CHANGES behind",
    registers: [metrics.registry],
    collect() {
      this.reset();
      this.inc(feed.slowConsumers);
    },
  });
  drain.onClose(async () => {
    feed.close();
    await subscriptions.dispose();
  });
  expressApp.use((_req, res) => {
    sendError(res, 404, "Not found: the API is at /graphql", { code: "NOT_FOUND" });
  });
  expressApp.use(httpErrorHandler(logger, config.limits.bodyLimitBytes));

  return {
    httpServer,
    listen: (port, host) =>
      new Promise<number>((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          httpServer.off("error", reject);
          const address = httpServer.address();
          resolve(typeof address === "object" && address !== null ? address.port : port);
        });
      }),
    async stop(options = {}) {
      await drain.drain({
        graceMs: options.graceMs ?? shutdown.graceMs,
        deadline: options.deadline ?? Date.now() + shutdown.timeoutMs,
      });
      // Done by the drain already, unless it was cut short: no tailer may outlive the app.
      feed.close();
      await apollo.stop();
    },
    get draining() {
      return drain.draining;
    },
  };
}

/** body-parser's errors carry a `type`; they are the client's fault and are not logged as failures. */
function httpErrorHandler(logger: Logger, bodyLimitBytes: number): ErrorRequestHandler {
  return (error: { type?: string; status?: number }, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error.type === "entity.too.large") {
      sendError(res, 413, `Request body is larger than the limit of ${bodyLimitBytes} bytes`, {
        code: "PAYLOAD_TOO_LARGE",
      });
    } else if (error.type === INVALID_UTF8) {
      sendError(res, 400, "Request body is not valid UTF-8: send text as UTF-8", { code: "BAD_REQUEST" });
    } else if (error.type === "entity.parse.failed") {
      sendError(res, 400, "Request body is not valid JSON", { code: "BAD_REQUEST" });
    } else if (error.status !== undefined && error.status >= 400 && error.status < 500) {
      sendError(res, error.status, "Bad request", { code: "BAD_REQUEST" });
    } else {
      logger.error({ err: error, requestId: res.locals.requestId, path: req.path }, "unexpected HTTP error");
      sendError(res, 500, "Internal server error", { code: "INTERNAL_SERVER_ERROR" });
    }
  };
}
