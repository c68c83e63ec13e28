import { spawn, type ChildProcessByStdio } from "node:child_process";
import http from "node:http";
import path from "node:path";
import readline from "node:readline";
import type { Readable } from "node:stream";
import { SERVICE_NODE_ARGS } from "../../src/heapBudget";

export const ROOT = path.resolve(__dirname, "../..");

/** One parsed JSON log line of the service. */
export type LogEntry = Record<string, unknown> & { msg?: string };

export interface ServiceProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** http://127.0.0.1:PORT */
  base: string;
  /** The service's own node process (under npm, not child.pid). */
  servicePid: number;
  logs: LogEntry[];
  stderr: string[];
  /** Resolves with the first log entry (past or future) matching, or rejects after `timeoutMs`. */
  waitForLog(match: (entry: LogEntry) => boolean, timeoutMs: number): Promise<LogEntry>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the real service as a process with its own embedded Neo4j: `npm start` (so that signals
 * reach npm first, as a supervisor's do) or node directly. Resolves once it serves.
 */
export async function spawnService(
  env: Record<string, string | undefined>,
  how: "npm" | "node",
  readyTimeoutMs = 180_000,
): Promise<ServiceProcess> {
  const fullEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    NEO4J_URI: "",
    LOG_LEVEL: "info",
  };
  delete fullEnv.NEO4J_LOCAL_PORT;
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete fullEnv[key];
    else fullEnv[key] = value;
  }
  const [command, args] =
    how === "npm"
      ? ["npm", ["start", "--silent"]]
      : [process.execPath, [...SERVICE_NODE_ARGS, "--import", "tsx", "src/main.ts"]];
  const child = spawn(command, args, { cwd: ROOT, env: fullEnv, stdio: ["ignore", "pipe", "pipe"] });
  const logs: LogEntry[] = [];
  const stderr: string[] = [];
  const watchers: Array<{ match: (entry: LogEntry) => boolean; resolve: (entry: LogEntry) => void }> = [];
  readline.createInterface({ input: child.stdout }).on("line", (line) => {
    if (!line.startsWith("{")) return;
    let entry: LogEntry;
    try {
      entry = JSON.parse(line) as LogEntry;
    } catch {
      return;
    }
    logs.push(entry);
    for (const watcher of [...watchers]) {
      if (watcher.match(entry)) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve(entry);
      }
    }
  });
  readline.createInterface({ input: child.stderr }).on("line", (line) => stderr.push(line));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const waitForLog = (match: (entry: LogEntry) => boolean, timeoutMs: number): Promise<LogEntry> => {
    const past = logs.find(match);
    if (past) return Promise.resolve(past);
    return new Promise<LogEntry>((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = watchers.indexOf(watcher);
        if (index >= 0) watchers.splice(index, 1);
        reject(
          new Error(`no matching log line within ${timeoutMs} ms; stderr: ${stderr.slice(-10).join("\n")}`),
        );
      }, timeoutMs);
      const watcher = {
        match,
        resolve: (entry: LogEntry) => {
          clearTimeout(timer);
          resolve(entry);
        },
      };
      watchers.push(watcher);
    });
  };
  const ready = await Promise.race([
    waitForLog((entry) => typeof entry.url === "string", readyTimeoutMs),
    exited.then(({ code }) => {
      throw new Error(`service exited early with ${code}: ${stderr.slice(-20).join("\n")}`);
    }),
  ]);
  const url = new URL(ready.url as string);
  return {
    child,
    base: `http://127.0.0.1:${url.port}`,
    servicePid: ready.servicePid as number,
    logs,
    stderr,
    waitForLog,
    exited,
  };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `condition` every 200 ms until it holds or `timeoutMs` passes; never a fixed sleep. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return condition();
}

export interface Answer {
  /** HTTP status, or undefined when the request failed at the socket. */
  status?: number;
  /** The socket error's code (ECONNRESET, ECONNREFUSED ...). */
  socketError?: string;
  codes: string[];
  ms: number;
  connectionClose: boolean;
  /** Epoch ms when it was sent, and whether it went over a kept-alive connection. */
  sentAt: number;
  reusedSocket: boolean;
}

/** One POST over node:http (its errors keep their codes, unlike fetch's). */
export function post(base: string, query: string, agent?: http.Agent, timeoutMs = 60_000): Promise<Answer> {
  const started = Date.now();
  const body = JSON.stringify({ query });
  return new Promise<Answer>((resolveAnswer) => {
    const resolve = (answer: Omit<Answer, "sentAt" | "reusedSocket">): void =>
      resolveAnswer({ ...answer, sentAt: started, reusedSocket: request.reusedSocket });
    const request = http.request(
      `${base}/graphql`,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", (error: NodeJS.ErrnoException) =>
          resolve({
            socketError: error.code ?? error.message,
            codes: [],
            ms: Date.now() - started,
            connectionClose: false,
          }),
        );
        response.on("end", () => {
          let codes: string[] = [];
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString()) as {
              errors?: Array<{ extensions?: { code?: string } }>;
            };
            codes = (parsed.errors ?? []).map((e) => e.extensions?.code ?? "?");
          } catch {
            codes = ["(not JSON)"];
          }
          resolve({
            status: response.statusCode,
            codes,
            ms: Date.now() - started,
            connectionClose: response.headers.connection === "close",
          });
        });
      },
    );
    request.on("timeout", () =>
      request.destroy(Object.assign(new Error("client timeout"), { code: "CLIENT_TIMEOUT" })),
    );
    request.on("error", (error: NodeJS.ErrnoException) =>
      resolve({
        socketError: error.code ?? error.message,
        codes: [],
        ms: Date.now() - started,
        connectionClose: false,
      }),
    );
    request.end(body);
  });
}

/** GET with a bound; the time it took. */
export async function timedGet(
  url: string,
  timeoutMs = 10_000,
): Promise<{ status: number | undefined; ms: number }> {
  const started = Date.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return { status: response.status, ms: Date.now() - started };
  } catch {
    return { status: undefined, ms: Date.now() - started };
  }
}

/**
 * `loops` clients sending `query` back to back (each on its own keep-alive connection) until
 * `stop()`; every answer is kept. Once `drained()` holds, a client behaves as behind a load
 * balancer that has seen readiness fail: it keeps using its open connection but opens no new one.
 */
export function load(
  base: string,
  query: string,
  loops: number,
  drained: () => boolean = () => false,
): { answers: Answer[]; stop(): Promise<void> } {
  const answers: Answer[] = [];
  let running = true;
  const workers = Array.from({ length: loops }, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      while (running) {
        if (drained() && Object.values(agent.freeSockets).every((list) => (list ?? []).length === 0)) break;
        const answer = await post(base, query, agent);
        answers.push(answer);
        if (answer.socketError === "ECONNREFUSED") break;
      }
    } finally {
      agent.destroy();
    }
  });
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}
