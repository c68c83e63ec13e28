import path from "node:path";
import { existsSync } from "node:fs";
import { ConfigError, DEFAULT_TRUSTED_DOCUMENTS_MANIFEST, loadConfig } from "../../src/config";

describe("loadConfig", () => {
  it("applies documented defaults to an empty environment", () => {
    const config = loadConfig({});
    expect(config).toEqual({
      env: "development",
      host: "127.0.0.1",
      port: 4000,
      logLevel: "info",
      graphqlExecutor: "auto",
      neo4j: {
        uri: undefined,
        user: "neo4j",
        password: undefined,
        database: "neo4j",
        transactionTimeoutMs: 10_000,
        maxPoolSize: 50,
        acquisitionTimeoutMs: 5_000,
        connectTimeoutMs: 5_000,
        maxSessionsPerRequest: 4,
      },
      http: {
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 30_000,
        keepAliveTimeoutMs: 5_000,
        maxConnections: 1_000,
        cors: { anyOrigin: true, origins: [] },
        compressionThresholdBytes: 1024,
        cacheControl: "public, max-age=0, must-revalidate",
      },
      shutdown: { graceMs: 1_000, timeoutMs: 10_000 },
      limits: {
        requestTimeoutMs: 15_000,
        bodyLimitBytes: 1_048_576,
        maxDepth: 12,
        maxAliases: 30,
        maxDirectives: 20,
        maxTokens: 4_000,
        maxCost: 100_000,
        maxResponseBytes: 33_554_432,
      },
      migrations: { batchTimeoutMs: 300_000, indexWaitMs: 3_600_000 },
      export: { timeoutMs: 1_800_000, pageSize: 1_000 },
      ingest: { acceptThreshold: 0.85, contextMargin: 0.2, dictionaryCheckIntervalMs: 1_000 },
      feed: {
        bufferChanges: 1_000,
        pageSize: 100,
        pollIntervalMs: 150,
        heartbeatMs: 15_000,
        maxConsumers: 1_000,
      },
      auth: {
        key: undefined,
        issuer: undefined,
        audience: undefined,
        rolesClaim: "roles",
        reads: "public",
        devSecretFile: path.resolve(".data/dev-jwt-secret"),
      },
      trustedDocuments: { mode: "off", manifestPath: DEFAULT_TRUSTED_DOCUMENTS_MANIFEST },
      local: {
        dataDir: path.resolve(".data/neo4j"),
        port: 7687,
        portFallback: true,
        heap: "1g",
        pageCache: "128m",
      },
    });
  });

  it("reads the ingest thresholds as fractions from 0 to 1", () => {
    expect(
      loadConfig({
        INGEST_ACCEPT_THRESHOLD: "0.9",
        INGEST_CONTEXT_MARGIN: "0",
        INGEST_DICTIONARY_CHECK_MS: "0",
      }).ingest,
    ).toEqual({ acceptThreshold: 0.9, contextMargin: 0, dictionaryCheckIntervalMs: 0 });
    expect(loadConfig({ INGEST_ACCEPT_THRESHOLD: "1" }).ingest.acceptThreshold).toBe(1);
    for (const bad of ["1.5", "-0.1", "high", ".5"]) {
      expect(() => loadConfig({ INGEST_ACCEPT_THRESHOLD: bad })).toThrow(
        /INGEST_ACCEPT_THRESHOLD: must be a number from 0 to 1/,
      );
    }
  });

  it("reads the change feed's limits and refuses ones out of range", () => {
    expect(
      loadConfig({
        FEED_BUFFER_CHANGES: "10",
        FEED_PAGE_SIZE: "5",
        FEED_POLL_MS: "50",
        FEED_HEARTBEAT_MS: "200",
        FEED_MAX_CONSUMERS: "3",
      }).feed,
    ).toEqual({ bufferChanges: 10, pageSize: 5, pollIntervalMs: 50, heartbeatMs: 200, maxConsumers: 3 });
    expect(() => loadConfig({ FEED_BUFFER_CHANGES: "0" })).toThrow(
      /FEED_BUFFER_CHANGES: must be a whole number/,
    );
    expect(() => loadConfig({ FEED_BUFFER_CHANGES: "50", FEED_PAGE_SIZE: "100" })).toThrow(
      /FEED_BUFFER_CHANGES: must be at least FEED_PAGE_SIZE \(100\)/,
    );
    expect(() => loadConfig({ FEED_PAGE_SIZE: "5000" })).toThrow(
      /FEED_PAGE_SIZE: must be a whole number from 1 to 1000/,
    );
    expect(() => loadConfig({ FEED_POLL_MS: "1" })).toThrow(/FEED_POLL_MS/);
    expect(() => loadConfig({ FEED_HEARTBEAT_MS: "soon" })).toThrow(/FEED_HEARTBEAT_MS/);
  });

  it("reads every variable", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      HOST: "0.0.0.0",
      PORT: "8080",
      LOG_LEVEL: "debug",
      GRAPHQL_EXECUTOR: "jit",
      NEO4J_URI: "neo4j+s://db.example.com:7687",
      NEO4J_USER: "reader",
      NEO4J_PASSWORD: "secret",
      NEO4J_DATABASE: "graph",
      NEO4J_TX_TIMEOUT_MS: "2500",
      NEO4J_LOCAL_DATA_DIR: "/var/lib/kg",
      NEO4J_LOCAL_PORT: "0",
      NEO4J_LOCAL_HEAP: "1g",
      NEO4J_LOCAL_PAGECACHE: "64M",
      REQUEST_TIMEOUT_MS: "3000",
      BODY_LIMIT_BYTES: "2048",
      LIMIT_MAX_DEPTH: "5",
      LIMIT_MAX_ALIASES: "6",
      LIMIT_MAX_DIRECTIVES: "7",
      LIMIT_MAX_TOKENS: "800",
      LIMIT_MAX_COST: "900",
      NEO4J_MAX_POOL_SIZE: "20",
      NEO4J_ACQUISITION_TIMEOUT_MS: "1500",
      NEO4J_CONNECT_TIMEOUT_MS: "1000",
      NEO4J_MAX_SESSIONS_PER_REQUEST: "3",
      HTTP_HEADERS_TIMEOUT_MS: "2000",
      HTTP_REQUEST_TIMEOUT_MS: "4000",
      HTTP_KEEP_ALIVE_TIMEOUT_MS: "700",
      HTTP_MAX_CONNECTIONS: "64",
      SHUTDOWN_GRACE_MS: "0",
      SHUTDOWN_TIMEOUT_MS: "3000",
      LIMIT_MAX_RESPONSE_BYTES: "4096",
      EXPORT_TIMEOUT_MS: "60000",
      EXPORT_PAGE_SIZE: "200",
      MIGRATION_BATCH_TIMEOUT_MS: "20000",
      MIGRATION_INDEX_WAIT_MS: "7200000",
    });
    expect(config.export).toEqual({ timeoutMs: 60_000, pageSize: 200 });
    expect(config.migrations).toEqual({ batchTimeoutMs: 20_000, indexWaitMs: 7_200_000 });
    expect(config.env).toBe("production");
    expect(config.port).toBe(8080);
    expect(config.graphqlExecutor).toBe("jit");
    expect(config.neo4j).toEqual({
      uri: "neo4j+s://db.example.com:7687",
      user: "reader",
      password: "secret",
      database: "graph",
      transactionTimeoutMs: 2500,
      maxPoolSize: 20,
      acquisitionTimeoutMs: 1500,
      connectTimeoutMs: 1000,
      maxSessionsPerRequest: 3,
    });
    expect(config.http).toMatchObject({
      headersTimeoutMs: 2000,
      requestTimeoutMs: 4000,
      keepAliveTimeoutMs: 700,
      maxConnections: 64,
    });
    expect(config.shutdown).toEqual({ graceMs: 0, timeoutMs: 3000 });
    expect(config.local).toEqual({
      dataDir: "/var/lib/kg",
      port: 0,
      portFallback: false,
      heap: "1g",
      pageCache: "64M",
    });
    expect(config.limits).toEqual({
      requestTimeoutMs: 3000,
      bodyLimitBytes: 2048,
      maxDepth: 5,
      maxAliases: 6,
      maxDirectives: 7,
      maxTokens: 800,
      maxCost: 900,
      maxResponseBytes: 4096,
    });
  });

  it("an explicit NEO4J_LOCAL_PORT, even 7687, turns off the fallback to a free port", () => {
    expect(loadConfig({ NEO4J_LOCAL_PORT: "7687" }).local).toMatchObject({ port: 7687, portFallback: false });
    expect(loadConfig({}).local).toMatchObject({ port: 7687, portFallback: true });
  });

  it("refuses limits that contradict each other, naming each", () => {
    const problems = (env: NodeJS.ProcessEnv): string[] => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ NEO4J_MAX_POOL_SIZE: "10", NEO4J_MAX_SESSIONS_PER_REQUEST: "11" })).toEqual([
      "NEO4J_MAX_SESSIONS_PER_REQUEST: must not exceed NEO4J_MAX_POOL_SIZE (10)",
    ]);
    expect(problems({ HTTP_HEADERS_TIMEOUT_MS: "20000", HTTP_REQUEST_TIMEOUT_MS: "10000" })).toEqual([
      "HTTP_REQUEST_TIMEOUT_MS: must be at least HTTP_HEADERS_TIMEOUT_MS (20000)",
    ]);
    expect(problems({ SHUTDOWN_GRACE_MS: "10000" })).toEqual([
      "SHUTDOWN_GRACE_MS: must be less than SHUTDOWN_TIMEOUT_MS (10000)",
    ]);
    expect(problems({ HTTP_MAX_CONNECTIONS: "0" })).toEqual([
      "HTTP_MAX_CONNECTIONS: must be a whole number from 1 to 1000000",
    ]);
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ NEO4J_URI: "", PORT: "" }).neo4j.uri).toBeUndefined();
    expect(loadConfig({ PORT: "" }).port).toBe(4000);
  });

  it("lists every problem at once", () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: "eighty",
        NODE_ENV: "prod",
        NEO4J_URI: "http://localhost:7474",
        NEO4J_TX_TIMEOUT_MS: "5",
        NEO4J_LOCAL_HEAP: "lots",
        GRAPHQL_EXECUTOR: "fast",
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(6);
    expect(problems).toEqual(
      expect.arrayContaining([
        "PORT: must be a whole number from 0 to 65535",
        "NEO4J_URI: must be a bolt:// or neo4j:// URI",
        "NEO4J_TX_TIMEOUT_MS: must be a whole number from 100 to 600000",
        "NEO4J_LOCAL_HEAP: must be a size such as 512m or 2g",
      ]),
    );
    expect(problems.some((p) => p.startsWith("NODE_ENV:"))).toBe(true);
    expect(problems.some((p) => p.startsWith("GRAPHQL_EXECUTOR:"))).toBe(true);
  });

  describe("browsers, compression and caching", () => {
    it("allows any origin only in development by default", () => {
      expect(loadConfig({ NODE_ENV: "development" }).http.cors).toEqual({ anyOrigin: true, origins: [] });
      expect(loadConfig({ NODE_ENV: "production" }).http.cors).toEqual({ anyOrigin: false, origins: [] });
      expect(loadConfig({ NODE_ENV: "test" }).http.cors).toEqual({ anyOrigin: false, origins: [] });
    });

    it("reads a list of origins, `*`, or both", () => {
      expect(
        loadConfig({
          NODE_ENV: "production",
          CORS_ORIGINS: "https://App.example.com, http://localhost:5173,",
        }).http.cors,
      ).toEqual({ anyOrigin: false, origins: ["https://app.example.com", "http://localhost:5173"] });
      expect(loadConfig({ CORS_ORIGINS: "*" }).http.cors).toEqual({ anyOrigin: true, origins: [] });
      expect(loadConfig({ NODE_ENV: "production", CORS_ORIGINS: "*,http://[::1]:3000" }).http.cors).toEqual({
        anyOrigin: true,
        origins: ["http://[::1]:3000"],
      });
    });

    it.each([
      "https://app.example.com/",
      "app.example.com",
      "https://app.example.com/path",
      "ftp://x.org",
      "https://*.example.com",
    ])("refuses %s as an origin", (origin) => {
      expect(() => loadConfig({ CORS_ORIGINS: origin })).toThrow(
        /CORS_ORIGINS: must be `\*` or a comma-separated list/,
      );
    });

    it("reads the compression threshold and Cache-Control", () => {
      const { http } = loadConfig({ COMPRESSION_THRESHOLD_BYTES: "0", CACHE_CONTROL: "public, max-age=60" });
      expect(http.compressionThresholdBytes).toBe(0);
      expect(http.cacheControl).toBe("public, max-age=60");
      expect(() => loadConfig({ COMPRESSION_THRESHOLD_BYTES: "1k" })).toThrow(ConfigError);
      expect(() => loadConfig({ CACHE_CONTROL: "public\r\nSet-Cookie: x=1" })).toThrow(ConfigError);
    });
  });

  describe("auth", () => {
    const SECRET = "s".repeat(32);
    const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
      try {
        loadConfig(env);
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
      return [];
    };

    it("reads an HS256 secret with issuer, audience, roles claim, token reads and the development secret file", () => {
      expect(
        loadConfig({
          AUTH_JWT_SECRET: SECRET,
          AUTH_ISSUER: "https://id.example.com/",
          AUTH_AUDIENCE: "kg-graphql",
          AUTH_ROLES_CLAIM: "https://example.com/roles",
          AUTH_READS: "token",
          AUTH_DEV_SECRET_FILE: "/tmp/kg-dev-secret",
        }).auth,
      ).toEqual({
        key: { kind: "secret", secret: SECRET },
        issuer: "https://id.example.com/",
        audience: "kg-graphql",
        rolesClaim: "https://example.com/roles",
        reads: "token",
        devSecretFile: "/tmp/kg-dev-secret",
      });
    });

    it("reads a JWKS URL; http:// only for a loopback host", () => {
      expect(loadConfig({ AUTH_JWKS_URL: "https://id.example.com/.well-known/jwks.json" }).auth.key).toEqual({
        kind: "jwks",
        url: new URL("https://id.example.com/.well-known/jwks.json"),
      });
      expect(loadConfig({ AUTH_JWKS_URL: "http://127.0.0.1:8080/jwks" }).auth.key?.kind).toBe("jwks");
      expect(loadConfig({ AUTH_JWKS_URL: "http://localhost/jwks" }).auth.key?.kind).toBe("jwks");
      expect(problemsOf({ AUTH_JWKS_URL: "http://id.example.com/jwks" })).toEqual([
        "AUTH_JWKS_URL: must be an https:// URL (http:// only for localhost)",
      ]);
      expect(problemsOf({ AUTH_JWKS_URL: "ftp://id.example.com/jwks" })).toHaveLength(1);
      expect(problemsOf({ AUTH_JWKS_URL: "not a url" })).toHaveLength(1);
    });

    it("counts the secret's bytes: 32 ASCII characters pass, 31 do not", () => {
      expect(problemsOf({ AUTH_JWT_SECRET: "s".repeat(32) })).toEqual([]);
      expect(problemsOf({ AUTH_JWT_SECRET: "s".repeat(31) })).toEqual([
        "AUTH_JWT_SECRET: must be at least 32 bytes (e.g. `openssl rand -base64 48`)",
      ]);
      // 16 two-byte characters are 32 bytes.
      expect(problemsOf({ AUTH_JWT_SECRET: "é".repeat(16) })).toEqual([]);
    });

    it("lists every auth problem at once, with the other variables' problems", () => {
      const problems = problemsOf({
        NODE_ENV: "production",
        PORT: "eighty",
        AUTH_JWT_SECRET: "short",
        AUTH_JWKS_URL: "https://id.example.com/jwks",
        AUTH_READS: "sometimes",
        AUTH_ROLES_CLAIM: "",
      });
      expect(problems).toEqual(
        expect.arrayContaining([
          "PORT: must be a whole number from 0 to 65535",
          "AUTH_JWT_SECRET: must be at least 32 bytes (e.g. `openssl rand -base64 48`)",
          "AUTH_JWT_SECRET, AUTH_JWKS_URL: set one or the other, not both",
          "AUTH_AUDIENCE: required with AUTH_JWKS_URL in production (otherwise tokens the provider issued for other applications are accepted)",
        ]),
      );
      expect(problems.some((p) => p.startsWith("AUTH_READS:"))).toBe(true);
      // An empty variable is unset: AUTH_ROLES_CLAIM= falls back to `roles` and is no problem.
      expect(problems).toHaveLength(5);
    });

    it("requires AUTH_AUDIENCE with AUTH_JWKS_URL in production (a provider's tokens for other apps would pass)", () => {
      const jwks = { AUTH_JWKS_URL: "https://id.example.com/.well-known/jwks.json" };
      expect(problemsOf({ NODE_ENV: "production", ...jwks })).toEqual([
        "AUTH_AUDIENCE: required with AUTH_JWKS_URL in production (otherwise tokens the provider issued for other applications are accepted)",
      ]);
      // An empty variable is unset.
      expect(problemsOf({ NODE_ENV: "production", ...jwks, AUTH_AUDIENCE: "" })).toHaveLength(1);
      expect(problemsOf({ NODE_ENV: "production", ...jwks, AUTH_AUDIENCE: "kg-graphql" })).toEqual([]);
      // Development and a shared secret (which only this service's issuers hold) do not need it.
      expect(problemsOf(jwks)).toEqual([]);
      expect(problemsOf({ NODE_ENV: "production", AUTH_JWT_SECRET: "s".repeat(32) })).toEqual([]);
    });

    it("refuses token-only reads in production without a key (no one could read)", () => {
      expect(problemsOf({ NODE_ENV: "production", AUTH_READS: "token" })).toEqual([
        "AUTH_READS: `token` needs AUTH_JWT_SECRET or AUTH_JWKS_URL (otherwise no one could read)",
      ]);
      expect(problemsOf({ NODE_ENV: "production", AUTH_READS: "token", AUTH_JWT_SECRET: SECRET })).toEqual(
        [],
      );
      // In development `npm start` supplies the development secret.
      expect(problemsOf({ AUTH_READS: "token" })).toEqual([]);
    });
  });

  it("bounds the response budget", () => {
    expect(() => loadConfig({ LIMIT_MAX_RESPONSE_BYTES: "1023" })).toThrow(ConfigError);
    expect(() => loadConfig({ LIMIT_MAX_RESPONSE_BYTES: String(256 * 1024 * 1024 + 1) })).toThrow(
      ConfigError,
    );
  });

  describe("trusted documents", () => {
    it("defaults to off, with the client package's manifest (checked in, so a fresh clone has it)", () => {
      const { trustedDocuments } = loadConfig({});
      expect(trustedDocuments.mode).toBe("off");
      expect(trustedDocuments.manifestPath).toMatch(
        /packages\/client\/src\/generated\/persisted-documents\.json$/,
      );
      expect(existsSync(trustedDocuments.manifestPath)).toBe(true);
    });

    it("reads allow and strict, and a manifest path relative to the working directory", () => {
      expect(loadConfig({ TRUSTED_DOCUMENTS: "allow" }).trustedDocuments.mode).toBe("allow");
      expect(
        loadConfig({ TRUSTED_DOCUMENTS: "strict", TRUSTED_DOCUMENTS_MANIFEST: "ops/manifest.json" })
          .trustedDocuments,
      ).toEqual({ mode: "strict", manifestPath: path.resolve("ops/manifest.json") });
    });

    it("refuses any other mode, naming the variable", () => {
      expect(() => loadConfig({ TRUSTED_DOCUMENTS: "on" })).toThrow(/TRUSTED_DOCUMENTS/);
    });
  });

  it("bounds a migration's batch and the wait for its indexes, with defaults for a large log", () => {
    expect(loadConfig({}).migrations).toEqual({ batchTimeoutMs: 300_000, indexWaitMs: 3_600_000 });
    expect(() => loadConfig({ MIGRATION_BATCH_TIMEOUT_MS: "999" })).toThrow(/MIGRATION_BATCH_TIMEOUT_MS/);
    expect(() => loadConfig({ MIGRATION_BATCH_TIMEOUT_MS: "3600001" })).toThrow(/MIGRATION_BATCH_TIMEOUT_MS/);
    expect(() => loadConfig({ MIGRATION_INDEX_WAIT_MS: "999" })).toThrow(/MIGRATION_INDEX_WAIT_MS/);
    expect(() => loadConfig({ MIGRATION_INDEX_WAIT_MS: "86400001" })).toThrow(/MIGRATION_INDEX_WAIT_MS/);
    expect(() => loadConfig({ MIGRATION_INDEX_WAIT_MS: "1h" })).toThrow(/MIGRATION_INDEX_WAIT_MS/);
  });

  it("bounds the export's timeout and page size", () => {
    expect(() => loadConfig({ EXPORT_TIMEOUT_MS: "999" })).toThrow(/EXPORT_TIMEOUT_MS/);
    expect(() => loadConfig({ EXPORT_TIMEOUT_MS: "86400001" })).toThrow(/EXPORT_TIMEOUT_MS/);
    expect(() => loadConfig({ EXPORT_PAGE_SIZE: "9" })).toThrow(/EXPORT_PAGE_SIZE/);
    expect(() => loadConfig({ EXPORT_PAGE_SIZE: "10001" })).toThrow(/EXPORT_PAGE_SIZE/);
  });

  it("rejects ports out of range", () => {
    expect(() => loadConfig({ PORT: "65536" })).toThrow(ConfigError);
    expect(() => loadConfig({ NEO4J_LOCAL_PORT: "-1" })).toThrow(ConfigError);
  });
});
