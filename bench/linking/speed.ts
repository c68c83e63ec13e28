/**
 * `npm run bench:linking-speed`: how fast the alias automaton links, and how big it is.
 * Builds a synthetic dictionary (entities with a name and an alias each, Latin and Chinese), links
 * a 1 MB text against it, and reports build time, link time (median of runs) and memory. Writes
 * bench/results/linking-<date>.md. Options: --entities 150000 (so 300k aliases), --text-mb 1,
 * --runs 5, --memory-at 100000,300000 (entity counts whose memory is measured, to extrapolate).
 * Run with --expose-gc (the npm script does) so the heap figures are measured after collection.
 * --memory-only: only measure the memory at the --memory-at counts (e.g. 1000000, with
 * --max-old-space-size=4096), writing bench/results/linking-memory-<date>.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { EntityKind } from "../../src/graph/records";
import { buildLinkDictionary, type DictionaryEntity } from "../../src/ingest/linkDictionary";
import { linkText } from "../../src/ingest/linkText";
import { matchAliases } from "../../src/ingest/matchAliases";

const { values } = parseArgs({
  options: {
    entities: { type: "string", default: "150000" },
    "text-mb": { type: "string", default: "1" },
    runs: { type: "string", default: "5" },
    "memory-at": { type: "string", default: "100000,300000" },
    "build-only": { type: "boolean", default: false },
    "memory-only": { type: "boolean", default: false },
  },
});

/** A deterministic pseudo-random sequence, so every run links the same text. */
function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s % n;
  };
}

const SYLLABLES =
  "ba bei ben bin bo chang chen cheng chong chu da dan de dong du fan fang fei feng fu gang gao ge gong guo hai han hao he hong hu hua huang hui jia jian jiang jie jin jing ju kai kang ke kun lan lang lei li lian liang lin ling liu long lu luo ma mei meng min ming mu nan ning pan peng ping qi qian qiang qin qing qiu quan rong ru shan shang shen sheng shi shu song su tai tang tao tian ting tong wan wang wei wen wu xi xia xian xiang xiao xin xing xu xue yan yang yao ye yi yin ying yong you yu yuan yue yun zhang zhao zhen zheng zhi zhong zhou zhu".split(
    " ",
  );
const HEADS = [
  "District",
  "Group",
  "Company",
  "Corridor",
  "Park",
  "Institute",
  "Bank",
  "Port",
  "Forum",
  "Industry",
];
const KINDS: EntityKind[] = ["PERSON", "ORGANIZATION", "PLACE", "INITIATIVE", "EVENT", "ROLE", "SECTOR"];
const HAN =
  "重庆成都四川江北渝中两江新区长安集团中欧班列国际陆海贸易新通道西部金融中心科学城港口物流园".split("");

const word = (r: (n: number) => number): string => {
  const w = `${SYLLABLES[r(SYLLABLES.length)] ?? "a"}${SYLLABLES[r(SYLLABLES.length)] ?? "b"}`;
  return w.charAt(0).toUpperCase() + w.slice(1);
};

/** `count` entities, each with a unique two- or three-word name and a unique alias (a third of them Chinese). */
export function syntheticEntities(count: number, seed = 1): DictionaryEntity[] {
  const r = random(seed);
  const seen = new Set<string>();
  const unique = (make: () => string): string => {
    for (;;) {
      const s = make();
      if (!seen.has(s)) {
        seen.add(s);
        return s;
      }
    }
  };
  const entities: DictionaryEntity[] = [];
  for (let i = 0; i < count; i += 1) {
    const name = unique(() =>
      r(2) === 0 ? `${word(r)} ${word(r)}` : `${word(r)} ${word(r)} ${HEADS[r(HEADS.length)] ?? "Group"}`,
    );
    const alias = unique(() =>
      r(3) === 0
        ? Array.from({ length: 3 + r(3) }, () => HAN[r(HAN.length)] ?? "重").join("")
        : `${word(r)}${word(r)}`,
    );
    entities.push({
      id: `entity:${i}`,
      kind: KINDS[i % KINDS.length] ?? "PLACE",
      name,
      aliases: [alias],
      neighbours: [`entity:${(i * 7919) % count}`, `entity:${(i * 104729) % count}`],
    });
  }
  return entities;
}

