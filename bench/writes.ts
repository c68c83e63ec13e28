/**
 * Write benchmark (issue #11): createEntity and addRelationship through the write layer (the same
 * code the mutations run, without HTTP), with 1 and 8 concurrent writers, on the Neo4j that
 * NEO4J_URI names. Prints writes/s, p50 and p99 per scenario as a Markdown table, with the CPU each
 * write cost (this process, and Neo4j's JVM when NEO4J_PID names it: /proc/<pid>/stat), the mean
 * time from sending the statement that takes the change-log lock to the end of the commit (with one
 * writer, how long a write holds the lock; with more, the wait for it as well), and the load
 * average before and after (the machine may be shared: compare runs made back to back).
 *
 *   NEO4J_URI=bolt://127.0.0.1:7687 [NEO4J_PID=1234] node --import tsx bench/writes.ts [writesPerScenario]
 *
 * bench/writesGraph.ts starts an embedded Neo4j holding a synthetic graph of a given size for it.
 *
 * The graph it writes into is whatever the database holds (it adds entities with a unique suffix
 * and removes them afterwards); the figures are for the size reported.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import pino from "pino";
import { CypherExecutor } from "../src/graph/executor";
import { createDriver } from "../src/neo4j/driver";
import { writeDocument } from "../src/write/importDocument";
import { addRelationship } from "../src/write/mutations/addRelationship";
import { createEntity } from "../src/write/mutations/createEntity";
import type { MutationOutcome } from "../src/write/mutation";
import { removeFixtures } from "../tests/support/removeFixtures";

const perScenario = Number(process.argv[2] ?? 200);
const suffix = randomUUID().replace(/-/g, "").slice(0, 8);
const documentId = `document:bench-writes-${suffix}`;
const actor = { subject: "bench" };

/** CPU ms the Neo4j JVM has used (utime + stime, in clock ticks of 10 ms), when NEO4J_PID is set. */
function neo4jCpuMs(): number | null {
  const pid = process.env.NEO4J_PID;
  if (pid === undefined || pid === "") return null;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const clientCpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

async function scenario(
  name: string,
  writers: number,
  write: (i: number) => Promise<MutationOutcome>,
): Promise<string> {
  const latencies: number[] = [];
  let locked = 0;
  let next = 0;
  const neo4jBefore = neo4jCpuMs();
  const clientBefore = clientCpuMs();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = next++; i < perScenario; i = next++) {
        const t = performance.now();
        const outcome = await write(i);
        if (outcome.kind !== "written") throw new Error(`${name} #${i}: ${JSON.stringify(outcome)}`);
        latencies.push(performance.now() - t);
        locked += outcome.lockedMs;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const neo4jAfter = neo4jCpuMs();
  const neo4jCpu =
    neo4jBefore === null || neo4jAfter === null ? "" : ((neo4jAfter - neo4jBefore) / perScenario).toFixed(1);
  const clientCpu = ((clientCpuMs() - clientBefore) / perScenario).toFixed(1);
  const lockedMean = locked / perScenario;
  latencies.sort((a, b) => a - b);
  return `| ${name} | ${writers} | ${perScenario} | ${(perScenario / seconds).toFixed(0)} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 99).toFixed(1)} | ${lockedMean.toFixed(1)} | ${neo4jCpu} | ${clientCpu} |`;
}

async function main(): Promise<void> {
  const driver = createDriver({
    uri: process.env.NEO4J_URI ?? "",
    user: "neo4j",
    password: process.env.NEO4J_PASSWORD,
  });
  const executor = new CypherExecutor(driver, {
    database: process.env.NEO4J_DATABASE ?? "neo4j",
    transactionTimeoutMs: 30_000,
    logger: pino({ level: "silent" }),
  });
  try {
    const [size] = await executor.read<{ entities: number }>({
      name: "bench.size",
      cypher: "MATCH (n:Entity) RETURN count(n) AS entities",
      params: {},
    });
    await writeDocument(executor, {
      document: {
        id: documentId,
        title: "Bench",
        publisher: null,
        url: null,
        publishedAt: null,
        text: "Bench words.",
      },
      entities: [],
      relationships: [],
      statistics: [],
      quotes: [],
    });
    const citations = [{ documentId, quote: "Bench words" }];
    const entity = (w: string) => (i: number) =>
      createEntity(executor, actor, {
        kind: "PLACE",
        id: `place:b${w}-${i}-${suffix}`,
        name: `Bench ${w} ${i}`,
        citations,
      });
    const link = (w: string) => (i: number) =>
      addRelationship(executor, actor, {
        from: `place:b${w}-${i}-${suffix}`,
        type: "PART_OF",
        to: `place:b${w}-${(i + 1) % perScenario}-${suffix}`,
        citations,
      });
    const loadBefore = loadavg()[0] ?? 0;
    const rows = [
      await scenario("createEntity", 1, entity("one")),
      await scenario("createEntity", 8, entity("eight")),
      await scenario("addRelationship", 1, link("one")),
      await scenario("addRelationship", 8, link("eight")),
    ];
    const loadAfter = loadavg()[0] ?? 0;
    process.stdout.write(
      `Graph: ${size?.entities ?? 0} entities before the run; ${perScenario} writes per scenario; ` +
        `load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after.\n\n` +
        "| scenario | writers | writes | writes/s | p50 ms | p99 ms | lock wait + hold ms | Neo4j CPU ms/write | client CPU ms/write |\n" +
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n" +
        `${rows.join("\n")}\n`,
    );
  } finally {
    // Through the change log, so that an export or a mirror of this graph still agrees with it.
    await removeFixtures(executor, { ids: [documentId], suffixes: [suffix] });
    await driver.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
