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
      { url: service.url, servicePid: process.pid },
      `GraphQL service ready at ${service.url} (open it in a browser for Apollo Sandbox)`,
    );
    let stopping = false;
    const shutdown = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      const { timeoutMs } = config.shutdown;
      // SIGINT is a person at a terminal: no load balancer to wait for.
      const graceMs = signal === "SIGINT" ? 0 : config.shutdown.graceMs;
      logger.info({ signal, graceMs, timeoutMs }, "shutting down");
      // The last resort, should a step overrun its share: no JVM may outlive this process.
      setTimeout(() => {
        logger.error({ timeoutMs }, "shutdown overran SHUTDOWN_TIMEOUT_MS; exiting now");
        if (service.localNeo4j !== undefined) killQuietly(service.localNeo4j.pid);
        process.exit(1);
      }, timeoutMs + 1_000).unref();
      service.stop({ graceMs, deadline: Date.now() + timeoutMs }).then(
        () => {
          logger.info("stopped");
          process.exit(0);
        },
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

function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

void main();
