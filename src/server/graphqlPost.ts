import { isUtf8 } from "node:buffer";
import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer } from "@apollo/server";
import type { Config } from "../config";
import type { Logger } from "../logger";
import type { RequestContext } from "./context";
import { corsHeaders } from "./cors";
import { errorBody } from "./errorResponse";
import type { NodeMiddleware } from "./compression";
import type { HttpDrain } from "./httpDrain";
import { PERSISTED_QUERY_HASH_MISMATCH, persistedHashMismatches } from "./persistedQueryHash";
import { requestIdOf } from "./requestIdHeader";
import { trustedPostBody, type TrustedDocumentsMode, type TrustedManifest } from "./trustedDocuments";

export interface GraphqlPostOptions {
  apollo: ApolloServer<RequestContext>;
  drain: HttpDrain;
  logger: Logger;
  /** BODY_LIMIT_BYTES: a larger body goes the Express way, which answers 413. */
  bodyLimitBytes: number;
  cors: Config["http"]["cors"];
  trustedMode: TrustedDocumentsMode;
  manifest: TrustedManifest;
  /** The request's context, from its Authorization header and request id (as app.ts builds it). */
  context: (authorization: string | undefined, requestId: string) => Promise<RequestContext>;
  /** The app's response compression (compression.ts), the same instance Express runs. */
  compress: NodeMiddleware;
}

/**
 * `application/json`, alone or with `charset=utf-8` (quoted or not), spaced as the content-type
 * parser body-parser uses accepts it: the one body type this path parses. Anything else (a tab, a
 * stray quote, another parameter) goes to Express, which answers it as it always has.
 */
const JSON_UTF8 = /^application\/json *(?:; *charset *= *(?:utf-8|"utf-8") *)?$/i;
/** body-parser's strict JSON: the body's first character (after blanks) opens an object or array. */
const FIRST_CHARACTER = /^[ \t\n\r]*([^ \t\n\r])/;

/**
 * POST /graphql on Node's own request and response, without Express: the same steps as app.ts's
 * Express chain for such a request (drain tracking, request id, CORS, the JSON body with its limit
 * and UTF-8 check, trusted documents, the APQ hash check, Apollo) and the same answers, without
 * the 0.2 ms of CPU per request that Express's routing, body-parser and `res.send` took (a third
 * of a by-id read's; docs/api.md "POST /graphql without Express").
 * Only the common case comes this way: a request that could need anything else (a body without
 * Content-Length or over the limit, another content type or charset, a content encoding, a query
 * string) is left to Express, which handles every case. Returns whether it took the request.
 */
export function graphqlPostHandler(
  options: GraphqlPostOptions,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { apollo, drain, logger, bodyLimitBytes, trustedMode, manifest, context, compress } = options;
  const cors = corsHeaders(options.cors);
  return (req, res) => {
    if (req.method !== "POST" || req.url !== "/graphql") return false;
    const headers = req.headers;
    const type = headers["content-type"];
    const length = headers["content-length"];
    if (
      type === undefined ||
      !JSON_UTF8.test(type) ||
      length === undefined ||
      !/^\d{1,15}$/.test(length) ||
      headers["transfer-encoding"] !== undefined ||
      headers["content-encoding"] !== undefined
    ) {
      return false;
    }
    const expected = Number(length);
    if (expected === 0 || expected > bodyLimitBytes) return false;

    drain.track(req, res);
    const requestId = requestIdOf(headers["x-request-id"]);
    res.setHeader("x-request-id", requestId);
    if (cors(req, res) === "answered") return true;
    compress(req, res, () => readBody(req, res, expected, requestId));
    return true;
  };

  function readBody(req: IncomingMessage, res: ServerResponse, expected: number, requestId: string): void {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on("data", (chunk: Buffer) => {
      received += chunk.length;
      chunks.push(chunk);
    });
    req.on("error", () => res.destroy());
    req.on("end", () => {
      if (received !== expected) {
        // raw-body's "request size did not match content length": a client error.
        sendNodeError(res, 400, "Bad request", "BAD_REQUEST", requestId);
        return;
      }
      const raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received);
      // Async, so that anything thrown on the way is answered 500 (as Express's router would) and
      // never escapes this listener.
      respond(req, res, raw, requestId).catch((error: unknown) => {
        logger.error({ err: error, requestId, path: "/graphql" }, "unexpected HTTP error");
        if (res.headersSent) res.destroy();
        else sendNodeError(res, 500, "Internal server error", "INTERNAL_SERVER_ERROR", requestId);
      });
    });
  }

  async function respond(
    req: IncomingMessage,
    res: ServerResponse,
    raw: Buffer,
    requestId: string,
  ): Promise<void> {
    if (!isUtf8(raw)) {
      sendNodeError(
        res,
        400,
        "Request body is not valid UTF-8: send text as UTF-8",
        "BAD_REQUEST",
        requestId,
      );
      return;
    }
    const body = parseJson(raw.toString("utf8"));
    if (body === INVALID) {
      sendNodeError(res, 400, "Request body is not valid JSON", "BAD_REQUEST", requestId);
      return;
    }
    const refusal = trustedPostBody(trustedMode, manifest, body);
    if (refusal !== undefined) {
      sendNodeError(res, 400, refusal.refuse, refusal.code, requestId);
      return;
    }
    if (persistedHashMismatches(body)) {
      const { message, code } = PERSISTED_QUERY_HASH_MISMATCH;
      sendNodeError(res, 400, message, code, requestId);
      return;
    }
    await answer(req, res, body, requestId);
  }

  async function answer(
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    requestId: string,
  ): Promise<void> {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const authorization = req.headers.authorization;
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: "POST", headers, search: "", body },
      context: () => context(authorization, requestId),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      res.setHeader("content-length", Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) {
      res.write(chunk);
      // As the Express integration does: the compression stream would otherwise hold the chunk back.
      (res as ServerResponse & { flush?: () => void }).flush?.();
    }
    res.end();
  }
}

const INVALID = Symbol("invalid JSON");

/**
 * body-parser's `json()` (strict): an object or array, a leading byte order mark dropped, and an
 * empty text (a byte order mark alone) read as `{}`, which Apollo then refuses as it would from Express.
 */
function parseJson(text: string): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.length === 0) return {};
  const first = FIRST_CHARACTER.exec(source)?.[1];
  if (first !== "{" && first !== "[") return INVALID;
  try {
    return JSON.parse(source) as unknown;
  } catch {
    return INVALID;
  }
}

/** errorResponse.ts's answer, on the bare Node response this path serves without Express. */
function sendNodeError(
  res: ServerResponse,
  status: number,
  message: string,
  code: string,
  requestId: string,
): void {
  const text = JSON.stringify(errorBody(message, { code }, requestId));
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("content-length", Buffer.byteLength(text));
  res.end(text);
}
