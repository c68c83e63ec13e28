/**
 * `npm run bench:feed` (issue #15): how soon a committed change reaches connected consumers, and
 * what a stalled consumer costs the service.
 *
 * Starts the real service as its own process (`node src/main.ts`, embedded Neo4j in a fresh
 * directory, seeded with the bundled datasets), connects N SSE and N graphql-ws consumers "from
 * now", and runs writers: createEntity mutations over HTTP (the local-commit path: the tailer is
 * woken at once) and, separately, writes straight into Neo4j through the write layer from this
 * process (the path of a commit made by another instance: found by polling, FEED_POLL_MS).
 * Latency is receipt time minus the change's `at` (Neo4j's transaction clock: the transaction's
 * start, before the writer's wait for the change-log lock and its commit), and, the issue's
 * measure, receipt time minus the moment the writer had its commit acknowledged (the mutation's
 * response over HTTP; the write layer's return for the other process). The writer's own share,
 * `at` to acknowledgement, is reported beside them.
 * Before that, the cost of an idle feed: the CPU the service and its Neo4j spend per second with one
 * consumer connected and nothing written (the tailer polls every FEED_POLL_MS), against none.
 * Then a consumer that never reads while many large changes are written: the service's RSS,
 * sampled every 500 ms, should stay flat (the consumer is cut off at FEED_BUFFER_CHANGES).
 *
 *   npm run bench:feed -- [--consumers 10] [--writes 300] [--writers 4] [--stall-writes 1500]
 *                         [--idle-seconds 20] [--poll-ms N (FEED_POLL_MS; the service's default if left out)]
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createClient } from "graphql-ws";
import { SignJWT } from "jose";
import pino from "pino";
import WebSocket from "ws";
import { loadConfig } from "../src/config";
import { CypherExecutor } from "../src/graph/executor";
import { FeedRepository } from "../src/graph/feedRepository";
import { readGraphVersion } from "../src/graph/graphVersion";
import { createDriver } from "../src/neo4j/driver";
import { createEntity } from "../src/write/mutations/createEntity";
import { spawnService, type ServiceProcess } from "../tests/support/serviceProcess";

const { values } = parseArgs({
  options: {
    consumers: { type: "string", default: "10" },
    writes: { type: "string", default: "300" },
    writers: { type: "string", default: "4" },
    "stall-writes": { type: "string", default: "1500" },
    "idle-seconds": { type: "string", default: "20" },
    "poll-ms": { type: "string" },
  },
});
const CONSUMERS = Number(values.consumers);
const WRITES = Number(values.writes);
const WRITERS = Number(values.writers);
const STALL_WRITES = Number(values["stall-writes"]);
const IDLE_SECONDS = Number(values["idle-seconds"]);
const POLL_MS = values["poll-ms"];
const SECRET = randomUUID() + randomUUID();
const DOCUMENT = "document:ichongqing-seeing-is-believing";
const QUOTE = "Chongqing";

/** Writes refused or timed out (a loaded machine): reported, and not expected on the feed. */
let failedWrites = 0;
/** When each writer had its commit acknowledged (the mutation's response, or the write layer's return), by seq. */
const acknowledgedAt = new Map<number, number>();
/** Per round: the writer's own share, from the change's `at` to its acknowledgement (ms). */
let writerShare: number[] = [];

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** The processes started by `pid`, and theirs (the service's embedded Neo4j is a java child). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]?.split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // It ended meanwhile.
    }
  }
  const found: number[] = [];
  const walk = (p: number): void => {
    for (const child of children.get(p) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

/** User + system CPU seconds of a process so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Recorder {
  latencies: number[];
  /** Receipt time by seq. */
  receivedAt: Map<number, number>;
  received: number;
  close(): void;
}

function sseConsumer(base: string): Promise<Recorder> {
  return new Promise((resolve, reject) => {
    const recorder: Recorder = {
      latencies: [],
      receivedAt: new Map(),
      received: 0,
      close: () => request.destroy(),
    };
    const request = http.get(`${base}/changes`, (response) => {
      if (response.statusCode !== 200) reject(new Error(`SSE: ${response.statusCode}`));
      response.setEncoding("utf8");
      let buffer = "";
      response.on("data", (chunk: string) => {
        const now = Date.now();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split("\n").find((l) => l.startsWith("data: "));
          if (!block.startsWith("event: change") || data === undefined) continue;
          const change = JSON.parse(data.slice(6)) as { at: string; seq: number };
          recorder.latencies.push(now - Date.parse(change.at));
          recorder.receivedAt.set(change.seq, now);
          recorder.received += 1;
        }
      });
      resolve(recorder);
    });
    request.on("error", () => undefined);
  });
}

