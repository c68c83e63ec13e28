import { randomUUID } from "node:crypto";
import type { Viewer } from "../../src/auth/viewer";
import { validateDataset } from "../../src/import/readDataset";
import { writeDocument } from "../../src/write/importDocument";
import { fixtureDataset } from "../support/fixtureDataset";
import { lastSeq, mutator, type Payload } from "../support/mutate";
import { startTestApi, type TestApi } from "../support/testApi";
import { removeFixtures } from "../support/removeFixtures";

/** The gaps #11 left: citations on an existing link, clearing a description, merged aliases, NFC names. */
describe("curation corrections (real Neo4j)", () => {
  let api: TestApi;
  const suffix = randomUUID().replace(/-/g, "").slice(0, 10);
  const editor: Viewer = { subject: `editor-${suffix}`, role: "EDITOR" };
  const admin: Viewer = { subject: `admin-${suffix}`, role: "ADMIN" };
  const mutate = mutator(() => api, editor);
  const documentId = `document:corrections-${suffix}`;
  const text =
    `Bridgeford ${suffix} lies in Vale Shire ${suffix}. The county records say Bridgeford lies in the Vale. ` +
    `Old maps show Bridgeford in Vale Shire. Bridgeford is a market town.`;
  const suffixes = [suffix];

  async function createPlace(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    const { payload } = await mutate<Payload & { entity: { id: string } | null }>(
      "createEntity",
      { kind: "PLACE", name, citations: [{ documentId, quote: `Bridgeford is a market town` }], ...extra },
      "entity { id }",
    );
    expect(payload.userErrors).toEqual([]);
    return payload.entity?.id ?? "";
  }

  beforeAll(async () => {
    api = await startTestApi();
    const { payload } = await mutate(
      "addDocument",
      { id: documentId, title: `Corrections ${suffix}`, text },
      "",
    );
    expect(payload.userErrors).toEqual([]);
  });

  afterAll(async () => {
    await removeFixtures(api.graph.executor, { suffixes });
    await api.stop();
  });

  describe("addRelationship on a link that exists", () => {
    type Rel = Payload & {
      relationship: {
        id: string;
        version: number;
        properties: unknown;
        citations: Array<{ quote: string }>;
      } | null;
    };
    const selection = "relationship { id version properties citations { quote } }";

    it("adds a new citation (and properties) to it with a new version; the same citation again is ALREADY_EXISTS", async () => {
      const from = await createPlace(`Bridgeford ${suffix}`);
      const to = await createPlace(`Vale Shire ${suffix}`);
      const link = { from, type: "PART_OF", to };
      const first = await mutate<Rel>(
        "addRelationship",
        { ...link, citations: [{ documentId, quote: `Bridgeford ${suffix} lies in Vale Shire` }] },
        selection,
      );
      expect(first.payload.userErrors).toEqual([]);
      expect(first.payload.relationship?.version).toBe(1);

      // The same words again add nothing: refused, nothing written.
      const before = await lastSeq(api);
      const again = await mutate<Rel>(
        "addRelationship",
        { ...link, citations: [{ documentId, quote: `Bridgeford ${suffix} lies in Vale Shire` }] },
        selection,
      );
      expect(again.payload.userErrors.map((e) => [e.code, (e.field ?? []).join(".")])).toEqual([
        ["ALREADY_EXISTS", "input"],
      ]);
      expect(again.payload.change).toBeNull();
      expect(await lastSeq(api)).toBe(before);

      // Other words citing the same link: the citation joins it, one UPDATED change.
      const more = await mutate<Rel>(
        "addRelationship",
        {
          ...link,
          citations: [
            { documentId, quote: "The county records say Bridgeford lies in the Vale" },
            { documentId, quote: `Bridgeford ${suffix} lies in Vale Shire` },
          ],
        },
        selection,
      );
      expect(more.payload.userErrors).toEqual([]);
      expect(more.payload.change?.seq).toBe(before + 1);
      expect(more.payload.relationship).toMatchObject({ id: first.payload.relationship?.id, version: 2 });
      expect(more.payload.relationship?.citations.map((c) => c.quote).sort()).toEqual([
        `Bridgeford ${suffix} lies in Vale Shire`,
        "The county records say Bridgeford lies in the Vale",
      ]);

      // A property with a known citation is news too; the same property again is not.
      const withProperty = await mutate<Rel>(
        "addRelationship",
        {
          ...link,
          properties: { since: "1890" },
          citations: [{ documentId, quote: "Old maps show Bridgeford in Vale Shire" }],
        },
        selection,
      );
      expect(withProperty.payload.relationship).toMatchObject({ version: 3, properties: { since: "1890" } });
      const sameProperty = await mutate<Rel>(
        "addRelationship",
        {
          ...link,
          properties: { since: "1890" },
          citations: [{ documentId, quote: "Old maps show Bridgeford in Vale Shire" }],
        },
        selection,
      );
      expect(sameProperty.payload.userErrors.map((e) => e.code)).toEqual(["ALREADY_EXISTS"]);

      const history = await api.execute<{
        changes: {
          edges: Array<{ node: { items: { edges: Array<{ node: { action: string; version: number } }> } } }>;
        };
      }>(
        `query($id: ID!) { changes(ids: [$id], after: "${before}") { edges { node { items { edges { node { action version } } } } } } }`,
        {
          id: first.payload.relationship?.id,
        },
      );
      expect(history.data?.changes.edges.map((e) => e.node.items.edges[0]?.node)).toEqual([
        { action: "UPDATED", version: 2 },
        { action: "UPDATED", version: 3 },
      ]);
    });
  });

  describe("updateEntity: a field left out stays, description: null clears it", () => {
    type Upd = Payload & { entity: { version: number; name: string; description: string | null } | null };
    const selection = "entity { version name description }";

    it("clears a description the curators set; leaving it out keeps it", async () => {
      const id = await createPlace(`Clearwater ${suffix}`, { description: "A lake town." });
      const renamed = await mutate<Upd>(
        "updateEntity",
        { id, expectedVersion: 1, name: `Clearwater Town ${suffix}` },
        selection,
      );
      expect(renamed.payload.entity).toEqual({
        version: 2,
        name: `Clearwater Town ${suffix}`,
        description: "A lake town.",
      });
      const cleared = await mutate<Upd>(
        "updateEntity",
        { id, expectedVersion: 2, description: null },
        selection,
      );
      expect(cleared.payload.userErrors).toEqual([]);
      expect(cleared.payload.entity).toEqual({
        version: 3,
        name: `Clearwater Town ${suffix}`,
        description: null,
      });
      // Clearing what is clear already changes nothing: no change, no new version.
      const again = await mutate<Upd>(
        "updateEntity",
        { id, expectedVersion: 3, description: null },
        selection,
      );
      expect(again.payload).toMatchObject({ userErrors: [], change: null, entity: { version: 3 } });
    });

    it("clears a description a document gives, and a re-import does not bring it back", async () => {
      const fixture = fixtureDataset();
      suffixes.push(fixture.suffix);
      const dataset = validateDataset(fixture.yaml, fixture.loadText);
      await writeDocument(api.graph.executor, dataset);
      const id = `person:ada-quill-${fixture.suffix}`;
      const cleared = await mutate<Upd>(
        "updateEntity",
        { id, expectedVersion: 1, description: null },
        selection,
      );
      expect(cleared.payload.entity).toMatchObject({ version: 2, description: null });
      await writeDocument(api.graph.executor, dataset, { force: true });
      const read = await api.execute<{ entity: { description: string | null; version: number } }>(
        "query($id: ID!) { entity(id: $id) { description version } }",
        { id },
      );
      expect(read.data?.entity.description).toBeNull();
      // A curator's new description wins again.
      const set = await mutate<Upd>(
        "updateEntity",
        { id, expectedVersion: read.data?.entity.version, description: "Mayor." },
        selection,
      );
      expect(set.payload.entity).toMatchObject({ description: "Mayor." });
    });

    it("refuses name: null and aliases: null (an entity has a name; [] means no aliases)", async () => {
      const id = await createPlace(`Nullham ${suffix}`);
      const { payload } = await mutate<Upd>(
        "updateEntity",
        { id, expectedVersion: 1, name: null, aliases: null },
        selection,
      );
      expect(payload.userErrors.map((e) => [e.code, (e.field ?? []).join(".")])).toEqual([
        ["INVALID", "input.name"],
        ["INVALID", "input.aliases"],
      ]);
    });
  });

  describe("mergeEntities and the alias limit", () => {
    type Merge = Payload & { entity: { id: string; aliases: string[] } | null };

    it("refuses a merge whose kept entity would have more than 50 aliases, and writes nothing", async () => {
      const keep = await createPlace(`Manyname ${suffix}`, {
        aliases: Array.from({ length: 30 }, (_, i) => `Keep ${i}`),
      });
      const merge = await createPlace(`Othername ${suffix}`, {
        aliases: Array.from({ length: 30 }, (_, i) => `Merge ${i}`),
      });
      const before = await lastSeq(api);
      const { payload } = await mutate<Merge>(
        "mergeEntities",
        { keepId: keep, mergeId: merge, reason: "same" },
        "entity { id }",
        admin,
      );
      expect(payload.entity).toBeNull();
      expect(
        payload.userErrors.map((e) => [e.code, e.field, /would have 61 aliases/.test(e.message)]),
      ).toEqual([["INVALID", ["input", "mergeId"], true]]);
      expect(await lastSeq(api)).toBe(before);
      // Fewer aliases on the kept entity first, then the merge fits.
      await mutate("updateEntity", { id: keep, expectedVersion: 1, aliases: ["Keep 0"] }, "entity { id }");
      const fits = await mutate<Merge>(
        "mergeEntities",
        { keepId: keep, mergeId: merge, reason: "same" },
        "entity { id aliases }",
        admin,
      );
      expect(fits.payload.userErrors).toEqual([]);
      expect(fits.payload.entity?.aliases).toHaveLength(32);
    });

    it("keeps the merged entity's names when the kept entity's aliases were set by curators", async () => {
      const fixture = fixtureDataset();
      suffixes.push(fixture.suffix);
      await writeDocument(api.graph.executor, validateDataset(fixture.yaml, fixture.loadText));
      const keep = await createPlace(`Lakeport ${suffix}`, { aliases: ["LP"] });
      const { payload } = await mutate<Merge>(
        "mergeEntities",
        { keepId: keep, mergeId: `place:lakeside-${fixture.suffix}`, reason: "the same town" },
        "entity { id aliases }",
        admin,
      );
      expect(payload.userErrors).toEqual([]);
      expect(payload.entity?.aliases).toEqual(["LP", `Lakeside ${fixture.suffix}`, `LKS-${fixture.suffix}`]);
    });
  });

  describe("names in NFC", () => {
    const decomposed = (s: string): string => s.normalize("NFD");

    it("stores createEntity's and updateEntity's names and aliases in NFC, so search finds the composed spelling", async () => {
      const name = `Türkheim ${suffix}`;
      const { payload } = await mutate<
        Payload & { entity: { id: string; name: string; aliases: string[] } | null }
      >(
        "createEntity",
        {
          kind: "PLACE",
          name: decomposed(name),
          aliases: [decomposed("Türk"), "Türk"],
          citations: [{ documentId, quote: "Bridgeford is a market town" }],
        },
        "entity { id name aliases }",
      );
      expect(payload.userErrors).toEqual([]);
      expect(payload.entity).toEqual({ id: `place:turkheim-${suffix}`, name, aliases: ["Türk"] });
      const search = await api.execute<{ search: Array<{ entity: { id: string } }> }>(
        "query($t: String!) { search(text: $t, first: 5) { entity { id } } }",
        { t: name },
      );
      expect(search.data?.search.map((h) => h.entity.id)).toContain(payload.entity?.id);

      const updated = await mutate<Payload & { entity: { name: string; aliases: string[] } | null }>(
        "updateEntity",
        {
          id: payload.entity?.id,
          expectedVersion: 1,
          name: decomposed(`Müllheim ${suffix}`),
          aliases: [decomposed("Mü")],
        },
        "entity { name aliases }",
      );
      expect(updated.payload.entity).toEqual({ name: `Müllheim ${suffix}`, aliases: ["Mü"] });
      const stored = await api.graph.executor.read<{ name: string; aliases: string[] }>({
        name: "test.storedName",
        cypher: "MATCH (n:Entity {id: $id}) RETURN n.name AS name, n.aliases AS aliases",
        params: { id: payload.entity?.id },
      });
      expect(stored).toEqual([{ name: `Müllheim ${suffix}`, aliases: ["Mü"] }]);
    });
  });
});
