import compression from "compression";
import type { RequestHandler } from "express";

/**
 * Brotli (quality 4) or gzip, as the client's Accept-Encoding prefers, for responses of at least
 * `thresholdBytes`: below it the CPU and latency are not worth the bytes saved (a by-id answer is
 * a few hundred bytes; a document's text with its citations can be megabytes that compress 50x).
 * A request without Accept-Encoding (scripts, service-to-service clients) can only be answered
 * uncompressed: it skips the middleware, which would otherwise wrap the response and negotiate
 * for nothing (about 1 % of a small request's CPU). Such an answer carries no `Vary:
 * Accept-Encoding`; an identity answer is acceptable to every client, so a cache may share it.
 */
export function compressResponses(thresholdBytes: number): RequestHandler {
  const compress = compression({ threshold: thresholdBytes });
  return (req, res, next) => {
    if (req.headers["accept-encoding"] === undefined) {
      next();
      return;
    }
    compress(req, res, next);
  };
}
