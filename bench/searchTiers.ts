/**
 * What one search costs below GraphQL per keystroke of the search scenario (`EntityRepository.search`:
 * its Cypher statement, the driver decoding the rows, and whatever ranking is left to Node), on a
 * graph an earlier `npm run bench` imported: the mean time per search with 4 in flight, by how much
 * of the name was typed (1, 2, 3, 4 letters, the first word but one letter, the first word, it and 3
 * letters more, the whole name: `typedTextOf`). The graph first gets the migrations added since it
 * was imported (as `--reuse` does). `--before DIR` runs an earlier build's search (its source tree,
 * DIR/src/graph/entityRepository.ts, loaded through tsx) interleaved with this one's, text by text,
 * so both see the same machine load. `--texts SCALE` types the texts the search scenario uses at
 * another scale: the scenario's texts differ by scale (at 1M most names are made of 8-letter words,
 * which tolerate two typos, at 10k of 6-letter words, which tolerate one), so `--scale 1m --texts
 * 10k` is the same work as `--scale 10k` on a larger graph.
 *
 *   node --import tsx bench/searchTiers.ts --scale 1m [--texts 10k] [--before /tmp/old-tree] [--repeat 40]
 */
import path from "node:path";
import { parseArgs } from "node:util";
import pino from "pino";
import { EntityRepository } from "../src/graph/entityRepository";
import { CypherExecutor } from "../src/graph/executor";
import { applyMigrations, loadMigrations } from "../src/graph/migrations";
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
    texts: { type: "string" },
  },
});
const CUTS = ["1", "2", "3", "4", "first-1", "first", "first+3", "whole"];
const IN_FLIGHT = 4;
const PASSES = 3;

type Search = (text: string) => Promise<unknown>;

async function meanMs(search: Search, text: string, repeat: number): Promise<number> {
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      for (let i = 0; i < repeat / IN_FLIGHT; i += 1) await search(text);
    }),
  );
  return Number(process.hrtime.bigint() - start) / 1e6 / repeat;
}

async function main(): Promise<void> {
  const scale = parseScale(values.scale ?? "10k");
  const repeat = Number(values.repeat);
  const dataDir = path.join(__dirname, ".work", `neo4j-${scale}`);
  const db = await startLocalNeo4j({ dataDir, port: 0, ...neo4jSettingsFor(scale) });
  const driver = createDriver({ uri: db.uri, user: "neo4j", password: undefined });
  try {
    await waitForDatabase(driver, pino({ level: "silent" }));
    const options = { database: "neo4j", transactionTimeoutMs: 3_600_000, logger: pino({ level: "info" }) };
    const executor = new CypherExecutor(driver, options);
    // As `npm run bench -- --reuse` does: the graph gets the migrations added since it was imported.
    await applyMigrations(executor, loadMigrations());
    const quiet = { ...options, logger: pino({ level: "silent" }) };
    const repository = new EntityRepository(new CypherExecutor(driver, quiet));
    const builds: Array<[string, Search]> = [["this build", (text) => repository.search(text, null, 10)]];
    if (values.before !== undefined) {
      const dir = path.resolve(values.before, "src/graph");
      /* eslint-disable @typescript-eslint/no-require-imports -- an earlier build's own modules */
      const before = {
        ...(require(path.join(dir, "entityRepository.ts")) as { EntityRepository: typeof EntityRepository }),
        ...(require(path.join(dir, "executor.ts")) as { CypherExecutor: typeof CypherExecutor }),
      };
      /* eslint-enable @typescript-eslint/no-require-imports */
      const old = new before.EntityRepository(new before.CypherExecutor(driver, quiet));
      builds.unshift([values.before, (text) => old.search(text, null, 10)]);
    }
    const scenario = SCENARIOS.find((s) => s.name === "search");
    const textScale = values.texts === undefined ? scale : parseScale(values.texts);
    const texts = (scenario?.variables(syntheticGraphOptions(textScale)) ?? []).map((v) => String(v.text));
    const sums = builds.map(() => CUTS.map(() => 0));
    // The first pass warms Neo4j up and is not counted.
    for (let pass = 0; pass < PASSES; pass += 1) {
      for (const [k, text] of texts.entries()) {
        for (const [b, [, search]] of builds.entries()) {
          const ms = await meanMs(search, text, repeat);
          const row = sums[b];
          if (pass > 0 && row) row[k % CUTS.length] = (row[k % CUTS.length] ?? 0) + ms;
        }
      }
    }
    const perCut = (PASSES - 1) * (texts.length / CUTS.length);
    console.log(
      `search, ${scale} entities, the texts of ${textScale}, ms per search (${IN_FLIGHT} in flight), by keystroke:`,
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
