import neo4j, { type Driver } from "neo4j-driver";
import type { Logger } from "../logger";

export interface DriverOptions {
  uri: string;
  user: string;
  password: string | undefined;
  /** Connections in the pool (default 50). */
  maxPoolSize?: number;
  /** TCP connect timeout (default 5000 ms). */
  connectTimeoutMs?: number;
  /**
   * How long a session may wait for a connection, including the Bolt handshake (default 5000 ms).
   * The executor bounds sessions itself first, so this fires only when connecting stalls.
   */
  acquisitionTimeoutMs?: number;
}

/**
 * Integers come back as JS numbers (`disableLosslessIntegers`): the one place where Neo4j values
 * are converted. Counts and offsets in this graph stay far below 2^53.
 */
export function createDriver(options: DriverOptions): Driver {
  const auth = options.password === undefined ? undefined : neo4j.auth.basic(options.user, options.password);
  return neo4j.driver(options.uri, auth, {
    disableLosslessIntegers: true,
    connectionTimeout: options.connectTimeoutMs ?? 5_000,
    connectionAcquisitionTimeout: options.acquisitionTimeoutMs ?? 5_000,
    maxConnectionPoolSize: options.maxPoolSize ?? 50,
    // The executor retries by error code within the request's deadline (src/neo4j/errorClass.ts);
    // managed transactions (executeRead/executeWrite), which only tests use, give up quickly.
    maxTransactionRetryTime: 3_000,
    logging: { level: "error", logger: () => undefined },
  });
}

/** Waits for the database to answer, with exponential backoff (0.25 s doubling to 4 s). */
export async function waitForDatabase(driver: Driver, logger: Logger, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 250;
  for (;;) {
    try {
      await driver.getServerInfo();
      return;
    } catch (error) {
      if (Date.now() + delay > deadline) {
        throw new Error(`Neo4j did not answer within ${timeoutMs / 1000} s: ${(error as Error).message}`);
      }
      logger.warn({ retryInMs: delay, err: (error as Error).message }, "Neo4j not reachable yet, retrying");
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 4_000);
    }
  }
}
