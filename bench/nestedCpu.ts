/**
 * Where the CPU of one nested request goes, in-process on an imported bench graph (no HTTP): the
 * list statement alone through the executor (driver: Bolt, decoding, records), the data layer's
 * read with its mapping, the whole operation through Apollo (parse/validate cached, plugins,
 * resolvers, graphql-js), and the JSON of the answer. CPU time (user + system) of this process per
 * request, requests one after another; Neo4j's CPU is not in it.
 *
 *   node --import tsx bench/nestedCpu.ts --scale 10k [--requests 200] [--cpu-prof]
 *
 * `--cpu-prof` (a node option: `node --cpu-prof --cpu-prof-dir=bench/.work/prof --import tsx ...`)
 * profiles the whole run; bench/profileSummary.ts reads the profile.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { existsSync } from "node:fs";
import { startLocalNeo4j } from "../src/neo4j/localNeo4j";
import { createDriver } from "../src/neo4j/driver";
import { CypherExecutor } from "../src/graph/executor";
import { EntityRepository, listEntitiesWithRelationshipsQuery } from "../src/graph/entityRepository";
import { loadConfig } from "../src/config";
import { createApolloServer, createRequestContext } from "../src/server/apollo";
import { createMetrics } from "../src/server/metrics";
import pino from "pino";
import { SCENARIOS } from "./scenarios";
import { neo4jSettingsFor } from "./targets";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "10k" },
    requests: { type: "string", default: "200" },
    phases: { type: "string", default: "driver,repository,operation" },
    executor: { type: "string", default: "graphql-js" },
  },
});

const entities = Number(values.scale.replace(/k$/i, "000").replace(/m$/i, "000000"));
const dataDir = path.join(__dirname, ".work", `neo4j-${entities}`);
if (!existsSync(path.join(dataDir, "bench-import.json"))) {
  throw new Error(`no imported graph in ${dataDir}: run npm run bench -- --scales ${values.scale} first`);
}
const REQUESTS = Number(values.requests);
const logger = pino({ level: "silent" });

async function cpuPerRequest(work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 30; i += 1) await work();
  const before = process.cpuUsage();
  for (let i = 0; i < REQUESTS; i += 1) await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / REQUESTS;
}

async function main(): Promise<void> {
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, ...neo4jSettingsFor(entities) });
  const driver = createDriver({ uri: neo4j.uri, user: "neo4j", password: undefined });
  const executor = new CypherExecutor(driver, { database: "neo4j", transactionTimeoutMs: 60_000, logger });
  const { limits, graphqlExecutor } = loadConfig({ GRAPHQL_EXECUTOR: values.executor });
  const server = createApolloServer({
    development: false,
    logger,
    limits,
    metrics: createMetrics({ open: 0 }),
    executor: graphqlExecutor,
  });
  await server.start();
  const scenario = SCENARIOS.find((s) => s.name === "nested");
  if (!scenario) throw new Error("no nested scenario");
  const args = {
    types: ["COOPERATES_WITH"],
    direction: "BOTH" as const,
    withEnds: true,
    first: 20,
    after: null,
  };
  const phases: Record<string, () => Promise<unknown>> = {
    driver: () => executor.read(listEntitiesWithRelationshipsQuery("ORGANIZATION", null, 51, args)),
    repository: () => new EntityRepository(executor).listWithRelationships("ORGANIZATION", 50, null, args),
    operation: async () => {
      const contextValue = createRequestContext(
        executor,
        logger,
        "bench",
        60_000,
        null,
        limits.maxResponseBytes,
      );
      const response = await server.executeOperation({ query: scenario.query }, { contextValue });
      if (response.body.kind !== "single") throw new Error("not a single result");
      if (response.body.singleResult.errors)
        throw new Error(JSON.stringify(response.body.singleResult.errors));
      return JSON.stringify(response.body.singleResult);
    },
  };
  try {
    for (const phase of values.phases.split(",")) {
      const work = phases[phase];
      if (!work) throw new Error(`unknown phase ${phase}`);
      const ms = Math.min(await cpuPerRequest(work), await cpuPerRequest(work));
      process.stdout.write(`${phase}: ${ms.toFixed(2)} CPU ms/request\n`);
    }
  } finally {
    await server.stop();
    await driver.close();
    await neo4j.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
