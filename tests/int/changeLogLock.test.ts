import { randomUUID } from "node:crypto";
import { recordedWrite, type ChangeMeta, type Work } from "../../src/write/changeLog";
import { planChanges, readElements, type Run } from "../../src/write/elementStore";
import { CURATION, type EntityElement } from "../../src/write/elements";
import { writeDocument } from "../../src/write/importDocument";
import { createEntity } from "../../src/write/mutations/createEntity";
import { connectTestGraph, type TestGraph } from "../support/testGraph";
import { removeFixtures } from "../support/removeFixtures";

/**
 * The change-log lock taken last (src/write/changeLog.ts): a write reads without the lock, so another
 * write may commit in between; the lock statement must see it and run the work again.
 */
describe("change log: the lock taken last (real Neo4j)", () => {
  let graph: TestGraph;
  const suffix = randomUUID().replace(/-/g, "").slice(0, 10);
  const entityId = `place:lock-${suffix}`;
  const meta = (operation: string): ChangeMeta => ({
    actor: "lock-test",
    operation,
    clientMutationId: null,
    reason: null,
    input: { operation, suffix },
  });

  const documentId = `document:lock-${suffix}`;

  beforeAll(async () => {
    graph = connectTestGraph();
    await writeDocument(graph.executor, {
      document: {
        id: documentId,
        title: "Lock",
        publisher: null,
        url: null,
        publishedAt: null,
        text: "Race words.",
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

  const entity = (name: string): EntityElement => ({
    kind: "entity",
    id: entityId,
    version: 0,
    sources: [
      {
        key: CURATION,
        data: { kind: "PLACE", name, aliases: null, description: null, date: null, citations: [] },
      },
    ],
  });

  /** A write of the entity under `name`, planned from what `run` reads. */
  async function renameWork(run: Run, name: string): Promise<Work<number>> {
    const before = (await readElements(run, { entities: [entityId] })).entities.get(entityId) ?? null;
    const { items, write } = planChanges([
      { before, after: { ...entity(name), version: before?.version ?? 0 } },
    ]);
    return { kind: "write", items, result: before?.version ?? 0, resultId: entityId, write };
  }

  it("runs the work again when another write committed what it read, and records the version it then read", async () => {
    await recordedWrite(graph.executor, meta("setup"), (run) => renameWork(run, "First"), { lock: "first" });
    let attempts = 0;
    const outcome = await recordedWrite(
      graph.executor,
      meta("late"),
      async (run) => {
        attempts += 1;
        const work = await renameWork(run, `Late ${attempts}`);
        // Another write commits the entity while this one has read it but holds no lock.
        if (attempts === 1) {
          await recordedWrite(graph.executor, meta("between"), (r) => renameWork(r, "Between"), {
            lock: "first",
          });
        }
        return work;
      },
      { lock: "late" },
    );
    expect(attempts).toBe(2);
    expect(outcome.kind).toBe("written");
    if (outcome.kind !== "written") return;
    // Read at version 2 (setup 1, between 2) the second time: written as 3, not as 2 over "Between".
    expect(outcome.result).toBe(2);
    const [row] = await graph.executor.read<{ version: number; name: string; items: number }>({
      name: "test.entity",
      cypher: `MATCH (n:Entity {id: $id})
               RETURN n.version AS version, n.name AS name,
                      COUNT { (:ChangeItem {elementId: $id}) } AS items`,
      params: { id: entityId },
    });
    expect(row).toEqual({ version: 3, name: "Late 2", items: 3 });
  });

  it("takes the lock first when the work runs a statement the read set does not cover", async () => {
    const runs: string[] = [];
    const outcome = await recordedWrite(
      graph.executor,
      meta("untracked"),
      async (run) => {
        const rows = await run<{ n: number }>({
          name: "test.untracked",
          cypher: "RETURN 1 AS n",
          params: {},
        });
        runs.push(`ran ${rows.length}`);
        return renameWork(run, "Untracked");
      },
      { lock: "late" },
    );
    // The first attempt is stopped at the untracked statement; the second runs it under the lock.
    expect(runs).toEqual(["ran 1"]);
    expect(outcome.kind).toBe("written");
  });

  it("10 concurrent createEntity with one id: one is written, the others are refused with ALREADY_EXISTS", async () => {
    const id = `place:race-${suffix}`;
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        createEntity(
          graph.executor,
          { subject: "lock-test" },
          {
            kind: "PLACE",
            id,
            name: `Race ${i}`,
            citations: [{ documentId, quote: "Race words" }],
          },
        ),
      ),
    );
    const kinds = outcomes.map((o) =>
      o.kind === "refused" ? o.userErrors.map((e) => e.code).join() : o.kind,
    );
    expect(kinds.filter((k) => k === "written")).toHaveLength(1);
    expect(kinds.filter((k) => k === "ALREADY_EXISTS")).toHaveLength(9);
    const [row] = await graph.executor.read<{ items: number; version: number }>({
      name: "test.race",
      cypher: `MATCH (n:Entity {id: $id})
               RETURN n.version AS version, COUNT { (:ChangeItem {elementId: $id}) } AS items`,
      params: { id },
    });
    expect(row).toEqual({ version: 1, items: 1 });
  });
});
