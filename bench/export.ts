/**
 * Export benchmark (issue #15): elements/s and the service's peak RSS while it streams each export
 * format, at one or more graph sizes (to show that memory does not grow with the graph).
 *
 *   npm run bench:export -- [--entities 10k,100k,1m] [--formats ndjson,jsonld,graphml,csv] [--rounds 1]
 *
 * For each size: an embedded Neo4j (heap and page cache as `npm run bench` gives that size) on a
 * graph of that many synthetic entities written by the real importer (bench/syntheticGraph.ts):
 * the one `npm run bench` imported and kept (bench/.work/neo4j-<size>) if there is one, else
 * bench/.work/export-<size> (loaded once, in the same documents, and kept for the next
 * run). The project's migrations are applied first (a reused graph may predate some; the time
 * taken is printed). Then the built service (dist/) as a process of its own on it; each format is
 * downloaded over HTTP as fast as the client can read, `--rounds` times, while the service's RSS
 * is sampled every 20 ms. CPU seconds of the service and of Neo4j are read from /proc, so the
 * figures can be compared on a loaded machine. Prints a Markdown table.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import pino from "pino";
import { CypherExecutor } from "../src/graph/executor";
import { SERVICE_NODE_ARGS } from "../src/heapBudget";
import { applyMigrations, loadMigrations } from "../src/graph/migrations";
import { createDriver } from "../src/neo4j/driver";
import { startLocalNeo4j } from "../src/neo4j/localNeo4j";
import { loadSyntheticGraph } from "./loadGraph";
import { syntheticGraphOptions } from "./syntheticGraph";
import { neo4jSettingsFor } from "./targets";

const ROOT = path.resolve(__dirname, "..");
const TICKS_PER_SECOND = 100;

/** Resident set size of a process now, in bytes (0 once it is gone). */
function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** User + system CPU seconds a process has used. */
function cpuOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

