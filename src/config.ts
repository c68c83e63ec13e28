import path from "node:path";
import { z } from "zod";
import { PROJECT_ROOT } from "./projectRoot";
import type { GraphqlExecutor } from "./server/jitExecutor";
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
  /** GRAPHQL_EXECUTOR (default auto): graphql-jit's compiled code for large operations, graphql-js for the others (src/server/jitExecutor.ts). */
  graphqlExecutor: GraphqlExecutor;
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
    /** NEO4J_MAX_POOL_SIZE (default 50): connections to Neo4j, and so sessions open at once. */
    maxPoolSize: number;
    /** NEO4J_ACQUISITION_TIMEOUT_MS (default 5000): waiting longer for a connection is SERVICE_UNAVAILABLE. */
    acquisitionTimeoutMs: number;
    /** NEO4J_CONNECT_TIMEOUT_MS (default 5000): TCP connect timeout of a new connection. */
    connectTimeoutMs: number;
    /** NEO4J_MAX_SESSIONS_PER_REQUEST (default 4): one request's queries beyond this wait their turn. */
    maxSessionsPerRequest: number;
  };
  /** The HTTP server's own limits, against slow or greedy clients. */
  http: {
    /** HTTP_HEADERS_TIMEOUT_MS (default 10000): a request's headers must arrive within this, or 408 and close. */
    headersTimeoutMs: number;
    /** HTTP_REQUEST_TIMEOUT_MS (default 30000): the whole request (headers and body) must arrive within this. */
    requestTimeoutMs: number;
    /** HTTP_KEEP_ALIVE_TIMEOUT_MS (default 5000): an idle kept-alive connection is closed after this. */
    keepAliveTimeoutMs: number;
    /** HTTP_MAX_CONNECTIONS (default 1000): connections beyond this are dropped at once. */
    maxConnections: number;
    // What browsers and HTTP caches get; see README "Browsers, compression and caching".
    /**
     * CORS_ORIGINS: origins allowed to call the API from a browser, comma-separated, each exactly
     * `scheme://host[:port]`; `*` lets any origin read (without credentials). Listed origins also
     * get `Access-Control-Allow-Credentials`. Default: `*` in development, none otherwise.
     */
    cors: { anyOrigin: boolean; origins: string[] };
    /** COMPRESSION_THRESHOLD_BYTES (default 1024): responses at least this large are gzip/brotli compressed. */
    compressionThresholdBytes: number;
    /** CACHE_CONTROL (default `public, max-age=0, must-revalidate`): sent with successful GET reads. */
    cacheControl: string;
  };
  /** SIGTERM/SIGINT handling; see docs/operations.md. */
  shutdown: {
    /** SHUTDOWN_GRACE_MS (default 1000): after the signal, new connections are still taken for this long (/readyz is 503). */
    graceMs: number;
    /** SHUTDOWN_TIMEOUT_MS (default 10000): the process exits within this after the signal, whatever is still running. */
    timeoutMs: number;
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
  /** Migrations applied at start-up (docs/operations.md "Migrations"). */
  migrations: {
    /**
     * MIGRATION_BATCH_TIMEOUT_MS (default 300000, 5 min): one batch (inner transaction) of a
     * backfill migration is stopped after this long; the backfill itself runs to completion.
     */
    batchTimeoutMs: number;
    /** MIGRATION_INDEX_WAIT_MS (default 3600000, 1 h): start-up waits this long at most for new indexes to come online. */
    indexWaitMs: number;
  };
  /** Bulk export (docs/feeds.md "Bulk export"). */
  export: {
    /**
     * EXPORT_TIMEOUT_MS (default 1800000, 30 min): one export's read transaction (and the response
     * streaming it) is cancelled after this long, however slowly the client reads.
     */
    timeoutMs: number;
    /** EXPORT_PAGE_SIZE (default 1000): elements read per query inside the export's transaction. */
    pageSize: number;
  };
  /** Linking of ingested text (docs/ingest.md). */
  ingest: {
    /** INGEST_ACCEPT_THRESHOLD (default 0.85): a link scoring at least this (0 to 1) is ACCEPTED without review. */
    acceptThreshold: number;
    /** INGEST_CONTEXT_MARGIN (default 0.2): among entities sharing the words, the best must lead by this (0 to 1) to be picked (CONTEXT). */
    contextMargin: number;
    /** INGEST_DICTIONARY_CHECK_MS (default 1000): the alias automaton asks the graph for its change-log seq at most this often. */
    dictionaryCheckIntervalMs: number;
  };
  /** The change feed (SSE /changes and the graphql-ws subscription); see docs/feeds.md "Limits and resume rules". */
  feed: {
    /** FEED_BUFFER_CHANGES (default 1000): live changes held for one consumer; one more and it is disconnected (SLOW_CONSUMER). */
    bufferChanges: number;
    /** FEED_PAGE_SIZE (default 100): changes per Neo4j read, catching up or tailing. */
    pageSize: number;
    /** FEED_POLL_MS (default 150): how often Neo4j is asked for new changes while consumers are live (local commits are read at once). */
    pollIntervalMs: number;
    /** FEED_HEARTBEAT_MS (default 15000): the `: heartbeat` comment of an idle SSE stream, and the WebSocket ping. */
    heartbeatMs: number;
    /** FEED_MAX_CONSUMERS (default 1000): open streams and subscriptions per process; more are refused (503 / SERVICE_UNAVAILABLE). */
    maxConsumers: number;
  };
  /** Who may write (and, with AUTH_READS=token, read); see docs/curation.md "Authentication". */
  auth: AuthConfig;
  /** Persisted (trusted) documents; see docs/feeds.md "Trusted documents". */
  trustedDocuments: {
    /**
     * TRUSTED_DOCUMENTS (default off): `allow` also answers `documentId: "sha256:<hex>"` from the
     * manifest; `strict` answers only the manifest's operations (anything else is HTTP 400).
     */
    mode: "off" | "allow" | "strict";
    /** TRUSTED_DOCUMENTS_MANIFEST (default: the client package's generated manifest): hash to document, JSON. */
    manifestPath: string;
  };
  /** The embedded default, used only when NEO4J_URI is unset. */
  local: {
    /** NEO4J_LOCAL_DATA_DIR (default .data/neo4j). */
    dataDir: string;
    /** NEO4J_LOCAL_PORT (default 7687; 0 picks a free port). */
    port: number;
    /** True when NEO4J_LOCAL_PORT is unset: a busy 7687 then falls back to a free port (logged). */
    portFallback: boolean;
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

/** The persisted-documents manifest `npm run codegen` writes for packages/client (checked in). */
export const DEFAULT_TRUSTED_DOCUMENTS_MANIFEST = path.join(
  PROJECT_ROOT,
  "packages/client/src/generated/persisted-documents.json",
);

/** Neo4j's usual Bolt port: the embedded Neo4j's default, left for a free one when taken. */
export const DEFAULT_BOLT_PORT = 7687;

const memorySize = z.string().regex(/^\d+[kmg]$/i, "must be a size such as 512m or 2g");
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`);

/** `scheme://host[:port]`, as browsers send it in `Origin` (no path, no trailing slash). */
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9a-f:]+\](:\d{1,5})?$/i;

