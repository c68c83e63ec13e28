import type { ProfiledPlan } from "neo4j-driver";
import { writeDocument } from "../../src/write/importDocument";
import { neighborhoodQuery } from "../../src/graph/exploration";
import { RELATIONSHIP_TYPES } from "../../src/graph/relationshipTypes";
import { validateDataset } from "../../src/import/readDataset";
import { fixtureDataset } from "../support/fixtureDataset";
import { syntheticDataset } from "../support/syntheticDataset";
import { startTestApi, type TestApi } from "../support/testApi";
import { removeFixtures } from "../support/removeFixtures";

interface SubgraphOut {
  neighborhood: {
    nodes: Array<{ id: string }>;
    relationships: Array<{ id: string; type: string; from: { id: string }; to: { id: string } }>;
    truncated: boolean;
  };
}

interface PathsOut {
  paths: Array<{
    length: number;
    nodes: Array<{ id: string }>;
    relationships: Array<{ from: { id: string }; to: { id: string } }>;
  }>;
}

const NEIGHBORHOOD = `query ($id: ID!, $depth: Int, $types: [String!], $limit: Int) {
  neighborhood(id: $id, depth: $depth, types: $types, limit: $limit) {
    nodes { id } relationships { id type from { id } to { id } } truncated } }`;
const PATHS = `query ($from: ID!, $to: ID!, $maxLength: Int, $limit: Int) {
  paths(from: $from, to: $to, maxLength: $maxLength, limit: $limit) {
    length nodes { id } relationships { from { id } to { id } } } }`;

function expectClosed(subgraph: SubgraphOut["neighborhood"]): void {
  const ids = new Set(subgraph.nodes.map((n) => n.id));
  for (const r of subgraph.relationships) {
    expect(ids.has(r.from.id)).toBe(true);
    expect(ids.has(r.to.id)).toBe(true);
  }
}

function expectChained(paths: PathsOut["paths"]): void {
  for (const path of paths) {
    expect(path.nodes).toHaveLength(path.length + 1);
    expect(new Set(path.nodes.map((n) => n.id)).size).toBe(path.nodes.length);
    path.relationships.forEach((r, i) => {
      const ends = [r.from.id, r.to.id].sort();
      expect(ends).toEqual([path.nodes[i]?.id, path.nodes[i + 1]?.id].sort());
    });
  }
}

