import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import type { ImportMeasurement } from "./loadGraph";
import type { SyntheticGraphOptions } from "./syntheticGraph";
import type { TargetName } from "./targets";

export interface TargetCheck {
  target: TargetName;
  /** Cypher statements per request; undefined where this harness cannot see them. */
  queriesPerRequest: number | undefined;
  /** How many variable sets got the same ids from @neo4j/graphql as from the service. */
  agrees: string | undefined;
}

export interface LoadResult extends TargetCheck {
  scenario: string;
  /** Medians over the measured rounds: req/s and latencies under load (all connections)... */
  rps: number;
  loadedP50: number;
  loadedP99: number;
  /** ...and latencies with one connection, requests back to back (what one request costs). */
  p50: number;
  p99: number;
  /** Non-200 answers, answers with GraphQL errors, socket errors and timeouts, over all rounds. */
  failures: number;
  maxRssBytes: number;
  /** The target process's CPU time per request under load (ms, median over rounds; Neo4j's not included). */
  cpuMs?: number;
}

export interface ScaleResult {
  graph: SyntheticGraphOptions;
  imported: ImportMeasurement & { reused?: string };
  neo4j: { version: string; heap: string; pageCache: string; rssBytes: number };
  /** Scenarios the service failed while being recorded, with its error. */
  notMeasured: Record<string, string>;
  /** Facts about the workload measured during the run (e.g. how many search texts reached the typo tier). */
  notes?: string[];
  results: LoadResult[];
}

export interface BenchRun {
  startedAt: string;
  command: string;
  options: { duration: number; rounds: number; warmup: number; connections: number };
  scales: ScaleResult[];
}

/** Targets of the issue, as ratios. */
// Issue #14's targets (issue #7 asked 1.5× on entityById, search and statistics).
const P50_VS_RAW = { scenarios: ["entityById", "search", "statistics", "totalCount"], max: 1.3 };
const RPS_VS_NEO4J_GRAPHQL = 1.5;
const FLAT_P99 = ["neighborhood", "totalCount"];
/** Search's req/s at the largest scale, as a share of its req/s at the smallest. */
const KEPT_RPS = { scenarios: ["search", "searchSameTexts"], min: 0.9 };
const RSS_LIMIT_MB = 300;

const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
const fixed = (value: number, digits = 1): string => value.toFixed(digits);
const scaleName = (entities: number): string =>
  entities >= 1_000_000
    ? `${entities / 1_000_000}M`
    : entities >= 1_000
      ? `${entities / 1_000}k`
      : String(entities);

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

function find(scale: ScaleResult, scenario: string, target: TargetName): LoadResult | undefined {
  return scale.results.find((r) => r.scenario === scenario && r.target === target);
}

function machine(): string {
  const cpus = os.cpus();
  const java = spawnSync("java", ["-version"], { encoding: "utf8" }).stderr.split("\n")[0] ?? "";
  return [
    `${cpus.length} cores (${cpus[0]?.model ?? "unknown CPU"}), ${mb(os.totalmem())} MB RAM, ${os.type()} ${os.release()}`,
    `Node ${process.version}; ${java.trim()}`,
  ].join("; ");
}

function targetsSection(run: BenchRun): string {
  const rows: string[][] = [];
  for (const scale of run.scales) {
    const name = scaleName(scale.graph.entities);
    for (const scenario of P50_VS_RAW.scenarios) {
      const ours = find(scale, scenario, "service");
      const raw = find(scale, scenario, "raw driver");
      if (!ours || !raw) continue;
      const ratio = ours.p50 / raw.p50;
      rows.push([
        name,
        `${scenario}: p50 ≤ ${P50_VS_RAW.max}× raw driver`,
        `${fixed(ratio, 2)}× (under load: ${fixed(ours.loadedP50 / raw.loadedP50, 2)}×)`,
        ratio <= P50_VS_RAW.max ? "met" : "**missed**",
      ]);
    }
    for (const ours of scale.results.filter((r) => r.target === "service")) {
      const theirs = find(scale, ours.scenario, "@neo4j/graphql");
      if (!theirs) continue;
      const ratio = ours.rps / theirs.rps;
      rows.push([
        name,
        `${ours.scenario}: req/s ≥ ${RPS_VS_NEO4J_GRAPHQL}× @neo4j/graphql`,
        `${fixed(ratio, 2)}×`,
        ratio >= RPS_VS_NEO4J_GRAPHQL ? "met" : "**missed**",
      ]);
    }
  }
  const first = run.scales[0];
  const last = run.scales[run.scales.length - 1];
  if (first && last && first !== last) {
    const span = `${scaleName(first.graph.entities)} → ${scaleName(last.graph.entities)}`;
    // The service's results for each scenario at the smallest and the largest scale, where both ran.
    const ends = (scenarios: readonly string[]) =>
      scenarios.flatMap((scenario) => {
        const from = find(first, scenario, "service");
        const to = find(last, scenario, "service");
        return from && to ? [{ scenario, from, to }] : [];
      });
    for (const { scenario, from, to } of ends(FLAT_P99)) {
      const growth = to.p99 / from.p99;
      rows.push([
        span,
        `${scenario}: p99 flat`,
        `${fixed(from.p99)} → ${fixed(to.p99)} ms (${fixed(growth, 2)}×; under load ` +
          `${fixed(from.loadedP99)} → ${fixed(to.loadedP99)} ms)`,
        // "Flat" is read as within a factor of 2 over a 100-fold growth of the graph.
        growth <= 2 ? "met" : "**missed**",
      ]);
    }
    for (const { scenario, from, to } of ends(KEPT_RPS.scenarios)) {
      const kept = to.rps / from.rps;
      rows.push([
        span,
        `${scenario}: req/s ≥ ${KEPT_RPS.min * 100} % of the smaller graph's`,
        `${fixed(from.rps, 0)} → ${fixed(to.rps, 0)} req/s (${fixed(kept * 100, 0)} %)`,
        kept >= KEPT_RPS.min ? "met" : "**missed**",
      ]);
    }
  }
  const rss = Math.max(
    0,
    ...run.scales.flatMap((s) => s.results.filter((r) => r.target === "service").map((r) => r.maxRssBytes)),
  );
  rows.push([
    "all",
    `service RSS under load < ${RSS_LIMIT_MB} MB`,
    `${mb(rss)} MB (max)`,
    mb(rss) < RSS_LIMIT_MB ? "met" : "**missed**",
  ]);
  return table(["scale", "target", "measured", ""], rows);
}

