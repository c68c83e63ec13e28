/**
 * `npm run bench:ingest`: ingestDocument of a 5 KB article through the real path: GraphQL over
 * HTTP (Express, Apollo, @auth), the write layer (one Change with the document and its mentions),
 * an embedded Neo4j holding the bundled dataset. Starts its own Neo4j in a temporary directory and
 * stops it. Options: --runs 40 (measured ingests, after 3 warm-ups that build the dictionary).
 * Writes bench/results/linking-ingest-<date>.md.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pino from "pino";
import { signToken } from "../../src/auth/signToken";
import { loadConfig } from "../../src/config";
import { CypherExecutor } from "../../src/graph/executor";
import { applyMigrations, loadMigrations } from "../../src/graph/migrations";
import { bundledDatasetFiles, importDatasetFile } from "../../src/import/importDataset";
import { createDriver, waitForDatabase } from "../../src/neo4j/driver";
import { startLocalNeo4j } from "../../src/neo4j/localNeo4j";
import { createApp } from "../../src/server/app";
import { createMetrics } from "../../src/server/metrics";

const { values } = parseArgs({ options: { runs: { type: "string", default: "40" } } });
const RUNS = Number(values.runs);
const WARM_UPS = 5;
const ARTICLE_BYTES = 5 * 1024;
const SECRET = randomUUID() + randomUUID();

const INGEST = `mutation($input: IngestDocumentInput!) {
  ingestDocument(input: $input) { existing mentions { id status } candidates { kind } userErrors { code message } change { seq } }
}`;

/** 5 KB articles made of the gold set's texts (so they mention the bundled graph's entities), each unique. */
function articles(count: number): string[] {
  const dir = path.join(__dirname, "../../tests/fixtures/linking");
  const texts = readdirSync(dir)
    .filter((f) => /^\d.*\.json$/.test(f))
    .sort()
    .map((f) => (JSON.parse(readFileSync(path.join(dir, f), "utf8")) as { text: string }).text);
  return Array.from({ length: count }, (_, i) => {
    const parts: string[] = [];
    for (let j = i; Buffer.byteLength(parts.join("\n\n")) < ARTICLE_BYTES - 60; j += 1) {
      parts.push(texts[j % texts.length] ?? "");
    }
    return `${parts.join("\n\n")}\n\nref ${randomUUID()}`;
  });
}

/** CPU seconds a process has used, from /proc (the Neo4j JVM's). */
function procCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "bench-ingest-"));
  const logger = pino({ level: "silent" });
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, heap: "1g", pageCache: "512m" });
  const driver = createDriver({ uri: neo4j.uri, user: "neo4j", password: undefined });
  try {
    await waitForDatabase(driver, logger);
    const executor = new CypherExecutor(driver, { database: "neo4j", transactionTimeoutMs: 120_000, logger });
    await applyMigrations(executor, loadMigrations());
    for (const file of bundledDatasetFiles()) await importDatasetFile(executor, file);

    // A fresh database plans every query once: the first requests on a loaded machine are slow.
    const config = loadConfig({
      NODE_ENV: "production",
      AUTH_JWT_SECRET: SECRET,
      REQUEST_TIMEOUT_MS: "120000",
    });
    const app = await createApp({ config, driver, executor, logger, metrics: createMetrics({ open: 0 }) });
    const port = await app.listen(0, "127.0.0.1");
    const url = `http://127.0.0.1:${port}/graphql`;
    const token = await signToken({
      secret: SECRET,
      subject: "bench",
      role: "EDITOR",
      ttlSeconds: 3600,
      rolesClaim: config.auth.rolesClaim,
    });
    const ingest = async (text: string, i: number): Promise<{ mentions: number }> => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: INGEST, variables: { input: { title: `Bench article ${i}`, text } } }),
      });
      const body = (await response.json()) as {
        data?: { ingestDocument: { existing: boolean; mentions: unknown[]; userErrors: unknown[] } };
        errors?: unknown;
      };
      const payload = body.data?.ingestDocument;
      if (!payload || payload.existing || payload.userErrors.length > 0)
        throw new Error(`ingest ${i} failed: ${JSON.stringify(body)}`);
      return { mentions: payload.mentions.length };
    };

    const texts = articles(WARM_UPS + RUNS);
    const firstStarted = performance.now();
    await ingest(texts[0] ?? "", 0);
    const firstMs = performance.now() - firstStarted;
    for (let i = 1; i < WARM_UPS; i += 1) await ingest(texts[i] ?? "", i);

    const times: number[] = [];
    let mentions = 0;
    const nodeCpu = process.cpuUsage();
    const neo4jCpu = procCpuSeconds(neo4j.pid);
    const load = loadavg();
    for (let i = WARM_UPS; i < texts.length; i += 1) {
      const t = performance.now();
      mentions += (await ingest(texts[i] ?? "", i)).mentions;
      times.push(performance.now() - t);
    }
    const nodeCpuMs = ((u) => (u.user + u.system) / 1000)(process.cpuUsage(nodeCpu)) / RUNS;
    const neo4jCpuMs = ((procCpuSeconds(neo4j.pid) - neo4jCpu) * 1000) / RUNS;
    const loadAfter = loadavg();
    times.sort((a, b) => a - b);
    await app.stop({ graceMs: 0 });

    const bytes = Buffer.byteLength(texts[WARM_UPS] ?? "");
    const lines = [
      `# Ingest of a 5 KB article through the real path (${new Date().toISOString().slice(0, 10)})`,
      "",
      `Node ${process.version}; \`ingestDocument\` over HTTP (Express, Apollo, @auth EDITOR), the write layer (one Change: the document and its mentions), embedded Neo4j 5 (heap 1g) holding the bundled dataset. Client and service in one Node process, sequential requests.`,
      "",
      `Articles: ${bytes} bytes each (gold-set texts joined, unique), ${(mentions / RUNS).toFixed(0)} mentions each on average. ${RUNS} measured after ${WARM_UPS} warm-ups; the first ingest (which builds the link dictionary from the graph) took ${firstMs.toFixed(0)} ms.`,
      "",
      `Load average: ${load.map((l) => l.toFixed(1)).join(", ")} before, ${loadAfter.map((l) => l.toFixed(1)).join(", ")} after, on ${cpus().length} cores (wall times on a shared machine are inflated; CPU times are per ingest).`,
      "",
      "| ingestDocument, 5 KB | p50 | p95 | max | Node CPU / ingest | Neo4j CPU / ingest |",
      "| --- | --- | --- | --- | --- | --- |",
      `| wall | ${percentile(times, 50).toFixed(0)} ms | ${percentile(times, 95).toFixed(0)} ms | ${(times.at(-1) ?? 0).toFixed(0)} ms | ${nodeCpuMs.toFixed(0)} ms | ${neo4jCpuMs.toFixed(0)} ms |`,
    ];
    const report = lines.join("\n");
    console.log(report);
    const dir = path.join(__dirname, "../results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, `linking-ingest-${new Date().toISOString().slice(0, 10)}.md`),
      `${report}\n`,
    );
  } finally {
    await driver.close();
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
