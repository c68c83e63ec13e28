import { createHash } from "node:crypto";
import type { RequestHandler } from "express";
import { sendError } from "./errorResponse";

/** `extensions.persistedQuery.sha256Hash` of a POST body or of GET's `extensions` parameter. */
function persistedHashOf(extensions: unknown): string | undefined {
  let value = extensions;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined; // Apollo answers malformed extensions itself.
    }
  }
  if (typeof value !== "object" || value === null || !("persistedQuery" in value)) return undefined;
  const persisted = value.persistedQuery;
  if (typeof persisted !== "object" || persisted === null || !("sha256Hash" in persisted)) return undefined;
  return typeof persisted.sha256Hash === "string" ? persisted.sha256Hash : undefined;
}

/** The error a request gets when its APQ hash is not its query's SHA-256. */
export const PERSISTED_QUERY_HASH_MISMATCH = {
  message: "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query",
  code: "PERSISTED_QUERY_HASH_MISMATCH",
} as const;

/**
 * Whether the request's parameters (a POST body or a GET's query, as parsed) are one operation
 * carrying both a query and an APQ hash that is not its SHA-256.
 */
export function persistedHashMismatches(source: unknown): boolean {
  if (typeof source !== "object" || source === null || Array.isArray(source)) return false;
  const params = source as Record<string, unknown>;
  const hash = persistedHashOf(params.extensions);
  if (typeof params.query !== "string" || hash === undefined) return false;
  return createHash("sha256").update(params.query).digest("hex") !== hash;
}

/**
 * Automatic persisted queries: a request that carries both a query and a hash registers the query
 * under the hash. When the hash is not the query's SHA-256 the client is at fault: 400 with
 * PERSISTED_QUERY_HASH_MISMATCH (Apollo Server raises it without a code, which reads as an internal error).
 */
export function persistedQueryHashCheck(): RequestHandler {
  return (req, res, next) => {
    if (!persistedHashMismatches(req.method === "GET" ? req.query : req.body)) {
      next();
      return;
    }
    const { message, code } = PERSISTED_QUERY_HASH_MISMATCH;
    sendError(res, 400, message, { code });
  };
}
