/**
 * The service alone under load, on a graph an earlier `npm run bench` imported: req/s, CPU ms per
 * request and maximum RSS per scenario, optionally with V8's CPU profile (`--cpu-prof`) of the
 * service process for the whole run. For before/after measurements of one change, where the full
 * side-by-side benchmark would take too long: `--main` twice runs two builds side by side, their
 * runs alternating, so that both see the same machine load.
 *
 *   npm run build && node --import tsx bench/profile.ts --scale 10k --scenarios entityById,statistics
 *   ... --main .ab/before/src/main.js --main dist/src/main.js   # a copy of an earlier build against this one
 *   ... --cpu-prof bench/.work/prof        # writes each service's .cpuprofile there on exit
 *   ... --env LOG_LEVEL=warn               # the services with another setting
 *   ... --node-arg --max-semi-space-size=8 # a V8 option for the service processes
 *   ... --pause 40                         # idle this many seconds before each measured run (as the
 *                                          # side-by-side bench idles a target while it measures the others)
 *   ... --rate 200                         # a fixed rate (req/s) instead of as fast as it answers: every
 *                                          # build then wakes as often per request, so CPU/req compares fairly
 *   ... --floor                            # also the bare-Apollo floor (bench/targets/bareApollo.ts), its runs
 *                                          # alternating with the service's (needs the floor file of a --floor bench run)
 *   node --import tsx bench/profileSummary.ts bench/.work/prof/<file>.cpuprofile
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { startLocalNeo4j } from "../src/neo4j/localNeo4j";
import { loadRun } from "./load";
import { SCENARIOS } from "./scenarios";
import { syntheticGraphOptions } from "./syntheticGraph";
import { neo4jSettingsFor, startScript, startService, type Target } from "./targets";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "10k" },
    scenarios: { type: "string", default: "entityById,statistics,totalCount,search" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "10" },
    connections: { type: "string", default: "8" },
    rounds: { type: "string", default: "1" },
    main: { type: "string", multiple: true, default: [] },
    "cpu-prof": { type: "string" },
    env: { type: "string", multiple: true, default: [] },
    "node-arg": { type: "string", multiple: true, default: [] },
    floor: { type: "boolean", default: false },
    rate: { type: "string" },
    pause: { type: "string", default: "0" },
  },
});

const entities = Number(values.scale.replace(/k$/i, "000").replace(/m$/i, "000000"));
const dataDir = path.join(__dirname, ".work", `neo4j-${entities}`);
if (!existsSync(path.join(dataDir, "bench-import.json"))) {
  throw new Error(`no imported graph in ${dataDir}: run npm run bench -- --scales ${values.scale} first`);
}
const scenarios = values.scenarios.split(",").map((name) => {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!scenario) throw new Error(`unknown scenario ${name}`);
  return scenario;
});
const env = Object.fromEntries(
  values.env.map((pair) => {
    const at = pair.indexOf("=");
    return [pair.slice(0, at), pair.slice(at + 1)];
  }),
);
const nodeArgs = [
  ...values["node-arg"],
  ...(values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["cpu-prof"])}`] : []),
];
const builds = values.main.length > 0 ? values.main.map((main) => path.resolve(main)) : [undefined];

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function main(): Promise<void> {
  const graph = syntheticGraphOptions(entities);
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, ...neo4jSettingsFor(entities) });
  const services: Array<{ label: string; target: Target }> = [];
  try {
    for (const build of builds) {
      const target = await startService(neo4j.uri, "service", { nodeArgs, env, main: build });
      services.push({ label: build ? path.relative(process.cwd(), build) : "dist/src/main.js", target });
    }
    if (values.floor) {
      const floorFile = path.join(__dirname, ".work", `floor-${entities}.json`);
      if (!existsSync(floorFile)) throw new Error(`no ${floorFile}: run npm run bench -- --floor first`);
      const env = { NEO4J_URI: neo4j.uri, FLOOR_FILE: floorFile };
      const target = await startScript("bare Apollo", "bareApollo.ts", env, "/", nodeArgs);
      services.push({ label: "bare Apollo", target });
    }
    for (const scenario of scenarios) {
      const bodies = scenario
        .variables(graph)
        .map((variables) => JSON.stringify({ query: scenario.query, variables }));
      const connections = Number(values.connections);
      const rate = values.rate === undefined ? undefined : Number(values.rate);
      for (const { target } of services) await loadRun(target, bodies, Number(values.warmup), connections);
      const runs = new Map<string, Array<Awaited<ReturnType<typeof loadRun>>>>();
      for (let round = 0; round < Number(values.rounds); round += 1) {
        for (let i = 0; i < services.length; i += 1) {
          const service = services[(i + round) % services.length];
          if (!service) continue;
          await new Promise((resolve) => setTimeout(resolve, Number(values.pause) * 1000));
          const run = await loadRun(service.target, bodies, Number(values.duration), connections, rate);
          runs.set(service.label, [...(runs.get(service.label) ?? []), run]);
        }
      }
      for (const [label, measured] of runs) {
        process.stdout.write(
          `${scenario.name} · ${label}: ${median(measured.map((r) => r.rps)).toFixed(0)} req/s, ` +
            `CPU ${median(measured.map((r) => r.cpuMs)).toFixed(3)} ms/req ` +
            `[${measured.map((r) => r.cpuMs.toFixed(2)).join(" ")}], ` +
            `max RSS ${(Math.max(...measured.map((r) => r.maxRss)) / 2 ** 20).toFixed(0)} MB, ` +
            `p50 ${median(measured.map((r) => r.p50)).toFixed(2)} ms, ` +
            `failures ${measured.reduce((sum, r) => sum + r.failures, 0)}\n`,
        );
      }
    }
  } finally {
    for (const { target } of services) await target.stop();
    await neo4j.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
