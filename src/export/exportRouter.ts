import express, { type Request, type Response, type Router } from "express";
import type { Authenticate } from "../auth/authentication";
import { refusal } from "../auth/authErrors";
import type { Config } from "../config";
import type { CypherExecutor } from "../graph/executor";
import { errorCode } from "../errors";
import type { Logger } from "../logger";
import { requestIdOfResponse, sendError, sendGraphQLError } from "../server/errorResponse";
import { EXPORT_FORMAT_NAMES, exportFormat } from "./formats";
import { ExportAborted, singleFileOutput, streamSink, type ExportOutput } from "./output";
import { runExport } from "./runExport";
import type { ExportFormat } from "./snapshot";
import { zipOutput } from "./zip";

export interface ExportRouterDeps {
  executor: CypherExecutor;
  logger: Logger;
  authenticate: Authenticate;
  reads: Config["auth"]["reads"];
  export: Config["export"];
}

/** The header carrying the seq an export reflects. */
export const GRAPH_SEQ_HEADER = "x-graph-seq";

/**
 * `GET /export?format=ndjson|jsonld|graphml|csv` (docs/feeds.md "Bulk export"): the graph at one
 * seq of the change log, streamed. The seq is in `X-Graph-Seq`; an export cut short (client gone,
 * EXPORT_TIMEOUT_MS, Neo4j failing) ends the response abruptly, never with a well-formed ending.
 */
export function exportRouter(deps: ExportRouterDeps): Router {
  const router = express.Router();
  router.get("/", (req, res, next) => {
    serve(deps, req, res).catch(next);
  });
  return router;
}

async function serve(deps: ExportRouterDeps, req: Request, res: Response): Promise<void> {
  const requested = req.query.format ?? "ndjson";
  const format = exportFormat(requested);
  if (format === undefined) {
    sendError(
      res,
      400,
      `\`format\` must be one of ${EXPORT_FORMAT_NAMES.join(", ")}; got ${JSON.stringify(requested)}`,
      { code: "BAD_USER_INPUT", argument: "format" },
    );
    return;
  }
  if (deps.reads === "token") {
    const refused = refusal(await deps.authenticate(req.get("authorization")), "READER", "GET /export");
    if (refused !== null) {
      sendGraphQLError(res, refused);
      return;
    }
  }

  const logger = deps.logger.child({ requestId: requestIdOfResponse(res) });
  const client = new AbortController();
  // The response closing before it finished: the client went away.
  res.on("close", () => {
    if (!res.writableFinished) client.abort();
  });
  const executor = deps.executor.forRequest(logger, Date.now() + deps.export.timeoutMs);
  const started = performance.now();
  try {
    const result = await runExport(
      executor,
      { format, pageSize: deps.export.pageSize, timeoutMs: deps.export.timeoutMs, signal: client.signal },
      (seq, signal) => begin(res, format, seq, signal),
    );
    res.end();
    logger.info(
      {
        format: format.name,
        seq: result.seq,
        elements: result.elements,
        ms: Math.round(performance.now() - started),
      },
      "export finished",
    );
  } catch (error) {
    if (!res.headersSent) {
      const code = errorCode(error);
      if (code === "SERVICE_UNAVAILABLE") {
        res.setHeader("retry-after", "1");
        sendError(res, 503, (error as Error).message, { code });
        return;
      }
      if (code === "TIMEOUT" || error instanceof ExportAborted) {
        sendError(res, 504, (error as Error).message, { code: "TIMEOUT" });
        return;
      }
      throw error;
    }
    // Headers (and perhaps much of the body) are out: the only honest signal left is to cut the
    // stream, so the export lacks its ending (the NDJSON end line, the closing tag, the zip directory).
    logger.warn(
      { format: format.name, err: (error as Error).message, aborted: error instanceof ExportAborted },
      "export cut short",
    );
    res.destroy();
  }
}

function begin(res: Response, format: ExportFormat, seq: number, signal: AbortSignal): ExportOutput {
  res.status(200);
  res.setHeader("content-type", format.contentType);
  res.setHeader(GRAPH_SEQ_HEADER, String(seq));
  res.setHeader("content-disposition", `attachment; filename="kg-export-${seq}.${format.extension}"`);
  // A zip is compressed already: no-transform keeps the compression middleware off it.
  res.setHeader("cache-control", format.multiFile ? "no-store, no-transform" : "no-store");
  res.flushHeaders();
  const sink = streamSink(res, signal);
  return format.multiFile ? zipOutput(sink) : singleFileOutput(sink);
}
