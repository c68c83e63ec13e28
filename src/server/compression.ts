import type { IncomingMessage, ServerResponse } from "node:http";
import compression from "compression";

/** A middleware on Node's own request and response: Express runs it, and so does graphqlPost.ts. */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Brotli (quality 4) or gzip, as the client's Accept-Encoding prefers, for responses of at least
 * `thresholdBytes`: below it the CPU and latency are not worth the bytes saved (a by-id answer is
 * a few hundred bytes; a document's text with its citations can be megabytes that compress 50x).
 * A request without Accept-Encoding (scripts, service-to-service clients) can only be answered
 * uncompressed: it skips the middleware, which would otherwise wrap the response and negotiate
 * for nothing (about 1 % of a small request's CPU). Such an answer carries no `Vary:
 * Accept-Encoding`; an identity answer is acceptable to every client, so a cache may share it.
 */
export function compressResponses(thresholdBytes: number): NodeMiddleware {
  // Typed for Express, written for Node's own request and response (it reads headers and wraps
  // write/end, as Connect middleware does), so graphqlPost.ts runs the same instance.
  const compress = compression({ threshold: thresholdBytes }) as unknown as NodeMiddleware;
  return (req, res, next) => {
    if (req.headers["accept-encoding"] === undefined) {
      next();
      return;
    }
    compress(req, res, next);
  };
}
