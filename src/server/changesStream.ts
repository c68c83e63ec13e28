import type { Request, RequestHandler } from "express";
import { GraphQLError } from "graphql";
import type { Authenticate } from "../auth/authentication";
import type { AuthConfig } from "../config";
import { feedRefusal, onExpiry, tokenExpiry } from "../feed/access";
import { checkFeedArguments } from "../feed/arguments";
import { FeedRefusal, type ChangeFeed } from "../feed/changeFeed";
import { SlowConsumerError, type FeedConsumer } from "../feed/consumer";
import { changeJson } from "../feed/changeJson";
import { errorCode } from "../errors";
import type { Logger } from "../logger";
import { sendError, sendGraphQLError } from "./errorResponse";

export interface ChangesStreamOptions {
  feed: ChangeFeed;
  authenticate: Authenticate;
  reads: AuthConfig["reads"];
  /** FEED_HEARTBEAT_MS: a `: heartbeat` comment this often. */
  heartbeatMs: number;
  logger: Logger;
}

/** `ids=a,b`, or `ids=a&ids=b`; undefined when absent. */
function idsOf(req: Request): string[] | null {
  const raw: unknown = req.query.ids;
  if (raw === undefined) return null;
  const parts = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === "string");
  return parts.flatMap((part) => part.split(",")).map((id) => id.trim());
}

/**
 * `GET /changes?after=N&ids=a,b`: the change feed as Server-Sent Events (docs/feeds.md). Each
 * change is `event: change`, `id: <seq>`, `data: <change JSON>`; `Last-Event-ID` wins over
 * `after`; neither means from now. An idle stream gets `: heartbeat` every FEED_HEARTBEAT_MS. A
 * consumer that falls FEED_BUFFER_CHANGES behind gets `event: overflow` and the stream ends; so it
 * does when its token expires, when a read of Neo4j fails (`event: error`, with `resumeAfter`), and
 * when the service stops. Writes wait for the socket to drain: a slow client is never written ahead of.
 */
export function changesStream({
  feed,
  authenticate,
  reads,
  heartbeatMs,
  logger,
}: ChangesStreamOptions): RequestHandler {
  return async (req, res) => {
    const authorization = req.get("authorization");
    const authentication = await authenticate(authorization);
    const refused = feedRefusal(authentication, reads);
    if (refused !== null) {
      sendGraphQLError(res, refused);
      return;
    }
    const lastEventId = req.get("last-event-id");
    const after = lastEventId !== undefined && lastEventId.trim() !== "" ? lastEventId : req.query.after;
    const checked = checkFeedArguments(Array.isArray(after) ? "" : after, idsOf(req));
    if (!checked.ok) {
      const argument =
        checked.argument === "after" && lastEventId !== undefined ? "Last-Event-ID" : checked.argument;
      sendError(res, 400, checked.message, { code: "BAD_USER_INPUT", argument });
      return;
    }
    let consumer: FeedConsumer;
    try {
      consumer = await feed.open(checked.value);
    } catch (error) {
      if (error instanceof FeedRefusal) {
        sendError(res, error.code === "BAD_USER_INPUT" ? 400 : 503, error.message, {
          code: error.code,
          ...(error.argument ? { argument: error.argument } : {}),
        });
        return;
      }
      const code = (error instanceof GraphQLError ? errorCode(error) : undefined) ?? "INTERNAL_SERVER_ERROR";
      if (code === "INTERNAL_SERVER_ERROR")
        logger.error({ err: error }, "change feed: opening a stream failed");
      const status = code === "INTERNAL_SERVER_ERROR" ? 500 : 503;
      sendError(res, status, "The change feed is unavailable; retry shortly", { code });
      return;
    }

    if (req.destroyed || res.destroyed) {
      // The client left while the stream was being opened.
      consumer.end();
      return;
    }
    res.status(200);
    res.setHeader("content-type", "text/event-stream; charset=utf-8");
    // no-transform: the compression middleware leaves the stream alone (it would hold events back).
    res.setHeader("cache-control", "no-cache, no-transform");
    res.setHeader("x-accel-buffering", "no");
    res.flushHeaders();
    req.socket.setNoDelay(true);

    let open = true;
    let waiting: (() => void) | null = null;
    const finish = (): void => {
      if (!open) return;
      open = false;
      clearInterval(heartbeat);
      cancelExpiry();
      void consumer.return();
      waiting?.();
    };
    res.once("close", finish);
    // Heartbeats only while the socket keeps up: a stalled client is not written ahead of.
    const heartbeat = setInterval(() => {
      if (open && !res.writableNeedDrain) res.write(": heartbeat\n\n");
    }, heartbeatMs);
    const cancelExpiry = onExpiry(tokenExpiry(authorization, authentication), () => {
      if (open && !res.writableNeedDrain) {
        res.write(
          `event: error\ndata: ${JSON.stringify({ code: "UNAUTHENTICATED", message: "the token has expired", resumeAfter: consumer.lastSeq })}\n\n`,
        );
      }
      finish();
      res.end();
    });

    try {
      for (;;) {
        const step = await consumer.next();
        if (step.done || !open) break;
        const change = step.value;
        const written = res.write(`event: change\nid: ${change.seq}\ndata: ${changeJson(change)}\n\n`);
        if (!written && open) {
          await new Promise<void>((resolve) => {
            waiting = resolve;
            res.once("drain", resolve);
          });
          waiting = null;
        }
      }
    } catch (error) {
      if (open) {
        if (error instanceof SlowConsumerError) {
          res.write(
            `event: overflow\ndata: ${JSON.stringify({ code: error.code, resumeAfter: error.resumeAfter })}\n\n`,
          );
        } else {
          const code =
            (error instanceof GraphQLError ? errorCode(error) : undefined) ?? "INTERNAL_SERVER_ERROR";
          if (code === "INTERNAL_SERVER_ERROR") logger.error({ err: error }, "change feed: a stream failed");
          res.write(
            `event: error\ndata: ${JSON.stringify({ code, message: "reading the change log failed; reconnect to resume", resumeAfter: consumer.lastSeq })}\n\n`,
          );
        }
      }
    } finally {
      finish();
      if (!res.writableEnded) res.end();
    }
  };
}
