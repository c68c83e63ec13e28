import type { Logger } from "../logger";
import { startLocalNeo4j, type LocalNeo4j, type LocalNeo4jOptions } from "./localNeo4j";

/** What /readyz and /metrics report about the embedded Neo4j. */
export interface Neo4jSupervision {
  /** "running": the JVM is up; "restarting": it exited and a restart is pending or under way. */
  readonly state: "running" | "restarting" | "stopped";
  /** Restarts after an unexpected exit since the service started. */
  readonly restarts: number;
  readonly pid: number;
}

export interface SupervisedNeo4j extends Neo4jSupervision {
  readonly uri: string;
  readonly port: number;
  /** Stops Neo4j and any pending restart; SIGKILL after `killAfterMs`. */
  stop(killAfterMs?: number): Promise<void>;
}

/** Backoff between restarts: 1 s doubling to 30 s; back to 1 s after a minute of running. */
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
const STABLE_AFTER_MS = 60_000;

/**
 * Starts the embedded Neo4j and keeps it running: an unexpected exit is logged (exit code or
 * signal, the JVM's last lines of output) and Neo4j is started again on the same port, with
 * backoff, so that the driver (which reconnects by itself) and every request recover without a
 * restart of the service. The same port matters: the driver holds the URI.
 */
export async function superviseLocalNeo4j(
  options: LocalNeo4jOptions,
  logger: Logger,
  onRestart: () => void = () => undefined,
): Promise<SupervisedNeo4j> {
  let current: LocalNeo4j = await startLocalNeo4j(options);
  const port = current.port;
  let state: Neo4jSupervision["state"] = "running";
  let restarts = 0;
  let delay = FIRST_DELAY_MS;
  let startedAt = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;

  const watch = (neo4j: LocalNeo4j): void => {
    void neo4j.exited.then((exit) => {
      if (stopping || neo4j !== current) return;
      state = "restarting";
      if (Date.now() - startedAt > STABLE_AFTER_MS) delay = FIRST_DELAY_MS;
      logger.error(
        {
          pid: neo4j.pid,
          exitCode: exit.code,
          signal: exit.signal,
          lastLines: exit.lastLines,
          restartInMs: delay,
        },
        "embedded Neo4j exited unexpectedly; restarting it",
      );
      schedule();
    });
  };
  const schedule = (): void => {
    timer = setTimeout(() => void restart(), delay);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  };
  const restart = async (): Promise<void> => {
    if (stopping) return;
    try {
      // The same port, never a fallback: the driver and attached tools know this one.
      const next = await startLocalNeo4j({ ...options, port, portFallback: false });
      if (stopping) {
        await next.stop(2_000);
        return;
      }
      current = next;
      restarts += 1;
      startedAt = Date.now();
      state = "running";
      onRestart();
      logger.warn({ pid: next.pid, port, restarts }, "embedded Neo4j restarted");
      watch(next);
    } catch (error) {
      logger.error({ err: (error as Error).message, restartInMs: delay }, "embedded Neo4j failed to restart");
      schedule();
    }
  };
  watch(current);

  return {
    uri: current.uri,
    port,
    get pid() {
      return current.pid;
    },
    get state() {
      return state;
    },
    get restarts() {
      return restarts;
    },
    async stop(killAfterMs = 30_000) {
      stopping = true;
      clearTimeout(timer);
      state = "stopped";
      await current.stop(killAfterMs);
    },
  };
}
