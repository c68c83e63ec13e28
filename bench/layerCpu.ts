/**
 * Where the layer's CPU goes, stage by stage, in-process on the imported graph of an earlier
 * `npm run bench` (no HTTP): requests one after another, this process's CPU (user + system) per
 * request for each stage, stages interleaved over rounds so that all see the same machine load.
 *   node --import tsx bench/layerCpu.ts [--scale 10k] [--requests 500] [--rounds 3] > /dev/null
 * (the service's log lines go to stdout; the table goes to stderr).
 * Stages: `raw` the raw-driver target's work (session, run, rows, JSON); `executor` the same
 * statement through the service's per-request CypherExecutor; `context` a request context and its
 * DataLoader; `apollo` the whole GraphQL request through Apollo (executeHTTPGraphQLRequest).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import type * as ApolloModule from "@apollo/server";
import type * as DisabledPlugins from "@apollo/server/plugin/disabled";
import { resolvers } from "../src/resolvers";
import { buildSchema } from "../src/server/schema";
import type { RequestContext } from "../src/server/context";
import neo4j from "neo4j-driver";
import { loadConfig } from "../src/config";
import { ENTITIES_BY_IDS } from "../src/graph/entityRepository";
import { createLogger } from "../src/logger";
import { createDriver } from "../src/neo4j/driver";
import { startLocalNeo4j } from "../src/neo4j/localNeo4j";
import { createServiceExecutor } from "../src/service";
import { createApolloServer, createRequestContext } from "../src/server/apollo";
import { createMetrics } from "../src/server/metrics";
import { SCENARIOS } from "./scenarios";
import { syntheticGraphOptions } from "./syntheticGraph";
import { neo4jSettingsFor } from "./targets";

// The service's own @apollo/server (bench/ has another copy, with another graphql).
const serviceRequire = createRequire(path.join(__dirname, "..", "src", "main.ts"));
const { ApolloServer, HeaderMap } = serviceRequire("@apollo/server") as typeof ApolloModule;
const { ApolloServerPluginCacheControlDisabled } = serviceRequire(
  "@apollo/server/plugin/disabled",
) as typeof DisabledPlugins;

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "10k" },
    requests: { type: "string", default: "500" },
    rounds: { type: "string", default: "3" },
    scenario: { type: "string", default: "entityById" },
    only: { type: "string" },
  },
});
const entities = Number(values.scale.replace(/k$/i, "000").replace(/m$/i, "000000"));
const dataDir = path.join(__dirname, ".work", `neo4j-${entities}`);
if (!existsSync(path.join(dataDir, "bench-import.json"))) throw new Error(`no imported graph in ${dataDir}`);

async function main(): Promise<void> {
  const neo4jServer = await startLocalNeo4j({ dataDir, port: 0, ...neo4jSettingsFor(entities) });
  const config = loadConfig({ NEO4J_URI: neo4jServer.uri, NODE_ENV: "production", LOG_LEVEL: "info" });
  const driver = createDriver({
    uri: neo4jServer.uri,
    user: config.neo4j.user,
    password: config.neo4j.password,
  });
  const logger = createLogger("info");
  const sessions = { open: 0 };
  const metrics = createMetrics(sessions);
  const executor = createServiceExecutor(driver, config, logger, sessions, metrics);
  const apollo = createApolloServer({ development: false, logger, limits: config.limits, metrics });
  await apollo.start();
  // Apollo with the schema alone (no plugins, no armor): what Apollo's own pipeline costs.
  const bare = new ApolloServer<RequestContext>({
    schema: buildSchema(resolvers, { reads: "public" }),
    plugins: [ApolloServerPluginCacheControlDisabled()],
  });
  await bare.start();
  const scenario = SCENARIOS.find((s) => s.name === values.scenario);
  if (!scenario) throw new Error(`unknown scenario ${values.scenario}`);
  const variables = scenario.variables(syntheticGraphOptions(entities));
  const ids = variables.map((v) => {
    const id = v.id ?? v.subject;
    return typeof id === "string" ? id : "";
  });
  let i = 0;
  const context = () =>
    createRequestContext(
      executor,
      logger,
      `r${i}`,
      config.limits.requestTimeoutMs,
      null,
      config.limits.maxResponseBytes,
    );
  const stages: Record<string, () => Promise<unknown>> = {
    raw: async () => {
      const session = driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        const result = await session.run(
          ENTITIES_BY_IDS,
          { ids: [ids[i % ids.length]] },
          { timeout: 60_000 },
        );
        return JSON.stringify(result.records.map((r) => r.toObject()));
      } finally {
        await session.close();
      }
    },
    executor: async () =>
      JSON.stringify(
        await executor
          .forRequest(logger, Date.now() + 60_000)
          .read({ name: "entities.byIds", cypher: ENTITIES_BY_IDS, params: { ids: [ids[i % ids.length]] } }),
      ),
    context: async () => JSON.stringify(await context().graph.entity.load(ids[i % ids.length] ?? "")),
    bare: async () => {
      const response = await bare.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: "POST",
          headers: new HeaderMap([["content-type", "application/json"]]),
          search: "",
          body: { query: scenario.query, variables: variables[i % variables.length] },
        },
        context: () => Promise.resolve(context()),
      });
      if (response.body.kind !== "complete" || response.body.string.includes('"errors"')) {
        throw new Error(JSON.stringify(response.body));
      }
      return response.body.string;
    },
    apollo: async () => {
      const headers = new HeaderMap([["content-type", "application/json"]]);
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: "POST",
          headers,
          search: "",
          body: { query: scenario.query, variables: variables[i % variables.length] },
        },
        context: () => Promise.resolve(context()),
      });
      if (response.body.kind !== "complete" || response.body.string.includes('"errors"')) {
        throw new Error(JSON.stringify(response.body));
      }
      return response.body.string;
    },
  };
  if (values.only !== undefined) {
    const keep = new Set(values.only.split(","));
    for (const name of Object.keys(stages)) if (!keep.has(name)) delete stages[name];
  }
  const n = Number(values.requests);
  const results = new Map<string, number[]>();
  try {
    for (const run of Object.values(stages)) for (let k = 0; k < 100; k += 1, i += 1) await run();
    for (let round = 0; round < Number(values.rounds); round += 1) {
      for (const [name, run] of Object.entries(stages)) {
        const before = process.cpuUsage();
        for (let k = 0; k < n; k += 1, i += 1) await run();
        const used = process.cpuUsage(before);
        results.set(name, [...(results.get(name) ?? []), (used.user + used.system) / 1000 / n]);
      }
    }
    for (const [name, ms] of results) {
      const sorted = [...ms].sort((a, b) => a - b);
      process.stderr.write(
        `${values.scenario} ${name.padEnd(9)} ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(3)} ms/req [${ms.map((m) => m.toFixed(3)).join(" ")}]\n`,
      );
    }
  } finally {
    await apollo.stop();
    await bare.stop();
    await driver.close();
    await neo4jServer.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
