import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config";
import { ImportConflictError } from "../write/importDocument";
import { withCliTarget } from "../neo4j/cliTarget";
import { importDatasetFile } from "./importDataset";
import { DatasetError, readDataset } from "./readDataset";

const USAGE = `Usage: npm run import -- <data/file.yaml>... [--dry-run] [--force]

Validates each file completely (every problem is listed, nothing is written when there is one),
then writes each document and its facts in one transaction.
  --dry-run  run the import and roll it back; print what would change
  --force    rewrite a document even when its content is unchanged

Neo4j: NEO4J_URI if set; otherwise the embedded one running on NEO4J_LOCAL_DATA_DIR (e.g. under
npm start, on whichever port it took), else the embedded one is started there for the import.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { "dry-run": { type: "boolean" }, force: { type: "boolean" }, help: { type: "boolean" } },
    allowPositionals: true,
  });
  if (values.help || positionals.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  // Validate every file before touching the database.
  for (const file of positionals) readDataset(file);

  const config = loadConfig();
  const transactionTimeoutMs = Math.max(config.neo4j.transactionTimeoutMs, 300_000);
  return withCliTarget(config, { transactionTimeoutMs, migrate: true }, async (executor) => {
    for (const file of positionals) {
      const started = performance.now();
      const result = await importDatasetFile(executor, file, {
        dryRun: values["dry-run"],
        force: values.force,
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const verb = values["dry-run"] ? "would change" : "changed";
      if (result.unchanged && !values.force) {
        process.stdout.write(
          `${file}: ${result.documentId} is unchanged; nothing written (--force rewrites it)\n`,
        );
        continue;
      }
      process.stdout.write(
        `${file}: ${result.documentId} ${verb} in ${seconds} s: ${JSON.stringify(result.counters)}\n` +
          `  elements added: ${result.added.length}${preview(result.added)}\n` +
          `  elements removed: ${result.removed.length}${preview(result.removed)}\n` +
          (result.setAside.length === 0
            ? ""
            : `  left out (a curator's retract or merge stands): ${result.setAside.length}${preview(
                result.setAside.map((x) => `${x.id} (${x.reason})`),
              )}\n`),
      );
    }
    return 0;
  });
}

function preview(ids: string[]): string {
  if (ids.length === 0) return "";
  return ` (${ids.slice(0, 10).join(", ")}${ids.length > 10 ? `, ... ${ids.length - 10} more` : ""})`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (
      error instanceof DatasetError ||
      error instanceof ConfigError ||
      error instanceof ImportConflictError
    ) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`import failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
