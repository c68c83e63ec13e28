import type http from "node:http";
import type { Socket } from "node:net";
import type { RequestHandler, Response } from "express";

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
  private readonly pending = new Set<Response>();
  private readonly sockets = new Set<Socket>();

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

  /** Express middleware: tracks responses in flight and marks them `Connection: close` when draining. */
  middleware(): RequestHandler {
    return (_req, res, next) => {
      if (this.draining) res.setHeader("connection", "close");
      this.pending.add(res);
      res.once("close", () => this.pending.delete(res));
      next();
    };
  }

  /** Starts draining at once; resolves when every connection is closed (or cut at the deadline). */
  async drain({ graceMs, deadline }: DrainOptions): Promise<void> {
    if (this.drainingSince === undefined) this.drainingSince = Date.now();
    for (const res of this.pending) if (!res.headersSent) res.setHeader("connection", "close");
    await sleep(Math.max(0, Math.min(graceMs, deadline - Date.now())));
    const closed = new Promise<void>((resolve) => {
      if (!this.server.listening) resolve();
      else this.server.close(() => resolve());
    });
    // Requests that arrive now on kept-alive connections still get `Connection: close`; the
    // connections that stay idle are closed between requests, never in the middle of one.
    while (this.sockets.size > 0 && Date.now() < deadline) {
      this.server.closeIdleConnections();
      await sleep(Math.min(50, Math.max(0, deadline - Date.now())));
    }
    if (this.sockets.size > 0) this.server.closeAllConnections();
    await closed;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