/** About `bytes` of English-like text in which one word in ten starts a known name. */
function syntheticText(entities: readonly DictionaryEntity[], bytes: number, seed = 2): string {
  const r = random(seed);
  const filler =
    "the city said that its trade and industry grew by a third last year while new routes opened".split(" ");
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const piece =
      r(10) === 0
        ? r(4) === 0
          ? (entities[r(entities.length)]?.aliases[0] ?? "")
          : (entities[r(entities.length)]?.name ?? "")
        : r(20) === 0
          ? `${word(r)} ${word(r)}`
          : (filler[r(filler.length)] ?? "the");
    parts.push(piece);
    length += Buffer.byteLength(piece) + 1;
    if (r(15) === 0) parts.push(".");
  }
  return parts.join(" ");
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function heapUsed(): number {
  gc();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function measureMemory(count: number): {
  entities: number;
  keys: number;
  nodes: number;
  automaton: number;
  total: number;
} {
  const entities = syntheticEntities(count);
  const before = heapUsed();
  const dictionary = buildLinkDictionary(entities);
  const total = heapUsed() - before;
  return {
    entities: count,
    keys: dictionary.automaton.keys.length,
    nodes: dictionary.automaton.nodeCount,
    automaton: dictionary.automaton.byteSize,
    total,
  };
}

function memoryOnly(): void {
  const counts = String(values["memory-at"]).split(",").map(Number);
  const rows: string[] = [];
  for (const count of counts) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const m = measureMemory(count);
    const used = process.cpuUsage(cpu);
    rows.push(
      `| ${m.entities} | ${m.keys} | ${m.nodes} | ${mb(m.automaton)} | ${mb(m.total)} | ${((performance.now() - started) / 1000).toFixed(1)} s | ${((used.user + used.system) / 1e6).toFixed(1)} s |`,
    );
  }
  const report = [
    `# Link dictionary memory, measured (${new Date().toISOString().slice(0, 10)})`,
    "",
    `Node ${process.version}; synthetic entities (a name and one alias each, a third of the aliases Chinese), built by buildLinkDictionary; heap + array buffers after GC.`,
    "",
    `Load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(", ")} on ${cpus().length} cores.`,
    "",
    "| entities | keys | trie nodes | automaton typed arrays | whole dictionary | build wall (incl. generating entities) | build CPU |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
  console.log(report);
  const dir = path.join(__dirname, "../results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `linking-memory-${new Date().toISOString().slice(0, 10)}.md`), `${report}\n`);
}

function main(): void {
  if (values["memory-only"]) {
    memoryOnly();
    return;
  }
  if (process.argv.includes("--build-only")) {
    const entities = syntheticEntities(Number(values.entities));
    const cpu = process.cpuUsage();
    const d = buildLinkDictionary(entities);
    const used = process.cpuUsage(cpu);
    console.log(
      `${d.automaton.keys.length} keys built, CPU ${((used.user + used.system) / 1000).toFixed(0)} ms`,
    );
    return;
  }
  const count = Number(values.entities);
  const runs = Number(values.runs);
  const entities = syntheticEntities(count);
  const buildCpuStart = process.cpuUsage();
  const started = performance.now();
  const dictionary = buildLinkDictionary(entities);
  const buildMs = performance.now() - started;
  const buildCpu = process.cpuUsage(buildCpuStart);
  const buildCpuMs = (buildCpu.user + buildCpu.system) / 1000;
  const text = syntheticText(entities, Number(values["text-mb"]) * 1024 * 1024);

  const matchTimes: number[] = [];
  const linkTimes: number[] = [];
  const matchCpu: number[] = [];
  const linkCpu: number[] = [];
  const cpuMs = (since: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  let matches = 0;
  let mentions = 0;
  let candidates = 0;
  for (let i = 0; i < runs; i += 1) {
    gc();
    let cpu = process.cpuUsage();
    let t = performance.now();
    matches = matchAliases(text, dictionary).length;
    matchTimes.push(performance.now() - t);
    matchCpu.push(cpuMs(cpu));
    gc();
    cpu = process.cpuUsage();
    t = performance.now();
    const result = linkText(text, dictionary);
    linkTimes.push(performance.now() - t);
    linkCpu.push(cpuMs(cpu));
    mentions = result.mentions.length;
    candidates = result.candidates.length;
  }
  const article = text.slice(0, 5 * 1024);
  const articleTimes: number[] = [];
  for (let i = 0; i < 50; i += 1) {
    const t = performance.now();
    linkText(article, dictionary);
    articleTimes.push(performance.now() - t);
  }

  const memory = String(values["memory-at"])
    .split(",")
    .map(Number)
    .map((n) => measureMemory(n));
  const [small, large] = [memory[0], memory[memory.length - 1]];
  const perEntity =
    small && large && large.entities !== small.entities
      ? (large.total - small.total) / (large.entities - small.entities)
      : (large?.total ?? 0) / (large?.entities ?? 1);
  const extrapolated = (large?.total ?? 0) + perEntity * (1_000_000 - (large?.entities ?? 0));

  const lines = [
    `# Linking speed (${new Date().toISOString().slice(0, 10)})`,
    "",
    `Node ${process.version}, ${process.platform}/${process.arch}; one process, no database (the automaton alone).`,
    "",
    `Dictionary: ${count} synthetic entities, ${dictionary.automaton.keys.length} keys (name + one alias each, a third of the aliases Chinese), ${dictionary.automaton.nodeCount} trie nodes; built in ${buildMs.toFixed(0)} ms (CPU ${buildCpuMs.toFixed(0)} ms).`,
    `Text: ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(2)} MB, ${text.length} UTF-16 units.`,
    "",
    `Load average while running: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ", ",
      )} on ${cpus().length} cores (wall times on a shared machine are inflated; CPU time is the process's own).`,
    "",
    `| step (${runs} runs) | wall median | wall min | CPU median |`,
    "| --- | --- | --- | --- |",
    `| alias matching (normalise, automaton, whole words, leftmost-longest): ${matches} matches | ${median(matchTimes).toFixed(0)} ms | ${Math.min(...matchTimes).toFixed(0)} ms | ${median(matchCpu).toFixed(0)} ms |`,
    `| full linking (+ candidates, disambiguation): ${mentions} mentions, ${candidates} candidates | ${median(linkTimes).toFixed(0)} ms | ${Math.min(...linkTimes).toFixed(0)} ms | ${median(linkCpu).toFixed(0)} ms |`,
    `| full linking of a 5 KB article (50 runs) | ${median(articleTimes).toFixed(2)} ms | ${Math.min(...articleTimes).toFixed(2)} ms | |`,
    "",
    "Memory (heap + array buffers after GC, dictionary only: automaton, keys, entries, id index):",
    "",
    "| entities | keys | trie nodes | automaton typed arrays | whole dictionary |",
    "| --- | --- | --- | --- | --- |",
    ...memory.map((m) => `| ${m.entities} | ${m.keys} | ${m.nodes} | ${mb(m.automaton)} | ${mb(m.total)} |`),
    `| 1,000,000 (extrapolated linearly from the two above) | | | | ~${mb(extrapolated)} |`,
  ];
  const report = lines.join("\n");
  console.log(report);
  const dir = path.join(__dirname, "../results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `linking-${new Date().toISOString().slice(0, 10)}.md`), `${report}\n`);
}

main();