describe("exploration (real Neo4j)", () => {
  let api: TestApi;
  const fixture = fixtureDataset();
  // A ring of 12 places, each linked to its next 2: distances are easy to reason about.
  const ring = syntheticDataset(12, 2);
  const place = (i: number): string => `place:p${i}-${ring.suffix}`;
  const hubSuffix = `hub${ring.suffix}`;

  beforeAll(async () => {
    api = await startTestApi();
    await writeDocument(api.graph.executor, validateDataset(fixture.yaml, fixture.loadText));
    await writeDocument(api.graph.executor, ring.dataset);
  });
  afterAll(async () => {
    await removeFixtures(api.graph.executor, { suffixes: [fixture.suffix, ring.suffix] });
    await api.stop();
  });

  describe("neighborhood", () => {
    it("returns the entities within depth hops, nearest first, and every relationship among them", async () => {
      const out = await api.execute<SubgraphOut>(NEIGHBORHOOD, { id: place(0), depth: 1 });
      expect(out.errors).toBeUndefined();
      const n = out.data?.neighborhood;
      if (!n) throw new Error("no neighborhood");
      // p0 links out to p1, p2; p10 and p11 link in to p0.
      expect(n.nodes.map((x) => x.id)).toEqual([
        place(0),
        ...[place(1), place(10), place(11), place(2)].sort(),
      ]);
      expect(n.truncated).toBe(false);
      expectClosed(n);
      // Among {p0, p1, p2, p10, p11}: p0->p1, p0->p2, p1->p2, p10->p11, p10->p0, p11->p0, p11->p1.
      expect(n.relationships).toHaveLength(7);

      const deeper = await api.execute<SubgraphOut>(NEIGHBORHOOD, { id: place(0), depth: 2 });
      expect(deeper.data?.neighborhood.nodes.map((x) => x.id)).toHaveLength(9);
      expectClosed(deeper.data?.neighborhood ?? { nodes: [], relationships: [], truncated: false });
    });

    it("cuts at limit, says so, and keeps the nearest", async () => {
      const out = await api.execute<SubgraphOut>(NEIGHBORHOOD, { id: place(0), depth: 3, limit: 4 });
      const n = out.data?.neighborhood;
      expect(n?.nodes).toHaveLength(4);
      expect(n?.truncated).toBe(true);
      expect(n?.nodes[0]?.id).toBe(place(0));
      expectClosed(n ?? { nodes: [], relationships: [], truncated: false });
      const direct = new Set([place(1), place(2), place(10), place(11)]);
      for (const node of n?.nodes.slice(1) ?? []) expect(direct.has(node.id)).toBe(true);
    });

    it("says truncated when the nearer levels fill the limit exactly and farther nodes exist", async () => {
      // p0 and its four direct neighbours are exactly 5; depth 2 holds more.
      const out = await api.execute<SubgraphOut>(NEIGHBORHOOD, { id: place(0), depth: 2, limit: 5 });
      expect(out.data?.neighborhood.nodes).toHaveLength(5);
      expect(out.data?.neighborhood.truncated).toBe(true);
      const all = await api.execute<SubgraphOut>(NEIGHBORHOOD, { id: place(0), depth: 1, limit: 5 });
      expect(all.data?.neighborhood.truncated).toBe(false);
    });

    it("filters by relationship type, and rejects a type the graph does not hold, listing the valid ones", async () => {
      const otherType = Object.keys(RELATIONSHIP_TYPES).find((t) => t !== ring.type);
      const typed = await api.execute<SubgraphOut>(NEIGHBORHOOD, {
        id: `person:ada-quill-${fixture.suffix}`,
        types: ["HOLDS_ROLE"],
      });
      expect(typed.data?.neighborhood.relationships.map((r) => r.type)).toEqual(["HOLDS_ROLE"]);
      const none = await api.execute<SubgraphOut>(NEIGHBORHOOD, { id: place(0), types: [otherType] });
      expect(none.data?.neighborhood.nodes.map((x) => x.id)).toEqual([place(0)]);

      const bad = await api.execute(NEIGHBORHOOD, { id: place(0), types: ["FRIEND_OF"] });
      expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(bad.errors?.[0]?.message).toContain(ring.type);
    });

    it("refuses an unknown id, naming it (docs/api.md: unknown ids)", async () => {
      const out = await api.execute<SubgraphOut>(NEIGHBORHOOD, { id: "place:nowhere-at-all" });
      expect(out.data).toBeNull();
      expect(out.errors?.[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        argument: "id",
        unknownIds: ["place:nowhere-at-all"],
      });
      expect(out.queryCount).toBe(1);
    });

    it("runs one Cypher query per call, relationship ends included", async () => {
      const neighborhood = await api.execute(NEIGHBORHOOD, { id: place(0), depth: 3 });
      expect(neighborhood.errors).toBeUndefined();
      expect(neighborhood.queryCount).toBe(1);
      const paths = await api.execute(PATHS, { from: place(0), to: place(5) });
      expect(paths.errors).toBeUndefined();
      expect(paths.queryCount).toBe(1);
    });
  });

  describe("paths", () => {
    it("finds every shortest path (none longer), ignoring direction, each a chain without repeats", async () => {
      // In the ring, p0 reaches p3 in two hops through p1 or p2, and in three through others.
      const out = await api.execute<PathsOut>(PATHS, {
        from: place(0),
        to: place(3),
        maxLength: 4,
        limit: 5,
      });
      expect(out.errors).toBeUndefined();
      const paths = out.data?.paths ?? [];
      expect(paths.map((p) => p.nodes.map((n) => n.id)).sort()).toEqual([
        [place(0), place(1), place(3)],
        [place(0), place(2), place(3)],
      ]);
      expectChained(paths);
      const one = await api.execute<PathsOut>(PATHS, {
        from: place(0),
        to: place(3),
        maxLength: 4,
        limit: 1,
      });
      expect(one.data?.paths).toHaveLength(1);
      // Ignoring direction: p4 to p0 is found as well.
      const back = await api.execute<PathsOut>(PATHS, { from: place(4), to: place(0), maxLength: 2 });
      expect(back.data?.paths[0]?.length).toBe(2);
    });

    it("respects maxLength and gives a single zero-length path from an entity to itself", async () => {
      const tooShort = await api.execute<PathsOut>(PATHS, { from: place(0), to: place(6), maxLength: 2 });
      expect(tooShort.data?.paths).toEqual([]);
      const self = await api.execute<PathsOut>(PATHS, { from: place(3), to: place(3) });
      expect(self.data?.paths).toEqual([{ length: 0, nodes: [{ id: place(3) }], relationships: [] }]);
    });

    it("names an unknown id in a BAD_USER_INPUT error", async () => {
      const out = await api.execute(PATHS, { from: place(0), to: "place:atlantis" });
      expect(out.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(out.errors?.[0]?.message).toContain("place:atlantis");
    });
  });

  describe("relationshipTypes and connections", () => {
    it("lists the types present with counts and meanings", async () => {
      const out = await api.execute<{
        relationshipTypes: Array<{ type: string; count: number; description: string }>;
      }>(`{ relationshipTypes { type count description } }`);
      const holds = out.data?.relationshipTypes.find((t) => t.type === "HOLDS_ROLE");
      expect(holds?.count).toBeGreaterThanOrEqual(1);
      expect(holds?.description).toBe(RELATIONSHIP_TYPES.HOLDS_ROLE);
      for (const t of out.data?.relationshipTypes ?? []) expect(t.count).toBeGreaterThan(0);
    });

    it("links a set of entities through shortest paths", async () => {
      const out = await api.execute<{ connections: SubgraphOut["neighborhood"] }>(
        `query ($ids: [ID!]!) { connections(ids: $ids) { nodes { id } relationships { id type from { id } to { id } } truncated } }`,
        { ids: [place(0), place(4), place(8)] },
      );
      const c = out.data?.connections;
      if (!c) throw new Error("no connections");
      const ids = c.nodes.map((n) => n.id);
      expect(ids).toEqual(expect.arrayContaining([place(0), place(4), place(8)]));
      expect(ids.length).toBeGreaterThan(3);
      expectClosed(c);

      const bad = await api.execute(`{ connections(ids: ["x"]) { truncated } }`);
      expect(bad.errors?.[0]?.message).toContain("2 to 10");
    });
  });

  // Built by hand, outside the change log (100,000 entities through the write layer would take
  // minutes), and removed the same way before anything else runs: the log never holds it, so graph and
  // log agree again once it is gone (README "Tests").
  describe("a hub with 100,000 neighbours", () => {
    afterAll(async () => {
      const session = api.graph.driver.session();
      try {
        await session.run(
          `MATCH (n:Entity) WHERE n.id ENDS WITH $suffix
           CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`,
          { suffix: hubSuffix },
        );
      } finally {
        await session.close();
      }
    });
    beforeAll(async () => {
      const session = api.graph.driver.session();
      try {
        await session.run("CREATE (:Entity:Place {id: 'place:hub-' + $suffix, kind: 'PLACE', name: 'Hub'})", {
          suffix: hubSuffix,
        });
        await session.run(
          `UNWIND range(1, 100000) AS i
           CALL (i) {
             MATCH (h:Entity {id: 'place:hub-' + $suffix})
             CREATE (h)-[:PART_OF {id: 'relationship:hub-' + i + '-' + $suffix}]->(:Entity:Place {id: 'place:n' + i + '-' + $suffix, kind: 'PLACE', name: 'N' + i})
           } IN TRANSACTIONS OF 10000 ROWS`,
          { suffix: hubSuffix },
        );
      } finally {
        await session.close();
      }
    });

    it("a depth-2 neighbourhood with limit 100 returns 100 nodes, truncated", async () => {
      const out = await api.execute<SubgraphOut>(NEIGHBORHOOD, {
        id: `place:hub-${hubSuffix}`,
        depth: 2,
        limit: 100,
      });
      expect(out.errors).toBeUndefined();
      expect(out.data?.neighborhood.nodes).toHaveLength(100);
      expect(out.data?.neighborhood.truncated).toBe(true);
      expectClosed(out.data?.neighborhood ?? { nodes: [], relationships: [], truncated: false });
      expect(out.data?.neighborhood.relationships).toHaveLength(99);
    });

    it("applies the limit inside the expansion: the plan's database hits stay far below the hub's degree", async () => {
      const query = neighborhoodQuery(`place:hub-${hubSuffix}`, 2, Object.keys(RELATIONSHIP_TYPES), 100);
      const session = api.graph.driver.session();
      try {
        const result = await session.run(`PROFILE ${query.cypher}`, query.params);
        const totalDbHits = (plan: ProfiledPlan): number =>
          plan.dbHits + plan.children.reduce((sum, child) => sum + totalDbHits(child), 0);
        const profile = result.summary.profile;
        if (profile === false) throw new Error("no profile");
        // Expanding the hub in full would cost over 100,000 hits on its relationships alone.
        expect(totalDbHits(profile)).toBeLessThan(10_000);
      } finally {
        await session.close();
      }
    });
  });
});
