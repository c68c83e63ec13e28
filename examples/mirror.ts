/**
 * Mirrors the graph into a JSON file and keeps it current:
 *
 *   node --import tsx examples/mirror.ts --url http://127.0.0.1:4000/graphql --out mirror.json
 *
 * The first run exports the graph (GET /export, NDJSON), then follows the change feed from the
 * export's seq. The file holds `{ seq, elements }` and is rewritten (atomically) at most every
 * --flush-ms after a change; a later run resumes from the file's seq, without a new export.
 * Disconnects are retried with backoff, resuming after the last applied seq. KG_TOKEN is sent as
 * a bearer token (for services with AUTH_READS=token). Stop with Ctrl-C (SIGINT) or SIGTERM.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createClient, type FeedMode, type MirrorElement } from "@kg-graphql/client";

interface MirrorFile {
  seq: number;
  elements: Record<string, MirrorElement>;
}

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:4000/graphql" },
    out: { type: "string", default: "mirror.json" },
    feed: { type: "string", default: "auto" },
    "flush-ms": { type: "string", default: "200" },
  },
});
const out = values.out;
const flushMs = Number(values["flush-ms"]);
const feed = values.feed as FeedMode;
if (!["auto", "sse", "poll"].includes(feed)) throw new Error("--feed must be auto, sse or poll");

function readSaved(file: string): MirrorFile | undefined {
  if (!existsSync(file)) return undefined;
  const saved = JSON.parse(readFileSync(file, "utf8")) as MirrorFile;
  return typeof saved.seq === "number" && typeof saved.elements === "object" ? saved : undefined;
}

const saved = readSaved(out);
const client = createClient({ url: values.url, token: process.env.KG_TOKEN });
const mirror = client.mirror({
  feed,
  ...(saved ? { from: { seq: saved.seq, elements: Object.entries(saved.elements) } } : {}),
});
const log = (message: string) => process.stderr.write(`${new Date().toISOString()} ${message}\n`);
if (saved) log(`resuming from ${out} at seq ${saved.seq} (${Object.keys(saved.elements).length} elements)`);

/** Writes a temporary file and renames it over the old one, so a reader never sees half a file. */
function flush(): void {
  if (mirror.seq === undefined) return;
  const file: MirrorFile = { seq: mirror.seq, elements: Object.fromEntries(mirror.elements) };
  writeFileSync(`${out}.tmp`, JSON.stringify(file));
  renameSync(`${out}.tmp`, out);
}

let timer: NodeJS.Timeout | undefined;
function scheduleFlush(): void {
  timer ??= setTimeout(() => {
    timer = undefined;
    flush();
  }, flushMs);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: saving seq ${String(mirror.seq)} and stopping`);
    mirror.close();
  });
}

async function main(): Promise<void> {
  let reported = Date.now();
  for await (const update of mirror) {
    if (update.kind === "snapshot") {
      log(`snapshot (${update.source}) at seq ${update.seq}: ${update.elements} elements`);
      flush();
    } else if (update.kind === "change") {
      scheduleFlush();
      if (Date.now() - reported > 5_000) {
        reported = Date.now();
        log(`at seq ${update.seq} (${mirror.elements.size} elements, feed: ${mirror.feed})`);
      }
    } else {
      log(
        `disconnected at seq ${String(update.seq)} (${update.error.message}); retrying in ${update.retryInMs} ms`,
      );
    }
  }
  clearTimeout(timer);
  flush();
  log(`stopped at seq ${String(mirror.seq)} (feed: ${mirror.feed})`);
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