interface Service {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

async function startService(uri: string): Promise<Service> {
  const child = spawn(process.execPath, [...SERVICE_NODE_ARGS, path.join(ROOT, "dist/src/main.js")], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEO4J_URI: uri, PORT: "0", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ready = await new Promise<{ url: string; servicePid: number }>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the service exited with ${code}`)));
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      if (!line.startsWith("{")) return;
      const entry = JSON.parse(line) as { url?: string; servicePid?: number };
      if (entry.url !== undefined && entry.servicePid !== undefined)
        resolve({ url: entry.url, servicePid: entry.servicePid });
    });
  });
  return {
    base: new URL(ready.url).origin,
    pid: ready.servicePid,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

interface Measurement {
  format: string;
  seq: number;
  elements: number;
  bytes: number;
  seconds: number;
  serviceCpu: number;
  neo4jCpu: number;
  rssBefore: number;
  rssPeak: number;
}

async function measure(service: Service, neo4jPid: number, format: string): Promise<Measurement> {
  const rssBefore = rssOf(service.pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssOf(service.pid));
  }, 20);
  const cpu0 = cpuOf(service.pid);
  const neo0 = cpuOf(neo4jPid);
  const started = performance.now();
  // identity: measure the export itself, not the compression middleware.
  const response = await fetch(`${service.base}/export?format=${format}`, {
    headers: { "accept-encoding": "identity" },
  });
  if (response.status !== 200 || response.body === null)
    throw new Error(`${format}: HTTP ${response.status}`);
  let bytes = 0;
  let tail = "";
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    if (format === "ndjson") tail = (tail + Buffer.from(chunk).toString("utf8")).slice(-200);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, rssOf(service.pid));
  const end = /\{"type":"end","seq":(\d+),"elements":(\d+)\}\s*$/.exec(tail);
  return {
    format,
    seq: Number(response.headers.get("x-graph-seq")),
    elements: end ? Number(end[2]) : NaN,
    bytes,
    seconds,
    serviceCpu: cpuOf(service.pid) - cpu0,
    neo4jCpu: cpuOf(neo4jPid) - neo0,
    rssBefore,
    rssPeak,
  };
}

/** A size such as 10000, 10k or 1m. */
function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`--entities: '${text}' is not a size such as 10000, 10k or 1m`);
  const factor = { "": 1, k: 1_000, m: 1_000_000 }[(match[2] ?? "").toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * factor);
}

/** Where the graph of `entities` is: the main benchmark's, if it kept one, else this benchmark's own. */
function prepare(entities: number): { dataDir: string; loaded: boolean; from: string } {
  const benchDir = path.join(ROOT, "bench/.work", `neo4j-${entities}`);
  const dataDir = path.join(ROOT, "bench/.work", `export-${entities}`);
  if (existsSync(path.join(dataDir, "loaded.json"))) return { dataDir, loaded: true, from: dataDir };
  if (existsSync(path.join(benchDir, "bench-import.json"))) {
    return { dataDir: benchDir, loaded: true, from: `${benchDir} (npm run bench's graph)` };
  }
  rmSync(dataDir, { recursive: true, force: true });
  return { dataDir, loaded: false, from: dataDir };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      entities: { type: "string", default: "10k,100k" },
      formats: { type: "string", default: "ndjson,jsonld,graphml,csv" },
      rounds: { type: "string", default: "1" },
    },
  });
  const sizes = (values.entities ?? "").split(",").map(parseSize);
  const rounds = Number(values.rounds);
  const formats = (values.formats ?? "").split(",");
  const rows: string[] = [];
  const log = (m: string): void => {
    process.stderr.write(`${m}\n`);
  };
  const notes: string[] = [];
  for (const entities of sizes) {
    const { dataDir, loaded, from } = prepare(entities);
    const settings = neo4jSettingsFor(entities);
    log(`${entities} entities: ${from}, Neo4j heap ${settings.heap}, page cache ${settings.pageCache}`);
    const local = await startLocalNeo4j({ dataDir, port: 0, ...settings, onProgress: log });
    try {
      const driver = createDriver({ uri: local.uri, user: "neo4j", password: undefined });
      const executor = new CypherExecutor(driver, {
        database: "neo4j",
        transactionTimeoutMs: 3_600_000,
        logger: pino({ level: "silent" }),
      });
      try {
        // Before the service starts (which would apply them within its start-up timeout): a
        // reused graph may predate a migration, e.g. 007's backfill of ChangeItem.seq.
        const migrating = performance.now();
        const applied = await applyMigrations(executor, loadMigrations());
        if (applied.length > 0) {
          const note = `${entities}: migrations ${applied.join(", ")} applied in ${((performance.now() - migrating) / 1000).toFixed(0)} s`;
          notes.push(note);
          log(note);
        }
        if (!loaded) {
          const started = performance.now();
          // In the documents of npm run bench's generator (bounded import transactions at every size).
          const result = await loadSyntheticGraph(executor, syntheticGraphOptions(entities), log);
          writeFileSync(
            path.join(dataDir, "loaded.json"),
            `${JSON.stringify({ ...result, wallSeconds: (performance.now() - started) / 1000 })}\n`,
          );
          log(`loaded ${entities} entities in ${((performance.now() - started) / 1000).toFixed(0)} s`);
        }
      } finally {
        await driver.close();
      }
      const service = await startService(local.uri);
      try {
        // Only NDJSON states its count; the other formats, at the same seq, hold the same elements
        // (less the mentions, which only NDJSON carries: none in the synthetic graph).
        let counted = NaN;
        for (let round = 1; round <= rounds; round += 1) {
          for (const format of formats) {
            const m = await measure(service, local.pid, format);
            log(`${entities} ${format}: ${JSON.stringify(m)}`);
            if (!Number.isNaN(m.elements)) counted = m.elements;
            const elements = Number.isNaN(m.elements) ? counted : m.elements;
            rows.push(
              `| ${entities} | ${m.format} | ${m.seq} | ${elements} | ${mb(m.bytes)} | ${m.seconds.toFixed(1)} | ` +
                `${(elements / m.seconds).toFixed(0)} | ${m.serviceCpu.toFixed(1)} | ${((m.serviceCpu / elements) * 1e6).toFixed(1)} | ` +
                `${m.neo4jCpu.toFixed(1)} | ${((m.neo4jCpu / elements) * 1e6).toFixed(1)} | ${mb(m.rssBefore)} | ${mb(m.rssPeak)} |`,
            );
          }
        }
      } finally {
        await service.stop();
      }
    } finally {
      await local.stop();
    }
  }
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");
  process.stdout.write(
    `Load average at the end (1/5/15 min): ${load}; ${os.cpus().length} cores.\n` +
      notes.map((note) => `${note}\n`).join("") +
      "\n| entities | format | seq | elements | MiB sent | wall s | elements/s (wall) | service CPU s | service CPU µs/element | Neo4j CPU s | Neo4j CPU µs/element | service RSS before MiB | service RSS peak MiB |\n" +
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n" +
      `${rows.join("\n")}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
