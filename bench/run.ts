import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Driver } from "neo4j-driver";
import { CypherExecutor } from "../src/graph/executor";
import { applyMigrations, loadMigrations } from "../src/graph/migrations";
import { buildSearchQuery } from "../src/graph/searchQuery";
import { createDriver, waitForDatabase } from "../src/neo4j/driver";
import { startLocalNeo4j, type LocalNeo4j } from "../src/neo4j/localNeo4j";
import pino from "pino";
import { loadSyntheticGraph, type ImportMeasurement } from "./loadGraph";
import { writeReport, type BenchRun, type LoadResult, type ScaleResult, type TargetCheck } from "./report";
import { encodeReplay, floorReplayOf, recordReplay } from "./replay";
import { answerOf, SCENARIOS, SEARCH_SCENARIOS, type Scenario, type Variables } from "./scenarios";
import { parseScale } from "./scale";
import { syntheticGraphOptions, type SyntheticGraphOptions } from "./syntheticGraph";
import { loadRun } from "./load";
import { neo4jSettingsFor, rssOf, startScript, startService, type Target, type TargetName } from "./targets";
import { NEO4J_GRAPHQL_SCENARIOS } from "./targets/neo4jGraphqlQueries";

/** The @neo4j/graphql document of each scenario it can express. */
const THEIR_QUERIES: Readonly<Record<string, { query: string } | undefined>> = NEO4J_GRAPHQL_SCENARIOS;
/** The scenarios the bare-Apollo floor has resolvers for. */
const FLOOR_SCENARIOS: ReadonlySet<string> = new Set(["entityById", "totalCount", "statistics"]);
const WORK_DIR = path.join(__dirname, ".work");
const RESULTS_DIR = path.join(__dirname, "results");
/** Import transactions hold a whole document: minutes, not a request's seconds. */
const IMPORT_TIMEOUT_MS = 30 * 60_000;

const USAGE = `npm run bench -- [options]
  --scales 10k,100k,1m   graph sizes, in entities (k and m suffixes)
  --duration 5           seconds per measured run
  --rounds 3             measured runs per scenario and target (the median is reported)
  --warmup 10            seconds of unmeasured load per scenario and target first (V8 compiles the
                         service's request path in about 10 s of load: docs/benchmarks.md)
  --connections 8        concurrent connections of the load generator
  --scenarios a,b        only these scenarios (default: all)
  --reuse                reuse a graph imported by an earlier run of the same generator
  --smoke                a seconds-long check of the harness: 2k entities, 1 s runs, no report file
  --compare-executors    also measure the service with GRAPHQL_EXECUTOR=jit ("service (jit)")
  --floor                also measure "bare Apollo": Apollo Server 5 with the schema alone, running the
                         raw driver's statements (bench/targets/bareApollo.ts); entityById, totalCount, statistics
  --floor-jit            with --floor, also "bare Apollo (jit)": the same on graphql-jit
  --out NAME             report file name in bench/results/ (default: the date, e.g. 2026-11-29.md)`;

