import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config";
import { withCliTarget } from "../neo4j/cliTarget";
import { ingestDocument } from "../write/mutations/ingestDocument";
import { DocumentLinker } from "./documentLinker";
import { NotUtf8Error, readUtf8Text } from "./readText";

const USAGE = `Usage: npm run ingest -- <file.txt> --title "..." [--url URL] [--published-at ISO-8601] [--publisher NAME]

Stores the file's text as a document and links its mentions of known entities, through the same
write path as the ingestDocument mutation (one Change, actor 'ingest:<file name>'). The file must be
UTF-8 (a leading byte-order mark is dropped); the same text again writes nothing.

Neo4j: NEO4J_URI if set; otherwise the embedded one running on NEO4J_LOCAL_DATA_DIR (e.g. under
npm start), else the embedded one is started there for the command.`;

/** Refusals of the command line itself (exit code 1, nothing written). */
class UsageError extends Error {}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      title: { type: "string" },
      url: { type: "string" },
      "published-at": { type: "string" },
      publisher: { type: "string" },
      help: { type: "boolean" },
    },
    allowPositionals: true,
  });
  if (values.help || positionals.length !== 1 || values.title === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const file = positionals[0] ?? "";
  const title = values.title;
  const text = readUtf8Text(file);
  const publishedAt = values["published-at"];
  if (publishedAt !== undefined && Number.isNaN(Date.parse(publishedAt))) {
    throw new UsageError(`--published-at must be an ISO 8601 date-time, e.g. 2024-05-01T08:00:00Z`);
  }

  const config = loadConfig();
  const transactionTimeoutMs = Math.max(config.neo4j.transactionTimeoutMs, 60_000);
  return withCliTarget(config, { transactionTimeoutMs, migrate: true }, async (executor) => {
    const linker = new DocumentLinker(executor, config.ingest);
    const started = performance.now();
    const result = await ingestDocument(
      executor,
      { subject: `ingest:${path.basename(file)}` },
      {
        title,
        text,
        url: values.url ?? null,
        publisher: values.publisher ?? null,
        publishedAt: publishedAt === undefined ? null : new Date(publishedAt).toISOString(),
      },
      linker,
    );
    const ms = Math.round(performance.now() - started);
    const { outcome } = result;
    if (outcome.kind === "refused") {
      for (const e of outcome.userErrors)
        process.stderr.write(`${e.field.join(".")}: ${e.code}: ${e.message}\n`);
      return 1;
    }
    if (outcome.kind !== "written") {
      process.stdout.write(
        `${file}: the same text is stored already as ${result.documentId}; nothing written\n`,
      );
      return 0;
    }
    const byStatus = new Map<string, number>();
    for (const m of result.written) byStatus.set(m.status, (byStatus.get(m.status) ?? 0) + 1);
    process.stdout.write(
      `${file}: ${result.documentId} written as change ${outcome.change.seq} in ${ms} ms: ` +
        `${result.written.length} mentions (${[...byStatus].map(([s, n]) => `${n} ${s}`).join(", ") || "none"}), ` +
        `${result.candidates.length} unknown names\n`,
    );
    for (const m of result.written.filter((x) => x.status === "PROPOSED").slice(0, 50)) {
      process.stdout.write(
        `  PROPOSED ${m.id} "${m.citation.quote}" -> ${m.entityId} (${m.method} ${m.score.toFixed(2)})\n`,
      );
    }
    return 0;
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof NotUtf8Error || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`ingest failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
