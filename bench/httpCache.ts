import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { startService, type Target } from "./targets";

/**
 * `npm run bench:http`: what HTTP caching and compression cost or save, against the built service
 * (dist/) on the Neo4j NEO4J_URI names (seeded with the bundled article, e.g. a running `npm start`'s).
 *  - a GET read executed, against the same GET answered 304 from its ETag (the graph's version only);
 *  - a by-id POST (a few hundred bytes, under the compression threshold) with compression on and off.
 * The load generator shares the machine with the service and Neo4j: compare the rows, not the absolutes.
 */
const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "5" },
    connections: { type: "string", default: "8" },
    rounds: { type: "string", default: "3" },
  },
});
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const ROUNDS = Number(values.rounds);

const LIST = `query Places { entities(kind: PLACE, first: 20) { totalCount edges { cursor node { id name aliases description
  relationships(first: 10) { edges { node { type to { id name } } } } } } } }`;
const BY_ID = JSON.stringify({
  query: '{ entity(id: "place:chongqing") { id kind name aliases description } }',
});

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  statuses: string;
}

async function load(options: autocannon.Options): Promise<Measured> {
  const runs: Measured[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...options });
    const statuses = Object.entries(result.statusCodeStats ?? {})
      .map(([code, stat]) => `${code}×${(stat as { count: number }).count}`)
      .join(" ");
    runs.push({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, statuses });
  }
  runs.sort((a, b) => a.rps - b.rps);
  const median = runs[Math.floor(runs.length / 2)];
  if (!median) throw new Error("no runs");
  return median;
}

async function withService<T>(env: Record<string, string>, work: (target: Target) => Promise<T>): Promise<T> {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error("NEO4J_URI must name a running Neo4j with the bundled data (e.g. npm start's)");
  Object.assign(process.env, env);
  const target = await startService(uri);
  try {
    return await work(target);
  } finally {
    await target.stop();
  }
}

async function main(): Promise<void> {
  const rows: Array<[string, Measured]> = [];
  const loadBefore = os.loadavg()[0] ?? 0;
  await withService({ COMPRESSION_THRESHOLD_BYTES: "1024" }, async (target) => {
    const url = `${target.url}?${new URLSearchParams({ query: LIST, operationName: "Places" }).toString()}`;
    const first = await fetch(url, { headers: { "apollo-require-preflight": "true" } });
    const etag = first.headers.get("etag");
    if (first.status !== 200 || !etag)
      throw new Error(`the GET read failed: ${first.status} ${await first.text()}`);
    const headers = { "apollo-require-preflight": "true", "accept-encoding": "gzip, br" };
    rows.push(["GET read, executed (200)", await load({ url, headers })]);
    rows.push([
      "GET read, If-None-Match (304)",
      await load({ url, headers: { ...headers, "if-none-match": etag } }),
    ]);
    rows.push([
      "by-id POST, compression on (threshold 1 KiB)",
      await load({
        url: target.url,
        method: "POST",
        headers: { "content-type": "application/json", "accept-encoding": "gzip, br" },
        body: BY_ID,
      }),
    ]);
  });
  await withService({ COMPRESSION_THRESHOLD_BYTES: String(100 * 1024 * 1024) }, async (target) => {
    rows.push([
      "by-id POST, compression off",
      await load({
        url: target.url,
        method: "POST",
        headers: { "content-type": "application/json", "accept-encoding": "gzip, br" },
        body: BY_ID,
      }),
    ]);
  });

  const table = [
    `# HTTP caching and compression (${new Date().toISOString().slice(0, 10)})`,
    "",
    `${ROUNDS} rounds of ${DURATION} s, ${CONNECTIONS} connections, median round by req/s; service, Neo4j and load generator on one machine (${os.cpus().length} cores, load average ${loadBefore.toFixed(1)} before, ${(os.loadavg()[0] ?? 0).toFixed(1)} after).`,
    "",
    "| scenario | req/s | p50 ms | p99 ms | statuses |",
    "| --- | ---: | ---: | ---: | --- |",
    ...rows.map(([name, m]) => `| ${name} | ${m.rps.toFixed(0)} | ${m.p50} | ${m.p99} | ${m.statuses} |`),
    "",
  ].join("\n");
  process.stdout.write(`${table}\n`);
  const dir = path.join(__dirname, "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "http-cache.md"), table);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
