import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { writeDocument } from "../../src/write/importDocument";
import { connectTestGraph, type TestGraph } from "../support/testGraph";
import { removeFixtures } from "../support/removeFixtures";

const ROOT = path.resolve(__dirname, "../..");

/** Starts the crash writer; resolves once it has committed `commits` changes, with the seqs it saw. */
function runWriter(
  documentId: string,
  suffix: string,
  commits: number,
): Promise<{ child: ChildProcess; seqs: number[] }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "tests/support/crashWriter.ts", documentId, suffix],
    {
      cwd: ROOT,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const seqs: number[] = [];
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let buffered = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) if (line.startsWith("seq ")) seqs.push(Number(line.slice(4)));
      if (seqs.length >= commits) resolve({ child, seqs });
    });
    child.on("exit", (code, signal) => {
      if (seqs.length < commits)
        reject(new Error(`writer exited (${code ?? signal}) after ${seqs.length} commits: ${stderr}`));
    });
  });
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

describe("crash safety of the write path (real Neo4j)", () => {
  let graph: TestGraph;
  const suffix = randomUUID().replace(/-/g, "").slice(0, 10);
  const documentId = `document:crash-${suffix}`;

  beforeAll(async () => {
    graph = connectTestGraph();
    await writeDocument(graph.executor, {
      document: {
        id: documentId,
        title: "Crash",
        publisher: null,
        url: null,
        publishedAt: null,
        text: "Crash test.",
      },
      entities: [],
      relationships: [],
      statistics: [],
      quotes: [],
    });
  });
  afterAll(async () => {
    await removeFixtures(graph.executor, { ids: [documentId], suffixes: [suffix] });
    await graph.close();
  });

  it("a writer killed with SIGKILL mid-write leaves every seq 1..last whole, and no element half-written", async () => {
    const reported: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const { child, seqs } = await runWriter(documentId, suffix, 5 + round * 3);
      // Killed while it is inside its next transactions.
      await new Promise((resolve) => setTimeout(resolve, 15 + round * 20));
      reported.push(...seqs);
      await kill9(child);
    }

    const [log] = await graph.executor.read<{
      last: number;
      changes: number;
      missing: number[];
      broken: number[];
    }>({
      name: "test.log",
      cypher: `
        MATCH (l:ChangeLog)
        OPTIONAL MATCH (c:Change)
        WITH l, collect(c.seq) AS seqs
        WITH l, seqs, [s IN range(1, l.seq) WHERE NOT s IN seqs] AS missing
        CALL (l) {
          MATCH (c:Change)
          OPTIONAL MATCH (c)-[:HAS_ITEM]->(i:ChangeItem)
          WITH c, count(i) AS items, collect(i.position) AS positions
          WHERE items <> c.itemCount OR items = 0 OR any(p IN range(0, items - 1) WHERE NOT p IN positions)
          RETURN collect(c.seq) AS broken
        }
        RETURN l.seq AS last, size(seqs) AS changes, missing, broken`,
      params: {},
    });
    expect(log?.missing).toEqual([]);
    expect(log?.broken).toEqual([]);
    expect(log?.changes).toBe(log?.last);
    for (const seq of reported) expect(seq).toBeLessThanOrEqual(log?.last ?? 0);

    // Every entity the writer created is whole and recorded by exactly one change, and every change
    // it recorded names an entity that exists.
    const rows = await graph.executor.read<{
      id: string;
      name: string | null;
      aliases: number;
      version: number | null;
      recorded: number;
    }>({
      name: "test.entities",
      cypher: `
        MATCH (n:Entity) WHERE n.id STARTS WITH 'place:crash-' AND n.id ENDS WITH $suffix
        RETURN n.id AS id, n.name AS name, size(n.aliases) AS aliases, n.version AS version,
               COUNT { MATCH (:Change {actor: 'crash-writer'})-[:HAS_ITEM]->(:ChangeItem {elementId: n.id}) } AS recorded`,
      params: { suffix },
    });
    expect(rows.length).toBeGreaterThanOrEqual(reported.length);
    for (const row of rows) {
      expect(row.name).toMatch(/^Crash \d+$/);
      expect(row).toMatchObject({ aliases: 20, version: 1, recorded: 1 });
    }
    const [orphans] = await graph.executor.read<{ ids: string[] }>({
      name: "test.orphanItems",
      cypher: `
        MATCH (:Change {actor: 'crash-writer'})-[:HAS_ITEM]->(i:ChangeItem)
        WHERE i.elementId ENDS WITH $suffix AND NOT EXISTS { MATCH (:Entity {id: i.elementId}) }
        RETURN collect(i.elementId) AS ids`,
      params: { suffix },
    });
    expect(orphans?.ids).toEqual([]);
  });
});
