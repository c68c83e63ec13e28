import type { Viewer } from "../../src/auth/viewer";
import { validateDataset } from "../../src/import/readDataset";
import { writeDocument } from "../../src/write/importDocument";
import { fixtureDataset, type Fixture } from "../support/fixtureDataset";
import { mutator, type Payload } from "../support/mutate";
import { startTestApi, type TestApi } from "../support/testApi";
import { removeFixtures } from "../support/removeFixtures";

/** A curator's retract or merge stands when a document that stated the element is imported again (#11). */
describe("re-importing a document after curation (real Neo4j)", () => {
  let api: TestApi;
  const admin: Viewer = { subject: "admin-reimport", role: "ADMIN" };
  const mutate = mutator(() => api, admin);
  const fixtures: Fixture[] = [];
  const fresh = (): Fixture => {
    const fixture = fixtureDataset();
    fixtures.push(fixture);
    return fixture;
  };

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await removeFixtures(api.graph.executor, { suffixes: fixtures.map((f) => f.suffix) });
    await api.stop();
  });

  /** The ids of the elements stored with this suffix, by label. */
  async function storedIds(suffix: string): Promise<string[]> {
    const rows = await api.graph.executor.read<{ id: string }>({
      name: "test.storedIds",
      cypher: `MATCH (n) WHERE (n:Entity OR n:Statistic OR n:Quote) AND n.id ENDS WITH $suffix RETURN n.id AS id
               UNION MATCH (:Entity)-[r]->(:Entity) WHERE r.id ENDS WITH $suffix RETURN r.id AS id`,
      params: { suffix },
    });
    return rows.map((r) => r.id).sort();
  }

  async function ok(field: string, input: Record<string, unknown>): Promise<void> {
    const { payload } = await mutate<Payload>(field, input, "");
    expect(payload.userErrors).toEqual([]);
  }

  it("keeps a retracted entity, its links, figures and quotes, and a retracted link out", async () => {
    const f = fresh();
    const dataset = validateDataset(f.yaml, f.loadText);
    await writeDocument(api.graph.executor, dataset);
    const ada = `person:ada-quill-${f.suffix}`;
    const partOf = `relationship:place:lakeside-${f.suffix}|PART_OF|place:hill-province-${f.suffix}`;
    await ok("retract", { id: ada, reason: "not in this story" });
    await ok("retract", { id: partOf, reason: "wrong" });
    const after = await storedIds(f.suffix);

    const again = await writeDocument(api.graph.executor, dataset, { force: true });
    expect(await storedIds(f.suffix)).toEqual(after);
    expect(after).not.toContain(ada);
    expect(again.setAside.map((x) => x.id).sort()).toEqual(
      [
        ada,
        partOf,
        `relationship:${ada}|HOLDS_ROLE|role:mayor-of-lakeside-${f.suffix}`,
        `quote:ada-quill-heart-${f.suffix}`,
      ].sort(),
    );
    // What it still states keeps its source: Lakeside's figure is there, cited by the document.
    expect(after).toContain(`statistic:lakeside-teu-${f.suffix}`);
    const read = await api.execute<{ entity: unknown }>("query($id: ID!) { entity(id: $id) { id } }", {
      id: ada,
    });
    expect(read.data?.entity).toBeNull();

    // A curator who creates the entity again lets the document's words back in.
    await ok("createEntity", {
      kind: "PERSON",
      id: ada,
      name: "Ada Quill",
      citations: [{ documentId: f.documentId, quote: "said Ada Quill" }],
    });
    const back = await writeDocument(api.graph.executor, dataset, { force: true });
    expect(back.setAside.map((x) => x.id)).toEqual([partOf]);
    const cited = await api.execute<{ entity: { citations: Array<{ quote: string }> } }>(
      "query($id: ID!) { entity(id: $id) { citations { quote } } }",
      { id: ada },
    );
    expect(cited.data?.entity.citations.map((c) => c.quote).sort()).toEqual([
      "Ada Quill, Mayor of Lakeside",
      "said Ada Quill",
    ]);
  });

  it("lets an element back that went because its last source dropped it (not a curator's retract)", async () => {
    const f = fresh();
    const dataset = validateDataset(f.yaml, f.loadText);
    await writeDocument(api.graph.executor, dataset);
    const hill = `place:hill-province-${f.suffix}`;
    await writeDocument(api.graph.executor, {
      ...dataset,
      entities: dataset.entities.filter((e) => e.id !== hill),
      relationships: dataset.relationships.filter((r) => r.to !== hill),
    });
    expect(await storedIds(f.suffix)).not.toContain(hill);
    const back = await writeDocument(api.graph.executor, dataset);
    expect(back.setAside).toEqual([]);
    expect(await storedIds(f.suffix)).toContain(hill);
  });

  it("writes what the document says of a merged id to the kept entity; a link the merge made a loop stays out", async () => {
    const f = fresh();
    const dataset = validateDataset(f.yaml, f.loadText);
    await writeDocument(api.graph.executor, dataset);
    const lakeside = `place:lakeside-${f.suffix}`;
    const hill = `place:hill-province-${f.suffix}`;
    // Hill Province is Lakeside: the PART_OF link between them goes (a loop).
    const { payload } = await mutate<Payload & { entity: { version: number } | null }>(
      "mergeEntities",
      { keepId: lakeside, mergeId: hill, reason: "the same place" },
      "entity { version }",
    );
    expect(payload.userErrors).toEqual([]);
    const merged = await storedIds(f.suffix);

    const edited = {
      ...dataset,
      entities: dataset.entities.map((e) => (e.id === hill ? { ...e, aliases: ["The Hills"] } : e)),
    };
    const again = await writeDocument(api.graph.executor, edited);
    expect(await storedIds(f.suffix)).toEqual(merged);
    expect(merged).not.toContain(hill);
    expect(again.setAside).toEqual([
      { id: `relationship:${lakeside}|PART_OF|${hill}`, reason: `its ends were merged into ${lakeside}` },
    ]);
    const read = await api.execute<{
      entity: { id: string; name: string; aliases: string[]; relationships: { totalCount: number } };
    }>("query($id: ID!) { entity(id: $id) { id name aliases relationships { totalCount } } }", { id: hill });
    expect(read.data?.entity).toEqual({
      id: lakeside,
      name: `Lakeside ${f.suffix}`,
      aliases: [`LKS-${f.suffix}`, `Hill Province ${f.suffix}`, "The Hills"],
      relationships: { totalCount: 0 },
    });
    // The kept entity now holds the document's contribution under the document's key: importing the
    // file it came from once more changes nothing.
    expect((await writeDocument(api.graph.executor, edited, { force: true })).changed).toBe(0);
  });

  it("moves a merged speaker's quotes to the kept entity on re-import, as the merge did", async () => {
    const f = fresh();
    const dataset = validateDataset(f.yaml, f.loadText);
    await writeDocument(api.graph.executor, dataset);
    const ada = `person:ada-quill-${f.suffix}`;
    const lakeside = `place:lakeside-${f.suffix}`;
    const { payload } = await mutate<Payload & { entity: { id: string } | null }>(
      "createEntity",
      {
        kind: "PERSON",
        name: `Ada Q. Quill ${f.suffix}`,
        citations: [{ documentId: f.documentId, quote: "said Ada Quill" }],
      },
      "entity { id }",
    );
    const keep = payload.entity?.id ?? "";
    await ok("mergeEntities", { keepId: keep, mergeId: ada, reason: "the same mayor" });
    const again = await writeDocument(api.graph.executor, dataset, { force: true });
    expect(again.setAside).toEqual([]);
    expect(await storedIds(f.suffix)).not.toContain(ada);
    const quote = await api.graph.executor.read<{ speaker: string; about: string[] }>({
      name: "test.quote",
      cypher: `MATCH (q:Quote {id: $id})-[:SAID_BY]->(p) RETURN p.id AS speaker, [(q)-[:QUOTE_ABOUT]->(e) | e.id] AS about`,
      params: { id: `quote:ada-quill-heart-${f.suffix}` },
    });
    expect(quote).toEqual([{ speaker: keep, about: [lakeside] }]);
  });
});
