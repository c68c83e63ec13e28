import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { SERVICE_NODE_ARGS } from "../src/heapBudget";
import { PROJECT_ROOT } from "../src/projectRoot";

/** A server under load, in its own process so that its memory is its own. */
export interface Target {
  name: TargetName;
  pid: number;
  url: string;
  stop(): Promise<void>;
}

export type TargetName =
  "service" | "service (jit)" | "raw driver" | "@neo4j/graphql" | "bare Apollo" | "bare Apollo (jit)";

const READY_TIMEOUT_MS = 120_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill("SIGTERM");
    });
}

/** Collects a child's stderr, so that a target that dies says why. */
function stderrOf(child: ChildProcess): () => string {
  let text = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    text = (text + chunk.toString("utf8")).slice(-4000);
  });
  return () => text;
}

/**
 * The service itself: the production build, as `npm run start:prod` runs it, on the bench's Neo4j.
 * "service (jit)" is the same build with GRAPHQL_EXECUTOR=jit (`--compare-executors`).
 */
export async function startService(
  neo4jUri: string,
  name: "service" | "service (jit)" = "service",
  extra: { nodeArgs?: string[]; env?: Record<string, string>; main?: string } = {},
): Promise<Target> {
  const port = await freePort();
  const args = [
    ...SERVICE_NODE_ARGS,
    ...(extra.nodeArgs ?? []),
    extra.main ?? path.join(PROJECT_ROOT, "dist/src/main.js"),
  ];
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEO4J_URI: neo4jUri,
      HOST: "127.0.0.1",
      PORT: String(port),
      ...(name === "service (jit)" ? { GRAPHQL_EXECUTOR: "jit" } : {}),
      ...extra.env,
    },
    // Request logs (one JSON line per request, at the default level) are written and discarded.
    stdio: ["ignore", "ignore", "pipe"],
  });
  const stderr = stderrOf(child);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}: ${stderr()}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`the service was not ready in time: ${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    name,
    pid: child.pid ?? 0,
    url: `http://127.0.0.1:${port}/graphql`,
    stop: stopper(child),
  };
}

/**
 * A baseline script of bench/targets/, run by Node with tsx's loader (no wrapper process), with the
 * service's V8 flags (heap budget, memory reducer off: src/heapBudget.ts), so that every target
 * keeps its compiled code while the others are measured and the comparison is of code, not flags.
 */
export async function startScript(
  name: TargetName,
  script: string,
  env: Record<string, string>,
  urlPath: string,
  nodeArgs: string[] = [],
): Promise<Target> {
  const child = spawn(
    process.execPath,
    [...SERVICE_NODE_ARGS, ...nodeArgs, "--import", "tsx", path.join(__dirname, "targets", script)],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env, PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const stderr = stderrOf(child);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} was not ready in time: ${stderr()}`)),
      READY_TIMEOUT_MS,
    );
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code}: ${stderr()}`)));
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      try {
        const message = JSON.parse(line) as { event?: string; port?: number };
        if (message.event === "ready" && typeof message.port === "number") {
          clearTimeout(timer);
          resolve(message.port);
        }
      } catch {
        // Not the ready line.
      }
    });
  });
  return { name, pid: child.pid ?? 0, url: `http://127.0.0.1:${port}${urlPath}`, stop: stopper(child) };
}

/**
 * The bench's Neo4j settings for a graph of `entities`. An import transaction of the generator's
 * 2,000 new entities fits any of these heaps (one of 20k needed more than 1.4 GB of transaction
 * memory, 70 % of a 2g heap); the larger heaps are for the read benchmark's speed.
 */
export function neo4jSettingsFor(entities: number): { heap: string; pageCache: string } {
  if (entities > 100_000) return { heap: "4g", pageCache: "4g" };
  return entities > 10_000 ? { heap: "4g", pageCache: "1g" } : { heap: "2g", pageCache: "1g" };
}

/**
 * CPU time a process has used so far (user + system, ms), from /proc/<pid>/stat. Per request it is
 * what a target costs regardless of how busy the machine is, where latency and req/s are not.
 */
export function cpuMsOf(pid: number): number {
  try {
    // Fields after the command name (which is in parentheses and may hold spaces): utime is the 12th, stime the 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SECOND = 100;

/** Resident memory of a process now, in bytes (Linux). */
export function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
