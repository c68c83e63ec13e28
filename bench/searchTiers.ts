/**
 * What search's one Cypher statement costs Neo4j per keystroke of the search scenario (the raw
 * driver, no service), on a graph an earlier `npm run bench` imported: the mean time per statement
 * with 4 statements in flight, by how much of the name was typed (1, 2, 3, 4 letters, the first
 * word but one letter, the first word, it and 3 letters more, the whole name: `typedTextOf`).
 * `--before DIR` runs an earlier build's Lucene queries (DIR/src/graph/searchQuery.js) interleaved
 * with this one's, text by text, so both see the same machine load.
 *
 *   node --import tsx bench/searchTiers.ts --scale 1m [--before .ab/old] [--repeat 40]
 */
import path from "node:path";
import { parseArgs } from "node:util";
import neo4j, { int, type Driver } from "neo4j-driver";
import pino from "pino";
import { SEARCH_CANDIDATES, SEARCH_ENTITIES } from "../src/graph/entityRepository";
import { buildSearchQuery } from "../src/graph/searchQuery";
import { createDriver, waitForDatabase } from "../src/neo4j/driver";
import { startLocalNeo4j } from "../src/neo4j/localNeo4j";
import { parseScale } from "./scale";
import { SCENARIOS } from "./scenarios";
import { syntheticGraphOptions } from "./syntheticGraph";
import { neo4jSettingsFor } from "./targets";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "10k" },
    before: { type: "string" },
    repeat: { type: "string", default: "40" },
  },
});
const CUTS = ["1", "2", "3", "4", "first-1", "first", "first+3", "whole"];
const IN_FLIGHT = 4;
const PASSES = 3;

type Build = typeof buildSearchQuery;

async function meanMs(driver: Driver, params: Record<string, unknown>, repeat: number): Promise<number> {
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      const session = driver.session({ defaultAccessMode: neo4j.session.READ });
      for (let i = 0; i < repeat / IN_FLIGHT; i += 1) await session.run(SEARCH_ENTITIES, params);
      await session.close();
    }),
  );
  return Number(process.hrtime.bigint() - start) / 1e6 / repeat;
}

async function main(): Promise<void> {
  const scale = parseScale(values.scale ?? "10k");
  const repeat = Number(values.repeat);
  const builds: Array<[string, Build]> = [["this build", buildSearchQuery]];
  if (values.before !== undefined) {
    const file = path.resolve(values.before, "src/graph/searchQuery.js");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    builds.unshift([values.before, (require(file) as { buildSearchQuery: Build }).buildSearchQuery]);
  }
  const dataDir = path.join(__dirname, ".work", `neo4j-${scale}`);
  const db = await startLocalNeo4j({ dataDir, port: 0, ...neo4jSettingsFor(scale) });
  const driver = createDriver({ uri: db.uri, user: "neo4j", password: undefined });
  try {
    await waitForDatabase(driver, pino({ level: "silent" }));
    const scenario = SCENARIOS.find((s) => s.name === "search");
    const texts = (scenario?.variables(syntheticGraphOptions(scale)) ?? []).map((v) => String(v.text));
    const sums = builds.map(() => CUTS.map(() => 0));
    // The first pass warms Neo4j up and is not counted.
    for (let pass = 0; pass < PASSES; pass += 1) {
      for (const [k, text] of texts.entries()) {
        for (const [b, [, build]] of builds.entries()) {
          const query = build(text);
          if (query === null) continue;
          const params = { ...query, first: int(10), candidates: int(SEARCH_CANDIDATES) };
          const ms = await meanMs(driver, params, repeat);
          const row = sums[b];
          if (pass > 0 && row) row[k % CUTS.length] = (row[k % CUTS.length] ?? 0) + ms;
        }
      }
    }
    const perCut = (PASSES - 1) * (texts.length / CUTS.length);
    console.log(
      `search statement, ${scale} entities, ms per statement (${IN_FLIGHT} in flight), by keystroke:`,
    );
    console.log(["build", ...CUTS, "mean"].join("\t"));
    for (const [b, [label]] of builds.entries()) {
      const row = sums[b] ?? [];
      const mean = row.reduce((x, y) => x + y, 0) / (perCut * CUTS.length);
      console.log([label, ...row.map((v) => (v / perCut).toFixed(2)), mean.toFixed(3)].join("\t"));
    }
  } finally {
    await driver.close();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
