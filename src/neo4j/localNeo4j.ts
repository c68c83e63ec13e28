import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { PROJECT_ROOT } from "../projectRoot";

/** The Maven project of the launcher (one Java class running Neo4j Community in-process). */
const LAUNCHER_DIR = path.join(PROJECT_ROOT, "tools/neo4j-local");
const LAUNCHER_CLASS = "local.neo4j.Neo4jLocal";
const LAUNCHER_SOURCES = ["pom.xml", "src/main/java/local/neo4j/Neo4jLocal.java"];
const CLASSPATH_FILE = path.join(LAUNCHER_DIR, "target/classpath.txt");
const CLASS_FILE = path.join(LAUNCHER_DIR, "target/classes/local/neo4j/Neo4jLocal.class");
/** Flags the Neo4j server's own launch script passes on Java 17. */
const JVM_FLAGS = [
  "--add-opens=java.base/java.nio=ALL-UNNAMED",
  "--add-opens=java.base/java.io=ALL-UNNAMED",
  "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
  "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
  "-Dio.netty.tryReflectionSetAccessible=true",
];
const WAY_FORWARD =
  "Either install JDK 17+ and Maven (e.g. `apt-get install openjdk-17-jdk-headless maven`), " +
  "or set NEO4J_URI to a running Neo4j 5 (e.g. `docker compose up -d neo4j`).";

export interface LocalNeo4jOptions {
  dataDir: string;
  /** 0 picks a free port; the one chosen is reported in {@link LocalNeo4j.port}. */
  port: number;
  /** When `port` is taken by something else, take a free one instead (reported through onProgress). */
  portFallback?: boolean;
  heap: string;
  pageCache: string;
  /** How long to wait for the "ready" line (default 120 s). */
  readyTimeoutMs?: number;
  /** Progress messages for a person watching ("first run downloads Neo4j ..."). */
  onProgress?: (message: string) => void;
}

export interface LocalNeo4j {
  uri: string;
  port: number;
  pid: number;
  /** Resolves once the JVM has exited, for whatever reason (stop, crash, kill). */
  exited: Promise<LocalNeo4jExit>;
  /**
   * Stops Neo4j cleanly (SIGTERM, then SIGKILL after `killAfterMs`, default 30 s: a stopped or
   * stuck JVM ignores SIGTERM); resolves once the JVM has exited.
   */
  stop(killAfterMs?: number): Promise<void>;
}

/** How the JVM ended, with the last lines it wrote (stdout and stderr), for the log. */
export interface LocalNeo4jExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  lastLines: string[];
}

/** Lines of the JVM's output kept for the exit report. */
const KEPT_LINES = 30;

/**
 * Where a running embedded Neo4j says which port it took, inside its data directory (which only
 * one Neo4j can use at a time): `npm run import` reads it to attach to a running `npm start`.
 */
export const RUNNING_FILE = "neo4j-local.json";

interface RunningRecord {
  port: number;
  pid: number;
}

/** Anything that kept the local Neo4j from starting; `message` is one actionable line. */
export class LocalNeo4jError extends Error {
  override name = "LocalNeo4jError";
}

/** Builds the launcher if needed, starts Neo4j and resolves once Bolt accepts connections. */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const progress = options.onProgress ?? (() => undefined);
  buildLauncher(progress);
  mkdirSync(options.dataDir, { recursive: true });
  let requestedPort = options.port;
  if (options.portFallback === true && requestedPort !== 0 && !(await isPortFree(requestedPort))) {
    progress(`Port ${requestedPort} is in use: the embedded Neo4j takes a free port instead`);
    requestedPort = 0;
  }
  const classpath = `${path.join(LAUNCHER_DIR, "target/classes")}${path.delimiter}${readFileSync(CLASSPATH_FILE, "utf8").trim()}`;
  const child = spawn(
    "java",
    [
      `-Xmx${options.heap}`,
      ...JVM_FLAGS,
      "-cp",
      classpath,
      LAUNCHER_CLASS,
      `home=${options.dataDir}`,
      `port=${requestedPort}`,
      `pageCache=${options.pageCache}`,
      // The JVM exits when our end of its stdin closes, so even a SIGKILLed parent leaves no orphan.
      "watchStdin=true",
    ],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  const output: string[] = [];
  const keep = (line: string): void => {
    output.push(line);
    if (output.length > KEPT_LINES) output.shift();
  };
  readline.createInterface({ input: child.stdout }).on("line", keep);
  readline.createInterface({ input: child.stderr }).on("line", keep);
  const exited = new Promise<LocalNeo4jExit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal, lastLines: [...output] }));
  });
  const port = await waitForReady(child, options.readyTimeoutMs ?? 120_000);
  const pid = child.pid ?? -1;
  const runningFile = path.join(options.dataDir, RUNNING_FILE);
  writeFileSync(runningFile, `${JSON.stringify({ port, pid } satisfies RunningRecord)}\n`);
  void exited.then(() => rmSync(runningFile, { force: true }));
  return {
    uri: `bolt://127.0.0.1:${port}`,
    port,
    pid,
    exited,
    stop: (killAfterMs = 30_000) => stopProcess(child, killAfterMs),
  };
}

