import type { Transaction } from "neo4j-driver";
import { Semaphore } from "../../src/concurrency/semaphore";
import { CypherExecutor } from "../../src/graph/executor";
import { createGraphAccess } from "../../src/graph/loaders";
import { createDriver } from "../../src/neo4j/driver";
import { silentLogger } from "../support/testGraph";

// Review finding 18.3: each alias opens its own session, so a few requests of 30 aliases could take
// every pooled connection and make an unrelated request fail. One request's sessions are bounded.

const LOCK_ID = "ops-session-limits-lock";
/** Waits for the lock another transaction holds: a slow query that costs no CPU. */
const BLOCKED = {
  name: "test.blocked",
  cypher: "MATCH (n:OpsLockTest {id: $id}) SET n.touched = coalesce(n.touched, 0) + 1",
  params: { id: LOCK_ID },
};

describe("sessions per request", () => {
  it("six requests of 30 concurrent queries each do not starve an unrelated entity(id)", async () => {
    const poolSize = 16;
    const driver = createDriver({
      uri: process.env.NEO4J_URI ?? "",
      user: "neo4j",
      password: process.env.NEO4J_PASSWORD,
      maxPoolSize: poolSize + 2,
    });
    const database = process.env.NEO4J_DATABASE ?? "neo4j";
    const sessions = { open: 0 };
    const service = new CypherExecutor(driver, {
      database,
      transactionTimeoutMs: 120_000,
      logger: silentLogger,
      sessions,
      pool: { slots: new Semaphore(poolSize), acquisitionTimeoutMs: 2_000 },
      maxSessionsPerRequest: 2,
    });
    const setup = driver.session({ database });
    const lockSession = driver.session({ database });
    let lock: Transaction | undefined;
    let most = 0;
    const watcher = setInterval(() => (most = Math.max(most, sessions.open)), 10);
    try {
      await setup.run("MERGE (:OpsLockTest {id: $id})", { id: LOCK_ID });
      lock = await lockSession.beginTransaction();
      await lock.run("MATCH (n:OpsLockTest {id: $id}) SET n.locked = true", { id: LOCK_ID });

      const heavy = Array.from({ length: 6 }, () => {
        const request = service.forRequest(silentLogger, Date.now() + 120_000);
        return Promise.all(Array.from({ length: 30 }, () => request.write(BLOCKED)));
      });
      // Every session the heavy requests may hold is open and waiting for the lock.
      const until = Date.now() + 30_000;
      while (sessions.open < 12 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(sessions.open).toBe(12);

      const unrelated = createGraphAccess(service.forRequest(silentLogger, Date.now() + 15_000));
      await expect(unrelated.entity.load("place:chongqing")).resolves.toMatchObject({
        id: "place:chongqing",
      });

      await lock.commit();
      expect((await Promise.all(heavy)).flat()).toHaveLength(180);
      // Six requests of two sessions each, and the unrelated one's.
      expect(most).toBeLessThanOrEqual(13);
    } finally {
      clearInterval(watcher);
      // A failed assertion must not leave the lock held: the clean-up below would wait for it.
      if (lock?.isOpen()) await lock.rollback();
      await setup.run("MATCH (n:OpsLockTest {id: $id}) DETACH DELETE n", { id: LOCK_ID });
      await setup.close();
      await lockSession.close();
      await driver.close();
    }
  });
});
