import net from "node:net";
import { loadConfig } from "../../src/config";
import { createApp, type App } from "../../src/server/app";
import { createMetrics } from "../../src/server/metrics";
import { connectTestGraph, silentLogger, type TestGraph } from "../support/testGraph";

// The HTTP server's own limits (issue 12, point 7) and its graceful drain, on real sockets.

interface Running {
  app: App;
  port: number;
  graph: TestGraph;
  stop(): Promise<void>;
}

async function start(env: NodeJS.ProcessEnv): Promise<Running> {
  const graph = connectTestGraph();
  const app = await createApp({
    config: loadConfig({ NODE_ENV: "production", ...env }),
    driver: graph.driver,
    executor: graph.executor,
    logger: silentLogger,
    metrics: createMetrics({ open: 0 }),
  });
  const port = await app.listen(0, "127.0.0.1");
  return {
    app,
    port,
    graph,
    async stop() {
      await app.stop({ graceMs: 0 });
      await graph.close();
    },
  };
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Resolves with the ms until the server closes `socket` (and what it sent), or "open" after `capMs`. */
function closedWithin(socket: net.Socket, capMs: number): Promise<{ ms: number | "open"; received: string }> {
  const started = Date.now();
  let received = "";
  socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
  socket.on("error", () => undefined);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ms: "open", received }), capMs);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve({ ms: Date.now() - started, received });
    });
  });
}

describe("HTTP server limits", () => {
  it("a client sending its headers a byte at a time is cut off at the headers timeout", async () => {
    const service = await start({ HTTP_HEADERS_TIMEOUT_MS: "1000", HTTP_REQUEST_TIMEOUT_MS: "2000" });
    const socket = await connect(service.port);
    const dripper = setInterval(() => socket.writable && socket.write("a"), 200);
    try {
      socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
      const result = await closedWithin(socket, 15_000);
      // The timeout (1 s), plus Node's check of it (every second), plus slack for a busy machine.
      expect(result.ms).not.toBe("open");
      expect(result.ms).toBeLessThan(5_000);
      expect(result.received).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(dripper);
      socket.destroy();
      await service.stop();
    }
  });

  it("connections beyond HTTP_MAX_CONNECTIONS are dropped; the others are served", async () => {
    const service = await start({ HTTP_MAX_CONNECTIONS: "2" });
    const held = [await connect(service.port), await connect(service.port)];
    try {
      const extra = await connect(service.port);
      const result = await closedWithin(extra, 10_000);
      expect(result).toMatchObject({ received: "" });
      expect(result.ms).not.toBe("open");
      held[0]?.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      expect((await closedWithin(held[0] as net.Socket, 10_000)).received).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      for (const socket of held) socket.destroy();
      await service.stop();
    }
  });

  it("an idle kept-alive connection is closed after HTTP_KEEP_ALIVE_TIMEOUT_MS", async () => {
    const service = await start({ HTTP_KEEP_ALIVE_TIMEOUT_MS: "300" });
    const socket = await connect(service.port);
    try {
      socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
      const result = await closedWithin(socket, 15_000);
      expect(result.received).toMatch(/^HTTP\/1\.1 200/);
      // Node's default would keep it 5 s.
      expect(result.ms).not.toBe("open");
      expect(result.ms).toBeLessThan(3_000);
    } finally {
      socket.destroy();
      await service.stop();
    }
  });

  it("on stop: /readyz 503 at once, Connection: close during the grace period, then new connections are refused", async () => {
    const service = await start({});
    const base = `http://127.0.0.1:${service.port}`;
    try {
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const stopped = service.app.stop({ graceMs: 1_000 });
      const readyz = await fetch(`${base}/readyz`);
      expect(readyz.status).toBe(503);
      expect(readyz.headers.get("connection")).toBe("close");
      expect(readyz.headers.get("retry-after")).toBe("5");
      expect(await readyz.json()).toEqual({ status: "unavailable", reason: "shutting down" });
      await stopped;
      await expect(connect(service.port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    } finally {
      await service.graph.close();
    }
  });
});
