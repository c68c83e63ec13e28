import neo4j, { type Driver } from "neo4j-driver";
import pino from "pino";
import { loadConfig } from "../src/config";
import { CypherExecutor, type CypherQuery } from "../src/graph/executor";
import { createApolloServer, createRequestContext } from "../src/server/apollo";
import { createMetrics } from "../src/server/metrics";
import type { Variables } from "./scenarios";

/** The Cypher the service runs for each variable set of a scenario, in the order it runs it. */
export type Replay = Record<string, CypherQuery[][]>;

/** Why a scenario could not be recorded: the service's first error for it. */
export type RecordingFailures = Record<string, string>;

const RECORDING_ATTEMPTS = 3;

/**
 * Runs every request once through the service's own schema and resolvers (in-process, no HTTP)
 * and records each Cypher statement with its parameters: the raw-driver baseline replays exactly
 * these, so it does the same database work without GraphQL, DataLoaders or the service's plumbing.
 */
export async function recordReplay(
  driver: Driver,
  requests: Array<{ scenario: string; query: string; variables: Variables[] }>,
): Promise<{ replay: Replay; failures: RecordingFailures }> {
  const config = loadConfig({ NODE_ENV: "production" });
  const logger = pino({ level: "silent" });
  let recording: CypherQuery[] = [];
  const executor = new CypherExecutor(driver, {
    database: config.neo4j.database,
    transactionTimeoutMs: config.neo4j.transactionTimeoutMs,
    logger,
    onQuery: (query) => recording.push(query),
  });
  const server = createApolloServer({
    development: false,
    logger,
    limits: config.limits,
    metrics: createMetrics({ open: 0 }),
  });
  await server.start();
  const replay: Replay = {};
  const failures: RecordingFailures = {};
  try {
    for (const { scenario, query, variables } of requests) {
      const recorded: CypherQuery[][] = [];
      for (const [i, variableSet] of variables.entries()) {
        let errors;
        // The first statements after Neo4j starts (cold page cache, plans not yet cached) can run past
        // the transaction timeout on a busy machine: a timed-out request is recorded again, twice at most.
        for (let attempt = 0; attempt < RECORDING_ATTEMPTS; attempt += 1) {
          recording = [];
          const contextValue = createRequestContext(
            executor,
            logger,
            "replay",
            config.limits.requestTimeoutMs,
          );
          const response = await server.executeOperation({ query, variables: variableSet }, { contextValue });
          errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          if (!errors?.some((error) => error.extensions?.code === "TIMEOUT")) break;
        }
        if (errors) {
          failures[scenario] =
            `variable set ${i} (${JSON.stringify(variableSet)}): ${errors[0]?.message ?? "error"}`;
          break;
        }
        recorded.push(recording);
      }
      if (!failures[scenario]) replay[scenario] = recorded;
    }
  } finally {
    await server.stop();
  }
  return { replay, failures };
}

/** JSON with Cypher integers kept as integers (`{"$int": "20"}`): LIMIT refuses floats. */
export function encodeReplay(replay: Replay): string {
  return JSON.stringify(replay, (_key, value: unknown) =>
    neo4j.isInt(value) ? { $int: value.toString() } : value,
  );
}

export function decodeReplay(json: string): Replay {
  return JSON.parse(json, (_key, value: unknown) =>
    value !== null && typeof value === "object" && "$int" in value && typeof value.$int === "string"
      ? neo4j.int(value.$int)
      : value,
  ) as Replay;
}

/** The key a request's recorded statements are found by in a floor replay: its operation name and variables. */
export function floorKeyOf(operationName: string, variables: Record<string, unknown>): string {
  return `${operationName}:${JSON.stringify(variables)}`;
}

/**
 * The replay re-keyed for the bare-Apollo floor (bench/targets/bareApollo.ts), whose resolvers see
 * a request's operation name and variables, not its scenario and variable set: `floorKeyOf` → the
 * statements of that request (one list, as `Replay` holds them).
 */
export function floorReplayOf(
  replay: Replay,
  requests: Array<{ scenario: string; query: string; variables: Variables[] }>,
): Replay {
  const floor: Replay = {};
  for (const { scenario, query, variables } of requests) {
    const operationName = /^\s*query\s+(\w+)/.exec(query)?.[1] ?? "";
    replay[scenario]?.forEach((queries, i) => {
      floor[floorKeyOf(operationName, variables[i] ?? {})] = [queries];
    });
  }
  return floor;
}
