import path from "node:path";
import { ENTITY_KINDS, idPrefixOf } from "../../src/graph/entityKinds";
import { readDataset } from "../../src/import/readDataset";
import { citationsOf } from "../support/documentCitations";
import { startTestApi, type TestApi } from "../support/testApi";

// The first source document, as the service's start-up (and this run's global setup) imports it.
const ARTICLE = path.resolve(__dirname, "../../data/000_0a72377912965512.yaml");
const dataset = readDataset(ARTICLE);
const DOC = dataset.document.id;

describe("the article's graph (real Neo4j)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  describe("provenance", () => {
    it("holds every entity, relationship, statistic and quote of the dataset file", async () => {
      const [row] = await api.graph.executor.read<Record<string, number>>({
        name: "test.counts",
        cypher: `
          RETURN COUNT { MATCH (n:Entity) WHERE n.id IN $entityIds AND $doc IN n.citeDoc } AS entities,
                 COUNT { MATCH (:Entity)-[r]->(:Entity) WHERE $doc IN r.citeDoc } AS relationships,
                 COUNT { MATCH (s:Statistic) WHERE $doc IN s.citeDoc } AS statistics,
                 COUNT { MATCH (q:Quote) WHERE $doc IN q.citeDoc } AS quotes`,
        // Other suites' curators may cite the article too: the dataset's entities are the ones checked.
        params: { doc: DOC, entityIds: dataset.entities.map((e) => e.id) },
      });
      expect(row).toEqual({
        entities: dataset.entities.length,
        relationships: dataset.relationships.length,
        statistics: dataset.statistics.length,
        quotes: dataset.quotes.length,
      });
    });

    it("stores every citation verbatim at its offsets in the document text", async () => {
      const datasetIds = new Set(dataset.entities.map((e) => e.id));
      const entityPrefixes = ENTITY_KINDS.map(idPrefixOf);
      // Entities other suites' curators created citing the article are not the dataset's.
      const cited = (await citationsOf(api.graph.executor, DOC)).filter(
        (element) => datasetIds.has(element.id) || !entityPrefixes.some((p) => element.id.startsWith(p)),
      );
      expect(cited.length).toBe(
        dataset.entities.length +
          dataset.relationships.length +
          dataset.statistics.length +
          dataset.quotes.length,
      );
      // The stored text, which is what clients slice.
      const [stored] = await api.graph.executor.read<{ text: string }>({
        name: "test.documentText",
        cypher: "MATCH (d:Document {id: $doc}) RETURN d.text AS text",
        params: { doc: DOC },
      });
      const text = stored?.text ?? "";
      expect(text).toBe(dataset.document.text);
      for (const element of cited) {
        expect(element.citations.length).toBeGreaterThan(0);
        for (const c of element.citations) expect(text.slice(c.start, c.end)).toBe(c.quote);
      }
    });

    it("leaves no entity without a citation of an existing document", async () => {
      const [row] = await api.graph.executor.read<{ orphans: string[] }>({
        name: "test.orphans",
        cypher: `
          MATCH (n:Entity)
          WHERE size(coalesce(n.citeDoc, [])) = 0 OR NOT EXISTS { MATCH (d:Document) WHERE d.id IN n.citeDoc }
          RETURN collect(n.id) AS orphans`,
        params: {},
      });
      expect(row?.orphans).toEqual([]);
    });
  });

  describe("search", () => {
    const search = async (text: string, kinds?: string[]): Promise<Array<{ id: string; score: number }>> => {
      const out = await api.execute<{ search: Array<{ score: number; entity: { id: string } }> }>(
        `query ($text: String!, $kinds: [EntityKind!]) { search(text: $text, kinds: $kinds, first: 10) { score entity { id } } }`,
        { text, kinds },
      );
      expect(out.errors).toBeUndefined();
      return (out.data?.search ?? []).map((h) => ({ id: h.entity.id, score: h.score }));
    };

    it.each([
      ["the exact name", "Chongqing", "place:chongqing"],
      ["another case", "CHONGQING", "place:chongqing"],
      ["a typo", "Chongquing", "place:chongqing"],
      ["a Chinese name", "重庆", "place:chongqing"],
      ["no accent", "Turkiye", "place:turkiye"],
      ["the accent", "Türkiye", "place:turkiye"],
      ["another spelling", "Turkey", "place:turkiye"],
      ["an abbreviation", "ILSTC", "initiative:new-international-land-sea-trade-corridor"],
      ["a prefix, for type-ahead", "Zheng Xiang", "person:zheng-xiangdong"],
    ])("finds it by %s (%s)", async (_how, text, id) => {
      const hits = await search(text);
      expect(hits[0]?.id).toBe(id);
    });

    it("puts the best hit first and filters by kind", async () => {
      const hits = await search("Chongqing");
      expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
      const people = await search("Chongqing", ["PERSON"]);
      expect(people.length).toBeGreaterThan(0);
      for (const hit of people) expect(hit.id).toMatch(/^person:/);
    });

    it.each([
      "AND (",
      "*",
      "~",
      '"Chongqing',
      "\\",
      "Chongqing~~ OR (",
      "title:x AND",
      "' OR 1=1 //",
      "MATCH (n) DETACH DELETE n",
      "",
    ])("treats %p as plain text, never an error", async (text) => {
      await search(text);
    });
  });

  describe("the README's example queries", () => {
    it("who holds which role", async () => {
      const out = await api.execute<{
        entity: { relationships: { edges: Array<{ node: { type: string; to: { id: string } } }> } };
      }>(
        `{ entity(id: "person:hu-henghua") { relationships(types: ["HOLDS_ROLE"], direction: OUT) { edges { node { type to { id } } } } } }`,
      );
      expect(out.data?.entity.relationships.edges.map((e) => e.node.to.id).sort()).toEqual([
        "role:deputy-secretary-of-the-cpc-chongqing-municipal-committee",
        "role:mayor-of-chongqing",
      ]);
    });

    it("the figures about Chongqing, with their sources", async () => {
      const out = await api.execute<{
        statistics: {
          totalCount: number;
          edges: Array<{ node: { metric: string; value: number; citations: Array<{ quote: string }> } }>;
        };
      }>(
        `{ statistics(subject: "place:chongqing", first: 50) { totalCount edges { node { metric value citations { quote } } } } }`,
      );
      const expected = dataset.statistics.filter((s) => s.subject === "place:chongqing");
      expect(out.data?.statistics.totalCount).toBe(expected.length);
      const growth = out.data?.statistics.edges.find(
        (e) => e.node.metric === "GDP growth" && e.node.value === 6.1,
      );
      expect(growth?.node.citations[0]?.quote).toContain("6.1%");
    });

    it("what Zheng Xiangdong said", async () => {
      const out = await api.execute<{
        quotes: { totalCount: number; edges: Array<{ node: { text: string } }> };
      }>(`{ quotes(speaker: "person:zheng-xiangdong") { totalCount edges { node { text } } } }`);
      expect(out.data?.quotes.totalCount).toBe(
        dataset.quotes.filter((q) => q.speaker === "person:zheng-xiangdong").length,
      );
      expect(
        out.data?.quotes.edges.some((e) => e.node.text.includes("China-Europe Railway Express is certain")),
      ).toBe(true);
    });

    it("the relationships of the ILSTC", async () => {
      const out = await api.execute<{
        entity: { relationships: { edges: Array<{ node: { type: string; from: { id: string } } }> } };
      }>(
        `{ entity(id: "initiative:new-international-land-sea-trade-corridor") { relationships { edges { node { type from { id } } } } } }`,
      );
      const integrating = out.data?.entity.relationships.edges
        .filter((e) => e.node.type === "INTEGRATES_WITH")
        .map((e) => e.node.from.id);
      expect(integrating?.sort()).toEqual([
        "initiative:china-singapore-cooperation",
        "initiative:lancang-mekong-cooperation",
      ]);
    });
  });

  describe("known paths", () => {
    const paths = async (from: string, to: string): Promise<Array<{ length: number; nodes: string[] }>> => {
      const out = await api.execute<{ paths: Array<{ length: number; nodes: Array<{ id: string }> }> }>(
        `query ($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxLength: 4, limit: 5) { length nodes { id } } }`,
        { from, to },
      );
      expect(out.errors).toBeUndefined();
      return (out.data?.paths ?? []).map((p) => ({ length: p.length, nodes: p.nodes.map((n) => n.id) }));
    };

    it("links Zheng Xiangdong to the China-Europe Railway Express", async () => {
      const found = await paths("person:zheng-xiangdong", "initiative:china-europe-railway-express");
      expect(found.length).toBeGreaterThan(0);
      expect(found[0]?.nodes[0]).toBe("person:zheng-xiangdong");
      expect(found[0]?.nodes.at(-1)).toBe("initiative:china-europe-railway-express");
    });

    it("links Changan Deepal to Yibin directly (Yibin supplies its batteries)", async () => {
      const found = await paths("organization:changan-deepal", "place:yibin");
      expect(found[0]).toEqual({ length: 1, nodes: ["organization:changan-deepal", "place:yibin"] });
    });

    it("places Yuzhong District in Chongqing (partOf)", async () => {
      const out = await api.execute<{ entity: { partOf: { id: string } | null } }>(
        `{ entity(id: "place:yuzhong-district") { ... on Place { partOf { id } } } }`,
      );
      expect(out.data?.entity.partOf?.id).toBe("place:chongqing");
    });
  });
});
