import path from "node:path";
import { ConfigError, loadConfig } from "../../src/config";

describe("loadConfig", () => {
  it("applies documented defaults to an empty environment", () => {
    const config = loadConfig({});
    expect(config).toEqual({
      env: "development",
      host: "127.0.0.1",
      port: 4000,
      logLevel: "info",
      graphqlExecutor: "graphql-js",
      neo4j: {
        uri: undefined,
        user: "neo4j",
        password: undefined,
        database: "neo4j",
        transactionTimeoutMs: 10_000,
      },
      limits: {
        requestTimeoutMs: 15_000,
        bodyLimitBytes: 1_048_576,
        maxDepth: 12,
        maxAliases: 30,
        maxDirectives: 20,
        maxTokens: 4_000,
        maxCost: 100_000,
      },
      local: { dataDir: path.resolve(".data/neo4j"), port: 7687, heap: "1g", pageCache: "128m" },
    });
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
    });
    expect(config.env).toBe("production");
    expect(config.port).toBe(8080);
    expect(config.graphqlExecutor).toBe("jit");
    expect(config.neo4j).toEqual({
      uri: "neo4j+s://db.example.com:7687",
      user: "reader",
      password: "secret",
      database: "graph",
      transactionTimeoutMs: 2500,
    });
    expect(config.local).toEqual({ dataDir: "/var/lib/kg", port: 0, heap: "1g", pageCache: "64M" });
    expect(config.limits).toEqual({
      requestTimeoutMs: 3000,
      bodyLimitBytes: 2048,
      maxDepth: 5,
      maxAliases: 6,
      maxDirectives: 7,
      maxTokens: 800,
      maxCost: 900,
    });
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

  it("rejects ports out of range", () => {
    expect(() => loadConfig({ PORT: "65536" })).toThrow(ConfigError);
    expect(() => loadConfig({ NEO4J_LOCAL_PORT: "-1" })).toThrow(ConfigError);
  });
});
