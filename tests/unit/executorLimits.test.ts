import net from "node:net";
import { Writable } from "node:stream";
import { Neo4jError, type Driver } from "neo4j-driver";
import pino from "pino";
import { Semaphore } from "../../src/concurrency/semaphore";
import { CypherExecutor, mapNeo4jError } from "../../src/graph/executor";
import { createDriver } from "../../src/neo4j/driver";
import { isRetryable } from "../../src/neo4j/errorClass";

const silent = pino({ level: "silent" });
const ONE = { name: "test.one", cypher: "RETURN 1", params: {} };
const neo4jError = (code: string): Neo4jError =>
  new Neo4jError(`failure ${code}`, code, "50N42", "description");

describe("isRetryable decides by error code", () => {
  it.each([
    ["Neo.TransientError.Transaction.DeadlockDetected", true, true],
    ["Neo.TransientError.Transaction.LockClientStopped", false, false],
    ["Neo.TransientError.Transaction.Terminated", false, false],
    ["Neo.TransientError.General.OutOfMemoryError", false, false],
    ["Neo.TransientError.General.MemoryPoolOutOfMemoryError", false, false],
    ["Neo.TransientError.General.TransactionMemoryLimit", false, false],
    ["Neo.TransientError.General.TransactionOutOfMemoryError", false, false],
    ["Neo.TransientError.General.StackOverFlowError", false, false],
    // A lost connection: a read runs again; a write may have committed, so it does not.
    ["ServiceUnavailable", true, false],
    ["SessionExpired", true, false],
    ["Neo.ClientError.Statement.SyntaxError", false, false],
    ["Neo.ClientError.Transaction.TransactionTimedOut", false, false],
    ["N/A", false, false],
  ])("%s: read %s, write %s", (code, read, write) => {
    expect(isRetryable(neo4jError(code), "read")).toBe(read);
    expect(isRetryable(neo4jError(code), "write")).toBe(write);
  });

  it("never retries what is not a Neo4j error", () => {
    expect(isRetryable(new Error("ServiceUnavailable"), "read")).toBe(false);
  });
});

describe("mapNeo4jError", () => {
  it("a driver-side error before the server answered is an outage; after it, it stays internal", () => {
    const driverSide = neo4jError("N/A");
    expect(mapNeo4jError(driverSide, false)).toMatchObject({ extensions: { code: "SERVICE_UNAVAILABLE" } });
    expect(mapNeo4jError(driverSide, true)).toBe(driverSide);
  });
});

describe("Semaphore", () => {
  it("lends at most `size` slots, in arrival order, and a wait gives up after its bound", async () => {
    const semaphore = new Semaphore(2);
    const first = await semaphore.acquire(0);
    const second = await semaphore.acquire(0);
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(await semaphore.acquire(0)).toBeUndefined();
    expect(await semaphore.acquire(20)).toBeUndefined();
    const order: string[] = [];
    const third = semaphore.acquire(10_000).then((release) => {
      order.push("third");
      return release;
    });
    const fourth = semaphore.acquire(10_000).then((release) => {
      order.push("fourth");
      return release;
    });
    expect(semaphore.queued).toBe(2);
    first?.();
    first?.(); // a second call gives back nothing more
    (await third)?.();
    second?.();
    (await fourth)?.();
    expect(order).toEqual(["third", "fourth"]);
    expect(semaphore.inUse).toBe(0);
  });
});

