import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL, type Neo4jGraphQLContext } from "@neo4j/graphql";
import neo4j from "neo4j-driver";
import { NEO4J_GRAPHQL_TYPE_DEFS } from "./neo4jGraphqlQueries";

/**
 * The Neo4j GraphQL Library baseline: the same graph served by @neo4j/graphql's generated
 * resolvers behind Apollo Server over plain node:http, so that the comparison with the service
 * measures what each translation layer costs, not the web stack around it.
 *
 * Env: NEO4J_URI (a local Neo4j with auth disabled), PORT (0 = a free port). Prints one line,
 * {"event":"ready","port":N}, once it accepts requests.
 */

// The service's defaults (src/config.ts, src/neo4j/driver.ts), so that neither side gets a
// bigger pool, a longer timeout or a home-database lookup the other does not.
const DATABASE = "neo4j";
const TRANSACTION_TIMEOUT_MS = 10_000;
const MAX_CONNECTION_POOL_SIZE = 50;

async function main(): Promise<void> {
  // No credentials: the local Neo4j runs with auth disabled, as it does for the service.
  const driver = neo4j.driver(process.env.NEO4J_URI ?? "", undefined, {
    maxConnectionPoolSize: MAX_CONNECTION_POOL_SIZE,
    logging: { level: "error", logger: () => undefined },
  });
  // getSchema() only; assertIndexesAndConstraints() is never called because our migrations own
  // the indexes (entity_search included).
  const neoSchema = new Neo4jGraphQL({ typeDefs: NEO4J_GRAPHQL_TYPE_DEFS, driver });
  const schema = await neoSchema.getSchema();

  const server = new ApolloServer<Neo4jGraphQLContext>({
    schema,
    introspection: false,
    includeStacktraceInErrorResponses: false,
    // Our handlers below stop Apollo and then the driver; Apollo's own would re-raise the signal.
    stopOnTerminationSignals: false,
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(process.env.PORT ?? 0), host: "127.0.0.1" },
    // The driver given to the constructor runs the queries; the context adds only what the
    // service also sets per transaction.
    context: () =>
      Promise.resolve({
        sessionConfig: { database: DATABASE },
        transaction: { timeout: TRANSACTION_TIMEOUT_MS },
      }),
  });
  process.stdout.write(`${JSON.stringify({ event: "ready", port: Number(new URL(url).port) })}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // server.stop() also drains and closes the HTTP server startStandaloneServer created.
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