/**
 * The Bolt URI of the embedded Neo4j running on `dataDir` (under `npm start`, or another import),
 * from the file it writes once ready; undefined when none runs there.
 */
export function runningLocalNeo4jUri(dataDir: string): string | undefined {
  let record: unknown;
  try {
    record = JSON.parse(readFileSync(path.join(dataDir, RUNNING_FILE), "utf8"));
  } catch {
    return undefined;
  }
  if (
    typeof record !== "object" ||
    record === null ||
    !("port" in record) ||
    !("pid" in record) ||
    typeof record.port !== "number" ||
    typeof record.pid !== "number" ||
    !isProcessAlive(record.pid)
  ) {
    return undefined;
  }
  return `bolt://127.0.0.1:${record.port}`;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether nothing listens on 127.0.0.1:`port` (decided by the bind error's code). */
function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => resolve(error.code !== "EADDRINUSE"));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

function waitForReady(child: ChildProcessWithoutNullStreams, timeoutMs: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const stderr: string[] = [];
    let settled = false;
    const settle = (fn: () => void): void => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        fn();
      }
    };
    const timer = setTimeout(() => {
      settle(() => {
        child.kill("SIGKILL");
        reject(
          new LocalNeo4jError(
            `Local Neo4j did not report ready within ${timeoutMs / 1000} s. ${WAY_FORWARD}`,
          ),
        );
      });
    }, timeoutMs);
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      const ready = parseReadyLine(line);
      if (ready !== undefined) settle(() => resolve(ready));
    });
    readline.createInterface({ input: child.stderr }).on("line", (line) => {
      stderr.push(line);
      if (stderr.length > 50) stderr.shift();
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      const what = error.code === "ENOENT" ? "`java` was not found on PATH." : error.message;
      settle(() => reject(new LocalNeo4jError(`Local Neo4j could not start: ${what} ${WAY_FORWARD}`)));
    });
    child.on("exit", (code, signal) => {
      const reason =
        stderr.find((l) => l.startsWith("neo4j-local:"))?.replace(/^neo4j-local:\s*/, "") ??
        stderr.at(-1) ??
        `exit ${code ?? signal}`;
      const hint = /address already in use|BindException/i.test(reason)
        ? " Choose another port with NEO4J_LOCAL_PORT (0 picks a free one), or stop what holds it."
        : ` ${WAY_FORWARD}`;
      settle(() => reject(new LocalNeo4jError(`Local Neo4j exited before it was ready: ${reason}.${hint}`)));
    });
  });
}

/** The launcher's one machine-readable stdout line: {"event":"ready","host":...,"port":N}. */
export function parseReadyLine(line: string): number | undefined {
  if (!line.startsWith("{")) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (
      typeof value === "object" &&
      value !== null &&
      "event" in value &&
      value.event === "ready" &&
      "port" in value &&
      typeof value.port === "number"
    ) {
      return value.port;
    }
  } catch {
    // Not the ready line.
  }
  return undefined;
}

function stopProcess(child: ChildProcessWithoutNullStreams, killAfterMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.once("exit", () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill("SIGTERM");
    child.stdin.end();
  });
}

/** Compiles the launcher and resolves Neo4j's jars with Maven, unless that is already done. */
function buildLauncher(onProgress: (message: string) => void): void {
  if (isLauncherBuilt()) return;
  requireCommand("java", ["-version"]);
  requireCommand("mvn", ["-v"]);
  // Offline first: with a warm ~/.m2 this needs no network at all.
  const offline = spawnSync("mvn", ["-q", "-B", "-o", "compile"], { cwd: LAUNCHER_DIR, encoding: "utf8" });
  if (offline.status === 0 && isLauncherBuilt()) return;
  onProgress(
    "First run: Maven downloads Neo4j Community 5.26 (~170 MB into ~/.m2); later starts are offline.",
  );
  const online = spawnSync("mvn", ["-q", "-B", "compile"], { cwd: LAUNCHER_DIR, encoding: "utf8" });
  if (online.status !== 0 || !isLauncherBuilt()) {
    const output = `${online.stdout}\n${online.stderr}`;
    const firstError =
      output.split("\n").find((l) => l.includes("ERROR")) ?? output.trim().split("\n").at(-1);
    throw new LocalNeo4jError(
      `Building the local Neo4j launcher with Maven failed (${firstError?.trim() ?? "no output"}). ${WAY_FORWARD}`,
    );
  }
}

function isLauncherBuilt(): boolean {
  if (!existsSync(CLASS_FILE) || !existsSync(CLASSPATH_FILE)) return false;
  const builtAt = statSync(CLASS_FILE).mtimeMs;
  const sourcesOlder = LAUNCHER_SOURCES.every((f) => statSync(path.join(LAUNCHER_DIR, f)).mtimeMs <= builtAt);
  const jars = readFileSync(CLASSPATH_FILE, "utf8").trim().split(path.delimiter);
  return sourcesOlder && jars.every((jar) => existsSync(jar));
}

function requireCommand(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error) {
    throw new LocalNeo4jError(
      `Local Neo4j needs \`${command}\`, which was not found on PATH. ${WAY_FORWARD}`,
    );
  }
}
