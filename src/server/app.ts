import { randomUUID } from "node:crypto";
import http from "node:http";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { Driver } from "neo4j-driver";
import type { Config } from "../config";
import type { CypherExecutor } from "../graph/executor";
import type { Logger } from "../logger";
import { createApolloServer, createRequestContext } from "./apollo";

export interface AppDeps {
  config: Pick<Config, "env">;
  driver: Driver;
  executor: CypherExecutor;
  logger: Logger;
}

export interface App {
  httpServer: http.Server;
  /** Starts listening; resolves with the port actually bound (PORT=0 picks a free one). */
  listen(port: number, host: string): Promise<number>;
  /** Stops taking requests and waits for those in flight (Apollo's drain plugin). */
  stop(): Promise<void>;
}

/** The HTTP surface: /graphql (Apollo Server), /healthz (process alive), /readyz (Neo4j answers). */
export async function createApp({ config, driver, executor, logger }: AppDeps): Promise<App> {
  const expressApp = express();
  const httpServer = http.createServer(expressApp);
  const development = config.env !== "production";
  const apollo = createApolloServer({ development, logger, httpServer });
  await apollo.start();

  expressApp.disable("x-powered-by");
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
  expressApp.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: ({ req }) =>
        Promise.resolve(createRequestContext(executor, logger, requestIdOf(req.get("x-request-id")))),
    }),
  );

  return {
    httpServer,
    listen: (port, host) =>
      new Promise<number>((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          resolve(typeof address === "object" && address !== null ? address.port : port);
        });
      }),
    stop: () => apollo.stop(),
  };
}

/** A client's X-Request-Id when it is a plain token (it ends up in logs), otherwise a fresh one. */
function requestIdOf(header: string | undefined): string {
  return header !== undefined && /^[\w.:-]{1,64}$/.test(header) ? header : randomUUID();
}