function scaleSection(scale: ScaleResult): string {
  const { graph, imported, neo4j } = scale;
  const importLine = imported.reused
    ? `Import: reused the graph imported ${imported.reused}, which took ${fixed(imported.importSeconds, 0)} s ` +
      `(${fixed(imported.entitiesPerSecond, 0)} entities/s, ${fixed(imported.factsPerSecond, 0)} facts/s).`
    : `Import through the real importer: ${imported.documents} documents, ${imported.facts} facts ` +
      `(${imported.nodesCreated} nodes, ${imported.relationshipsCreated} relationships created) in ` +
      `${fixed(imported.importSeconds, 0)} s: **${fixed(imported.entitiesPerSecond, 0)} entities/s**, ` +
      `${fixed(imported.factsPerSecond, 0)} facts/s.`;
  const rows = scale.results.map((r) => [
    r.scenario,
    r.target,
    fixed(r.rps, 0),
    fixed(r.loadedP50, 1),
    fixed(r.loadedP99, 1),
    fixed(r.p50, 2),
    fixed(r.p99, 2),
    r.queriesPerRequest === undefined ? "–" : fixed(r.queriesPerRequest, 1),
    String(mb(r.maxRssBytes)),
    r.cpuMs === undefined ? "–" : fixed(r.cpuMs, 2),
    String(r.failures),
    r.agrees ?? "",
  ]);
  const scenarios = [...new Set(scale.results.map((r) => r.scenario))];
  const ratios = scenarios.map((scenario) => {
    const ours = find(scale, scenario, "service");
    const raw = find(scale, scenario, "raw driver");
    const theirs = find(scale, scenario, "@neo4j/graphql");
    return [
      scenario,
      ours && raw ? `${fixed(ours.p50 / raw.p50, 2)}×` : "–",
      ours && raw ? `${fixed(ours.rps / raw.rps, 2)}×` : "–",
      ours?.cpuMs && raw?.cpuMs ? `${fixed(ours.cpuMs / raw.cpuMs, 2)}×` : "–",
      ours && theirs ? `${fixed(ours.p50 / theirs.p50, 2)}×` : "not expressible",
      ours && theirs ? `${fixed(ours.rps / theirs.rps, 2)}×` : "not expressible",
      ours?.cpuMs && theirs?.cpuMs ? `${fixed(ours.cpuMs / theirs.cpuMs, 2)}×` : "not expressible",
    ];
  });
  const executors = scenarios.flatMap((scenario) => {
    const js = find(scale, scenario, "service");
    const jit = find(scale, scenario, "service (jit)");
    if (!js || !jit) return [];
    return [
      [
        scenario,
        `${fixed(jit.p50 / js.p50, 2)}×`,
        `${fixed(jit.rps / js.rps, 2)}×`,
        jit.cpuMs && js.cpuMs ? `${fixed(jit.cpuMs / js.cpuMs, 2)}×` : "–",
        `${mb(jit.maxRssBytes)} / ${mb(js.maxRssBytes)}`,
      ],
    ];
  });
  const floors = scenarios.flatMap((scenario) => {
    const ours = find(scale, scenario, "service");
    const raw = find(scale, scenario, "raw driver");
    const floor = find(scale, scenario, "bare Apollo");
    const theirs = find(scale, scenario, "@neo4j/graphql");
    const jit = find(scale, scenario, "bare Apollo (jit)");
    if (!floor || !raw) return [];
    const cpuOver = (a?: number, b?: number): string =>
      a !== undefined && b !== undefined ? `+${fixed(a - b, 2)}` : "–";
    return [
      [
        scenario,
        `${fixed(floor.p50 / raw.p50, 2)}×`,
        ours ? `${fixed(ours.p50 / floor.p50, 2)}×` : "–",
        cpuOver(floor.cpuMs, raw.cpuMs),
        cpuOver(ours?.cpuMs, floor.cpuMs),
        theirs ? `${fixed(floor.rps / theirs.rps, 2)}×` : "–",
        jit
          ? `${fixed(jit.p50 / floor.p50, 2)}× / ${jit.cpuMs && floor.cpuMs ? fixed(jit.cpuMs / floor.cpuMs, 2) : "–"}×`
          : "–",
      ],
    ];
  });
  const failed = Object.entries(scale.notMeasured).map(
    ([scenario, error]) => `- **${scenario} not measured**: ${error}`,
  );
  return [
    `## ${scaleName(graph.entities)} entities`,
    "",
    `Graph: ${graph.entities} entities, ${graph.attachments} preferential-attachment links per new entity, ` +
      `a hub with ${graph.hubNeighbours} neighbours, documents of ${graph.documentSize} new entities, seed ${graph.seed}. ` +
      `Neo4j ${neo4j.version} (heap ${neo4j.heap}, page cache ${neo4j.pageCache}; RSS ${mb(neo4j.rssBytes)} MB after the run).`,
    "",
    importLine,
    "",
    ...(failed.length > 0 ? [...failed, ""] : []),
    ...(scale.notes && scale.notes.length > 0 ? [...scale.notes.map((note) => `- ${note}`), ""] : []),
    table(
      [
        "scenario",
        "target",
        "req/s",
        "loaded p50 ms",
        "loaded p99 ms",
        "p50 ms",
        "p99 ms",
        "Cypher/req",
        "max RSS MB",
        "CPU ms/req",
        "failures",
        "same ids",
      ],
      rows,
    ),
    "",
    "Ratios (service ÷ baseline; p50 with one connection, lower is better; req/s under load, higher is better):",
    "",
    table(
      [
        "scenario",
        "p50 vs raw",
        "req/s vs raw",
        "CPU/req vs raw",
        "p50 vs @neo4j/graphql",
        "req/s vs @neo4j/graphql",
        "CPU/req vs @neo4j/graphql",
      ],
      ratios,
    ),
    ...(floors.length === 0
      ? []
      : [
          "",
          "The floor (`--floor`): bare Apollo is Apollo Server 5 with the service's schema alone " +
            "(startStandaloneServer, no plugins, no armor, no cost, no logging), its resolvers running the raw " +
            "driver's statements (CPU in ms/req):",
          "",
          table(
            [
              "scenario",
              "p50 floor ÷ raw",
              "p50 service ÷ floor",
              "CPU floor − raw",
              "CPU service − floor",
              "req/s floor ÷ @neo4j/graphql",
              "jit floor ÷ floor (p50 / CPU)",
            ],
            floors,
          ),
        ]),
    ...(executors.length === 0
      ? []
      : [
          "",
          "The same service build with GRAPHQL_EXECUTOR=jit (every operation compiled) against the default (auto):",
          "",
          table(
            ["scenario", "p50 jit ÷ auto", "req/s jit ÷ auto", "CPU/req jit ÷ auto", "max RSS MB jit / auto"],
            executors,
          ),
        ]),
  ].join("\n");
}

