import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type * as ApolloModule from "@apollo/server";
import type * as DisabledPlugins from "@apollo/server/plugin/disabled";
import type * as StandaloneModule from "@apollo/server/standalone";
import type * as SchemaModule from "@graphql-tools/schema";
import type { GraphQLResolveInfo } from "graphql";
import neo4j, { type Driver } from "neo4j-driver";
import { ENTITY_LABELS } from "../../src/graph/entityKinds";
import type { CypherQuery } from "../../src/graph/executor";
import type { EntityKind } from "../../src/graph/records";
import { jitGateway } from "../../src/server/jitExecutor";
import { loadTypeDefs } from "../../src/server/schema";
import { decodeReplay, floorKeyOf, type Replay } from "../replay";

/**
 * The floor of the service's stack: the smallest honest Apollo Server 5 over HTTP. The service's
 * own schema (its SDL, so that parsing and validation see the same types), graphql-js (or
 * graphql-jit with FLOOR_EXECUTOR=jit, through the service's jitGateway), Apollo's
 * startStandaloneServer (node:http with cors and body-parser: no Express), and resolvers that run
 * exactly the statements the raw-driver target runs for the same request (bench/replay.ts recorded
 * them from the service), one auto-commit transaction each, one after another as the raw target
 * does. No plugins (cache control off, as in the service), no armor, no cost analysis, no logging,
 * no DataLoaders, no request context, no error masking. It answers the benchmark's entityById,
 * totalCount and statistics operations; anything else is an error.
 *
 * Env: NEO4J_URI, PORT (0 = a free port), FLOOR_FILE (recorded statements keyed by operation name
 * and variables, see `floorReplayOf` in bench/replay.ts), FLOOR_EXECUTOR (graphql-js | jit). Prints
 * {"event":"ready","port":N} once it accepts requests.
 */

// The service's own @apollo/server and @graphql-tools/schema (bench/ has other copies, for
// @neo4j/graphql, with another graphql): the floor must run the same Apollo and graphql-js.
const serviceRequire = createRequire(path.join(__dirname, "..", "..", "src", "main.ts"));
const { ApolloServer } = serviceRequire("@apollo/server") as typeof ApolloModule;
const { startStandaloneServer } = serviceRequire("@apollo/server/standalone") as typeof StandaloneModule;
const { ApolloServerPluginCacheControlDisabled } = serviceRequire(
  "@apollo/server/plugin/disabled",
) as typeof DisabledPlugins;
const { makeExecutableSchema } = serviceRequire("@graphql-tools/schema") as typeof SchemaModule;

const TRANSACTION_TIMEOUT_MS = 10_000;

type Row = Record<string, unknown>;

/** Runs the statements recorded for this request, as the raw-driver target does. */
async function runRecorded(
  driver: Driver,
  replay: Replay,
  info: GraphQLResolveInfo,
): Promise<Map<string, Row[]>> {
  const key = floorKeyOf(info.operation.name?.value ?? "", info.variableValues);
  const queries: CypherQuery[] | undefined = replay[key]?.[0];
  if (!queries) throw new Error(`no recorded statements for ${key}`);
  const results = new Map<string, Row[]>();
  for (const query of queries) {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(query.cypher, query.params, { timeout: TRANSACTION_TIMEOUT_MS });
      results.set(
        query.name,
        result.records.map((record) => record.toObject()),
      );
    } finally {
      await session.close();
    }
  }
  return results;
}

/** An entity row as the interface's type resolution needs it (graphql-js reads __typename). */
function entityOf(row: Row | undefined): Row | null {
  if (!row) return null;
  return { ...row, __typename: ENTITY_LABELS[row.kind as EntityKind], aliases: row.aliases ?? [] };
}

function resolversFor(driver: Driver, replay: Replay): SchemaModule.IExecutableSchemaDefinition["resolvers"] {
  return {
    Query: {
      entity: async (_parent: unknown, _args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        const rows = (await runRecorded(driver, replay, info)).get("entities.byIds");
        return entityOf(rows?.[0]?.row as Row | undefined);
      },
      // totalCount alone: the service reads one count, and so does this.
      entities: async (_parent: unknown, _args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        const rows = (await runRecorded(driver, replay, info)).get("entities.count");
        return {
          edges: [],
          pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
          totalCount: rows?.[0]?.count ?? 0,
        };
      },
      // The page with the subject check, as the service runs it (one statement: the page's rows
      // collected in one record); first + 1 rows at most, the extra one saying whether there is a
      // next page.
      statistics: async (
        _parent: unknown,
        args: { first: number },
        _context: unknown,
        info: GraphQLResolveInfo,
      ) => {
        const [page] = (await runRecorded(driver, replay, info)).get("statistics.listOfSubject") ?? [];
        const rows = (page?.rows ?? []) as Row[];
        const nodes = rows.slice(0, args.first);
        return {
          edges: nodes.map((node) => ({ node })),
          pageInfo: {
            hasNextPage: rows.length > args.first,
            hasPreviousPage: false,
            startCursor: null,
            endCursor: null,
          },
          totalCount: 0,
        };
      },
    },
  };
}

async function main(): Promise<void> {
  const replay = decodeReplay(readFileSync(process.env.FLOOR_FILE ?? "", "utf8"));
  const driver = neo4j.driver(process.env.NEO4J_URI ?? "", undefined, { disableLosslessIntegers: true });
  const schema = makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: resolversFor(driver, replay),
    resolverValidationOptions: { requireResolversForResolveType: "ignore" },
  });
  const server = new ApolloServer({
    ...(process.env.FLOOR_EXECUTOR === "jit"
      ? { gateway: jitGateway(schema, { compileFrom: 0 }) }
      : { schema }),
    stopOnTerminationSignals: false,
    // The service's one plugin that changes execution: without it Apollo wraps every resolver.
    plugins: [ApolloServerPluginCacheControlDisabled()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(process.env.PORT ?? 0), host: "127.0.0.1" },
  });
  process.stdout.write(`${JSON.stringify({ event: "ready", port: Number(new URL(url).port) })}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server
      .stop()
      .then(() => driver.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`error while stopping: ${String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
