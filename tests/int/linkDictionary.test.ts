import { LinkDictionaryRepository } from "../../src/graph/linkDictionaryRepository";
import { LinkDictionaryCache } from "../../src/ingest/linkDictionaryCache";
import { linkText } from "../../src/ingest/linkText";
import { createEntity } from "../../src/write/mutations/createEntity";
import { removeFixtures } from "../support/removeFixtures";
import { connectTestGraph, type TestGraph } from "../support/testGraph";

const TESTLAND = "place:liangjiang-testland";

describe("the linking dictionary read from the graph (real Neo4j)", () => {
  let graph: TestGraph;
  beforeAll(() => {
    graph = connectTestGraph();
  });
  afterAll(async () => {
    await removeFixtures(graph.executor, { ids: [TESTLAND] });
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

    // A writer adds an entity: one change, the log's seq moves on.
    const written = await createEntity(
      graph.executor,
      { subject: "link-dictionary-test" },
      {
        id: TESTLAND,
        kind: "PLACE",
        name: "Liangjiang Testland",
        citations: [
          { documentId: "document:ichongqing-seeing-is-believing", quote: "Chongqing", occurrence: 1 },
        ],
      },
    );
    expect(written.kind).toBe("written");
    const after = await cache.get();
    expect(after.version).toBe(before.version + 1);
    expect(cache.rebuilds).toBe(2);
    expect(linkText(text, after.dictionary).mentions.map((m) => m.entityId)).toEqual([
      "place:liangjiang-testland",
      "place:chongqing",
    ]);
  });
});
