import compression from "compression";
import type { RequestHandler } from "express";

/**
 * Brotli (quality 4) or gzip, as the client's Accept-Encoding prefers, for responses of at least
 * `thresholdBytes`: below it the CPU and latency are not worth the bytes saved (a by-id answer is
 * a few hundred bytes; a document's text with its citations can be megabytes that compress 50x).
 */
export function compressResponses(thresholdBytes: number): RequestHandler {
  return compression({ threshold: thresholdBytes });
}
