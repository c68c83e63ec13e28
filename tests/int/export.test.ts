import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { ndjsonFormat } from "../../src/export/ndjson";
import { ExportAborted, singleFileOutput, streamSink } from "../../src/export/output";
import { runExport } from "../../src/export/runExport";
import { int } from "../../src/graph/executor";
import { LOG_KINDS, snapshotElements, snapshotPageQuery } from "../../src/graph/snapshotRepository";
import { entityFromStored, publicState } from "../../src/write/elements";
import { bearer, postAs } from "../support/authHttp";
import { parseNdjson, replayChanges, type MirroredElement, type NdjsonExport } from "../support/exportReplay";
import { startHttpService, type HttpService } from "../support/httpService";
import { connectTestGraph, silentLogger, type TestGraph } from "../support/testGraph";
import { signedToken, TEST_SECRET } from "../support/tokens";

const CITATION = { documentId: "document:ichongqing-seeing-is-believing", quote: "Chongqing", occurrence: 1 };

async function exportNdjson(
  service: HttpService,
  headers: Record<string, string> = {},
): Promise<{ seq: number; body: NdjsonExport }> {
  const response = await fetch(`${service.base}/export?format=ndjson`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
  const seq = Number(response.headers.get("x-graph-seq"));
  return { seq, body: parseNdjson(await response.text()) };
}

const plain = (map: Map<string, MirroredElement>): Record<string, MirroredElement> =>
  Object.fromEntries([...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** GET /export against the real Neo4j: the graph at one seq, equal to the change log replayed to it. */
describe("bulk export (real Neo4j)", () => {
  let service: HttpService;
  let editor: Record<string, string>;
  beforeAll(async () => {
    service = await startHttpService({
      NODE_ENV: "production",
      AUTH_JWT_SECRET: TEST_SECRET,
      // Small pages: an export of the test graph takes many queries, as a large one would.
      EXPORT_PAGE_SIZE: "10",
    });
    editor = bearer(await signedToken({ claims: { roles: ["admin"] } }));
  });
  afterAll(() => service.stop());

  const createEntity = async (name: string): Promise<string> => {
    const answer = await postAs(
      service.url,
      "mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } userErrors { message } } }",
      { input: { kind: "PLACE", name, citations: [CITATION] } },
      editor,
    );
    const id = (answer.body.data?.createEntity as { entity: { id: string } | null } | undefined)?.entity?.id;
    if (id === undefined) throw new Error(`createEntity failed: ${JSON.stringify(answer.body)}`);
    return id;
  };
  const retract = async (id: string): Promise<void> => {
    const answer = await postAs(
      service.url,
      "mutation($input: RetractInput!) { retract(input: $input) { userErrors { message } } }",
      { input: { id, reason: "export test" } },
      editor,
    );
    expect(answer.body.errors).toBeUndefined();
  };

  it("streams a header with the seq, every element once (documents first), and an end line with the count", async () => {
    await createEntity(`Export Place ${randomUUID()}`);
    const { seq, body } = await exportNdjson(service);
    expect(body.header).toMatchObject({ type: "header", format: "kg-export/1", seq });
    expect(Number.isNaN(Date.parse(body.header.exportedAt))).toBe(false);
    expect(body.end).toEqual({ type: "end", seq, elements: body.elements.size });
    expect(seq).toBeGreaterThan(0);
    // Kinds in order: documents, entities, relationships, statistics, quotes, mentions.
    const rank = (typename: string): number =>
      ["Document", "Relationship", "Statistic", "Quote", "Mention"].includes(typename)
        ? ["Document", "", "Relationship", "Statistic", "Quote", "Mention"].indexOf(typename)
        : 1;
    const ranks = body.typenames.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const kind of [0, 1, 2, 3, 4]) expect(ranks).toContain(kind);
  });

  it("equals the change log replayed from seq 1 to the export's seq (the docs/feeds.md rule)", async () => {
    const gone = await createEntity(`Export Retracted ${randomUUID()}`);
    await retract(gone);
    // Ingest's mentions are elements of the log too.
    const name = `Export Mentioned ${randomUUID().slice(0, 8)}`;
    await createEntity(name);
    const ingested = await postAs(
      service.url,
      "mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { mentions { id } userErrors { message } } }",
      { input: { title: `Export ingest ${randomUUID()}`, text: `A report on ${name}, and more.` } },
      editor,
    );
    expect(ingested.body.errors).toBeUndefined();
    const { seq, body } = await exportNdjson(service);
    const replayed = new Map<string, MirroredElement>();
    expect(await replayChanges(service.graph.executor, replayed, 0, seq)).toBe(seq);
    expect(body.elements.has(gone)).toBe(false);
    expect([...body.elements.values()].some((e) => e.typename === "Mention")).toBe(true);
    expect(plain(body.elements)).toEqual(plain(replayed));
  });

  it("agrees with the graph itself: the same elements, and every entity with its stored state", async () => {
    const { body } = await exportNdjson(service);
    // Every element in the graph is exported, and nothing else: the whole shared test database, so
    // this also holds every other suite to removing its fixtures through the log (removeFixtures).
    const inGraph = await service.graph.executor.read<{ id: string }>({
      name: "test.elementIds",
      cypher: `MATCH (n) WHERE n:Document OR n:Entity OR n:Statistic OR n:Quote OR n:Mention RETURN n.id AS id
               UNION ALL MATCH (:Entity)-[r]->(:Entity) RETURN r.id AS id`,
      params: {},
    });
    const graphIds = new Set(inGraph.map((r) => r.id));
    expect([...body.elements.keys()].filter((id) => !graphIds.has(id))).toEqual([]);
    expect([...graphIds].filter((id) => !body.elements.has(id))).toEqual([]);
    const session = service.graph.driver.session();
    try {
      const result = await session.run(
        "MATCH (n:Entity) RETURN n.id AS id, properties(n) AS props ORDER BY n.id LIMIT 300",
      );
      for (const record of result.records) {
        const row = { id: record.get("id") as string, props: record.get("props") as Record<string, unknown> };
        const element = entityFromStored(row);
        expect(body.elements.get(row.id)).toEqual({
          typename: expect.any(String) as string,
          version: element.version,
          data: JSON.parse(JSON.stringify(publicState(element))) as Record<string, unknown>,
        });
      }
    } finally {
      await session.close();
    }
  });

  it("is consistent under concurrent writes: the export then changes(after: X-Graph-Seq) equal a fresh export", async () => {
    let writing = true;
    const created: string[] = [];
    const writer = (async () => {
      let i = 0;
      while (writing) {
        const id = await createEntity(`Export Concurrent ${i} ${randomUUID()}`);
        created.push(id);
        if (i % 3 === 2) await retract(created[created.length - 2] ?? id);
        i += 1;
      }
    })();
    // Let some writes land first, then export while they go on.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during = await exportNdjson(service);
    await new Promise((resolve) => setTimeout(resolve, 300));
    writing = false;
    await writer;
    expect(created.length).toBeGreaterThan(2);

    const mirror = new Map(during.body.elements);
    const last = await replayChanges(service.graph.executor, mirror, during.seq);
    const fresh = await exportNdjson(service);
    expect(fresh.seq).toBe(last);
    expect(last).toBeGreaterThan(during.seq);
    expect(plain(mirror)).toEqual(plain(fresh.body.elements));
  });

  it("refuses an unknown format with 400 and names the formats", async () => {
    const response = await fetch(`${service.base}/export?format=xlsx`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: Array<{ message: string; extensions: Record<string, unknown> }>;
    };
    expect(body.errors[0]?.extensions).toEqual({
      code: "BAD_USER_INPUT",
      argument: "format",
      requestId: response.headers.get("x-request-id"),
    });
    expect(body.errors[0]?.message).toMatch(/ndjson/);
  });
});

describe("bulk export with AUTH_READS=token (real Neo4j)", () => {
  let service: HttpService;
  beforeAll(async () => {
    service = await startHttpService({
      NODE_ENV: "production",
      AUTH_JWT_SECRET: TEST_SECRET,
      AUTH_READS: "token",
    });
  });
  afterAll(() => service.stop());

  it("needs a reader's token: 401 with a challenge without one, 200 with one", async () => {
    const anonymous = await fetch(`${service.base}/export?format=ndjson`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
    // The refusal reads as it does on /graphql: its code and the role it needs, and the request's id.
    expect(
      ((await anonymous.json()) as { errors: Array<{ extensions: unknown }> }).errors[0]?.extensions,
    ).toEqual({
      code: "UNAUTHENTICATED",
      requiredRole: "READER",
      requestId: anonymous.headers.get("x-request-id"),
    });
    const reader = await exportNdjson(service, bearer(await signedToken({ claims: { roles: ["reader"] } })));
    expect(reader.body.end?.elements).toBeGreaterThan(0);
  });
});

describe("an export whose reader stops (real Neo4j)", () => {
  let graph: TestGraph;
  beforeAll(() => {
    graph = connectTestGraph();
  });
  afterAll(() => graph.close());

  /** A destination that takes one chunk and then never drains: a client that stopped reading. */
  const stalled = (): Writable =>
    new Writable({
      highWaterMark: 1,
      write: () => undefined,
    });

  const openExportTransactions = async (): Promise<number> => {
    const session = graph.driver.session();
    try {
      const result = await session.run(
        "SHOW TRANSACTIONS YIELD metaData WHERE metaData.query = 'export.ndjson' RETURN count(*) AS n",
      );
      return result.records[0]?.get("n") as number;
    } finally {
      await session.close();
    }
  };

  const waitFor = async (condition: () => Promise<boolean>): Promise<boolean> => {
    for (let i = 0; i < 50; i += 1) {
      if (await condition()) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return condition();
  };

  it("waits on backpressure with its transaction open, and aborting ends the transaction", async () => {
    const client = new AbortController();
    const destination = stalled();
    const running = runExport(
      graph.executor.forRequest(silentLogger, Date.now() + 60_000),
      { format: ndjsonFormat, pageSize: 10, timeoutMs: 60_000, signal: client.signal },
      (_seq, signal) => singleFileOutput(streamSink(destination, signal)),
    );
    const outcome = running.then(
      () => "finished",
      (error: unknown) => error,
    );
    // Stalled on the reader: the export has not finished, its transaction is open.
    expect(await waitFor(async () => (await openExportTransactions()) === 1)).toBe(true);
    client.abort();
    expect(await outcome).toBeInstanceOf(ExportAborted);
    expect(await waitFor(async () => (await openExportTransactions()) === 0)).toBe(true);
  });

  it("gives up after its timeout even while the reader is stalled", async () => {
    const started = Date.now();
    const error = await runExport(
      graph.executor.forRequest(silentLogger, Date.now() + 1_500),
      { format: ndjsonFormat, pageSize: 10, timeoutMs: 1_500 },
      (_seq, signal) => singleFileOutput(streamSink(stalled(), signal)),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExportAborted);
    expect((error as Error).message).toMatch(/EXPORT_TIMEOUT_MS/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await waitFor(async () => (await openExportTransactions()) === 0)).toBe(true);
  });
});

describe("the snapshot page query at a seq (real Neo4j)", () => {
  let graph: TestGraph;
  // Items under an id prefix no export kind covers, at negative seqs: no other suite's export or
  // feed sees them.
  const prefix = `snapshottest:${randomUUID().slice(0, 8)}:`;
  const base = -5_000_000 - Math.floor(Math.random() * 1e6);
  const [s1, s2] = [base, base + 1];
  beforeAll(async () => {
    graph = connectTestGraph();
    // As changeLog.ts writes them: the Change's seq on each item.
    await graph.executor.write({
      name: "test.snapshotItems",
      cypher: `UNWIND $items AS item
               MERGE (c:Change {seq: item.seq}) ON CREATE SET c.id = 'change:' + toString(item.seq)
               CREATE (c)-[:HAS_ITEM]->(:ChangeItem {seq: item.seq, position: item.position, elementId: $prefix + item.id,
                                                     typename: 'Test', version: item.version, after: item.after})`,
      params: {
        prefix,
        items: [
          // a: two items in one change: the later position wins (written first here, so that the
          // index's order among equal (elementId, seq) cannot decide it).
          { seq: s1, position: 3, id: "a", version: 2, after: '{"v":"a2"}' },
          { seq: s1, position: 0, id: "a", version: 1, after: '{"v":"a1"}' },
          // b: changed at s2.
          { seq: s1, position: 1, id: "b", version: 1, after: '{"v":"b1"}' },
          { seq: s2, position: 0, id: "b", version: 2, after: '{"v":"b2"}' },
          // c: created at s2.
          { seq: s2, position: 1, id: "c", version: 1, after: '{"v":"c1"}' },
          // d: deleted at s2.
          { seq: s1, position: 2, id: "d", version: 1, after: '{"v":"d1"}' },
          { seq: s2, position: 2, id: "d", version: 2, after: null },
        ].map((i) => ({ ...i, seq: int(i.seq), position: int(i.position), version: int(i.version) })),
      },
    });
  });
  afterAll(async () => {
    await graph.executor.write({
      name: "test.cleanup",
      cypher: "MATCH (c:Change) WHERE c.seq IN $seqs OPTIONAL MATCH (c)-[:HAS_ITEM]->(i) DETACH DELETE c, i",
      params: { seqs: [int(s1), int(s2)] },
    });
    await graph.close();
  });

  const pageAt = async (seq: number, after = prefix, limit = 10): Promise<Array<[string, string | null]>> => {
    const rows = await graph.executor.read<{ id: string; after: string | null }>(
      snapshotPageQuery(seq, after, `${prefix.slice(0, -1)};`, limit),
    );
    return rows.map((r) => [r.id.slice(prefix.length), r.after]);
  };

  it("gives each element its last item at or below the seq: the later position within a change, nothing created later", async () => {
    await expect(pageAt(s1)).resolves.toEqual([
      ["a", '{"v":"a2"}'],
      ["b", '{"v":"b1"}'],
      ["d", '{"v":"d1"}'],
    ]);
    // At s2: b changed, c created, d deleted (its row says so: no state).
    await expect(pageAt(s2)).resolves.toEqual([
      ["a", '{"v":"a2"}'],
      ["b", '{"v":"b2"}'],
      ["c", '{"v":"c1"}'],
      ["d", null],
    ]);
    await expect(pageAt(s1 - 1)).resolves.toEqual([]);
  });

  it("pages by element, not by item: a page of 1 after an element holds the next one", async () => {
    await expect(pageAt(s2, prefix, 1)).resolves.toEqual([["a", '{"v":"a2"}']]);
    await expect(pageAt(s2, `${prefix}a`, 1)).resolves.toEqual([["b", '{"v":"b2"}']]);
    await expect(pageAt(s2, `${prefix}b`, 2)).resolves.toEqual([
      ["c", '{"v":"c1"}'],
      ["d", null],
    ]);
  });

  it("reads the same elements whatever the page size (each next page read ahead)", async () => {
    const read = async (pageSize: number): Promise<string[]> =>
      graph.executor.readTransaction("test.snapshot", async (run) => {
        const [row] = await run<{ seq: number }>({
          name: "test.seq",
          cypher: "MATCH (l:ChangeLog {id: 'changes'}) RETURN l.seq AS seq",
          params: {},
        });
        const lines: string[] = [];
        for await (const e of snapshotElements(run, row?.seq ?? 0, pageSize, LOG_KINDS)) {
          lines.push(`${e.kind} ${e.id} ${e.version} ${e.data}`);
        }
        return lines;
      });
    const whole = await read(100_000);
    expect(whole.length).toBeGreaterThan(20);
    await expect(read(7)).resolves.toEqual(whole);
    await expect(read(1)).resolves.toEqual(whole);
  });
});
