/**
 * The explorer's speed in headless Chromium (npm run bench:explorer): a 500-entity, ~1,500-relationship
 * neighbourhood drawn, laid out and clickable, and an expansion of 50 new nodes into that scene.
 * 10 measured runs after one warm-up; the median and p95 go to bench/results/explorer-<date>.{json,md}.
 * Against the real service and an embedded Neo4j (or the one NEO4J_URI names).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { loadConfig } from "../../src/config";
import { writeDocument } from "../../src/write/importDocument";
import { CypherExecutor } from "../../src/graph/executor";
import { applyMigrations, loadMigrations } from "../../src/graph/migrations";
import { relationshipId } from "../../src/graph/relationshipId";
import type { Dataset, LocatedCitation } from "../../src/import/readDataset";
import { createDriver, waitForDatabase } from "../../src/neo4j/driver";
import { startLocalNeo4j, type LocalNeo4j } from "../../src/neo4j/localNeo4j";
import { createApp } from "../../src/server/app";
import { createMetrics } from "../../src/server/metrics";
import { launchBrowser, openPage } from "../../tests/support/browser";

const RUNS = 10;
const SPOKES = 499;
const LEAVES = 50;
const HUB = "place:bench-hub";
const SPOKE = (i: number): string => `place:bench-spoke-${i}`;
const LEAF = (i: number): string => `place:bench-leaf-${i}`;

/** A hub with 499 spokes in a ring (each linked to the next two) and 50 leaves on spoke 0. */
function benchDataset(): Dataset {
  const ids = [
    HUB,
    ...Array.from({ length: SPOKES }, (_, i) => SPOKE(i)),
    ...Array.from({ length: LEAVES }, (_, i) => LEAF(i)),
  ];
  const lines = ids.map((id) => `${id} is in the benchmark.`);
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const cite = (i: number): LocatedCitation => ({
    quote: lines[i] ?? "",
    start: starts[i] ?? 0,
    end: (starts[i] ?? 0) + (lines[i] ?? "").length,
  });
  const link = (from: string, to: string, line: number): Dataset["relationships"][number] => ({
    id: relationshipId(from, "PART_OF", to),
    from,
    type: "PART_OF",
    to,
    properties: {},
    background: false,
    citations: [cite(line)],
  });
  const spokes = Array.from({ length: SPOKES }, (_, i) => i);
  return {
    document: {
      id: "document:bench-explorer",
      title: "Explorer benchmark",
      publisher: null,
      url: null,
      publishedAt: null,
      text: lines.join("\n"),
    },
    entities: ids.map((id, i) => ({
      id,
      kind: "PLACE" as const,
      name: id.replace("place:bench-", ""),
      aliases: [],
      description: null,
      date: null,
      citations: [cite(i)],
    })),
    relationships: [
      ...spokes.map((i) => link(SPOKE(i), HUB, i + 1)),
      ...spokes.flatMap((i) => [1, 2].map((k) => link(SPOKE(i), SPOKE((i + k) % SPOKES), i + 1))),
      ...Array.from({ length: LEAVES }, (_, i) => link(LEAF(i), SPOKE(0), SPOKES + 1 + i)),
    ],
    statistics: [],
    quotes: [],
  };
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function main(): Promise<void> {
  const logger = pino({ level: "silent" });
  let neo4j: LocalNeo4j | null = null;
  let uri = process.env.NEO4J_URI;
  if (!uri) {
    neo4j = await startLocalNeo4j({
      dataDir: mkdtempSync(path.join(os.tmpdir(), "kg-bench-explorer-")),
      port: 0,
      heap: "768m",
      pageCache: "128m",
      onProgress: (m) => console.error(m),
    });
    uri = neo4j.uri;
  }
  const driver = createDriver({
    uri,
    user: process.env.NEO4J_USER ?? "neo4j",
    password: process.env.NEO4J_PASSWORD,
  });
  await waitForDatabase(driver, logger);
  const executor = new CypherExecutor(driver, { database: "neo4j", transactionTimeoutMs: 120_000, logger });
  await applyMigrations(executor, loadMigrations());
  await writeDocument(executor, benchDataset());
  const app = await createApp({
    config: loadConfig({ NODE_ENV: "production" }),
    driver,
    executor,
    logger,
    metrics: createMetrics({ open: 0 }),
  });
  const base = `http://127.0.0.1:${await app.listen(0, "127.0.0.1")}`;
  const browser = await launchBrowser();
  const scene = `${base}/explore?focus=${encodeURIComponent(HUB)}&limit=500`;
  const draws: Array<{
    readyMs: number;
    drawMs: number;
    clickMs: number;
    nodes: number;
    relationships: number;
  }> = [];
  const expansions: number[] = [];
  try {
    for (let run = 0; run <= RUNS; run++) {
      const { page, problems } = await openPage(browser);
      await page.goto(scene);
      await page.waitForSelector('#graph[data-status="ready"]', { timeout: 120_000 });
      // Clickable: a click on the hub's position selects it (the URL says so).
      const dataset = await page.$eval("#graph", (e) => ({ ...(e as HTMLElement).dataset }));
      const point = await page.evaluate((hub: string) => {
        const cy = (window as unknown as { __explorer: { view: { cy: CyLike } } }).__explorer.view.cy;
        const p = cy.getElementById(hub).renderedPosition();
        const box = (document.getElementById("graph") as HTMLElement).getBoundingClientRect();
        return { x: box.left + p.x, y: box.top + p.y };
      }, HUB);
      const clickStart = Date.now();
      await page.mouse.click(point.x, point.y);
      await page.waitForFunction(
        (hub: string) => new URL(location.href).searchParams.get("select") === hub,
        { polling: "raf" },
        HUB,
      );
      const measured = {
        readyMs: Number(dataset.readyAt),
        drawMs: Number(dataset.layoutMs),
        clickMs: Date.now() - clickStart,
        nodes: Number(dataset.nodes),
        relationships: Number(dataset.relationships),
      };
      // Expansion: select spoke 0, press e; 50 new leaves join the 500-node scene.
      await page.goto(`${scene}&select=${encodeURIComponent(SPOKE(0))}`);
      await page.waitForSelector('#graph[data-status="ready"]', { timeout: 120_000 });
      const expansionMs = await page.evaluate(
        async (expected: string) => {
          const graph = document.getElementById("graph") as HTMLElement;
          const t0 = performance.now();
          document.dispatchEvent(new KeyboardEvent("keydown", { key: "e", bubbles: true }));
          while (!(graph.dataset.status === "ready" && graph.dataset.nodes === expected)) {
            if (performance.now() - t0 > 30_000)
              throw new Error(`no expansion in 30 s: ${JSON.stringify(graph.dataset)}`);
            await new Promise((r) => requestAnimationFrame(r));
          }
          return performance.now() - t0;
        },
        String(SPOKES + 1 + LEAVES),
      );
      if (problems.length > 0) throw new Error(`page problems: ${problems.join("; ")}`);
      await page.close();
      if (run === 0) continue; // warm-up: the server's and the browser's caches
      draws.push(measured);
      expansions.push(expansionMs);
      console.error(
        `run ${run}: ready ${Math.round(measured.readyMs)} ms, draw ${measured.drawMs} ms, click ${Math.round(measured.clickMs)} ms, expand ${Math.round(expansionMs)} ms`,
      );
    }
  } finally {
    await browser.close();
    await app.stop();
    await driver.close();
    await neo4j?.stop();
  }
  const summary = (values: number[]): { median: number; p95: number } => ({
    median: Math.round(percentile(values, 50)),
    p95: Math.round(percentile(values, 95)),
  });
  const result = {
    at: new Date().toISOString(),
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load ${os.loadavg()[0]?.toFixed(1)}`,
    scene: { nodes: draws[0]?.nodes, relationships: draws[0]?.relationships },
    runs: RUNS,
    loadToClickableMs: summary(draws.map((d) => d.readyMs + d.clickMs)),
    drawAndLayoutMs: summary(draws.map((d) => d.drawMs)),
    clickToSelectedMs: summary(draws.map((d) => d.clickMs)),
    expansion50Ms: summary(expansions),
  };
  const dir = path.join(__dirname, "..", "results");
  mkdirSync(dir, { recursive: true });
  const stem = path.join(dir, `explorer-${result.at.slice(0, 10)}`);
  writeFileSync(`${stem}.json`, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(
    `${stem}.md`,
    [
      `# Explorer benchmark, ${result.at}`,
      "",
      `Headless Chromium (Debian), ${result.machine}. Scene: ${result.scene.nodes} entities, ${result.scene.relationships} relationships. ${RUNS} runs after a warm-up.`,
      "",
      "| measure | median ms | p95 ms |",
      "| --- | ---: | ---: |",
      `| page load to laid out and clickable (navigation start → a click selects) | ${result.loadToClickableMs.median} | ${result.loadToClickableMs.p95} |`,
      `| drawing and layout alone (Cytoscape; radial layout past 120 nodes) | ${result.drawAndLayoutMs.median} | ${result.drawAndLayoutMs.p95} |`,
      `| click → selected | ${result.clickToSelectedMs.median} | ${result.clickToSelectedMs.p95} |`,
      `| expansion of 50 new nodes into the scene (key → drawn) | ${result.expansion50Ms.median} | ${result.expansion50Ms.p95} |`,
      "",
    ].join("\n"),
  );
  console.log(JSON.stringify(result, null, 2));
}

/** The part of Cytoscape's API the benchmark calls inside the page. */
interface CyLike {
  getElementById(id: string): { renderedPosition(): { x: number; y: number } };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
