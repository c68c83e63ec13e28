import { randomUUID } from "node:crypto";
import http from "node:http";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type ErrorRequestHandler, type Response } from "express";
import type { Driver } from "neo4j-driver";
import { authenticatorFor } from "../auth/authentication";
import type { Config } from "../config";
import type { CypherExecutor } from "../graph/executor";
import type { Logger } from "../logger";
import { createApolloServer, createRequestContext } from "./apollo";
import type { Metrics } from "./metrics";

export interface AppDeps {
  config: Pick<Config, "env" | "limits" | "auth" | "graphqlExecutor">;
  driver: Driver;
  executor: CypherExecutor;
  logger: Logger;
  metrics: Metrics;
}

export interface App {
  httpServer: http.Server;
  /** Starts listening; resolves with the port actually bound (PORT=0 picks a free one). */
  listen(port: number, host: string): Promise<number>;
  /** Stops taking requests and waits for those in flight (Apollo's drain plugin). */
  stop(): Promise<void>;
}

/**
 * The HTTP surface: /graphql (Apollo Server), /healthz (process alive), /readyz (Neo4j answers),
 * /metrics (Prometheus). Errors outside GraphQL (body too large, malformed JSON, unknown path)
 * are answered in the GraphQL error shape, with a code and no stack trace.
 */
export async function createApp({ config, driver, executor, logger, metrics }: AppDeps): Promise<App> {
  const expressApp = express();
  const httpServer = http.createServer(expressApp);
  const apollo = createApolloServer({
    development: config.env !== "production",
    logger,
    limits: config.limits,
    metrics,
    httpServer,
    reads: config.auth.reads,
    executor: config.graphqlExecutor,
  });
  await apollo.start();
  // Built once: the key (or the JWKS fetcher and its cache) is shared by every request.
  const authenticate = authenticatorFor(config.auth);

  expressApp.disable("x-powered-by");
  // Every response names its request: clients quote it, every log line carries it.
  expressApp.use((req, res, next) => {
    const requestId = requestIdOf(req.get("x-request-id"));
    res.locals.requestId = requestId;
    res.setHeader("x-request-id", requestId);
    next();
  });
  expressApp.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  expressApp.get("/readyz", async (_req, res) => {
    try {
      await driver.getServerInfo();
      res.json({ status: "ready" });
    } catch (error) {
      res.status(503).json({ status: "unavailable", reason: "Neo4j does not answer" });
      logger.warn({ err: (error as Error).message }, "readiness check failed");
    }
  });
  expressApp.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  expressApp.use(
    "/graphql",
    express.json({ limit: config.limits.bodyLimitBytes }),
    expressMiddleware(apollo, {
      // The token is verified here, once per request; a failure is kept (not thrown) so that
      // public reads still answer and each @auth field can say why it refuses.
      context: async ({ req, res }) =>
        createRequestContext(
          executor,
          logger,
          requestIdOf(res.locals.requestId),
          config.limits.requestTimeoutMs,
          await authenticate(req.get("authorization")),
          config.limits.maxResponseBytes,
        ),
    }),
  );
  expressApp.use((_req, res) => {
    res.status(404).json(errorBody("Not found: the API is at /graphql", "NOT_FOUND", res));
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
    stop: () => apollo.stop(),
  };
}

interface ErrorBody {
  errors: Array<{ message: string; extensions: { code: string; requestId: unknown } }>;
}

function errorBody(message: string, code: string, res: Response): ErrorBody {
  return { errors: [{ message, extensions: { code, requestId: res.locals.requestId } }] };
}

/** body-parser's errors carry a `type`; they are the client's fault and are not logged as failures. */
function httpErrorHandler(logger: Logger, bodyLimitBytes: number): ErrorRequestHandler {
  return (error: { type?: string; status?: number }, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error.type === "entity.too.large") {
      res
        .status(413)
        .json(
          errorBody(
            `Request body is larger than the limit of ${bodyLimitBytes} bytes`,
            "PAYLOAD_TOO_LARGE",
            res,
          ),
        );
    } else if (error.type === "entity.parse.failed") {
      res.status(400).json(errorBody("Request body is not valid JSON", "BAD_REQUEST", res));
    } else if (error.status !== undefined && error.status >= 400 && error.status < 500) {
      res.status(error.status).json(errorBody("Bad request", "BAD_REQUEST", res));
    } else {
      logger.error({ err: error, requestId: res.locals.requestId, path: req.path }, "unexpected HTTP error");
      res.status(500).json(errorBody("Internal server error", "INTERNAL_SERVER_ERROR", res));
    }
  };
}

/** A client's X-Request-Id when it is a plain token (it ends up in logs), otherwise a fresh one. */
function requestIdOf(header: unknown): string {
  return typeof header === "string" && /^[\w.:-]{1,64}$/.test(header) ? header : randomUUID();
}