export function renderReport(run: BenchRun): string {
  const { duration, rounds, warmup, connections } = run.options;
  return [
    `# Benchmark results, ${run.startedAt.slice(0, 10)}`,
    "",
    `Command: \`${run.command}\` (started ${run.startedAt}).`,
    "",
    `Machine: ${machine()}. Neo4j, the target and the load generator share these cores.`,
    "",
    `Method: per scenario, ${warmup} s of warm-up per target, then ${rounds} rounds per target, each round ` +
      "starting with a different target. A round is a load run and a latency run: " +
      `${duration} s with ${connections} connections (req/s, "loaded" latencies), then ${duration} s with one ` +
      "connection, requests back to back (p50, p99: what one request costs, without queueing). The tables give " +
      "medians over the rounds; latencies are per request, from the load generator. `Cypher/req`: statements " +
      "Neo4j executed per request (its db.stats query collection, the same count for every target), measured " +
      "before the load. `same ids`: of the variable sets, how many got the same ids from @neo4j/graphql as from " +
      "the service. `CPU ms/req`: the target process's own CPU time (user + system, from /proc) over the load " +
      "run, divided by the requests it answered; Neo4j's CPU is not in it. Unlike latency and req/s it hardly " +
      "depends on how busy the machine is. See docs/benchmarks.md.",
    "",
    "## Targets",
    "",
    targetsSection(run),
    "",
    ...run.scales.map(scaleSection).flatMap((section) => [section, ""]),
  ].join("\n");
}

export function writeReport(file: string, run: BenchRun): void {
  writeFileSync(file, renderReport(run));
  writeFileSync(file.replace(/\.md$/, ".json"), `${JSON.stringify(run, null, 2)}\n`);
}
