/**
 * Write benchmark (issue #11): createEntity and addRelationship through the write layer (the same
 * code the mutations run, without HTTP), with 1 and 8 concurrent writers, on the Neo4j that
 * NEO4J_URI names. Prints writes/s, p50 and p99 per scenario as a Markdown table.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7687 node --import tsx bench/writes.ts [writesPerScenario]
 *
 * The graph it writes into is whatever the database holds (it adds entities with a unique suffix
 * and removes them afterwards); the figures are for the size reported.
 */
import { randomUUID } from "node:crypto";
import pino from "pino";
import { CypherExecutor } from "../src/graph/executor";
import { createDriver } from "../src/neo4j/driver";
import { writeDocument } from "../src/write/importDocument";
import { addRelationship } from "../src/write/mutations/addRelationship";
import { createEntity } from "../src/write/mutations/createEntity";
import type { MutationOutcome } from "../src/write/mutation";

const perScenario = Number(process.argv[2] ?? 200);
const suffix = randomUUID().replace(/-/g, "").slice(0, 8);
const documentId = `document:bench-writes-${suffix}`;
const actor = { subject: "bench" };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

async function scenario(
  name: string,
  writers: number,
  write: (i: number) => Promise<MutationOutcome>,
): Promise<string> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = next++; i < perScenario; i = next++) {
        const t = performance.now();
        const outcome = await write(i);
        if (outcome.kind !== "written") throw new Error(`${name} #${i}: ${JSON.stringify(outcome)}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return `| ${name} | ${writers} | ${perScenario} | ${(perScenario / seconds).toFixed(0)} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 99).toFixed(1)} |`;
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
    const rows = [
      await scenario("createEntity", 1, entity("one")),
      await scenario("createEntity", 8, entity("eight")),
      await scenario("addRelationship", 1, link("one")),
      await scenario("addRelationship", 8, link("eight")),
    ];
    process.stdout.write(
      `Graph: ${size?.entities ?? 0} entities before the run; ${perScenario} writes per scenario.\n\n` +
        "| scenario | writers | writes | writes/s | p50 ms | p99 ms |\n| --- | --- | --- | --- | --- | --- |\n" +
        `${rows.join("\n")}\n`,
    );
  } finally {
    await executor.write({
      name: "bench.cleanup",
      cypher: "MATCH (n) WHERE n.id = $documentId OR (n:Entity AND n.id ENDS WITH $suffix) DETACH DELETE n",
      params: { documentId, suffix },
    });
    await driver.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
