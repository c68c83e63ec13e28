import { randomUUID } from "node:crypto";
import { ChangeRepository } from "../../src/graph/changeRepository";
import { readGraphVersion } from "../../src/graph/graphVersion";
import { relationshipId } from "../../src/graph/relationshipId";
import type { MutationOutcome } from "../../src/write/mutation";
import { addDocument } from "../../src/write/mutations/addDocument";
import { addRelationship } from "../../src/write/mutations/addRelationship";
import { addStatistic } from "../../src/write/mutations/addStatistic";
import { createEntity } from "../../src/write/mutations/createEntity";
import { REMOVE_FIXTURES, removeFixtures } from "../support/removeFixtures";
import { connectTestGraph, type TestGraph } from "../support/testGraph";

/** The shared-database clean-up every int suite uses (README "Tests"), against the real Neo4j. */
describe("removeFixtures (real Neo4j)", () => {
  let graph: TestGraph;
  const suffix = randomUUID().replace(/-/g, "").slice(0, 10);
  const documentId = `document:fixtures-${suffix}`;
  const alpha = `place:alpha-${suffix}`;
  const beta = `place:beta-${suffix}`;
  const actor = { subject: `fixtures-test-${suffix}` };
  const citations = [{ documentId, quote: "Alpha Town lies near Beta Port" }];

  beforeAll(() => {
    graph = connectTestGraph();
  });
  afterAll(() => graph.close());

  const written = (outcome: MutationOutcome): string => {
    if (outcome.kind !== "written") throw new Error(JSON.stringify(outcome));
    return outcome.resultId ?? "";
  };
  /** The ids among `ids` that are nodes or relationships in the graph. */
  const inGraph = async (ids: string[]): Promise<string[]> => {
    const rows = await graph.executor.read<{ id: string }>({
      name: "test.inGraph",
      cypher: `MATCH (n) WHERE n.id IN $ids RETURN n.id AS id
               UNION MATCH ()-[r]->() WHERE r.id IN $ids RETURN r.id AS id`,
      params: { ids },
    });
    return rows.map((r) => r.id).sort();
  };

  it("deletes the fixtures with what hangs on them and records each one's retraction as one change", async () => {
    written(
      await addDocument(graph.executor, actor, {
        id: documentId,
        title: `Fixtures ${suffix}`,
        text: `Fixtures ${suffix}: Alpha Town lies near Beta Port.`,
      }),
    );
    written(
      await createEntity(graph.executor, actor, {
        id: alpha,
        kind: "PLACE",
        name: `Alpha ${suffix}`,
        citations,
      }),
    );
    written(
      await createEntity(graph.executor, actor, {
        id: beta,
        kind: "PLACE",
        name: `Beta ${suffix}`,
        citations,
      }),
    );
    const link = relationshipId(alpha, "PART_OF", beta);
    written(
      await addRelationship(graph.executor, actor, { from: alpha, type: "PART_OF", to: beta, citations }),
    );
    // A statistic about an entity that stays, citing the document that goes.
    const statistic = written(
      await addStatistic(graph.executor, actor, {
        subject: "place:chongqing",
        metric: `Fixture figure ${suffix}`,
        value: 1,
        unit: "share",
        citations,
      }),
    );
    const fixtures = [documentId, alpha, beta, link, statistic].sort();
    expect(await inGraph(fixtures)).toEqual(fixtures);
    const before = await readGraphVersion(graph.executor);

    const seq = await removeFixtures(graph.executor, { ids: [documentId], suffixes: [suffix] });

    expect(seq).toBe(before + 1);
    expect(await inGraph([...fixtures, "place:chongqing"])).toEqual(["place:chongqing"]);
    const changes = new ChangeRepository(graph.executor);
    const [change] = await changes.bySeqs([before + 1]);
    expect(change).toMatchObject({ operation: REMOVE_FIXTURES, actor: REMOVE_FIXTURES });
    const [page] = await changes.itemPagesOf([before + 1], 100, -1);
    const items = (page?.edges ?? []).map((e) => e.node);
    expect(items.map((i) => i.id).sort()).toEqual(fixtures);
    for (const item of items) {
      expect(item).toMatchObject({ action: "RETRACTED", after: null, mergedInto: null });
      expect(item.before).not.toBeNull();
    }
    expect(items.find((i) => i.id === documentId)?.typename).toBe("Document");
    expect(items.find((i) => i.id === link)?.typename).toBe("Relationship");
  });

  it("removes what the log never held without recording a change", async () => {
    const byHand = `person:by-hand-${suffix}`;
    await graph.executor.write({
      name: "test.byHand",
      cypher: "CREATE (:Person {id: $id})",
      params: { id: byHand },
    });
    const before = await readGraphVersion(graph.executor);

    expect(await removeFixtures(graph.executor, { ids: [byHand] })).toBeNull();

    expect(await inGraph([byHand])).toEqual([]);
    expect(await readGraphVersion(graph.executor)).toBe(before);
  });
});