const corsOrigins = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ""),
  )
  .refine(
    (entries) => entries.every((entry) => entry === "*" || ORIGIN.test(entry)),
    "must be `*` or a comma-separated list of origins such as https://app.example.com or http://localhost:5173",
  )
  .transform((entries) => ({
    anyOrigin: entries.includes("*"),
    origins: [...new Set(entries.filter((entry) => entry !== "*").map((entry) => entry.toLowerCase()))],
  }));

/** Cache-Control as sent: printable ASCII, no line breaks. */
const cacheControl = z
  .string()
  .regex(/^[\x20-\x7e]{1,200}$/, "must be a Cache-Control value such as `public, max-age=60`");

const fraction = z
  .string()
  .regex(/^(0(\.\d+)?|1(\.0+)?)$/, "must be a number from 0 to 1")
  .transform(Number);
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
  GRAPHQL_EXECUTOR: z.enum(["auto", "jit", "graphql-js"]).default("auto"),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/\S+$/, "must be a bolt:// or neo4j:// URI")
    .optional(),
  NEO4J_USER: z.string().min(1).default("neo4j"),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().min(1).default("neo4j"),
  NEO4J_TX_TIMEOUT_MS: wholeNumber(100, 600_000).default(10_000),
  NEO4J_MAX_POOL_SIZE: wholeNumber(2, 1_000).default(50),
  NEO4J_ACQUISITION_TIMEOUT_MS: wholeNumber(100, 600_000).default(5_000),
  NEO4J_CONNECT_TIMEOUT_MS: wholeNumber(100, 600_000).default(5_000),
  NEO4J_MAX_SESSIONS_PER_REQUEST: wholeNumber(1, 1_000).default(4),
  REQUEST_TIMEOUT_MS: wholeNumber(100, 600_000).default(15_000),
  HTTP_HEADERS_TIMEOUT_MS: wholeNumber(1_000, 600_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: wholeNumber(1_000, 3_600_000).default(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: wholeNumber(100, 600_000).default(5_000),
  HTTP_MAX_CONNECTIONS: wholeNumber(1, 1_000_000).default(1_000),
  SHUTDOWN_GRACE_MS: wholeNumber(0, 600_000).default(1_000),
  SHUTDOWN_TIMEOUT_MS: wholeNumber(1_000, 600_000).default(10_000),
  BODY_LIMIT_BYTES: wholeNumber(1_024, 100 * 1024 * 1024).default(1024 * 1024),
  LIMIT_MAX_DEPTH: wholeNumber(1, 100).default(12),
  LIMIT_MAX_ALIASES: wholeNumber(1, 1_000).default(30),
  LIMIT_MAX_DIRECTIVES: wholeNumber(1, 1_000).default(20),
  LIMIT_MAX_TOKENS: wholeNumber(10, 1_000_000).default(4_000),
  LIMIT_MAX_COST: wholeNumber(1, 100_000_000).default(100_000),
  CORS_ORIGINS: corsOrigins.optional(),
  COMPRESSION_THRESHOLD_BYTES: wholeNumber(0, 100 * 1024 * 1024).default(1024),
  CACHE_CONTROL: cacheControl.default("public, max-age=0, must-revalidate"),
  LIMIT_MAX_RESPONSE_BYTES: wholeNumber(1_024, 256 * 1024 * 1024).default(DEFAULT_MAX_RESPONSE_BYTES),
  MIGRATION_BATCH_TIMEOUT_MS: wholeNumber(1_000, 3_600_000).default(300_000),
  MIGRATION_INDEX_WAIT_MS: wholeNumber(1_000, 86_400_000).default(3_600_000),
  EXPORT_TIMEOUT_MS: wholeNumber(1_000, 86_400_000).default(1_800_000),
  EXPORT_PAGE_SIZE: wholeNumber(10, 10_000).default(1_000),
  INGEST_ACCEPT_THRESHOLD: fraction.default(0.85),
  INGEST_CONTEXT_MARGIN: fraction.default(0.2),
  INGEST_DICTIONARY_CHECK_MS: wholeNumber(0, 600_000).default(1_000),
  FEED_BUFFER_CHANGES: wholeNumber(1, 100_000).default(1_000),
  FEED_PAGE_SIZE: wholeNumber(1, 1_000).default(100),
  FEED_POLL_MS: wholeNumber(10, 60_000).default(150),
  FEED_HEARTBEAT_MS: wholeNumber(100, 600_000).default(15_000),
  FEED_MAX_CONSUMERS: wholeNumber(1, 100_000).default(1_000),
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
  TRUSTED_DOCUMENTS: z.enum(["off", "allow", "strict"]).default("off"),
  TRUSTED_DOCUMENTS_MANIFEST: z.string().min(1).optional(),
  NEO4J_LOCAL_DATA_DIR: z.string().min(1).default(".data/neo4j"),
  NEO4J_LOCAL_PORT: wholeNumber(0, 65535).optional(),
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
    ...(parsed.success ? limitProblems(parsed.data) : []),
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
      maxPoolSize: e.NEO4J_MAX_POOL_SIZE,
      acquisitionTimeoutMs: e.NEO4J_ACQUISITION_TIMEOUT_MS,
      connectTimeoutMs: e.NEO4J_CONNECT_TIMEOUT_MS,
      maxSessionsPerRequest: e.NEO4J_MAX_SESSIONS_PER_REQUEST,
    },
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
      cors: e.CORS_ORIGINS ?? { anyOrigin: e.NODE_ENV === "development", origins: [] },
      compressionThresholdBytes: e.COMPRESSION_THRESHOLD_BYTES,
      cacheControl: e.CACHE_CONTROL,
    },
    shutdown: {
      graceMs: e.SHUTDOWN_GRACE_MS,
      timeoutMs: e.SHUTDOWN_TIMEOUT_MS,
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
    migrations: {
      batchTimeoutMs: e.MIGRATION_BATCH_TIMEOUT_MS,
      indexWaitMs: e.MIGRATION_INDEX_WAIT_MS,
    },
    export: {
      timeoutMs: e.EXPORT_TIMEOUT_MS,
      pageSize: e.EXPORT_PAGE_SIZE,
    },
    ingest: {
      acceptThreshold: e.INGEST_ACCEPT_THRESHOLD,
      contextMargin: e.INGEST_CONTEXT_MARGIN,
      dictionaryCheckIntervalMs: e.INGEST_DICTIONARY_CHECK_MS,
    },
    feed: {
      bufferChanges: e.FEED_BUFFER_CHANGES,
      pageSize: e.FEED_PAGE_SIZE,
      pollIntervalMs: e.FEED_POLL_MS,
      heartbeatMs: e.FEED_HEARTBEAT_MS,
      maxConsumers: e.FEED_MAX_CONSUMERS,
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
    trustedDocuments: {
      mode: e.TRUSTED_DOCUMENTS,
      manifestPath:
        e.TRUSTED_DOCUMENTS_MANIFEST !== undefined
          ? path.resolve(e.TRUSTED_DOCUMENTS_MANIFEST)
          : DEFAULT_TRUSTED_DOCUMENTS_MANIFEST,
    },
    local: {
      dataDir: path.resolve(e.NEO4J_LOCAL_DATA_DIR),
      port: e.NEO4J_LOCAL_PORT ?? DEFAULT_BOLT_PORT,
      portFallback: e.NEO4J_LOCAL_PORT === undefined,
      heap: e.NEO4J_LOCAL_HEAP,
      pageCache: e.NEO4J_LOCAL_PAGECACHE,
    },
  };
}

