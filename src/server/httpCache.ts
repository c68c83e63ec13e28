import { createHash } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import type { Request, RequestHandler } from "express";
import { Kind, parse } from "graphql";
import onHeaders from "on-headers";
import type { CypherExecutor } from "../graph/executor";
import { readGraphVersion } from "../graph/graphVersion";
import type { Logger } from "../logger";
import type { Metrics } from "./metrics";

export interface HttpCacheOptions {
  executor: CypherExecutor;
  logger: Logger;
  /** A 304 is counted and logged as a request of its operation, as an executed one is (requestLog.ts). */
  metrics: Metrics;
  /** Sent with every cacheable answer (CACHE_CONTROL). */
  cacheControl: string;
  requestTimeoutMs: number;
}

/** What a public GET read's answer depends on: the graph and the request's GraphQL parameters. */
export function etagOf(version: number, req: Pick<Request, "query">): string | undefined {
  const param = (name: string): string | null => {
    const value = req.query[name];
    return typeof value === "string" ? value : null;
  };
  const query = param("query");
  const extensions = param("extensions");
  if (query === null && extensions === null) return undefined;
  const digest = createHash("sha256")
    .update(JSON.stringify([version, query, param("variables"), param("operationName"), extensions]))
    .digest("base64url")
    .slice(0, 32);
  // Weak: the same answer may go out compressed or not, and as application/json or graphql-response+json.
  return `W/"${digest}"`;
}

/**
 * The operation a GET names: its operationName parameter, or the name of the query's only
 * operation ("(anonymous)" without one), as Apollo reports it for an executed request.
 */
export function operationNameOf(req: Pick<Request, "query">): string {
  const { operationName, query } = req.query;
  if (typeof operationName === "string" && operationName !== "") return operationName;
  if (typeof query !== "string") return "(anonymous)";
  try {
    const operations = parse(query, { noLocation: true }).definitions.filter(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION,
    );
    return (operations.length === 1 ? operations[0]?.name?.value : undefined) ?? "(anonymous)";
  } catch {
    return "(anonymous)";
  }
}

/** If-None-Match holds this ETag (weak comparison, as RFC 9110 asks for conditional GETs). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

/**
 * The request would pass Apollo's CSRF prevention: it names a preflight header or a content type a
 * browser cannot send without a preflight. A 304 must not answer what Apollo would refuse.
 */
function passesCsrfPrevention(req: Request): boolean {
  if (req.get("apollo-require-preflight") || req.get("x-apollo-operation-name")) return true;
  const type = req.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  return (
    type !== undefined &&
    !["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"].includes(type)
  );
}

/**
 * HTTP caching of public reads (GET /graphql without Authorization): the ETag is a hash of the
 * graph's version (the last change's seq) and the operation, so it changes only when the graph
 * does. A conditional GET whose ETag still holds is answered 304 after reading the version alone,
 * without running the operation. A successful answer carries the ETag and CACHE_CONTROL; an answer
 * with errors carries `no-store` ({@link httpCachePlugin}) and no ETag.
 */
export function httpCache(options: HttpCacheOptions): RequestHandler {
  const { executor, logger, metrics, cacheControl, requestTimeoutMs } = options;
  return async (req, res, next) => {
    const started = performance.now();
    if (req.method !== "GET") {
      next();
      return;
    }
    if (req.get("authorization") !== undefined) {
      // An answer for one caller: neither shared caches nor the 304 shortcut (it would skip auth).
      res.setHeader("cache-control", "private, no-store");
      next();
      return;
    }
    if (typeof req.query.query !== "string" && typeof req.query.extensions !== "string") {
      // No operation (the landing page, a malformed GET): nothing to tag; Apollo answers it.
      next();
      return;
    }
    let etag: string | undefined;
    try {
      const requestExecutor = executor.forRequest(logger, Date.now() + requestTimeoutMs);
      etag = etagOf(await readGraphVersion(requestExecutor), req);
    } catch (error) {
      // Neo4j is down or slow: Apollo answers the request (and reports the outage) as it would.
      logger.warn(
        { err: (error as Error).message, requestId: res.locals.requestId },
        "graph version unreadable",
      );
      next();
      return;
    }
    if (etag === undefined) {
      next();
      return;
    }
    if (matches(req.get("if-none-match"), etag) && passesCsrfPrevention(req)) {
      res.setHeader("etag", etag);
      res.setHeader("cache-control", cacheControl);
      res.status(304).end();
      const seconds = (performance.now() - started) / 1000;
      const operation = operationNameOf(req);
      const label = metrics.operationLabel(operation);
      metrics.requests.inc({ operation: label });
      metrics.notModified.inc({ operation: label });
      metrics.requestSeconds.observe({ operation: label }, seconds);
      logger.info(
        {
          requestId: res.locals.requestId,
          operation,
          ms: Math.round(seconds * 1000),
          cypherQueries: 1,
          status: 304,
        },
        "graphql request",
      );
      return;
    }
    const tag = etag;
    onHeaders(res, () => {
      if (res.statusCode === 200 && !res.hasHeader("cache-control")) {
        res.setHeader("etag", tag);
        res.setHeader("cache-control", cacheControl);
      }
    });
    next();
  };
}

/** Marks a GET answer that carries errors (or is not a single result) `no-store`: only answers are cached. */
export function httpCachePlugin<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    requestDidStart({ request }) {
      if (request.http?.method !== "GET") return Promise.resolve();
      return Promise.resolve({
        willSendResponse({ response }) {
          const failed =
            response.body.kind !== "single" || (response.body.singleResult.errors?.length ?? 0) > 0;
          if (failed) response.http.headers.set("cache-control", "no-store");
          return Promise.resolve();
        },
      });
    },
  };
}
