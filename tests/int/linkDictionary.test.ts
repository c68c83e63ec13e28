import { LinkDictionaryRepository } from "../../src/graph/linkDictionaryRepository";
import { LinkDictionaryCache } from "../../src/ingest/linkDictionaryCache";
import { linkText } from "../../src/ingest/linkText";
import { connectTestGraph, type TestGraph } from "../support/testGraph";

const MARK = "linking-dictionary-test";

describe("the linking dictionary read from the graph (real Neo4j)", () => {
  let graph: TestGraph;
  beforeAll(() => {
    graph = connectTestGraph();
  });
  let bumped = false;
  afterAll(async () => {
    if (bumped) {
      await graph.executor.write({
        name: "test.cleanup",
        cypher: `MATCH (l:ChangeLog {id: 'changes'}) SET l.seq = l.seq - 1`,
        params: {},
      });
    }
    await graph.executor.write({
      name: "test.cleanup",
      cypher: `MATCH (n) WHERE n.testMark = $mark DETACH DELETE n`,
      params: { mark: MARK },
    });
    await graph.close();
  });

  it("reads every entity with its aliases and neighbours, the same in small pages as in one", async () => {
    const whole = await new LinkDictionaryRepository(graph.executor).readAll();
    const paged = await new LinkDictionaryRepository(graph.executor, {
      pageSize: 7,
      maxNeighbours: 50,
      maxEntities: 1_000_000,
    }).readAll();
    expect(paged).toEqual(whole);
    const chongqing = whole.find((e) => e.id === "place:chongqing");
    expect(chongqing).toMatchObject({ kind: "PLACE", name: "Chongqing" });
    expect(chongqing?.aliases).toEqual(expect.arrayContaining(["重庆", "Mountain City"]));
    expect(chongqing?.neighbours).toEqual(
      expect.arrayContaining(["place:chengdu", "role:mayor-of-chongqing"]),
    );
    expect(whole.map((e) => e.id)).toEqual([...whole.map((e) => e.id)].sort());
  });

  it("bounds the neighbours and the entities read", async () => {
    const few = await new LinkDictionaryRepository(graph.executor, {
      pageSize: 100,
      maxNeighbours: 2,
      maxEntities: 1_000_000,
    }).readAll();
    expect(Math.max(...few.map((e) => e.neighbours.length))).toBeLessThanOrEqual(2);
    await expect(
      new LinkDictionaryRepository(graph.executor, {
        pageSize: 5,
        maxNeighbours: 2,
        maxEntities: 10,
      }).readAll(),
    ).rejects.toThrow(/more than 10 entities/);
  });

  it("rebuilds the automaton when the change log moves, without a restart", async () => {
    const repository = new LinkDictionaryRepository(graph.executor);
    const cache = new LinkDictionaryCache(repository);
    const text = "Liangjiang Testland grew next to Chongqing.";
    const before = await cache.get();
    expect(linkText(text, before.dictionary).mentions.map((m) => m.entityId)).toEqual(["place:chongqing"]);

    // A writer adds an entity and bumps the log (here by hand, on the one counter; afterAll puts it back).
    await graph.executor.write({
      name: "test.write",
      cypher: `
CREATE (:Entity:Place {id: 'place:liangjiang-testland', kind: 'PLACE', name: 'Liangjiang Testland', aliases: [], testMark: $mark})
WITH 1 AS one
MATCH (l:ChangeLog {id: 'changes'})
SET l.seq = l.seq + 1`,
      params: { mark: MARK },
    });
    bumped = true;
    const after = await cache.get();
    expect(after.version).toBe(before.version + 1);
    expect(cache.rebuilds).toBe(2);
    expect(linkText(text, after.dictionary).mentions.map((m) => m.entityId)).toEqual([
      "place:liangjiang-testland",
      "place:chongqing",
    ]);
  });
});
