/**
 * Where a .cpuprofile's time went: self time by function and by package (node_modules/<name>,
 * node: internals, the service's own files), in percent of the samples.
 *   node --import tsx bench/profileSummary.ts <file.cpuprofile> [top=30]
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topText] = process.argv.slice(2);
if (!file) throw new Error("usage: profileSummary.ts <file.cpuprofile> [top]");
const top = Number(topText ?? 30);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

function packageOf(url: string, name: string): string {
  if (url === "") return `(${name || "native"})`;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1] ?? url;
  if (url.startsWith("node:")) return url;
  const own = /\/(src|dist\/src)\/(.*)$/.exec(url);
  return own ? `src/${own[2] ?? ""}` : url;
}

const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const pkg = packageOf(url, functionName);
  const key = `${functionName || "(anonymous)"} ${pkg}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
}

const print = (title: string, map: Map<string, number>): void => {
  process.stdout.write(`\n${title} (total ${(total / 1000).toFixed(0)} ms sampled)\n`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}\n`);
  }
};
print("self time by package", byPackage);
print("self time by function", byFunction);

// Who calls the functions named by a third argument (comma-separated), four frames up.
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
const traced = (process.argv[4] ?? "").split(",").filter((name) => name !== "");
for (const name of traced) {
  const stacks = new Map<string, number>();
  for (const [id, us] of selfUs) {
    if (byId.get(id)?.callFrame.functionName !== name) continue;
    const frames: string[] = [];
    let at = parents.get(id);
    while (at !== undefined && frames.length < 12) {
      const frame = byId.get(at)?.callFrame;
      if (frame) frames.push(`${frame.functionName || "(anon)"}@${packageOf(frame.url, frame.functionName)}`);
      at = parents.get(at);
    }
    const key = frames.slice(5).join(" < ");
    stacks.set(key, (stacks.get(key) ?? 0) + us);
  }
  print(`callers of ${name}`, stacks);
}

// Inclusive time of the functions named by a fourth argument (comma-separated; recursion counted once).
const inclusiveNames = (process.argv[5] ?? "").split(",").filter((name) => name !== "");
if (inclusiveNames.length > 0) {
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    let at: number | undefined = id;
    while (at !== undefined) {
      const frame = byId.get(at)?.callFrame;
      const name = frame ? `${frame.functionName}@${packageOf(frame.url, frame.functionName)}` : "";
      if (frame && inclusiveNames.includes(frame.functionName) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + us);
      }
      at = parents.get(at);
    }
  }
  print("inclusive time", inclusive);
}
