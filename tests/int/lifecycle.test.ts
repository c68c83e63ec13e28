import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { promisify } from "node:util";
import { loadConfig } from "../../src/config";
import { CypherExecutor } from "../../src/graph/executor";
import { createDriver } from "../../src/neo4j/driver";
import { LocalNeo4jError, startLocalNeo4j, type LocalNeo4j } from "../../src/neo4j/localNeo4j";
import { createApp, type App } from "../../src/server/app";
import { createMetrics } from "../../src/server/metrics";
import { postGraphQL, type GraphQLResponse } from "../support/http";
import { silentLogger } from "../support/testGraph";

const ROOT = path.resolve(__dirname, "../..");

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return condition();
}

// These tests start Neo4j instances of their own: stopping the run's shared one would break other suites.
describe("service lifecycle with its own local Neo4j", () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kg-lifecycle-"));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("answers /readyz 503 while Neo4j is stopped and 200 again once it is back", async () => {
    const dataDir = tempDir();
    const options = { dataDir, heap: "512m", pageCache: "32m" };
    let neo4j: LocalNeo4j = await startLocalNeo4j({ ...options, port: 0 });
    const driver = createDriver({ uri: neo4j.uri, user: "neo4j", password: undefined });
    const executor = new CypherExecutor(driver, {
      database: "neo4j",
      transactionTimeoutMs: 5000,
      logger: silentLogger,
    });
    const app: App = await createApp({
      config: loadConfig({ NODE_ENV: "test" }),
      driver,
      executor,
      logger: silentLogger,
      metrics: createMetrics({ open: 0 }),
    });
    try {
      const port = await app.listen(0, "127.0.0.1");
      const readyz = async (): Promise<number> => (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
      const count = (): Promise<GraphQLResponse<{ entities: { totalCount: number } }>> =>
        postGraphQL(`http://127.0.0.1:${port}/graphql`, "{ entities { totalCount } }");
      // /readyz answers within 1.5 s whatever Neo4j does: a JVM that has just started may need a few probes.
      expect(await waitUntil(async () => (await readyz()) === 200, 30_000)).toBe(true);
      // A cold JVM's first query may outlast the 5 s transaction timeout on a loaded machine.
      expect(await waitUntil(async () => (await count()).body.data?.entities.totalCount === 0, 60_000)).toBe(
        true,
      );

      const pid = neo4j.pid;
      await neo4j.stop();
      expect(isAlive(pid)).toBe(false);
      expect(await readyz()).toBe(503);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      // While the database is down, queries fail with a code clients can act on, and nothing hangs.
      const started = Date.now();
      const down = await count();
      expect(down.body.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
      expect(Date.now() - started).toBeLessThan(15_000);

      // Back up on the same port: the service recovers by itself.
      neo4j = await startLocalNeo4j({ ...options, port: neo4j.port });
      expect(await waitUntil(async () => (await readyz()) === 200, 20_000)).toBe(true);
      expect((await count()).body.data?.entities.totalCount).toBe(0);
    } finally {
      await app.stop();
      await driver.close();
      await neo4j.stop();
    }
  });

  it("a port in use is one actionable error naming the setting to change", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const address = blocker.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    try {
      const failure = await startLocalNeo4j({
        dataDir: tempDir(),
        port,
        heap: "512m",
        pageCache: "32m",
      }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(LocalNeo4jError);
      const message = (failure as Error).message;
      expect(message.split("\n")).toHaveLength(1);
      expect(message).toMatch(/NEO4J_LOCAL_PORT/);
    } finally {
      blocker.close();
    }
  });

  // Start-up runs a JVM, migrations and the seed import: minutes on a loaded machine.
  it("`npm start` serves GraphQL over HTTP and SIGTERM leaves no Neo4j process behind", async () => {
    // No AUTH_* key: in development `npm start` makes a secret there and `npm run token` signs with it.
    const devSecretFile = path.join(tempDir(), "dev-jwt-secret");
    const env = {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AUTH_"))),
      AUTH_DEV_SECRET_FILE: devSecretFile,
    };
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: {
        ...env,
        // As `npm start` runs: jest's NODE_ENV=test would hide signal handling that differs outside tests.
        NODE_ENV: "development",
        NEO4J_URI: "",
        PORT: "0",
        NEO4J_LOCAL_PORT: "0",
        NEO4J_LOCAL_DATA_DIR: tempDir(),
        NEO4J_LOCAL_PAGECACHE: "32m",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const logs: string[] = [];
    const started = new Promise<{ url: string; neo4jPid: number }>((resolve, reject) => {
      let neo4jPid = -1;
      readline.createInterface({ input: child.stdout }).on("line", (line) => {
        if (!line.startsWith("{")) return;
        logs.push(line);
        const entry = JSON.parse(line) as { pid?: number; url?: string };
        if (entry.pid !== undefined) neo4jPid = entry.pid;
        if (entry.url !== undefined) resolve({ url: entry.url, neo4jPid });
      });
      const stderr: string[] = [];
      child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
      child.once("exit", (code) =>
        reject(new Error(`service exited early with ${code}: ${stderr.join("")}`)),
      );
    });
    const { url, neo4jPid } = await started;
    try {
      expect(neo4jPid).toBeGreaterThan(0);
      expect(isAlive(neo4jPid)).toBe(true);
      const response = await postGraphQL(url, "{ __typename }");
      expect(response).toEqual({
        status: 200,
        body: { data: { __typename: "Query" }, extensions: { cost: { estimated: 1, limit: 100_000 } } },
      });
      expect((await fetch(url.replace("/graphql", "/readyz"))).status).toBe(200);

      // The development secret: made with mode 0600, announced in the start log, and what
      // `npm run token` signs with, so that its token is accepted for a write.
      expect(statSync(devSecretFile).mode & 0o777).toBe(0o600);
      expect(logs.some((l) => l.includes("development secret") && l.includes(devSecretFile))).toBe(true);
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ["--import", "tsx", "src/auth/tokenCli.ts", "--role", "admin", "--sub", "lifecycle"],
        { cwd: ROOT, env },
      );
      const retract = `mutation { retract(input: { id: "person:lifecycle-nobody", reason: "test" }) { __typename } }`;
      const post = (headers: Record<string, string>) =>
        fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ query: retract }),
        });
      expect((await post({})).status).toBe(401);
      expect([401, 403]).not.toContain((await post({ authorization: `Bearer ${stdout.trim()}` })).status);

      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(await waitUntil(() => !isAlive(neo4jPid), 10_000)).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      if (neo4jPid > 0 && isAlive(neo4jPid)) process.kill(neo4jPid, "SIGKILL");
    }
  }, 300_000);
});
