import { createHash } from "node:crypto";
import type { RequestHandler } from "express";

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

/**
 * Automatic persisted queries: a request that carries both a query and a hash registers the query
 * under the hash. When the hash is not the query's SHA-256 the client is at fault: 400 with
 * PERSISTED_QUERY_HASH_MISMATCH (Apollo Server raises it without a code, which reads as an internal error).
 */
export function persistedQueryHashCheck(): RequestHandler {
  return (req, res, next) => {
    const source: unknown = req.method === "GET" ? req.query : req.body;
    if (typeof source !== "object" || source === null || Array.isArray(source)) {
      next();
      return;
    }
    const params = source as Record<string, unknown>;
    const hash = persistedHashOf(params.extensions);
    if (typeof params.query !== "string" || hash === undefined) {
      next();
      return;
    }
    const actual = createHash("sha256").update(params.query).digest("hex");
    if (actual === hash) {
      next();
      return;
    }
    const requestId: unknown = res.locals.requestId;
    res.status(400).json({
      errors: [
        {
          message: "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query",
          extensions: { code: "PERSISTED_QUERY_HASH_MISMATCH", requestId },
        },
      ],
    });
  };
}
