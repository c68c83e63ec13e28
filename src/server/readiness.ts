import type { Driver } from "neo4j-driver";
import type { Neo4jSupervision } from "../neo4j/supervisor";

/** /readyz answers within this, whatever Neo4j does (a probe's timeout is typically 1-2 s). */
export const READINESS_TIMEOUT_MS = 1_500;

export type Readiness = { ready: true } | { ready: false; reason: string };

export interface ReadinessSources {
  driver: Driver;
  /** The embedded Neo4j's supervisor, when there is one. */
  supervision?: Neo4jSupervision | undefined;
  /** True once shutdown has begun. */
  draining: () => boolean;
}

/**
 * "Neo4j answers now": false at once while shutting down or while the embedded Neo4j restarts,
 * else a round trip to Neo4j bounded by {@link READINESS_TIMEOUT_MS}. One round trip at a time:
 * probes arriving while one is under way share it, so a stalled Neo4j holds one connection, not one per probe.
 */
export function readinessCheck(sources: ReadinessSources): () => Promise<Readiness> {
  let inFlight: Promise<Readiness> | undefined;
  const roundTrip = (): Promise<Readiness> => {
    inFlight ??= sources.driver.getServerInfo().then(
      (): Readiness => ({ ready: true }),
      (): Readiness => ({ ready: false, reason: "Neo4j does not answer" }),
    );
    const current = inFlight;
    void current.finally(() => {
      if (inFlight === current) inFlight = undefined;
    });
    return current;
  };
  return async () => {
    if (sources.draining()) return { ready: false, reason: "shutting down" };
    if (sources.supervision !== undefined && sources.supervision.state !== "running") {
      return { ready: false, reason: `embedded Neo4j ${sources.supervision.state}` };
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<Readiness>((resolve) => {
      timer = setTimeout(
        () => resolve({ ready: false, reason: `Neo4j did not answer within ${READINESS_TIMEOUT_MS} ms` }),
        READINESS_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([roundTrip(), late]);
    } finally {
      clearTimeout(timer);
    }
  };
}
