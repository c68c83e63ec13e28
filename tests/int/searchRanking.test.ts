import { randomUUID } from "node:crypto";
import { EntityRepository } from "../../src/graph/entityRepository";
import { SearchPass, SearchTier, searchTier, searchTierParams } from "../../src/graph/searchRanking";
import { searchKey, searchWords, wordStarts } from "../../src/graph/searchText";
import { connectTestGraph, type TestGraph } from "../support/testGraph";

/**
 * Search ranks its candidates in Cypher (searchTier over the keys every write stores). The tiers
 * are checked on probe nodes, case by case; the order (tier, then degree, then id) on probe
 * entities through the search statement itself.
 */
describe("search ranking in Cypher (real Neo4j)", () => {
  let graph: TestGraph;
  const tag = randomUUID().replace(/-/g, "").slice(0, 12);
  const probe = `SearchTierProbe_${tag}`;

  beforeAll(() => {
    graph = connectTestGraph();
  });
  afterAll(async () => {
    await graph.executor.write({
      name: "test.cleanup",
      cypher: `MATCH (n) WHERE n:${probe} OR n.probe = $tag DETACH DELETE n`,
      params: { tag },
    });
    await graph.close();
  });

  const tierOf = async (typed: string, name: string, aliases: string[], pass: number): Promise<number> => {
    const [row] = await graph.executor.write<{ tier: number }>({
      name: "test.tier",
      cypher: `CREATE (n:${probe} {nameKey: $nameKey, aliasKeys: $aliasKeys}) RETURN ${searchTier("n", "$pass")} AS tier`,
      params: {
        nameKey: searchKey(name),
        aliasKeys: aliases.map(searchKey),
        pass,
        ...searchTierParams(searchWords(typed)),
      },
    });
    return row?.tier ?? -1;
  };

  it.each([
    ["chongqing", "Chongqing", [], SearchTier.equal],
    ["mountain city", "Chongqing", ["重庆", "Mountain City"], SearchTier.equal],
    ["重庆", "Chongqing", ["重庆"], SearchTier.equal],
    ["turkiye", "Türkiye", [], SearchTier.equal],
    ["chon", "Chongqing", [], SearchTier.nameStarts],
    ["hu hen", "Hu Henghua", ["Hu"], SearchTier.nameStarts],
    ["hen", "Hu Henghua", [], SearchTier.nameWordStarts],
    ["hu", "Hua Hu", [], SearchTier.nameStarts],
    ["he hua", "Hu Hen Hua", [], SearchTier.nameWords],
    ["chongqing mayor", "Mayor of Chongqing", [], SearchTier.nameWords],
    ["associat", "ASEAN", ["Association of Southeast Asian Nations"], SearchTier.aliasStarts],
    ["southeast", "ASEAN", ["Association of Southeast Asian Nations"], SearchTier.aliasWordStarts],
    ["重庆", "CPC Chongqing Municipal Committee", ["中共重庆市委"], SearchTier.aliasWordStarts],
    ["nations asian", "ASEAN", ["Association of Southeast Asian Nations"], SearchTier.aliasWords],
    ["asean nations", "ASEAN", ["Association of Southeast Asian Nations"], SearchTier.named],
    ["庆重", "Chongqing", ["重庆"], SearchTier.named],
    ["zurich", "", [""], SearchTier.named],
  ] as const)("%p in %p (aliases %p) is tier %d", async (typed, name, aliases, tier) => {
    expect(await tierOf(typed, name, [...aliases], SearchPass.names)).toBe(tier);
  });

  it("puts typo and description hits below every name tier, whatever their names", async () => {
    expect(await tierOf("chongqing", "Chongqing", [], SearchPass.fuzzy)).toBe(SearchTier.fuzzy);
    expect(await tierOf("chongqing", "Chongqing", [], SearchPass.described)).toBe(SearchTier.described);
  });

  it("returns only the page, ordered by tier, then degree, then id", async () => {
    const word = `qzv${tag.replace(/[0-9]/g, "").slice(0, 6)}`;
    const entities = [
      { id: `place:${tag}-equal`, name: word, aliases: [], degree: 0 },
      { id: `place:${tag}-c`, name: `${word} Harbour`, aliases: [], degree: 1 },
      { id: `place:${tag}-b`, name: `${word} Trail`, aliases: [], degree: 1 },
      { id: `place:${tag}-busy`, name: `${word} Bay`, aliases: [], degree: 3 },
      { id: `role:${tag}-later`, name: `Mayor of ${word}`, aliases: [], degree: 5 },
      { id: `organization:${tag}-alias`, name: "Harbour Office", aliases: [`${word} Port`], degree: 9 },
    ];
    await graph.executor.write({
      name: "test.entities",
      cypher: `UNWIND $entities AS e
               CREATE (n:Entity {id: e.id, kind: 'PLACE', name: e.name, aliases: e.aliases, probe: $tag,
                                 nameKey: e.nameKey, aliasKeys: e.aliasKeys, nameStarts: e.nameStarts})
               WITH n, e UNWIND range(1, e.degree) AS i
               CREATE (n)-[:PROBE_LINK]->(:${probe} {probe: $tag})`,
      params: {
        tag,
        entities: entities.map((e) => ({
          ...e,
          nameKey: searchKey(e.name),
          aliasKeys: e.aliases.map(searchKey),
          nameStarts: wordStarts(e.name),
        })),
      },
    });
    const repository = new EntityRepository(graph.executor);
    const expected = ["equal", "busy", "b", "c", "later", "alias"].map(
      (slug) => entities.find((e) => e.id.endsWith(`-${slug}`))?.id,
    );
    const hits = await repository.search(word, null, 10);
    expect(hits.map((h) => h.entity.id)).toEqual(expected);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const first of [1, 2, 3, 4, 5]) {
      expect((await repository.search(word, null, first)).map((h) => h.entity.id)).toEqual(
        expected.slice(0, first),
      );
    }
  });
});