/** Problems no single variable shows, read from the raw environment so they are listed beside the others. */
/** Limits that contradict each other (checked once each value is valid on its own). */
function limitProblems(e: z.infer<typeof EnvSchema>): string[] {
  const problems: string[] = [];
  if (e.NEO4J_MAX_SESSIONS_PER_REQUEST > e.NEO4J_MAX_POOL_SIZE) {
    problems.push(
      `NEO4J_MAX_SESSIONS_PER_REQUEST: must not exceed NEO4J_MAX_POOL_SIZE (${e.NEO4J_MAX_POOL_SIZE})`,
    );
  }
  if (e.HTTP_REQUEST_TIMEOUT_MS < e.HTTP_HEADERS_TIMEOUT_MS) {
    problems.push(
      `HTTP_REQUEST_TIMEOUT_MS: must be at least HTTP_HEADERS_TIMEOUT_MS (${e.HTTP_HEADERS_TIMEOUT_MS})`,
    );
  }
  if (e.FEED_BUFFER_CHANGES < e.FEED_PAGE_SIZE) {
    // The tailer hands a consumer a whole page at once: a smaller buffer would drop fast consumers too.
    problems.push(`FEED_BUFFER_CHANGES: must be at least FEED_PAGE_SIZE (${e.FEED_PAGE_SIZE})`);
  }
  if (e.SHUTDOWN_GRACE_MS >= e.SHUTDOWN_TIMEOUT_MS) {
    problems.push(`SHUTDOWN_GRACE_MS: must be less than SHUTDOWN_TIMEOUT_MS (${e.SHUTDOWN_TIMEOUT_MS})`);
  }
  return problems;
}

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
  // An identity provider's keys sign tokens for every application it serves: without an audience,
  // a token issued for another application would be accepted here.
  if (production && env.AUTH_JWKS_URL !== undefined && env.AUTH_AUDIENCE === undefined) {
    problems.push(
      "AUTH_AUDIENCE: required with AUTH_JWKS_URL in production (otherwise tokens the provider issued for other applications are accepted)",
    );
  }
  return problems;
}
