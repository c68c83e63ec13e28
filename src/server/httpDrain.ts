import type http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import net, { type Socket } from "node:net";
import type { RequestHandler } from "express";

export interface DrainOptions {
  /** New connections are still accepted for this long (load balancers are still sending). */
  graceMs: number;
  /** Epoch ms: connections still open then are cut, so that the process can exit. */
  deadline: number;
}

/**
 * Graceful HTTP shutdown. Once draining: every response says `Connection: close` (so clients stop
 * reusing their connections after the answer they are waiting for), new connections are accepted
 * for the grace period, then the listener closes (new connections are refused), idle kept-alive
 * connections are closed, and in-flight requests finish. At the deadline whatever is left is cut.
 */
export class HttpDrain {
  private drainingSince: number | undefined;
  private readonly pending = new Set<ServerResponse>();
  private readonly sockets = new Set<Socket>();
  /** Requests in flight per connection that has carried one: only those can be idle between requests. */
  private readonly inFlight = new WeakMap<Socket, number>();
  /** Long-lived responses and sockets (the change feed's streams, WebSockets) that end themselves when asked. */
  private readonly closers: Array<() => Promise<void>> = [];

  constructor(private readonly server: http.Server) {
    server.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.once("close", () => this.sockets.delete(socket));
    });
  }

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  /** Open connections now (in flight or idle). */
  get connections(): number {
    return this.sockets.size;
  }

  /**
   * `close` is called once the grace period is over (with the listener): it ends what would
   * otherwise keep a connection open until the deadline (an SSE stream, a WebSocket), cleanly.
   */
  onClose(close: () => Promise<void>): void {
    this.closers.push(close);
  }

  /** Express middleware: tracks responses in flight and marks them `Connection: close` when draining. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      this.track(req, res);
      next();
    };
  }

  /** Tracks one response in flight (and marks it `Connection: close` when draining). */
  track(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    this.inFlight.set(socket, (this.inFlight.get(socket) ?? 0) + 1);
    if (this.draining) res.setHeader("connection", "close");
    this.pending.add(res);
    res.once("close", () => {
      this.pending.delete(res);
      this.inFlight.set(socket, (this.inFlight.get(socket) ?? 1) - 1);
    });
  }

  /** Starts draining at once; resolves when every connection is closed (or cut at the deadline). */
  async drain({ graceMs, deadline }: DrainOptions): Promise<void> {
    if (this.drainingSince === undefined) this.drainingSince = Date.now();
    for (const res of this.pending) if (!res.headersSent) res.setHeader("connection", "close");
    await sleep(Math.max(0, Math.min(graceMs, deadline - Date.now())));
    // net.Server's close, not http.Server's: the latter also closes every connection without a
    // request in flight, including one accepted a moment ago whose request is still on its way
    // (its client would see a reset), and it stops the timer that enforces the headers timeout.
    const closed = new Promise<void>((resolve) => {
      if (!this.server.listening) resolve();
      else net.Server.prototype.close.call(this.server, () => resolve());
    });
    // Streams end now; the responses they were in then finish like any other.
    await Promise.race([
      Promise.allSettled(this.closers.splice(0).map((close) => close())),
      sleep(Math.max(0, deadline - Date.now())),
    ]);
    // Requests that arrive now on kept-alive connections still get `Connection: close`; the
    // connections that stay idle are closed between requests, never in the middle of one. A
    // connection accepted just before the listener closed has not sent its request yet: it is
    // left to send it (and be answered with `Connection: close`), or to the headers timeout.
    while (this.sockets.size > 0 && Date.now() < deadline) {
      this.closeIdle();
      await sleep(Math.min(50, Math.max(0, deadline - Date.now())));
    }
    if (this.sockets.size > 0) this.server.closeAllConnections();
    await closed;
    // Now http.Server's close, for its bookkeeping (the connections timer); it reports "not running".
    this.server.close(() => undefined);
  }

  /** Closes kept-alive connections that are between requests (served one, none in flight). */
  private closeIdle(): void {
    for (const socket of this.sockets) {
      if (this.inFlight.get(socket) === 0) socket.destroySoon();
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
