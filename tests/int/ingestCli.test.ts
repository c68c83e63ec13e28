import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { readGraphVersion } from "../../src/graph/graphVersion";
import { connectTestGraph, type TestGraph } from "../support/testGraph";

const ROOT = path.join(__dirname, "../..");

/** `npm run ingest` as a curator runs it, on the run's Neo4j (NEO4J_URI): the same write path as the mutation. */
describe("npm run ingest (real Neo4j)", () => {
  let graph: TestGraph;
  const dir = mkdtempSync(path.join(os.tmpdir(), "ingest-cli-"));
  beforeAll(() => {
    graph = connectTestGraph();
  });
  afterAll(() => graph.close());

  const run = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    promisify(execFile)(process.execPath, ["--import", "tsx", "src/ingest/cli.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "warn" },
      timeout: 120_000,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? -1,
        stdout: error.stdout ?? "",
        stderr: error.stderr ?? "",
      }),
    );

  it("stores a file's text with its mentions as one Change by ingest:<file>, and writes nothing the second time", async () => {
    const file = path.join(dir, "mayor.txt");
    writeFileSync(file, `Hu Henghua, Mayor of Chongqing, opened the fair. ref ${randomUUID()}`);
    const before = await readGraphVersion(graph.executor);
    const first = await run([
      file,
      "--title",
      `CLI article ${randomUUID()}`,
      "--published-at",
      "2024-05-01T08:00:00Z",
    ]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/written as change \d+ .*: 2 mentions/);
    const [change] = await graph.executor.read<{ actor: string; operation: string; items: number }>({
      name: "test.change",
      cypher: `MATCH (c:Change)-[:HAS_ITEM]->(i) WHERE c.seq > $before AND c.operation = 'ingestDocument' AND c.actor = 'ingest:mayor.txt'
               RETURN c.actor AS actor, c.operation AS operation, count(i) AS items`,
      params: { before },
    });
    expect(change).toEqual({ actor: "ingest:mayor.txt", operation: "ingestDocument", items: 3 });

    const seq = await readGraphVersion(graph.executor);
    const again = await run([file, "--title", "Another title"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/stored already as document:cli-article/);
    expect(await readGraphVersion(graph.executor)).toBe(seq);
  });

  it("refuses a file that is not UTF-8, and empty text, writing nothing (exit 1)", async () => {
    const latin1 = path.join(dir, "latin1.txt");
    writeFileSync(latin1, Buffer.from("Caf\xe9 in Chongqing", "latin1"));
    const empty = path.join(dir, "empty.txt");
    writeFileSync(empty, "");
    const before = await readGraphVersion(graph.executor);
    const notUtf8 = await run([latin1, "--title", "t"]);
    expect(notUtf8.code).toBe(1);
    expect(notUtf8.stderr).toMatch(/not valid UTF-8/);
    const blank = await run([empty, "--title", "t"]);
    expect(blank.code).toBe(1);
    expect(blank.stderr).toMatch(/input\.text: INVALID: must not be empty/);
    expect(await readGraphVersion(graph.executor)).toBe(before);
  });
});
