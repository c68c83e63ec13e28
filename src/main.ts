import { ConfigError, loadConfig } from "./config";
import { createLogger } from "./logger";
import { LocalNeo4jError } from "./neo4j/localNeo4j";
import { startService } from "./service";

/** `npm start`: validate configuration, start the service, stop it cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  try {
    const service = await startService(config, logger);
    logger.info(
      { url: service.url },
      `GraphQL service ready at ${service.url} (open it in a browser for Apollo Sandbox)`,
    );
    let stopping = false;
    const shutdown = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, "shutting down");
      service.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "error during shutdown");
          process.exit(1);
        },
      );
    };
    process.on("SIGINT", shutdown);
    process.on("SIGTERM", shutdown);
  } catch (error) {
    if (error instanceof LocalNeo4jError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      logger.fatal({ err: error }, "start-up failed");
    }
    process.exit(1);
  }
}

void main();