interface Options {
  scales: number[];
  duration: number;
  rounds: number;
  warmup: number;
  connections: number;
  scenarios: Scenario[];
  reuse: boolean;
  smoke: boolean;
  /** The report's file name in bench/results/; null for the date. */
  out: string | null;
  compareExecutors: boolean;
  /** Also the bare-Apollo floor (and its graphql-jit variant). */
  floor: boolean;
  floorJit: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      scales: { type: "string", default: "10k,100k,1m" },
      duration: { type: "string", default: "5" },
      rounds: { type: "string", default: "3" },
      warmup: { type: "string", default: "10" },
      connections: { type: "string", default: "8" },
      scenarios: { type: "string" },
      reuse: { type: "boolean", default: false },
      smoke: { type: "boolean", default: false },
      out: { type: "string" },
      "compare-executors": { type: "boolean", default: false },
      floor: { type: "boolean", default: false },
      "floor-jit": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const positive = (name: string, text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} must be a whole number ≥ 1, got '${text}'`);
    return value;
  };
  const wanted = values.scenarios?.split(",").map((s) => s.trim());
  const unknown = wanted?.filter((name) => !SCENARIOS.some((s) => s.name === name)) ?? [];
  if (unknown.length > 0) {
    throw new Error(
      `--scenarios: unknown ${unknown.join(", ")}; known: ${SCENARIOS.map((s) => s.name).join(", ")}`,
    );
  }
  const scenarios = wanted ? SCENARIOS.filter((s) => wanted.includes(s.name)) : SCENARIOS;
  if (values.smoke) {
    return {
      scales: [2_000],
      duration: 1,
      rounds: 1,
      warmup: 1,
      connections: 4,
      scenarios,
      reuse: false,
      smoke: true,
      out: null,
      compareExecutors: values["compare-executors"],
      floor: values.floor,
      floorJit: values.floor && values["floor-jit"],
    };
  }
  return {
    scales: values.scales.split(",").map((text) => {
      try {
        return parseScale(text);
      } catch (error) {
        throw new Error(`--scales: ${(error as Error).message}`);
      }
    }),
    duration: positive("duration", values.duration),
    rounds: positive("rounds", values.rounds),
    warmup: positive("warmup", values.warmup),
    connections: positive("connections", values.connections),
    scenarios,
    reuse: values.reuse,
    smoke: false,
    out: values.out === undefined ? null : path.basename(values.out, ".md") + ".md",
    compareExecutors: values["compare-executors"],
    floor: values.floor,
    floorJit: values.floor && values["floor-jit"],
  };
}

function log(message: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** The Neo4j of one scale, with its data directory kept for --reuse. */
async function prepareGraph(
  graph: SyntheticGraphOptions,
  options: Options,
): Promise<{
  neo4j: LocalNeo4j;
  settings: { heap: string; pageCache: string };
  driver: Driver;
  executor: CypherExecutor;
  imported: ImportMeasurement & { reused?: string };
}> {
  const dataDir = path.join(WORK_DIR, `neo4j-${graph.entities}`);
  const markerFile = path.join(dataDir, "bench-import.json");
  const generator = JSON.stringify(graph);
  const marker = existsSync(markerFile)
    ? (JSON.parse(readFileSync(markerFile, "utf8")) as {
        generator: string;
        at: string;
        imported: ImportMeasurement;
      })
    : undefined;
  const reuse = options.reuse && marker?.generator === generator;
  if (!reuse) rmSync(dataDir, { recursive: true, force: true });

  const settings = neo4jSettingsFor(graph.entities);
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, ...settings, onProgress: log });
  const driver = createDriver({ uri: neo4j.uri, user: "neo4j", password: undefined });
  const logger = pino({ level: "silent" });
  await waitForDatabase(driver, logger);
  const executor = new CypherExecutor(driver, {
    database: "neo4j",
    transactionTimeoutMs: IMPORT_TIMEOUT_MS,
    logger,
  });
  // Idempotent: a reused graph gets the migrations added since it was imported.
  await applyMigrations(executor, loadMigrations());
  if (reuse && marker) {
    log(`reusing the ${graph.entities}-entity graph imported ${marker.at}`);
    return { neo4j, settings, driver, executor, imported: { ...marker.imported, reused: marker.at } };
  }
  log(`importing ${graph.entities} entities in documents of ${graph.documentSize}`);
  const imported = await loadSyntheticGraph(executor, graph, log);
  writeFileSync(markerFile, JSON.stringify({ generator, at: new Date().toISOString(), imported }));
  log(
    `imported in ${imported.importSeconds.toFixed(0)} s: ${imported.entitiesPerSecond.toFixed(0)} entities/s`,
  );
  return { neo4j, settings, driver, executor, imported };
}

/** What each target is sent for a scenario's variable set. */
function bodyFor(
  target: TargetName,
  scenario: Scenario,
  variables: Variables,
  variant: number,
): string | undefined {
  if (target === "raw driver") return JSON.stringify({ scenario: scenario.name, variant });
  if (target === "service" || target === "service (jit)") {
    return JSON.stringify({ query: scenario.query, variables });
  }
  if (target === "bare Apollo" || target === "bare Apollo (jit)") {
    return FLOOR_SCENARIOS.has(scenario.name)
      ? JSON.stringify({ query: scenario.query, variables })
      : undefined;
  }
  const theirs = THEIR_QUERIES[scenario.name];
  return theirs ? JSON.stringify({ query: theirs.query, variables }) : undefined;
}

async function post(url: string, body: string): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const json: unknown = await response.json();
  if (!response.ok || (typeof json === "object" && json !== null && "errors" in json)) {
    throw new Error(`HTTP ${response.status}: ${JSON.stringify(json).slice(0, 500)}`);
  }
  return json;
}

/**
 * Runs `work` and counts the Cypher statements the database executed meanwhile, from Neo4j's own
 * query statistics (db.stats, on by default in Community): the same count for every target.
 */
async function countStatements(executor: CypherExecutor, work: () => Promise<void>): Promise<number> {
  const call = (cypher: string) => executor.read({ name: "bench.stats", cypher, params: {} });
  await call("CALL db.stats.stop('QUERIES')");
  await call("CALL db.stats.clear('QUERIES')");
  await call("CALL db.stats.collect('QUERIES')");
  await work();
  const rows = await executor.read<{ query: string; count: number }>({
    name: "bench.stats",
    cypher: `CALL db.stats.retrieve('QUERIES') YIELD data
RETURN data.query AS query, data.invocationSummary.invocationCount AS count`,
    params: {},
  });
  return rows.filter((r) => !r.query.startsWith("CALL db.stats")).reduce((sum, r) => sum + r.count, 0);
}

/**
 * Sends every variable set once to every target: each must answer without error, and the
 * service and @neo4j/graphql must return the same ids (search excepted: their Lucene queries
 * differ). Also measures the service's Cypher statements per request.
 */
async function check(
  scenario: Scenario,
  variables: Variables[],
  targets: Target[],
  executor: CypherExecutor,
): Promise<{ checks: TargetCheck[]; failed: Map<TargetName, string> }> {
  const checks: TargetCheck[] = [];
  const answers = new Map<TargetName, string[][]>();
  // A baseline that cannot answer (its own timeout on a cold 1M graph) is left out of this
  // scenario, with the reason in the report; the service failing still stops the run.
  const failed = new Map<TargetName, string>();
  for (const target of targets) {
    const bodies = variables.flatMap((v, i) => bodyFor(target.name, scenario, v, i) ?? []);
    if (bodies.length === 0) continue;
    const got: string[][] = [];
    let statements: number;
    try {
      statements = await countStatements(executor, async () => {
        for (const body of bodies) got.push(answerOf(await post(target.url, body)));
      });
    } catch (error) {
      if (target.name === "service") throw error;
      failed.set(target.name, (error as Error).message.slice(0, 300));
      continue;
    }
    answers.set(target.name, got);
    checks.push({ target: target.name, queriesPerRequest: statements / bodies.length, agrees: undefined });
  }
  const ours = answers.get("service");
  const theirs = answers.get("@neo4j/graphql");
  const theirCheck = checks.find((c) => c.target === "@neo4j/graphql");
  if (ours && theirs && theirCheck && !SEARCH_SCENARIOS.has(scenario.name)) {
    const same = ours.filter((answer, i) => JSON.stringify(answer) === JSON.stringify(theirs[i])).length;
    theirCheck.agrees = `${same}/${ours.length}`;
  }
  // The floor answers the same document: the same ids and counts as the service, or it is not the same work.
  for (const name of ["bare Apollo", "bare Apollo (jit)"] as const) {
    const floor = answers.get(name);
    const floorCheck = checks.find((c) => c.target === name);
    if (!ours || !floor || !floorCheck) continue;
    const same = ours.filter((answer, i) => JSON.stringify(answer) === JSON.stringify(floor[i])).length;
    if (same !== ours.length)
      throw new Error(`${scenario.name}: ${name} answered ${same}/${ours.length} as the service`);
    floorCheck.agrees = `${same}/${ours.length}`;
  }
  return { checks, failed };
}

/**
 * How many of a search scenario's texts run the typo and description queries: those whose name
 * tiers (score 3 and above, docs/api.md#search) hold fewer hits than the page asks for; and of those,
 * how many have a word long enough for two typos (searchQuery.ts).
 */
async function searchTiersNote(service: Target, scenario: Scenario, variables: Variables[]): Promise<string> {
  const first = Number(/first:\s*(\d+)/.exec(scenario.query)?.[1] ?? 10);
  let belowPage = 0;
  let twoTypos = 0;
  for (const v of variables) {
    const json = (await post(service.url, JSON.stringify({ query: scenario.query, variables: v }))) as {
      data?: { search?: Array<{ score: number }> };
    };
    const nameHits = (json.data?.search ?? []).filter((hit) => hit.score >= 3).length;
    if (nameHits >= first) continue;
    belowPage += 1;
    if (buildSearchQuery(String(v.text))?.fuzzy?.includes("~2")) twoTypos += 1;
  }
  return (
    `${scenario.name}: ${belowPage} of ${variables.length} typed texts found fewer than ${first} names, ` +
    "so the typo and description queries ran for them (" +
    `${twoTypos} of them with a word of 8 letters or more, which tolerates two typos: the dearer typo query); ` +
    "the others were answered from the name tiers alone"
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function measureScale(entities: number, options: Options): Promise<ScaleResult> {
  const graph = syntheticGraphOptions(entities);
  const { neo4j, settings, driver, executor, imported } = await prepareGraph(graph, options);
  const targets: Target[] = [];
  try {
    const requests = options.scenarios.map((s) => ({
      scenario: s.name,
      query: s.query,
      variables: s.variables(graph),
    }));
    log("recording the service's Cypher for the raw-driver baseline");
    const { replay, failures } = await recordReplay(driver, requests);
    for (const [scenario, failure] of Object.entries(failures)) log(`${scenario} not measured: ${failure}`);
    const replayFile = path.join(WORK_DIR, `replay-${entities}.json`);
    writeFileSync(replayFile, encodeReplay(replay));
    const floorFile = path.join(WORK_DIR, `floor-${entities}.json`);
    writeFileSync(floorFile, encodeReplay(floorReplayOf(replay, requests)));

    targets.push(await startService(neo4j.uri));
    if (options.compareExecutors) targets.push(await startService(neo4j.uri, "service (jit)"));
    targets.push(
      await startScript("raw driver", "rawDriver.ts", { NEO4J_URI: neo4j.uri, REPLAY_FILE: replayFile }, "/"),
    );
    targets.push(await startScript("@neo4j/graphql", "neo4jGraphql.ts", { NEO4J_URI: neo4j.uri }, "/"));
    if (options.floor) {
      const env = { NEO4J_URI: neo4j.uri, FLOOR_FILE: floorFile };
      targets.push(await startScript("bare Apollo", "bareApollo.ts", env, "/"));
      if (options.floorJit) {
        targets.push(
          await startScript("bare Apollo (jit)", "bareApollo.ts", { ...env, FLOOR_EXECUTOR: "jit" }, "/"),
        );
      }
    }

    const results: LoadResult[] = [];
    const notes: string[] = [];
    for (const scenario of options.scenarios.filter((s) => !failures[s.name])) {
      const variables = scenario.variables(graph);
      const { checks, failed } = await check(scenario, variables, targets, executor);
      for (const [name, reason] of failed) {
        notes.push(`${scenario.name}: ${name} not measured, its check failed: ${reason}`);
        log(notes[notes.length - 1] ?? "");
      }
      const service = targets.find((t) => t.name === "service");
      if (SEARCH_SCENARIOS.has(scenario.name) && service) {
        notes.push(await searchTiersNote(service, scenario, variables));
        log(notes[notes.length - 1] ?? "");
      }
      type Run = Awaited<ReturnType<typeof loadRun>>;
      const runs = new Map<TargetName, Array<{ loaded: Run; single: Run }>>();
      const bodiesOf = (target: Target): string[] =>
        variables.flatMap((v, i) => bodyFor(target.name, scenario, v, i) ?? []);
      const comparable = targets.filter((t) => bodiesOf(t).length > 0 && !failed.has(t.name));
      for (const target of comparable)
        await loadRun(target, bodiesOf(target), options.warmup, options.connections);
      for (let round = 0; round < options.rounds; round += 1) {
        // Each round starts with a different target, so that no target always runs first (or last).
        const order = comparable.map((_, i) => comparable[(i + round) % comparable.length]);
        for (const target of order) {
          if (!target) continue;
          // Throughput under load, then latency with one connection: at saturation every request
          // queues behind the others, so loaded latency is connections ÷ throughput, not its cost.
          const loaded = await loadRun(target, bodiesOf(target), options.duration, options.connections);
          const single = await loadRun(target, bodiesOf(target), options.duration, 1);
          runs.set(target.name, [...(runs.get(target.name) ?? []), { loaded, single }]);
        }
      }
      for (const target of comparable) {
        const measured = runs.get(target.name) ?? [];
        const checked = checks.find((c) => c.target === target.name);
        const all = measured.flatMap((r) => [r.loaded, r.single]);
        const result: LoadResult = {
          scenario: scenario.name,
          target: target.name,
          rps: median(measured.map((r) => r.loaded.rps)),
          p50: median(measured.map((r) => r.single.p50)),
          p99: median(measured.map((r) => r.single.p99)),
          loadedP50: median(measured.map((r) => r.loaded.p50)),
          loadedP99: median(measured.map((r) => r.loaded.p99)),
          failures: all.reduce((sum, r) => sum + r.failures, 0),
          maxRssBytes: Math.max(...all.map((r) => r.maxRss)),
          cpuMs: median(measured.map((r) => r.loaded.cpuMs)),
          queriesPerRequest: checked?.queriesPerRequest,
          agrees: checked?.agrees,
        };
        results.push(result);
        log(
          `${scenario.name} · ${target.name}: ${result.rps.toFixed(0)} req/s; one connection p50 ` +
            `${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms` +
            (result.failures ? `; ${result.failures} failures` : ""),
        );
      }
    }
    const [component] = await executor.read<{ version: string }>({
      name: "bench.neo4jVersion",
      cypher: "CALL dbms.components() YIELD versions RETURN versions[0] AS version",
      params: {},
    });
    return {
      graph,
      imported,
      notMeasured: failures,
      notes,
      neo4j: { version: component?.version ?? "unknown", ...settings, rssBytes: rssOf(neo4j.pid) },
      results,
    };
  } finally {
    for (const target of targets) await target.stop();
    await driver.close();
    await neo4j.stop();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  mkdirSync(WORK_DIR, { recursive: true });
  const started = new Date();
  const scales: ScaleResult[] = [];
  for (const entities of options.scales) {
    log(`scale ${entities} entities`);
    scales.push(await measureScale(entities, options));
  }
  const run: BenchRun = {
    startedAt: started.toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    options: {
      duration: options.duration,
      rounds: options.rounds,
      warmup: options.warmup,
      connections: options.connections,
    },
    scales,
  };
  const file = options.smoke
    ? path.join(WORK_DIR, "smoke.md")
    : path.join(RESULTS_DIR, options.out ?? `${started.toISOString().slice(0, 10)}.md`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeReport(file, run);
  log(`report: ${path.relative(process.cwd(), file)}`);
  const failures = scales.flatMap((s) => s.results).filter((r) => r.failures > 0);
  if (options.smoke && failures.length > 0) {
    throw new Error(
      `requests failed under load: ${failures.map((f) => `${f.scenario}/${f.target}`).join(", ")}`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
