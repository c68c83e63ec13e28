import { ImportConflictError, writeDocument } from "../../src/write/importDocument";
import type { Dataset } from "../../src/graph/model";
import { CypherExecutor } from "../../src/graph/executor";
import { validateDataset } from "../../src/import/readDataset";
import { documentContent } from "../support/documentChecksum";
import { citationsOf } from "../support/documentCitations";
import { fixtureDataset, type Fixture } from "../support/fixtureDataset";
import { CLEANUP_BY_SUFFIX } from "../support/syntheticDataset";
import { connectTestGraph, silentLogger, type TestGraph } from "../support/testGraph";

describe("importer (real Neo4j)", () => {
  let graph: TestGraph;
  const fixtures: Fixture[] = [];
  const fresh = (extra?: Parameters<typeof fixtureDataset>[0]): Fixture => {
    const fixture = fixtureDataset(extra);
    fixtures.push(fixture);
    return fixture;
  };

  beforeAll(() => {
    graph = connectTestGraph();
  });
  afterAll(async () => {
    await graph.executor.write({
      name: "test.cleanup",
      cypher: CLEANUP_BY_SUFFIX,
      params: { suffixes: fixtures.map((f) => f.suffix) },
    });
    await graph.close();
  });

  it("writes a document with all its facts, each citation verbatim at its offsets", async () => {
    const fixture = fresh();
    const result = await writeDocument(graph.executor, validateDataset(fixture.yaml, fixture.loadText));
    expect(result.unchanged).toBe(false);
    // The document, 4 entities, a statistic and a quote; the Change and its 9 items (one per element).
    expect(result.counters.nodesCreated).toBe(1 + 4 + 1 + 1 + 1 + 9);
    expect(result.seq).toEqual(expect.any(Number));

    const cited = await citationsOf(graph.executor, fixture.documentId);
    expect(cited).toHaveLength(4 + 2 + 1 + 1);
    for (const element of cited) {
      expect(element.citations.length).toBeGreaterThan(0);
      for (const c of element.citations) expect(fixture.text.slice(c.start, c.end)).toBe(c.quote);
    }
  });

  it("is idempotent: importing twice changes nothing (counts and content checksum)", async () => {
    const fixture = fresh();
    const dataset = validateDataset(fixture.yaml, fixture.loadText);
    await writeDocument(graph.executor, dataset);
    const before = await documentContent(graph.executor, fixture.documentId);

    const again = await writeDocument(graph.executor, dataset);
    expect(again.unchanged).toBe(true);
    expect(again.counters).toEqual({
      nodesCreated: 0,
      nodesDeleted: 0,
      relationshipsCreated: 0,
      relationshipsDeleted: 0,
      propertiesSet: 0,
    });
    // Forced, every statement runs again: the content must still be the same.
    const forced = await writeDocument(graph.executor, dataset, { force: true });
    expect(forced.counters.nodesCreated).toBe(0);
    expect(await documentContent(graph.executor, fixture.documentId)).toEqual(before);
    expect(before.nodes).toBe(4 + 1 + 1);
    expect(before.relationships).toBe(2);
  });

  it("is all-or-nothing: a batch failing midway leaves the graph as it was", async () => {
    const fixture = fresh();
    // A Person node that is not an Entity: the entity batch for PERSON will hit the Person.id constraint,
    // after the document and the PLACE batch have already run in the same transaction.
    const clash = `person:ada-quill-${fixture.suffix}`;
    await graph.executor.write({
      name: "test.clash",
      cypher: "CREATE (:Person {id: $id})",
      params: { id: clash },
    });
    await expect(
      writeDocument(graph.executor, validateDataset(fixture.yaml, fixture.loadText)),
    ).rejects.toThrow(/already exists|ConstraintValidationFailed/);
    const left = await graph.executor.read<{ count: number }>({
      name: "test.left",
      cypher: "MATCH (n) WHERE n.id ENDS WITH $suffix RETURN count(n) AS count",
      params: { suffix: fixture.suffix },
    });
    expect(left).toEqual([{ count: 1 }]);
  });

  it("dry run reports what would change and writes nothing", async () => {
    const fixture = fresh();
    const result = await writeDocument(graph.executor, validateDataset(fixture.yaml, fixture.loadText), {
      dryRun: true,
    });
    expect(result.counters.nodesCreated).toBe(7 + 1 + 9);
    expect(result.added).toHaveLength(4 + 2 + 1 + 1);
    expect(result.seq).toBeNull();
    const content = await documentContent(graph.executor, fixture.documentId);
    expect(content).toMatchObject({ nodes: 0, relationships: 0 });
  });

  it("re-importing an edited file removes what the document no longer says", async () => {
    const fixture = fresh();
    await writeDocument(graph.executor, validateDataset(fixture.yaml, fixture.loadText));
    const edited = fixture.yaml
      .replace(
        /\n {2}- from: person:ada-quill-\w+\n {4}type: HOLDS_ROLE[\s\S]*?(?=\n {2}- |\nstatistics:)/,
        "",
      )
      .replace(/statistics:\n[\s\S]*?(?=\nquotes:)/, "statistics: []");
    const result = await writeDocument(graph.executor, validateDataset(edited, fixture.loadText));
    expect(result.removed.sort()).toEqual(
      [
        `relationship:person:ada-quill-${fixture.suffix}|HOLDS_ROLE|role:mayor-of-lakeside-${fixture.suffix}`,
        `statistic:lakeside-teu-${fixture.suffix}`,
      ].sort(),
    );
    const content = await documentContent(graph.executor, fixture.documentId);
    expect(content).toMatchObject({ nodes: 4 + 1, relationships: 1 });
  });

  it("keeps other documents' citations when two documents support the same entity", async () => {
    const first = fresh();
    await writeDocument(graph.executor, validateDataset(first.yaml, first.loadText));
    const second = validateDataset(
      first.yaml.replace(`id: document:fixture-${first.suffix}`, `id: document:fixture-b-${first.suffix}`),
      first.loadText,
    );
    // Statistics and quotes belong to one document: the second one may not reuse their ids.
    await expect(writeDocument(graph.executor, second)).rejects.toThrow(ImportConflictError);
    await writeDocument(graph.executor, { ...second, statistics: [], quotes: [] });
    const [row] = await graph.executor.read<{ docs: string[] }>({
      name: "test.docs",
      cypher: "MATCH (n:Entity {id: $id}) RETURN n.citeDoc AS docs",
      params: { id: `place:lakeside-${first.suffix}` },
    });
    expect(row?.docs.sort()).toEqual([first.documentId, `document:fixture-b-${first.suffix}`].sort());
  });

  /** The element as stored: derived fields and the documents citing it. */
  async function stored(id: string, relationship = false) {
    const [row] = await graph.executor.read<{ props: Record<string, unknown> }>({
      name: "test.stored",
      cypher: relationship
        ? "MATCH ()-[r]->() WHERE r.id = $id RETURN properties(r) AS props"
        : "MATCH (n {id: $id}) RETURN properties(n) AS props",
      params: { id },
    });
    return row?.props;
  }

  it("keeps each document's contribution apart: a document that drops a fact takes back only what it said (#18.4)", async () => {
    const fixture = fresh();
    const lakeside = `place:lakeside-${fixture.suffix}`;
    const hill = `place:hill-province-${fixture.suffix}`;
    const partOf = `relationship:${lakeside}|PART_OF|${hill}`;
    const base = validateDataset(fixture.yaml, fixture.loadText);
    const a: Dataset = {
      ...base,
      relationships: base.relationships.map((r) =>
        r.id === partOf ? { ...r, properties: { since: "2023" } } : r,
      ),
    };
    await writeDocument(graph.executor, a);

    const bId = `document:fixture-b-${fixture.suffix}`;
    const b: Dataset = {
      document: { ...a.document, id: bId },
      entities: a.entities
        .filter((e) => e.id === lakeside || e.id === hill)
        .map((e) =>
          e.id === lakeside ? { ...e, name: "Lakeside City", aliases: ["LC"], description: "A port." } : e,
        ),
      relationships: a.relationships
        .filter((r) => r.id === partOf)
        .map((r) => ({ ...r, properties: {}, background: true })),
      statistics: [],
      quotes: [],
    };
    await writeDocument(graph.executor, b);
    expect(await stored(partOf, true)).toMatchObject({ properties: '{"since":"2023"}', background: false });
    expect(await stored(lakeside)).toMatchObject({
      name: "Lakeside City",
      aliases: [`LKS-${fixture.suffix}`, "LC"],
      description: "A port.",
    });

    // B drops the link and what it said about Lakeside: A's facts are whole again.
    await writeDocument(graph.executor, {
      ...b,
      entities: b.entities.filter((e) => e.id === hill),
      relationships: [],
    });
    const link = await stored(partOf, true);
    expect(link).toMatchObject({
      properties: '{"since":"2023"}',
      background: false,
      citeDoc: [a.document.id],
    });
    const place = await stored(lakeside);
    expect(place).toMatchObject({
      name: `Lakeside ${fixture.suffix}`,
      aliases: [`LKS-${fixture.suffix}`],
      citeDoc: [a.document.id],
    });
    expect(place?.description).toBeUndefined();
    // Re-importing A finds nothing to change: the graph already says what A says.
    expect((await writeDocument(graph.executor, a)).unchanged).toBe(true);
  });

  it("lets only one of two concurrent imports claim a statistic, and never deletes another document's (#18.5)", async () => {
    const fixture = fresh();
    const base = validateDataset(fixture.yaml, fixture.loadText);
    const statisticId = `statistic:lakeside-teu-${fixture.suffix}`;
    const other: Dataset = {
      ...base,
      document: { ...base.document, id: `document:fixture-b-${fixture.suffix}` },
    };
    const results = await Promise.allSettled([
      writeDocument(graph.executor, base),
      writeDocument(graph.executor, other),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toBeInstanceOf(ImportConflictError);
    const winner = results[0]?.status === "fulfilled" ? base : other;
    const loser = winner === base ? other : base;

    // The loser, imported without the statistic (and again without anything it shares), leaves it alone.
    await writeDocument(graph.executor, { ...loser, statistics: [], quotes: [] });
    await writeDocument(graph.executor, { ...loser, statistics: [], quotes: [], relationships: [] });
    expect(await stored(statisticId)).toMatchObject({
      citeDoc: [winner.document.id],
      srcKey: [winner.document.id],
    });
  });

  it("records each import as one change: actor import:<source>, operation import, one item per element", async () => {
    const fixture = fresh();
    const result = await writeDocument(graph.executor, validateDataset(fixture.yaml, fixture.loadText));
    const rows = await graph.executor.read<{
      actor: string;
      operation: string;
      items: string[];
      last: number;
    }>({
      name: "test.change",
      cypher: `MATCH (l:ChangeLog)
               MATCH (c:Change {seq: $seq})-[:HAS_ITEM]->(i:ChangeItem)
               WITH l, c, i ORDER BY i.position
               RETURN c.actor AS actor, c.operation AS operation, collect(i.elementId + ' ' + i.action) AS items,
                      l.seq AS last`,
      params: { seq: result.seq },
    });
    expect(rows[0]).toMatchObject({ actor: `import:${fixture.documentId}`, operation: "import" });
    expect(rows[0]?.items).toHaveLength(9);
    expect(rows[0]?.items[0]).toBe(`${fixture.documentId} CREATED`);
    expect(rows[0]?.last).toBeGreaterThanOrEqual(result.seq ?? Infinity);
  });

  it("reads a link's stored state only when both its ends are stored: a new entity's links are known absent", async () => {
    const fixture = fresh();
    const dataset = validateDataset(fixture.yaml, fixture.loadText);
    expect(dataset.relationships.length).toBeGreaterThan(0);
    const read: string[] = [];
    const executor = new CypherExecutor(graph.driver, {
      database: process.env.NEO4J_DATABASE ?? "neo4j",
      transactionTimeoutMs: 20_000,
      logger: silentLogger,
      onQuery: (query) => {
        if (query.name !== "write.relationshipState") return;
        for (const ref of query.params.refs as Array<{ id: string }>) read.push(ref.id);
      },
    });
    const first = await writeDocument(executor, dataset);
    expect(read).toEqual([]);
    expect(first.counters.relationshipsCreated).toBeGreaterThanOrEqual(dataset.relationships.length);

    // Imported again (forced): every end is stored now, so every link is read and none is created twice.
    const again = await writeDocument(executor, dataset, { force: true });
    expect([...new Set(read)].sort()).toEqual(dataset.relationships.map((r) => r.id).sort());
    expect(again.counters.relationshipsCreated).toBe(0);
  });
});
