import { writeDocument } from "../../src/write/importDocument";
import { validateDataset } from "../../src/import/readDataset";
import { fixtureDataset } from "../support/fixtureDataset";
import { syntheticDataset } from "../support/syntheticDataset";
import { startTestApi, type TestApi } from "../support/testApi";
import { removeFixtures } from "../support/removeFixtures";

// The read API over data this suite writes itself (the article's own facts are tested in article.test.ts).
describe("read API (real Neo4j, in-process GraphQL)", () => {
  let api: TestApi;
  const fixture = fixtureDataset();
  const synthetic = syntheticDataset(70, 3);
  const s = fixture.suffix;

  beforeAll(async () => {
    api = await startTestApi();
    await writeDocument(api.graph.executor, validateDataset(fixture.yaml, fixture.loadText));
    await writeDocument(api.graph.executor, synthetic.dataset);
  });
  afterAll(async () => {
    await removeFixtures(api.graph.executor, { suffixes: [s, synthetic.suffix] });
    await api.stop();
  });

  const codeOf = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }): unknown =>
    result.errors?.[0]?.extensions?.code;

  describe("entity and node", () => {
    it("returns an entity with its fields and citations, each with its document", async () => {
      const result = await api.execute<{ entity: Record<string, unknown> }>(
        `query ($id: ID!) { entity(id: $id) { __typename id kind name aliases description
           citations { quote start end document { id title publisher text } } } }`,
        { id: `person:ada-quill-${s}` },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.entity).toEqual({
        __typename: "Person",
        id: `person:ada-quill-${s}`,
        kind: "PERSON",
        name: `Ada Quill ${s}`,
        aliases: [],
        description: "Mayor of Lakeside.",
        citations: [
          {
            quote: "Ada Quill, Mayor of Lakeside",
            start: 0,
            end: 28,
            document: {
              id: fixture.documentId,
              title: `Fixture ${s}`,
              publisher: "Test Press",
              text: fixture.text,
            },
          },
        ],
      });
    });

    it("returns null, not an error, for an unknown id", async () => {
      const result = await api.execute(
        `{ entity(id: "person:nobody-at-all") { id } node(id: "nothing") { id } }`,
      );
      expect(result).toMatchObject({ data: { entity: null, node: null }, errors: undefined });
    });

    it("node(id) resolves every kind of node by its id", async () => {
      const relationship = `relationship:person:ada-quill-${s}|HOLDS_ROLE|role:mayor-of-lakeside-${s}`;
      const ids = [
        `place:lakeside-${s}`,
        relationship,
        `statistic:lakeside-teu-${s}`,
        `quote:ada-quill-heart-${s}`,
        fixture.documentId,
      ];
      const result = await api.execute<{ [k: string]: { __typename: string; id: string } }>(
        `query (${ids.map((_, i) => `$i${i}: ID!`).join(", ")}) {
          ${ids.map((_, i) => `n${i}: node(id: $i${i}) { __typename id }`).join("\n")} }`,
        Object.fromEntries(ids.map((id, i) => [`i${i}`, id])),
      );
      expect(result.errors).toBeUndefined();
      expect(Object.values(result.data ?? {})).toEqual([
        { __typename: "Place", id: ids[0] },
        { __typename: "Relationship", id: ids[1] },
        { __typename: "Statistic", id: ids[2] },
        { __typename: "Quote", id: ids[3] },
        { __typename: "Document", id: ids[4] },
      ]);
    });
  });

  describe("relationships, statistics, quotes", () => {
    it("lists an entity's relationships by type and direction, with both ends and properties", async () => {
      const query = `query ($id: ID!, $types: [String!], $direction: Direction) { entity(id: $id) {
        relationships(types: $types, direction: $direction) { totalCount
          edges { node { id type properties background from { id } to { id } citations { quote } } } } } }`;
      const out = await api.execute<{
        entity: { relationships: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> } };
      }>(query, { id: `person:ada-quill-${s}`, direction: "OUT" });
      expect(out.data?.entity.relationships).toEqual({
        totalCount: 1,
        edges: [
          {
            node: {
              id: `relationship:person:ada-quill-${s}|HOLDS_ROLE|role:mayor-of-lakeside-${s}`,
              type: "HOLDS_ROLE",
              properties: { since: "2023" },
              background: false,
              from: { id: `person:ada-quill-${s}` },
              to: { id: `role:mayor-of-lakeside-${s}` },
              citations: [{ quote: "Ada Quill, Mayor of Lakeside" }],
            },
          },
        ],
      });
      const incoming = await api.execute<{ entity: { relationships: { totalCount: number } } }>(query, {
        id: `person:ada-quill-${s}`,
        direction: "IN",
      });
      expect(incoming.data?.entity.relationships.totalCount).toBe(0);
      const nullDirection = await api.execute<{ entity: { relationships: { totalCount: number } } }>(query, {
        id: `person:ada-quill-${s}`,
        direction: null,
      });
      expect(nullDirection.errors).toBeUndefined();
      expect(nullDirection.data?.entity.relationships.totalCount).toBe(1);
      const filtered = await api.execute<{ entity: { relationships: { totalCount: number } } }>(query, {
        id: `place:lakeside-${s}`,
        types: ["HOLDS_ROLE"],
      });
      expect(filtered.data?.entity.relationships.totalCount).toBe(0);
    });

    it("Place.partOf follows PART_OF to the enclosing place", async () => {
      const out = await api.execute<{ entity: { partOf: { id: string } | null } }>(
        `query ($id: ID!) { entity(id: $id) { ... on Place { partOf { id } } } }`,
        { id: `place:lakeside-${s}` },
      );
      expect(out.data?.entity.partOf).toEqual({ id: `place:hill-province-${s}` });
    });

    it("filters statistics by subject and by metric, case-insensitively", async () => {
      const out = await api.execute<{
        statistics: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> };
      }>(
        `query ($subject: ID) { statistics(subject: $subject, metric: "container THROUGHPUT") { totalCount
          edges { node { id metric value unit comparator period subject { id } citations { quote } } } } }`,
        { subject: `place:lakeside-${s}` },
      );
      expect(out.data?.statistics).toEqual({
        totalCount: 1,
        edges: [
          {
            node: {
              id: `statistic:lakeside-teu-${s}`,
              metric: "Container throughput",
              value: 2_500_000,
              unit: "TEU",
              comparator: "MORE_THAN",
              period: "2023",
              subject: { id: `place:lakeside-${s}` },
              citations: [{ quote: "over 2.5 million TEUs in 2023" }],
            },
          },
        ],
      });
      const other = await api.execute<{ statistics: { totalCount: number } }>(
        `query ($subject: ID) { statistics(subject: $subject, metric: "GDP") { totalCount } }`,
        { subject: `place:lakeside-${s}` },
      );
      expect(other.data?.statistics.totalCount).toBe(0);
    });

    it("finds quotes by speaker and by what they are about, and Person.quotes", async () => {
      const out = await api.execute<{
        bySpeaker: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> };
        byAbout: { totalCount: number };
        person: { quotes: { totalCount: number } };
      }>(
        `query ($speaker: ID, $about: ID, $person: ID!) {
          bySpeaker: quotes(speaker: $speaker) { totalCount edges { node { text speaker { id } about { id }
            citation { quote start end document { id } } } } }
          byAbout: quotes(speaker: $speaker, about: $about) { totalCount }
          person: entity(id: $person) { ... on Person { quotes { totalCount } } } }`,
        { speaker: `person:ada-quill-${s}`, about: `place:lakeside-${s}`, person: `person:ada-quill-${s}` },
      );
      const text = "The harbour is the heart of Lakeside,";
      const start = fixture.text.indexOf(text);
      expect(out.data?.bySpeaker).toEqual({
        totalCount: 1,
        edges: [
          {
            node: {
              text,
              speaker: { id: `person:ada-quill-${s}` },
              about: [{ id: `place:lakeside-${s}` }],
              citation: {
                quote: text,
                start,
                end: start + text.length,
                document: { id: fixture.documentId },
              },
            },
          },
        ],
      });
      expect(out.data?.byAbout.totalCount).toBe(1);
      expect(out.data?.person.quotes.totalCount).toBe(1);
    });
  });

  describe("pagination", () => {
    it("walks every entity of a kind exactly once, with totalCount matching", async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let totalCount = -1;
      let pages = 0;
      for (;;) {
        const page: {
          data?: {
            entities: {
              totalCount: number;
              edges: Array<{ cursor: string; node: { id: string } }>;
              pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
            };
          } | null;
        } = await api.execute(
          `query ($after: String) { entities(kind: PLACE, first: 7, after: $after) { totalCount
            edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
          { after },
        );
        const entities = page.data?.entities;
        if (!entities) throw new Error("no page");
        expect(entities.pageInfo.hasPreviousPage).toBe(after !== null);
        totalCount = entities.totalCount;
        seen.push(...entities.edges.map((e) => e.node.id));
        pages += 1;
        if (!entities.pageInfo.hasNextPage) break;
        after = entities.pageInfo.endCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(totalCount);
      expect(seen).toEqual([...seen].sort());
      expect(seen.filter((id) => id.endsWith(synthetic.suffix))).toHaveLength(70);
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(totalCount / 7));
    });

    it("pages an entity's relationships with cursors", async () => {
      const id = `place:p0-${synthetic.suffix}`;
      const query = `query ($id: ID!, $after: String) { entity(id: $id) {
        relationships(direction: OUT, first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }`;
      type Out = {
        entity: {
          relationships: {
            totalCount: number;
            edges: Array<{ node: { id: string } }>;
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        };
      };
      const first = await api.execute<Out>(query, { id });
      const second = await api.execute<Out>(query, {
        id,
        after: first.data?.entity.relationships.pageInfo.endCursor,
      });
      const ids = [
        ...(first.data?.entity.relationships.edges ?? []),
        ...(second.data?.entity.relationships.edges ?? []),
      ].map((e) => e.node.id);
      expect(first.data?.entity.relationships.totalCount).toBe(3);
      expect(first.data?.entity.relationships.pageInfo.hasNextPage).toBe(true);
      expect(second.data?.entity.relationships.pageInfo.hasNextPage).toBe(false);
      expect(new Set(ids).size).toBe(3);
    });
  });

  describe("arguments out of range are errors, never clamped", () => {
    it.each([
      [
        "entities first -1",
        `{ entities(first: -1) { totalCount } }`,
        "`first` must be between 0 and 100 (got -1)",
      ],
      [
        "entities first 101",
        `{ entities(first: 101) { totalCount } }`,
        "`first` must be between 0 and 100 (got 101)",
      ],
      [
        "statistics first 1000",
        `{ statistics(first: 1000) { totalCount } }`,
        "`first` must be between 0 and 100",
      ],
      [
        "quotes malformed cursor",
        `{ quotes(after: "abc!") { totalCount } }`,
        "`after` is not a cursor this API issued",
      ],
      [
        "search first 51",
        `{ search(text: "x", first: 51) { score } }`,
        "`first` must be between 0 and 50 (got 51)",
      ],
      [
        "neighborhood depth 4",
        `{ neighborhood(id: "x", depth: 4) { truncated } }`,
        "`depth` must be between 1 and 3",
      ],
      [
        "neighborhood limit 0",
        `{ neighborhood(id: "x", limit: 0) { truncated } }`,
        "`limit` must be between 1 and 1000",
      ],
      [
        "paths maxLength 7",
        `{ paths(from: "a", to: "b", maxLength: 7) { length } }`,
        "`maxLength` must be between 1 and 6",
      ],
      [
        "paths limit 21",
        `{ paths(from: "a", to: "b", limit: 21) { length } }`,
        "`limit` must be between 1 and 20",
      ],
    ])("%s", async (_name, query, message) => {
      const result = await api.execute(query);
      expect(codeOf(result)).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0]?.message).toContain(message);
      expect(result.queryCount).toBe(0);
    });

    it("rejects an unknown relationship type, listing the valid ones", async () => {
      const result = await api.execute(
        `query ($id: ID!) { entity(id: $id) { relationships(types: ["KNOWS", "HOLDS_ROLE"]) { totalCount } } }`,
        { id: `person:ada-quill-${s}` },
      );
      expect(codeOf(result)).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0]?.message).toMatch(
        /unknown relationship type\(s\) KNOWS in `types`; valid types: .*HOLDS_ROLE/,
      );
    });
  });

  describe("round trips", () => {
    const nested = (
      first: number,
    ): string => `{ entities(kind: PLACE, first: ${first}) { totalCount edges { node {
      name citations { quote document { title } }
      relationships(first: 20) { totalCount edges { node { type from { name } to { name citations { quote } } } } }
      statistics(first: 5) { totalCount edges { node { metric value subject { name } } } } } } } }`;

    // Depth 4 of lists: entities > relationships & statistics > their ends and subjects > citations' documents.
    // One batched query per kind of lookup per level: 8 to 9 (DataLoader ticks may split a level in two),
    // against 60 x (1 + 2 x 20 + ...) with a query per item.
    const BOUND = 10;

    it("reads citations only when they are asked for, each kind in one batched query", async () => {
      const id = `person:ada-quill-${s}`;
      const plain = await api.execute(
        `query ($id: ID!) { entity(id: $id) { name relationships { edges { node { type } } } } }`,
        { id },
      );
      const cited = await api.execute<{
        entity: { citations: unknown[]; relationships: { edges: Array<{ node: { citations: unknown[] } }> } };
      }>(
        `query ($id: ID!) { entity(id: $id) { name citations { quote }
           relationships { edges { node { type citations { quote } } } } } }`,
        { id },
      );
      expect(plain.errors).toBeUndefined();
      expect(cited.errors).toBeUndefined();
      expect(plain.queryCount).toBe(2);
      expect(cited.queryCount).toBe(4);
      const relationships = cited.data?.entity.relationships.edges ?? [];
      expect(relationships.length).toBeGreaterThan(0);
      expect(cited.data?.entity.citations.length).toBeGreaterThan(0);
      for (const { node } of relationships) expect(node.citations.length).toBeGreaterThan(0);
    });

    it("reads the far ends of relationships with the page when from or to is asked for", async () => {
      const id = `person:ada-quill-${s}`;
      const query = (fields: string) =>
        `query ($id: ID!) { entity(id: $id) { relationships { edges { node { ${fields} } } } } }`;
      type Out = { entity: { relationships: { edges: Array<{ node: Record<string, { id: string }> }> } } };
      const ends = await api.execute<Out>(query("type from { id name } to { id name }"), { id });
      const idsOnly = await api.execute<Out>(query("type"), { id });
      expect(ends.errors).toBeUndefined();
      // The entity, then its page with the far ends: no third query for the ends.
      expect(ends.queryCount).toBe(2);
      expect(idsOnly.queryCount).toBe(2);
      const edges = ends.data?.entity.relationships.edges ?? [];
      expect(edges.length).toBeGreaterThan(0);
      for (const { node } of edges) expect([node.from?.id, node.to?.id]).toContain(id);
    });

    it("reads no rows for a connection asked only for its totalCount", async () => {
      const countOnly = await api.execute<{ entities: { totalCount: number } }>(
        `{ entities(kind: PLACE, first: 0) { totalCount } }`,
      );
      // A fragment that asks for edges too must still get them.
      const withRows = await api.execute<{ entities: { totalCount: number; edges: unknown[] } }>(
        `{ entities(kind: PLACE, first: 100) { ...page } }
         fragment page on EntityConnection { totalCount ... on EntityConnection { edges { node { id } } } }`,
      );
      expect(countOnly.errors).toBeUndefined();
      expect(withRows.errors).toBeUndefined();
      expect(countOnly.queryCount).toBe(1);
      expect(withRows.queryCount).toBe(2);
      expect(countOnly.data?.entities.totalCount).toBe(withRows.data?.entities.totalCount);
      expect(withRows.data?.entities.edges.length).toBeGreaterThan(0);
    });

    it("a nested query over 60 entities costs no more Cypher queries than over 3", async () => {
      const small = await api.execute<{ entities: { edges: unknown[] } }>(nested(3));
      const large = await api.execute<{ entities: { edges: unknown[] } }>(nested(60));
      expect(small.errors).toBeUndefined();
      expect(large.errors).toBeUndefined();
      expect(large.data?.entities.edges.length).toBe(60);
      expect(small.queryCount).toBeLessThanOrEqual(BOUND);
      expect(large.queryCount).toBeLessThanOrEqual(BOUND);
    });
  });
});
