import { randomUUID } from "node:crypto";
import { commitsInBatches, loadMigrations } from "../../src/graph/migrations";
import { wordStarts } from "../../src/graph/searchText";
import { connectTestGraph, type TestGraph } from "../support/testGraph";

/**
 * Entities written before migration 009 get `nameStarts` and `aliasStarts` from its Cypher; every
 * later write stores them from `wordStarts`. Search finds an entity by one or two letters only where
 * the two agree, so this runs the migration's own backfill statement (on probe nodes, not entities)
 * and compares it with `wordStarts`, string for string.
 */
describe("search starts: migration 009 and wordStarts agree (real Neo4j)", () => {
  let graph: TestGraph;
  const label = `SearchStartsProbe_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const texts: Array<{ name: string; aliases: string[] }> = [
    { name: "Hu Henghua", aliases: ["Mayor Hu"] },
    { name: "Chongqing", aliases: ["Mountain City", "重庆", "Yu"] },
    { name: "Türkiye", aliases: ["Tu\u0308rkiye", "Türkiye Cumhuriyeti"] },
    { name: "China-Europe Railway Express", aliases: ["CR Express", "中欧班列"] },
    { name: "33618 Modern Manufacturing Clusters", aliases: [] },
    { name: "O'Brien & Sons, Ltd.", aliases: ["  spaced   out  ", ""] },
    { name: "Łódź Æbeltoft straße", aliases: ["İstanbul", "ΑΘΗΝΑ", "Москва"] },
    { name: "重庆市 Yuzhong区 ひらがな カタカナ", aliases: ["a", "x1 2y"] },
    { name: "𝒜lpha 𝟙x", aliases: ["emoji 🙂 ok"] },
    { name: "", aliases: [] },
  ];

  beforeAll(() => {
    graph = connectTestGraph();
  });
  afterAll(async () => {
    await graph.executor.write({ name: "test.cleanup", cypher: `MATCH (n:${label}) DELETE n`, params: {} });
    await graph.close();
  });

  it("computes in Cypher the string wordStarts computes", async () => {
    const migration = loadMigrations().find((m) => m.id === "009_search_starts");
    const backfill = migration?.statements.find(commitsInBatches);
    expect(backfill).toContain("MATCH (n:Entity)");
    await graph.executor.write({
      name: "test.probes",
      cypher: `UNWIND $texts AS t CREATE (n:${label}) SET n.i = t.i, n.name = t.name, n.aliases = t.aliases`,
      params: { texts: texts.map((t, i) => ({ ...t, i })) },
    });
    await graph.executor.writeBatched(
      {
        name: "test.backfill",
        cypher: (backfill ?? "").replace("MATCH (n:Entity)", `MATCH (n:${label})`),
        params: {},
      },
      { batchTimeoutMs: 60_000 },
    );
    const rows = await graph.executor.read<{ i: number; nameStarts: string; aliasStarts: string }>({
      name: "test.read",
      cypher: `MATCH (n:${label}) RETURN n.i AS i, n.nameStarts AS nameStarts, n.aliasStarts AS aliasStarts ORDER BY i`,
      params: {},
    });
    expect(rows.map((r) => [r.nameStarts, r.aliasStarts])).toEqual(
      texts.map((t) => [wordStarts(t.name), wordStarts(t.aliases.join(" "))]),
    );
    // Not vacuous: the rule is the one documented.
    expect(wordStarts("Hu Henghua")).toBe("H_ Hu_ H_ He_");
    expect(wordStarts("重庆市 Yuzhong区")).toBe("Y_ Yu_");
  });
});