async function wsConsumer(base: string): Promise<Recorder> {
  const client = createClient({
    url: `${base.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
  const recorder: Recorder = {
    latencies: [],
    receivedAt: new Map(),
    received: 0,
    close: () => void client.dispose(),
  };
  await new Promise<void>((resolve, reject) => {
    client.on("connected", () => resolve());
    client.subscribe<{ changes: { at: string; seq: number } }>(
      { query: "subscription { changes { seq at items { edges { node { id action after } } } } }" },
      {
        next: (result) => {
          const change = result.data?.changes;
          if (change === undefined) return;
          recorder.latencies.push(Date.now() - Date.parse(change.at));
          recorder.receivedAt.set(change.seq, Date.now());
          recorder.received += 1;
        },
        error: reject,
        complete: () => undefined,
      },
    );
  });
  return recorder;
}

async function mutationWriter(
  base: string,
  token: string,
  count: number,
  writers: number,
  description = "",
): Promise<number> {
  let next = 0;
  let written = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < count) {
        const n = next++;
        const response = await fetch(`${base}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query:
              "mutation($input: CreateEntityInput!) { createEntity(input: $input) { userErrors { message } change { seq at } } }",
            variables: {
              input: {
                kind: "PLACE",
                name: `Feed bench ${randomUUID()} ${n}`,
                ...(description ? { description } : {}),
                citations: [{ documentId: DOCUMENT, quote: QUOTE, occurrence: 1 }],
              },
            },
          }),
        });
        const body = (await response.json()) as {
          data?: { createEntity: { change: { seq: number; at: string } | null } | null };
        };
        const change = body.data?.createEntity?.change;
        if (change) {
          written += 1;
          const now = Date.now();
          acknowledgedAt.set(change.seq, now);
          writerShare.push(now - Date.parse(change.at));
        }
        if (!change) {
          failedWrites += 1;
          if (failedWrites > 20) throw new Error(`writes keep failing: ${JSON.stringify(body)}`);
        }
      }
    }),
  );
  return written;
}