/** A TCP server that accepts connections and never answers: a stalled (SIGSTOPped) Neo4j. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function warnings(): { logger: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: "warn" }, stream), lines };
}

describe("CypherExecutor against a database that accepts connections and never answers", () => {
  let stalled: { port: number; close(): Promise<void> };
  let driver: Driver;
  beforeAll(async () => {
    stalled = await silentServer();
    driver = createDriver({
      uri: `bolt://127.0.0.1:${stalled.port}`,
      user: "neo4j",
      password: undefined,
      acquisitionTimeoutMs: 60_000,
    });
  });
  afterAll(async () => {
    await stalled.close();
    await driver.close();
  });

  it("a request answers TIMEOUT at its deadline: the Node-side timer, not the stalled server", async () => {
    const executor = new CypherExecutor(driver, {
      database: "neo4j",
      transactionTimeoutMs: 10_000,
      logger: silent,
    }).forRequest(silent, Date.now() + 300);
    const started = Date.now();
    await expect(executor.read(ONE)).rejects.toMatchObject({ extensions: { code: "TIMEOUT" } });
    // Within the deadline plus the timer's margin (250 ms) and some slack, not the driver's 60 s.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("the driver's connection-acquisition timeout is SERVICE_UNAVAILABLE, logged as a warning", async () => {
    const quick = createDriver({
      uri: `bolt://127.0.0.1:${stalled.port}`,
      user: "neo4j",
      password: undefined,
      acquisitionTimeoutMs: 300,
    });
    const { logger, lines } = warnings();
    try {
      const executor = new CypherExecutor(quick, { database: "neo4j", transactionTimeoutMs: 10_000, logger });
      await expect(executor.read(ONE)).rejects.toMatchObject({ extensions: { code: "SERVICE_UNAVAILABLE" } });
      expect(lines).toEqual([
        expect.objectContaining({ level: 40, msg: "Neo4j unavailable", query: "test.one" }),
      ]);
    } finally {
      await quick.close();
    }
  });

  it("an exhausted pool is SERVICE_UNAVAILABLE after the acquisition timeout, logged as a warning", async () => {
    const { logger, lines } = warnings();
    const shared = new CypherExecutor(driver, {
      database: "neo4j",
      transactionTimeoutMs: 10_000,
      logger,
      pool: { slots: new Semaphore(1), acquisitionTimeoutMs: 200 },
    });
    const holder = shared.forRequest(silent, Date.now() + 1_500).read(ONE);
    const waiter = shared.forRequest(logger, Date.now() + 10_000);
    await expect(waiter.read(ONE)).rejects.toMatchObject({ extensions: { code: "SERVICE_UNAVAILABLE" } });
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, msg: "no free Neo4j connection: the pool is exhausted" }),
    ]);
    await expect(holder).rejects.toMatchObject({ extensions: { code: "TIMEOUT" } });
  });

  it("one request holds at most NEO4J_MAX_SESSIONS_PER_REQUEST sessions; its other queries wait their turn", async () => {
    const sessions = { open: 0 };
    let most = 0;
    const executor = new CypherExecutor(driver, {
      database: "neo4j",
      transactionTimeoutMs: 10_000,
      logger: silent,
      sessions,
      maxSessionsPerRequest: 2,
    }).forRequest(silent, Date.now() + 500);
    const watcher = setInterval(() => (most = Math.max(most, sessions.open)), 5);
    try {
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => executor.read(ONE)));
      expect(results.every((r) => r.status === "rejected")).toBe(true);
    } finally {
      clearInterval(watcher);
    }
    expect(most).toBe(2);
  });
});

/** A stand-in driver whose reads fail with the given codes in turn, then succeed; it records each attempt's timeout. */
function scriptedDriver(failures: string[]): { driver: Driver; timeouts: number[] } {
  const timeouts: number[] = [];
  const session = {
    run: (_cypher: string, _params: unknown, config: { timeout: number }) => {
      timeouts.push(config.timeout);
      const code = failures.shift();
      if (code !== undefined) return Promise.reject(neo4jError(code));
      return Promise.resolve({ records: [], summary: { counters: { updates: () => ({}) } } });
    },
    close: () => Promise.resolve(),
  };
  return { driver: { session: () => session } as unknown as Driver, timeouts };
}

describe("CypherExecutor retries", () => {
  it("each attempt gets the time left until the deadline, not the first attempt's", async () => {
    const { driver, timeouts } = scriptedDriver(["ServiceUnavailable", "ServiceUnavailable"]);
    const executor = new CypherExecutor(driver, {
      database: "neo4j",
      transactionTimeoutMs: 60_000,
      logger: silent,
    }).forRequest(silent, Date.now() + 5_000);
    await expect(executor.read(ONE)).resolves.toEqual([]);
    expect(timeouts).toHaveLength(3);
    expect(timeouts[0]).toBeLessThanOrEqual(5_000);
    // Later attempts start after the backoff: they get less time, never the first attempt's.
    expect(timeouts[1]).toBeLessThan(timeouts[0] ?? 0);
    expect(timeouts[2]).toBeLessThan(timeouts[1] ?? 0);
  });

  it("does not retry a transaction that ran out of memory", async () => {
    const { driver, timeouts } = scriptedDriver(["Neo.TransientError.General.MemoryPoolOutOfMemoryError"]);
    const executor = new CypherExecutor(driver, {
      database: "neo4j",
      transactionTimeoutMs: 5_000,
      logger: silent,
    });
    await expect(executor.read(ONE)).rejects.toMatchObject({
      code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
    });
    expect(timeouts).toHaveLength(1);
  });

  it("does not retry past the deadline", async () => {
    const { driver, timeouts } = scriptedDriver(["ServiceUnavailable", "ServiceUnavailable"]);
    const executor = new CypherExecutor(driver, {
      database: "neo4j",
      transactionTimeoutMs: 5_000,
      logger: silent,
    }).forRequest(silent, Date.now() + 20);
    await expect(executor.read(ONE)).rejects.toMatchObject({ extensions: { code: "SERVICE_UNAVAILABLE" } });
    expect(timeouts).toHaveLength(1);
  });
});
