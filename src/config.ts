import path from "node:path";
import { z } from "zod";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./server/responseBudget";

/**
 * The service's whole configuration, read once at start-up from the environment. Invalid
 * configuration is reported all at once (every problem, one per line) by {@link ConfigError}.
 */
export interface Config {
  /** NODE_ENV: development (default) shows Sandbox and error details; production hides both. */
  env: "development" | "production" | "test";
  /** HOST (default 127.0.0.1) and PORT (default 4000) of the HTTP server. */
  host: string;
  port: number;
  /** LOG_LEVEL (default info). */
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** GRAPHQL_EXECUTOR (default graphql-js): graphql-js executes, or code graphql-jit compiled (see docs/benchmarks.md). */
  graphqlExecutor: "jit" | "graphql-js";
  neo4j: {
    /** NEO4J_URI; when unset the service starts its own local Neo4j (see `local`). */
    uri: string | undefined;
    /** NEO4J_USER (default neo4j) and NEO4J_PASSWORD; without a password the driver sends no credentials. */
    user: string;
    password: string | undefined;
    /** NEO4J_DATABASE (default neo4j). */
    database: string;
    /** NEO4J_TX_TIMEOUT_MS (default 10000): every transaction is cancelled by the server after this long. */
    transactionTimeoutMs: number;
  };
  /** Bounds on what one request may ask for; see README "Limits". */
  limits: {
    /** REQUEST_TIMEOUT_MS (default 15000): a request's Cypher queries must all finish within this. */
    requestTimeoutMs: number;
    /** BODY_LIMIT_BYTES (default 1048576): larger bodies get 413. */
    bodyLimitBytes: number;
    /** LIMIT_MAX_DEPTH (12), LIMIT_MAX_ALIASES (30), LIMIT_MAX_DIRECTIVES (20), LIMIT_MAX_TOKENS (4000). */
    maxDepth: number;
    maxAliases: number;
    maxDirectives: number;
    maxTokens: number;
    /** LIMIT_MAX_RESPONSE_BYTES (default 33554432): the large strings of one response (document texts, excerpts, quotes) together. */
    maxResponseBytes: number;
    /** LIMIT_MAX_COST (default 100000): each field costs 1, times `first`/`limit` for lists (docs/api.md "Cost"). */
    maxCost: number;
  };
  /** Who may write (and, with AUTH_READS=token, read); see docs/curation.md "Authentication". */
  auth: AuthConfig;
  /** The embedded default, used only when NEO4J_URI is unset. */
  local: {
    /** NEO4J_LOCAL_DATA_DIR (default .data/neo4j). */
    dataDir: string;
    /** NEO4J_LOCAL_PORT (default 7687; 0 picks a free port). */
    port: number;
    /** NEO4J_LOCAL_HEAP (default 1g: one import transaction of ~100k facts needs ~700 MB) and NEO4J_LOCAL_PAGECACHE (default 128m). */
    heap: string;
    pageCache: string;
  };
}

/** Where the keys that sign bearer tokens come from. */
export type TokenKeySource =
  /** AUTH_JWT_SECRET: one shared HS256 secret (at least 32 bytes). */
  | { kind: "secret"; secret: string }
  /** AUTH_JWKS_URL: the identity provider's public keys (RS256, ES256, EdDSA), fetched and cached. */
  | { kind: "jwks"; url: URL };

export interface AuthConfig {
  /** AUTH_JWT_SECRET or AUTH_JWKS_URL (never both); unset: no token can be verified and writes are refused. */
  key: TokenKeySource | undefined;
  /** AUTH_ISSUER: when set, a token's `iss` must equal it. */
  issuer: string | undefined;
  /** AUTH_AUDIENCE: when set, a token's `aud` must contain it. */
  audience: string | undefined;
  /** AUTH_ROLES_CLAIM (default `roles`): the claim holding an array of `reader`, `editor`, `admin`. */
  rolesClaim: string;
  /** AUTH_READS (default `public`): `token` makes every Query field require the READER role. */
  reads: "public" | "token";
  /**
   * AUTH_DEV_SECRET_FILE (default .data/dev-jwt-secret): with no key configured and NODE_ENV not
   * production, `npm start` verifies tokens with the secret kept here and `npm run token` signs with it.
   */
  devSecretFile: string;
}