async function settle(recorders: Recorder[], expected: number): Promise<void> {
  const end = Date.now() + 60_000;
  while (recorders.some((r) => r.received < expected) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function summary(name: string, recorders: Recorder[], expected: number): string {
  const all = recorders.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const complete = recorders.filter((r) => r.received === expected).length;
  // From the writer's acknowledgement (after commit) to receipt; negative: the event came first.
  const acked = recorders
    .flatMap((r) => [...r.receivedAt].map(([seq, at]) => at - (acknowledgedAt.get(seq) ?? NaN)))
    .filter((ms) => !Number.isNaN(ms))
    .sort((a, b) => a - b);
  const fromAck = acked.length === 0 ? "n/a | n/a" : `${percentile(acked, 50)} | ${percentile(acked, 99)}`;
  return `| ${name} | ${recorders.length} | ${all.length} | ${complete}/${recorders.length} | ${percentile(all, 50)} | ${percentile(all, 99)} | ${all.at(-1)} | ${fromAck} |`;
}

async function latencyRound(
  service: ServiceProcess,
  label: string,
  write: () => Promise<number>,
): Promise<string[]> {
  const sse = await Promise.all(Array.from({ length: CONSUMERS }, () => sseConsumer(service.base)));
  const ws = await Promise.all(Array.from({ length: CONSUMERS }, () => wsConsumer(service.base)));
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  writerShare = [];
  const cpuBefore = cpuSeconds(service.servicePid);
  const started = performance.now();
  const written = await write();
  const seconds = (performance.now() - started) / 1000;
  await settle([...sse, ...ws], written);
  const cpu = cpuSeconds(service.servicePid) - cpuBefore;
  for (const r of [...sse, ...ws]) r.close();
  console.log(`${label}: ${written} writes in ${seconds.toFixed(1)} s; service CPU ${cpu.toFixed(1)} s`);
  const share = [...writerShare].sort((a, b) => a - b);
  return [
    summary(`SSE, ${label}`, sse, written),
    summary(`graphql-ws, ${label}`, ws, written),
    `|  ↳ ${written} writes in ${seconds.toFixed(1)} s (${(written / seconds).toFixed(1)}/s); service CPU ${cpu.toFixed(1)} s, ${((cpu * 1000) / (written * 2 * CONSUMERS)).toFixed(2)} ms per change delivered; the writers' own share, \`at\` to acknowledgement: p50 ${percentile(share, 50)} ms, p99 ${percentile(share, 99)} ms | | | | | | | | |`,
  ];
}

/**
 * What an idle feed costs: CPU of the service and of its Neo4j per second, with nothing written,
 * first with no consumer (the tailer stopped), then with one SSE consumer connected (the tailer polls).
 */
async function idleCost(service: ServiceProcess, executor: CypherExecutor): Promise<string[]> {
  const neo4j = descendants(service.servicePid);
  const cpuOf = (pids: number[]): number =>
    pids.reduce((sum, pid) => {
      try {
        return sum + cpuSeconds(pid);
      } catch {
        return sum;
      }
    }, 0);
  const window = async (): Promise<{ service: number; neo4j: number }> => {
    const before = { service: cpuSeconds(service.servicePid), neo4j: cpuOf(neo4j) };
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    return {
      service: ((cpuSeconds(service.servicePid) - before.service) * 1000) / IDLE_SECONDS,
      neo4j: ((cpuOf(neo4j) - before.neo4j) * 1000) / IDLE_SECONDS,
    };
  };
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const none = await window();
  const consumer = await sseConsumer(service.base);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const one = await window();
  consumer.close();
  const pollMs = Number(POLL_MS ?? loadConfig({}).feed.pollIntervalMs);
  const polls = 1000 / pollMs;
  const row = (name: string, cost: { service: number; neo4j: number }): string =>
    `| ${name} | ${cost.service.toFixed(1)} | ${cost.neo4j.toFixed(1)} | ${(cost.service + cost.neo4j).toFixed(1)} |`;
  const extra = { service: one.service - none.service, neo4j: one.neo4j - none.neo4j };
  // The same reads back to back from this process, many times, the two kinds in alternate blocks
  // (so that neither gets all the JIT's warm-up): the cost of one read, with less noise.
  const reads = 2_000;
  const block = 250;
  const head = await readGraphVersion(executor);
  const repository = new FeedRepository(() => executor);
  const kinds = {
    head: { read: () => readGraphVersion(executor), client: 0, neo4j: 0 },
    page: { read: () => repository.page(head, 100, null), client: 0, neo4j: 0 },
  };
  for (const kind of Object.values(kinds)) for (let i = 0; i < 200; i += 1) await kind.read();
  for (let done = 0; done < reads; done += block) {
    for (const kind of Object.values(kinds)) {
      const client = process.cpuUsage();
      const neo4jBefore = cpuOf(neo4j);
      for (let i = 0; i < block; i += 1) await kind.read();
      const used = process.cpuUsage(client);
      kind.client += (used.user + used.system) / 1000 / reads;
      kind.neo4j += ((cpuOf(neo4j) - neo4jBefore) * 1000) / reads;
    }
  }
  const headRead = kinds.head;
  const pageRead = kinds.page;
  return [
    `Idle feed (FEED_POLL_MS ${pollMs}, ${polls.toFixed(1)} polls/s), CPU ms per second over ${IDLE_SECONDS} s with nothing written (Neo4j: ${neo4j.length} process(es) under the service):\n`,
    `| consumers | service CPU ms/s | Neo4j CPU ms/s | total ms/s |`,
    `|---|---|---|---|`,
    row("none (tailer stopped)", none),
    row("one SSE consumer (tailer polling)", one),
    row("the polling's share", extra),
    `|  ↳ per poll: service ${(extra.service / polls).toFixed(2)} ms, Neo4j ${(extra.neo4j / polls).toFixed(2)} ms | | | |`,
    ``,
    `One read, ${reads} times back to back from the bench process (CPU ms per read):\n`,
    `| read | client (driver) | Neo4j |`,
    `|---|---|---|`,
    `| a head check (graph.version: the change-log node's seq), the alternative | ${headRead.client.toFixed(3)} | ${headRead.neo4j.toFixed(3)} |`,
    `| an empty page of changes after the head (feed.after: what a poll runs) | ${pageRead.client.toFixed(3)} | ${pageRead.neo4j.toFixed(3)} |`,
  ];
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "feed-bench-"));
  const loadBefore = os.loadavg();
  console.log(
    `load average before: ${loadBefore.map((l) => l.toFixed(2)).join(" ")} on ${os.cpus().length} cores`,
  );
  const service = await spawnService(
    {
      NODE_ENV: "production",
      PORT: "0",
      NEO4J_LOCAL_PORT: "0",
      NEO4J_LOCAL_DATA_DIR: dataDir,
      AUTH_JWT_SECRET: SECRET,
      LOG_LEVEL: "info",
      FEED_MAX_CONSUMERS: "10000",
      ...(POLL_MS === undefined ? {} : { FEED_POLL_MS: POLL_MS }),
      // A shared, overloaded machine: writes queue for the change-log lock; let them wait.
      NEO4J_TX_TIMEOUT_MS: "60000",
      REQUEST_TIMEOUT_MS: "60000",
    },
    "node",
    // Start-up (embedded Neo4j, migrations, seeding) takes minutes on a loaded machine.
    900_000,
  );
  const boltLog = service.logs.find((l) => typeof l.uri === "string" && String(l.uri).startsWith("bolt"));
  const token = await new SignJWT({ roles: ["editor"] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("feed-bench")
    .setIssuedAt()
    .setExpirationTime("2h")
    .sign(new TextEncoder().encode(SECRET));
  const rows: string[] = [];
  const driver = createDriver({ uri: String(boltLog?.uri), user: "neo4j", password: undefined });
  try {
    const executor = new CypherExecutor(driver, {
      database: "neo4j",
      transactionTimeoutMs: 20_000,
      logger: pino({ level: "silent" }),
    });
    // Warm-up: the first writes compile the queries.
    await mutationWriter(service.base, token, 20, 2);
    const idleRows = IDLE_SECONDS > 0 ? await idleCost(service, executor) : [];
    rows.push(
      ...(await latencyRound(service, "HTTP mutations (local commits)", () =>
        mutationWriter(service.base, token, WRITES, WRITERS),
      )),
    );
    rows.push(
      ...(await latencyRound(service, "another process's commits (polling)", async () => {
        let next = 0;
        await Promise.all(
          Array.from({ length: WRITERS }, async () => {
            while (next < WRITES) {
              const n = next++;
              const outcome = await createEntity(
                executor,
                { subject: "feed-bench-remote" },
                {
                  kind: "PLACE",
                  name: `Feed bench remote ${randomUUID()} ${n}`,
                  citations: [{ documentId: DOCUMENT, quote: QUOTE, occurrence: 1 }],
                },
              );
              if (outcome.kind !== "written") throw new Error(outcome.kind);
              // Committed: what the writer (another instance) would now acknowledge to its client.
              const now = Date.now();
              acknowledgedAt.set(outcome.change.seq, now);
              writerShare.push(now - Date.parse(outcome.change.at));
            }
          }),
        );
        return WRITES;
      })),
    );

    // Large changes written twice over: without, then with a consumer that never reads.
    const description = "A bench town on a river, described at length. ".repeat(50).slice(0, 2_000);
    const stallPhase = async (stall: boolean): Promise<string> => {
      const stalled = stall
        ? await new Promise<http.IncomingMessage>((resolve) =>
            http.get(`${service.base}/changes`, (response) => {
              response.pause();
              resolve(response);
            }),
          )
        : null;
      const samples: number[] = [rssMb(service.servicePid)];
      const sampler = setInterval(() => samples.push(rssMb(service.servicePid)), 500);
      const started = performance.now();
      await mutationWriter(service.base, token, STALL_WRITES, WRITERS, description);
      const seconds = (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      clearInterval(sampler);
      const metrics = await (await fetch(`${service.base}/metrics`)).text();
      const slow = /^feed_slow_consumers_total (\S+)/m.exec(metrics)?.[1];
      stalled?.destroy();
      const sorted = [...samples].sort((a, b) => a - b);
      return (
        `| ${stall ? "with a stalled SSE consumer" : "no consumer"} | ${STALL_WRITES} in ${seconds.toFixed(0)} s | ` +
        `${(samples[0] ?? NaN).toFixed(0)} | ${percentile(sorted, 50).toFixed(0)} | ${(sorted.at(-1) ?? NaN).toFixed(0)} | ` +
        `${(samples.at(-1) ?? NaN).toFixed(0)} | ${slow} |`
      );
    };
    const stallRows = STALL_WRITES > 0 ? [await stallPhase(false), await stallPhase(true)] : [];
    const loadAfter = os.loadavg();
    if (idleRows.length > 0) console.log(`\n${idleRows.join("\n")}`);
    console.log(
      `\n| door, writers | consumers | events | consumers complete | p50 ms | p99 ms | max ms | p50 ms from ack | p99 ms from ack |`,
    );
    console.log(`|---|---|---|---|---|---|---|---|---|`);
    for (const row of rows) console.log(row);
    console.log(
      `\nService RSS (MB, sampled every 500 ms) while createEntity of ~2.3 kB each are written:\n\n` +
        `| phase | writes | RSS at start | median | max | end | feed_slow_consumers_total |\n|---|---|---|---|---|---|---|`,
    );
    for (const row of stallRows) console.log(row);
    console.log(`failed writes (not on the feed): ${failedWrites}`);
    console.log(
      `load average before ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${loadAfter.map((l) => l.toFixed(2)).join(" ")}`,
    );
  } finally {
    await driver.close();
    service.child.kill("SIGTERM");
    await service.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
