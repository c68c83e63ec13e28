import { createWriteStream, mkdirSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { finished } from "node:stream/promises";
import type { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config";
import { withCliTarget } from "../neo4j/cliTarget";
import { EXPORT_FORMAT_NAMES, exportFormat } from "./formats";
import { ChunkedWriter, singleFileOutput, streamSink, type ExportOutput } from "./output";
import { runExport } from "./runExport";

const USAGE = `Usage: npm run export -- --format ndjson|jsonld|graphml|csv --out PATH

Exports the graph at one seq of its change log (docs/feeds.md "Bulk export") straight from Neo4j,
in one read transaction. PATH is a file (ndjson, jsonld, graphml; "-" for standard output) or, for
csv, a directory (created; must be empty) of neo4j-admin import files. The seq is printed on
standard error. EXPORT_TIMEOUT_MS and EXPORT_PAGE_SIZE apply.

Neo4j: NEO4J_URI if set; otherwise the embedded one running on NEO4J_LOCAL_DATA_DIR (e.g. under
npm start), else the embedded one is started there for the export.`;

class UsageError extends Error {}

/** CSV's files, one after another, into a directory. */
function directoryOutput(dir: string, signal: AbortSignal): ExportOutput {
  let stream: Writable | undefined;
  let writer: ChunkedWriter | undefined;
  const close = async (): Promise<void> => {
    if (stream === undefined || writer === undefined) return;
    await writer.flush();
    stream.end();
    await finished(stream);
    stream = undefined;
  };
  return {
    async open(name) {
      await close();
      stream = createWriteStream(path.join(dir, name));
      writer = new ChunkedWriter(streamSink(stream, signal));
    },
    write: async (text) => {
      if (writer === undefined) throw new Error("write before open");
      await writer.write(text);
    },
    finish: close,
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { format: { type: "string" }, out: { type: "string" }, help: { type: "boolean" } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = exportFormat(values.format);
  if (format === undefined) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMAT_NAMES.join(", ")}`);
  }
  const out = values.out;
  if (out === undefined || out === "") throw new UsageError("--out is required");
  if (format.multiFile) {
    if (out === "-")
      throw new UsageError(`--format ${format.name} writes several files: --out must be a directory`);
    if (existsSync(out) && readdirSync(out).length > 0) throw new UsageError(`--out ${out} is not empty`);
    mkdirSync(out, { recursive: true });
  }

  const config = loadConfig();
  const { transactionTimeoutMs } = config.neo4j;
  return withCliTarget(config, { transactionTimeoutMs, migrate: false }, async (target, logger) => {
    const executor = target.forRequest(logger, Date.now() + config.export.timeoutMs);
    let file: Writable | undefined;
    const started = performance.now();
    const result = await runExport(
      executor,
      { format, pageSize: config.export.pageSize, timeoutMs: config.export.timeoutMs },
      (_seq, signal) => {
        if (format.multiFile) return directoryOutput(out, signal);
        file = out === "-" ? process.stdout : createWriteStream(out);
        return singleFileOutput(streamSink(file, signal));
      },
    );
    if (file !== undefined && file !== process.stdout) {
      file.end();
      await finished(file);
    }
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `exported ${result.elements} elements at seq ${result.seq} as ${format.name} to ${out} in ${seconds.toFixed(1)} s\n`,
    );
    return 0;
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`export failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
