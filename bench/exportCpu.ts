/**
 * The service's side of an export, in-process (issue #15): CPU µs per element of runExport writing a
 * format to a sink that drops the bytes, so that a change to the NDJSON path or the page reads can
 * be measured on a loaded machine. Neo4j's CPU too, when its pid is given. Run with `--cpu-prof` for
 * a profile (bench/profileSummary.ts summarises it).
 *
 *   NEO4J_URI=bolt://127.0.0.1:7687 node --import tsx bench/exportCpu.ts [--formats ndjson,jsonld] \
 *     [--rounds 3] [--page 1000] [--neo4j-pid PID]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import pino from "pino";
import { CypherExecutor } from "../src/graph/executor";
import { createDriver } from "../src/neo4j/driver";
import { EXPORT_FORMAT_NAMES, exportFormat } from "../src/export/formats";
import { singleFileOutput, type ExportOutput } from "../src/export/output";
import { runExport } from "../src/export/runExport";

const { values } = parseArgs({
  options: {
    formats: { type: "string", default: "ndjson" },
    rounds: { type: "string", default: "3" },
    page: { type: "string", default: "1000" },
    "neo4j-pid": { type: "string" },
  },
});

/** User + system CPU seconds of another process (0 when unknown). */
function cpuOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function main(): Promise<void> {
  const uri = process.env.NEO4J_URI;
  if (uri === undefined) throw new Error("NEO4J_URI: the Neo4j to export from");
  const neo4jPid = values["neo4j-pid"] === undefined ? undefined : Number(values["neo4j-pid"]);
  const driver = createDriver({
    uri,
    user: process.env.NEO4J_USER ?? "neo4j",
    password: process.env.NEO4J_PASSWORD,
  });
  const executor = new CypherExecutor(driver, {
    database: "neo4j",
    transactionTimeoutMs: 3_600_000,
    logger: pino({ level: "silent" }),
  });
  try {
    for (const name of (values.formats ?? "").split(",")) {
      const format = exportFormat(name);
      if (format === undefined) throw new Error(`--formats: one of ${EXPORT_FORMAT_NAMES.join(", ")}`);
      for (let round = 1; round <= Number(values.rounds); round += 1) {
        let bytes = 0;
        const sink: ExportOutput = singleFileOutput({
          write: (chunk) => {
            bytes += chunk.length;
            return Promise.resolve();
          },
        });
        let rssPeak = process.memoryUsage.rss();
        const sampler = setInterval(() => {
          rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
        }, 20);
        const cpu0 = process.cpuUsage();
        const neo0 = cpuOf(neo4jPid);
        const started = performance.now();
        const result = await runExport(
          executor,
          { format, pageSize: Number(values.page), timeoutMs: 3_600_000 },
          () => sink,
        );
        const seconds = (performance.now() - started) / 1000;
        clearInterval(sampler);
        const cpu = process.cpuUsage(cpu0);
        const serviceUs = (cpu.user + cpu.system) / result.elements;
        const neo4jUs = ((cpuOf(neo4jPid) - neo0) * 1e6) / result.elements;
        process.stdout.write(
          `${name} round ${round}: ${result.elements} elements, ${(bytes / 1024 / 1024).toFixed(0)} MiB, ` +
            `${seconds.toFixed(1)} s wall, service ${serviceUs.toFixed(1)} µs/element` +
            (neo4jPid === undefined ? "" : `, Neo4j ${neo4jUs.toFixed(1)} µs/element`) +
            `, peak RSS ${(rssPeak / 1024 / 1024).toFixed(0)} MiB` +
            "\n",
        );
      }
    }
  } finally {
    await driver.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