/** HS256 keys shorter than the hash are brute-forceable (RFC 7518 section 3.2). */
export const MIN_SECRET_BYTES = 32;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const memorySize = z.string().regex(/^\d+[kmg]$/i, "must be a size such as 512m or 2g");
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`);

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Keys must not travel in the clear: https, or http to this machine (tests, a local identity provider). */
function isJwksUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: wholeNumber(0, 65535).default(4000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  GRAPHQL_EXECUTOR: z.enum(["jit", "graphql-js"]).default("graphql-js"),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/\S+$/, "must be a bolt:// or neo4j:// URI")
    .optional(),
  NEO4J_USER: z.string().min(1).default("neo4j"),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().min(1).default("neo4j"),
  NEO4J_TX_TIMEOUT_MS: wholeNumber(100, 600_000).default(10_000),
  REQUEST_TIMEOUT_MS: wholeNumber(100, 600_000).default(15_000),
  BODY_LIMIT_BYTES: wholeNumber(1_024, 100 * 1024 * 1024).default(1024 * 1024),
  LIMIT_MAX_DEPTH: wholeNumber(1, 100).default(12),
  LIMIT_MAX_ALIASES: wholeNumber(1, 1_000).default(30),
  LIMIT_MAX_DIRECTIVES: wholeNumber(1, 1_000).default(20),
  LIMIT_MAX_TOKENS: wholeNumber(10, 1_000_000).default(4_000),
  LIMIT_MAX_COST: wholeNumber(1, 100_000_000).default(100_000),
  LIMIT_MAX_RESPONSE_BYTES: wholeNumber(1_024, 256 * 1024 * 1024).default(DEFAULT_MAX_RESPONSE_BYTES),
  AUTH_JWT_SECRET: z
    .string()
    .refine(
      (s) => Buffer.byteLength(s, "utf8") >= MIN_SECRET_BYTES,
      `must be at least ${MIN_SECRET_BYTES} bytes (e.g. \`openssl rand -base64 48\`)`,
    )
    .optional(),
  AUTH_JWKS_URL: z
    .string()
    .refine(isJwksUrl, "must be an https:// URL (http:// only for localhost)")
    .optional(),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  AUTH_ROLES_CLAIM: z.string().min(1).default("roles"),
  AUTH_READS: z.enum(["public", "token"]).default("public"),
  AUTH_DEV_SECRET_FILE: z.string().min(1).default(".data/dev-jwt-secret"),
  NEO4J_LOCAL_DATA_DIR: z.string().min(1).default(".data/neo4j"),
  NEO4J_LOCAL_PORT: wholeNumber(0, 65535).default(7687),
  NEO4J_LOCAL_HEAP: memorySize.default("1g"),
  NEO4J_LOCAL_PAGECACHE: memorySize.default("128m"),
});

/** Reads and validates the configuration; throws {@link ConfigError} listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set": shells and .env files often leave `X=` behind.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(present);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues).map(
      (issue) => `${issue.path.join(".") || "(environment)"}: ${issue.message}`,
    ),
    ...combinationProblems(present),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    graphqlExecutor: e.GRAPHQL_EXECUTOR,
    neo4j: {
      uri: e.NEO4J_URI,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      transactionTimeoutMs: e.NEO4J_TX_TIMEOUT_MS,
    },
    limits: {
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
      maxDepth: e.LIMIT_MAX_DEPTH,
      maxAliases: e.LIMIT_MAX_ALIASES,
      maxDirectives: e.LIMIT_MAX_DIRECTIVES,
      maxTokens: e.LIMIT_MAX_TOKENS,
      maxCost: e.LIMIT_MAX_COST,
      maxResponseBytes: e.LIMIT_MAX_RESPONSE_BYTES,
    },
    auth: {
      key:
        e.AUTH_JWT_SECRET !== undefined
          ? { kind: "secret", secret: e.AUTH_JWT_SECRET }
          : e.AUTH_JWKS_URL !== undefined
            ? { kind: "jwks", url: new URL(e.AUTH_JWKS_URL) }
            : undefined,
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      rolesClaim: e.AUTH_ROLES_CLAIM,
      reads: e.AUTH_READS,
      devSecretFile: path.resolve(e.AUTH_DEV_SECRET_FILE),
    },
    local: {
      dataDir: path.resolve(e.NEO4J_LOCAL_DATA_DIR),
      port: e.NEO4J_LOCAL_PORT,
      heap: e.NEO4J_LOCAL_HEAP,
      pageCache: e.NEO4J_LOCAL_PAGECACHE,
    },
  };
}

/** Problems no single variable shows, read from the raw environment so they are listed beside the others. */
function combinationProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (env.AUTH_JWT_SECRET !== undefined && env.AUTH_JWKS_URL !== undefined) {
    problems.push("AUTH_JWT_SECRET, AUTH_JWKS_URL: set one or the other, not both");
  }
  const production = env.NODE_ENV === "production";
  const keyless = env.AUTH_JWT_SECRET === undefined && env.AUTH_JWKS_URL === undefined;
  if (production && keyless && env.AUTH_READS === "token") {
    problems.push("AUTH_READS: `token` needs AUTH_JWT_SECRET or AUTH_JWKS_URL (otherwise no one could read)");
  }
  return problems;
}
