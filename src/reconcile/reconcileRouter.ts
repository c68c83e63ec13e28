import express, { type Request, type Response, type Router } from "express";
import type { Authenticate } from "../auth/authentication";
import { refusal } from "../auth/authErrors";
import { EntityRepository } from "../graph/entityRepository";
import type { CypherExecutor } from "../graph/executor";
import { errorCode } from "../errors";
import type { Logger } from "../logger";
import { requestIdOfResponse, sendError, sendGraphQLError } from "../server/errorResponse";
import {
  parseQueries,
  RECONCILE_LIMITS,
  RECONCILE_TYPES,
  ReconcileInputError,
  scoreCandidates,
  type ReconcileCandidate,
} from "./reconcileQueries";

export interface ReconcileDeps {
  executor: CypherExecutor;
  logger: Logger;
  limits: { requestTimeoutMs: number; bodyLimitBytes: number };
  /** AUTH_READS=token: /reconcile reads the graph, so it needs a READER token like every Query field. */
  reads?: { mode: "public" | "token"; authenticate: Authenticate };
}

/** Entities taken from the full-text search per candidate asked for, before scoring. */
const SEARCH_FACTOR = 4;

/**
 * `/reconcile`: the W3C Reconciliation Service API v0.2, so OpenRefine can reconcile a column of
 * names against the graph. GET without `queries` is the service manifest; GET or POST (form-encoded
 * as OpenRefine sends it, or JSON) with `queries` answers a batch. CORS is open, as the spec asks.
 */
export function reconcileRouter({ executor, logger, limits, reads }: ReconcileDeps): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader("access-control-allow-origin", "*");
    next();
  });
  if (reads?.mode === "token") {
    const { authenticate } = reads;
    router.use((req, res, next) => {
      authenticate(req.get("authorization"))
        .then((authentication) => {
          const error = refusal(authentication, "READER", "/reconcile");
          if (error === null) {
            next();
            return;
          }
          sendGraphQLError(res, error);
        })
        .catch(next);
    });
  }
  router.use(express.urlencoded({ extended: false, limit: limits.bodyLimitBytes }));
  router.use(express.json({ limit: limits.bodyLimitBytes }));

  const answer = async (req: Request, res: Response): Promise<void> => {
    const raw = queriesParameter(req);
    if (raw === undefined) {
      res.json(manifest());
      return;
    }
    let queries;
    try {
      queries = parseQueries(raw);
    } catch (error) {
      if (!(error instanceof ReconcileInputError)) throw error;
      sendError(res, 400, error.message, { code: "BAD_USER_INPUT" });
      return;
    }
    const requestLogger = logger.child({ requestId: requestIdOfResponse(res) });
    const entities = new EntityRepository(
      executor.forRequest(requestLogger, Date.now() + limits.requestTimeoutMs),
    );
    const results: Record<string, { result: ReconcileCandidate[] }> = {};
    for (const [key, query] of queries) {
      if (query.kinds !== null && query.kinds.length === 0) {
        results[key] = { result: [] };
        continue;
      }
      const hits = await entities.search(query.query, query.kinds, Math.min(query.limit * SEARCH_FACTOR, 50));
      results[key] = {
        result: scoreCandidates(
          query.query,
          hits.map((h) => h.entity),
          query.limit,
        ),
      };
    }
    res.json(results);
  };

  router.get("/", (req, res, next) => {
    answer(req, res).catch(next);
  });
  router.post("/", (req, res, next) => {
    answer(req, res).catch(next);
  });
  router.use(reconcileErrors(logger));
  return router;
}

function queriesParameter(req: Request): unknown {
  const body: unknown = req.body;
  if (body !== null && typeof body === "object" && "queries" in body) return body.queries;
  const fromQuery: unknown = req.query.queries;
  return fromQuery;
}

function manifest(): Record<string, unknown> {
  return {
    versions: ["0.2"],
    name: "kg-graphql knowledge graph",
    identifierSpace: "urn:kg-graphql:entity:",
    schemaSpace: "urn:kg-graphql:kind:",
    defaultTypes: RECONCILE_TYPES,
    batchSize: RECONCILE_LIMITS.maxQueries,
    documentation: "https://github.com/ (see docs/ingest.md, Reconciliation)",
  };
}

/** Errors from the graph keep their GraphQL code (SERVICE_UNAVAILABLE, TIMEOUT, BAD_USER_INPUT); others are 500. */
function reconcileErrors(logger: Logger): express.ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const code = errorCode(error);
    const status =
      code === "SERVICE_UNAVAILABLE"
        ? 503
        : code === "TIMEOUT"
          ? 504
          : code === "BAD_USER_INPUT"
            ? 400
            : undefined;
    if (status === undefined) {
      // Let the app's handler answer body-parser errors (413, 400) and log the unexpected.
      if (typeof error === "object" && error !== null && "type" in error) {
        next(error);
        return;
      }
      logger.error({ err: error, requestId: requestIdOfResponse(res) }, "reconcile failed");
      sendError(res, 500, "Internal server error", { code: "INTERNAL_SERVER_ERROR" });
      return;
    }
    sendError(res, status, (error as Error).message, { code });
  };
}
