import { withDevSecret } from "./auth/devSecret";
import { ConfigError, loadConfig, type Config } from "./config";
import { heapLimitMb } from "./heapBudget";
import { createLogger } from "./logger";
import { LocalNeo4jError } from "./neo4j/localNeo4j";
import { startService } from "./service";

/** `npm start`: validate configuration, start the service, stop it cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config: Config;
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
    // No auth configured outside production: writes can be tried with a local secret.
    const dev = withDevSecret(config);
    if (dev !== undefined) {
      config = dev.config;
      logger.warn(
        { file: dev.devSecret.file, created: dev.devSecret.created },
        `No AUTH_JWT_SECRET or AUTH_JWKS_URL: tokens are verified with the development secret in ${dev.devSecret.file} ` +
          `(${dev.devSecret.created ? "created now" : "kept from an earlier start"}); ` +
          "`npm run token -- --role editor` prints one. Never use it in production.",
      );
    } else if (config.auth.key === undefined) {
      logger.warn(
        "No AUTH_JWT_SECRET or AUTH_JWKS_URL: mutations answer UNAUTHENTICATED (writes are disabled)",
      );
    } else {
      const { key, issuer, audience, rolesClaim, reads } = config.auth;
      const keys = key.kind === "secret" ? "an HS256 secret" : `the JWKS at ${key.url.href}`;
      logger.info({ issuer, audience, rolesClaim, reads }, `bearer tokens are verified with ${keys}`);
    }
    const service = await startService(config, logger);
    logger.info(
      { url: service.url, servicePid: process.pid, heapLimitMb: heapLimitMb() },
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
