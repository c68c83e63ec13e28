import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import type { Config } from "../config";

/** The request headers browsers may send: what GraphQL clients (Apollo, Relay, urql, graphql-request) set. */
export const CORS_ALLOWED_HEADERS = [
  "authorization",
  "content-type",
  "accept",
  // Apollo's CSRF prevention accepts a GET (or a "simple" POST) only with one of these.
  "apollo-require-preflight",
  "x-apollo-operation-name",
  "apollographql-client-name",
  "apollographql-client-version",
  "x-request-id",
  "if-none-match",
] as const;
/** Response headers a page's script may read besides the CORS-safelisted ones. */
export const CORS_EXPOSED_HEADERS = ["etag", "x-request-id"] as const;
const ALLOWED_METHODS = "GET, POST, OPTIONS";
/** Browsers cache a preflight this long (seconds); Chromium caps it at 7200. */
const PREFLIGHT_MAX_AGE_S = 600;

/**
 * CORS for the GraphQL endpoint. A listed origin is echoed with credentials allowed; with `*`
 * any other origin may read, never with credentials (so cookies never ride along); an origin
 * neither listed nor covered by `*` gets no CORS headers, and the browser keeps the answer from
 * the page. Preflights (OPTIONS) are answered here with 204 and never reach Apollo, whose CSRF
 * prevention still refuses "simple" cross-site requests (see README).
 */
export function cors(policy: Config["http"]["cors"]): RequestHandler {
  const apply = corsHeaders(policy);
  return (req, res, next) => {
    if (apply(req, res) === "continue") next();
  };
}

/**
 * {@link cors} on Node's own request and response (app.ts's POST /graphql path, which bypasses
 * Express): sets the headers, answers a preflight itself ("answered") or says to go on.
 */
export function corsHeaders(
  policy: Config["http"]["cors"],
): (req: IncomingMessage, res: ServerResponse) => "answered" | "continue" {
  const listed = new Set(policy.origins);
  return (req, res) => {
    const origin = req.headers.origin;
    varyOrigin(res);
    if (origin !== undefined) {
      if (listed.has(origin.toLowerCase())) {
        res.setHeader("access-control-allow-origin", origin);
        res.setHeader("access-control-allow-credentials", "true");
      } else if (policy.anyOrigin) {
        res.setHeader("access-control-allow-origin", "*");
      }
      if (res.hasHeader("access-control-allow-origin")) {
        res.setHeader("access-control-expose-headers", CORS_EXPOSED_HEADERS.join(", "));
      }
    }
    if (req.method !== "OPTIONS") return "continue";
    // A preflight, or a plain OPTIONS: say what the endpoint accepts.
    res.setHeader("allow", ALLOWED_METHODS);
    if (res.hasHeader("access-control-allow-origin")) {
      res.setHeader("access-control-allow-methods", ALLOWED_METHODS);
      res.setHeader("access-control-allow-headers", CORS_ALLOWED_HEADERS.join(", "));
      res.setHeader("access-control-max-age", String(PREFLIGHT_MAX_AGE_S));
    }
    res.statusCode = 204;
    res.end();
    return "answered";
  };
}

/** Adds `Origin` to the response's Vary header, as Express's `res.vary("Origin")` does. */
function varyOrigin(res: ServerResponse): void {
  const current = res.getHeader("vary");
  const value = Array.isArray(current) ? current.join(", ") : current === undefined ? "" : String(current);
  if (value === "") {
    res.setHeader("vary", "Origin");
    return;
  }
  const fields = value.split(",").map((field) => field.trim().toLowerCase());
  if (fields.includes("*") || fields.includes("origin")) return;
  res.setHeader("vary", `${value}, Origin`);
}
