import { createHash, randomUUID } from "node:crypto";
import type { Viewer } from "../../src/auth/viewer";
import { lastSeq, mutator, type Payload } from "../support/mutate";
import { startTestApi, type TestApi } from "../support/testApi";
import { removeFixtures } from "../support/removeFixtures";

const editor: Viewer = { subject: `editor-${randomUUID().slice(0, 8)}`, role: "EDITOR" };

describe("curation mutations (real Neo4j)", () => {
  let api: TestApi;
  const suffix = randomUUID().replace(/-/g, "").slice(0, 10);
  const documentId = `document:curation-${suffix}`;
  const text =
    `Report ${suffix}. Mara Venn, Harbour Master of Portisle ${suffix}, said Portisle handled 1.2 million TEU in 2023. ` +
    `"Portisle is open for business," said Mara Venn. Portisle lies in Coast County ${suffix}. Portisle grows.`;
  const created: string[] = [];

  const mutate = mutator(() => api, editor);

  async function createPlace(name: string, quote: string): Promise<{ id: string; seq: number }> {
    const { payload } = await mutate<Payload & { entity: { id: string } | null }>(
      "createEntity",
      { kind: "PLACE", name, citations: [{ documentId, quote }] },
      "entity { id }",
    );
    expect(payload.userErrors).toEqual([]);
    const id = payload.entity?.id ?? "";
    created.push(id);
    return { id, seq: payload.change?.seq ?? 0 };
  }

  beforeAll(async () => {
    api = await startTestApi();
    const { payload } = await mutate<Payload & { document: { id: string; contentHash: string } | null }>(
      "addDocument",
      { id: documentId, title: `Curation ${suffix}`, text },
      "document { id contentHash }",
    );
    expect(payload.userErrors).toEqual([]);
  });

  afterAll(async () => {
    await removeFixtures(api.graph.executor, { ids: [documentId, ...created], suffixes: [suffix] });
    await api.stop();
  });

  it("addDocument stores a text once: the same text again returns it and writes nothing", async () => {
    const before = await lastSeq(api);
    const { payload } = await mutate<
      Payload & { existing: boolean; document: { id: string; contentHash: string } | null }
    >("addDocument", { title: "Another title", text }, "existing document { id contentHash }");
    expect(payload).toMatchObject({ existing: true, change: null, userErrors: [] });
    expect(payload.document).toEqual({
      id: documentId,
      contentHash: createHash("sha256").update(text).digest("hex"),
    });
    expect(await lastSeq(api)).toBe(before);
  });

  it("createEntity writes the entity with version 1, records the change, and search finds it at once", async () => {
    const name = `Portisle ${suffix}`;
    const { payload } = await mutate<
      Payload & { entity: { id: string; version: number; name: string } | null }
    >(
      "createEntity",
      { kind: "PLACE", name, aliases: ["PTI"], citations: [{ documentId, quote: `Portisle ${suffix}` }] },
      "entity { id version name }",
    );
    expect(payload.userErrors).toEqual([]);
    expect(payload.entity).toEqual({ id: `place:portisle-${suffix}`, version: 1, name });
    created.push(payload.entity?.id ?? "");
    expect(payload.change).toMatchObject({ actor: editor.subject, operation: "createEntity" });
    expect(await lastSeq(api)).toBeGreaterThanOrEqual(payload.change?.seq ?? Infinity);

    const search = await api.execute<{ search: Array<{ entity: { id: string } }> }>(
      "query($t: String!) { search(text: $t, first: 5) { entity { id } } }",
      { t: name },
    );
    expect(search.data?.search.map((h) => h.entity.id)).toContain(payload.entity?.id);

    const history = await api.execute<{
      entity: {
        history: {
          edges: Array<{
            cursor: string;
            node: { seq: number; items: { edges: Array<{ node: Record<string, unknown> }> } };
          }>;
        };
      };
    }>(
      `query($id: ID!) { entity(id: $id) { history { edges { cursor node { seq items { edges { node { id typename action version before after } } } } } } } }`,
      { id: payload.entity?.id },
    );
    const [edge] = history.data?.entity.history.edges ?? [];
    expect(edge?.cursor).toBe(String(payload.change?.seq));
    expect(edge?.node.items.edges[0]?.node).toMatchObject({
      id: payload.entity?.id,
      typename: "Place",
      action: "CREATED",
      version: 1,
      before: null,
      after: { name, aliases: ["PTI"], kind: "PLACE" },
    });
  });

  it("returns every problem at once as userErrors, with codes and field paths, and writes nothing", async () => {
    const before = await lastSeq(api);
    const { payload } = await mutate<Payload & { entity: unknown }>(
      "createEntity",
      {
        kind: "PLACE",
        id: "person:wrong-kind",
        name: "x".repeat(301),
        citations: [
          { documentId, quote: "words that are not there" },
          { documentId, quote: "Portisle" },
          { documentId: "document:nope", quote: "a" },
          { documentId, quote: "Portisle", occurrence: 99 },
        ],
      },
      "entity { id }",
    );
    expect(payload.entity).toBeNull();
    expect(payload.change).toBeNull();
    const byField = Object.fromEntries(payload.userErrors.map((e) => [(e.field ?? []).join("."), e.code]));
    expect(byField).toEqual({
      "input.id": "INVALID",
      "input.name": "INVALID",
      "input.citations.0.quote": "QUOTE_NOT_FOUND",
      "input.citations.1.quote": "QUOTE_AMBIGUOUS",
      "input.citations.2.documentId": "NOT_FOUND",
      "input.citations.3.occurrence": "INVALID",
    });
    expect(await lastSeq(api)).toBe(before);
  });

  it("refuses a caller without a token (UNAUTHENTICATED) and writes nothing", async () => {
    const before = await lastSeq(api);
    const result = await api.execute(
      "mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } } }",
      { input: { kind: "PLACE", name: "Nobody", citations: [{ documentId, quote: "Portisle grows" }] } },
      { viewer: null },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await lastSeq(api)).toBe(before);
  });

  it("updateEntity: a correction bumps the version; a stale expectedVersion is a VERSION_CONFLICT", async () => {
    const { id } = await createPlace(`Coast County ${suffix}`, `Coast County ${suffix}`);
    const { payload } = await mutate<
      Payload & { entity: { version: number; description: string | null } | null }
    >(
      "updateEntity",
      {
        id,
        expectedVersion: 1,
        description: "A county on the coast.",
        addCitations: [{ documentId, quote: "Portisle lies in" }],
      },
      "entity { version description }",
    );
    expect(payload.userErrors).toEqual([]);
    expect(payload.entity).toEqual({ version: 2, description: "A county on the coast." });

    const stale = await mutate<Payload & { entity: unknown }>(
      "updateEntity",
      { id, expectedVersion: 1, name: "Stale" },
      "entity { id }",
    );
    expect(stale.payload.userErrors).toEqual([
      expect.objectContaining({ code: "VERSION_CONFLICT", field: ["input", "expectedVersion"] }),
    ]);
    const missing = await mutate<Payload & { entity: unknown }>(
      "updateEntity",
      { id: `place:missing-${suffix}`, expectedVersion: 1, name: "X" },
      "entity { id }",
    );
    expect(missing.payload.userErrors.map((e) => e.code)).toEqual(["NOT_FOUND"]);
  });

  it("20 concurrent updates with the same expectedVersion: exactly one wins, the others get VERSION_CONFLICT", async () => {
    const { id } = await createPlace(`Racing Point ${suffix}`, "Portisle grows");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        mutate<Payload & { entity: { version: number } | null }>(
          "updateEntity",
          { id, expectedVersion: 1, description: `Writer ${i}` },
          "entity { version }",
        ),
      ),
    );
    const winners = results.filter((r) => r.payload.userErrors.length === 0);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.payload.entity?.version).toBe(2);
    const codes = results.flatMap((r) => r.payload.userErrors.map((e) => e.code));
    expect(codes).toEqual(Array.from({ length: 19 }, () => "VERSION_CONFLICT"));
  });

  it("addRelationship checks the type, the ends' kinds and their existence; a valid one is written", async () => {
    const { id: from } = await createPlace(`Portisle Docks ${suffix}`, "Portisle handled");
    const { id: to } = await createPlace(`Coast Region ${suffix}`, "Coast County");
    const bad = await mutate<Payload & { relationship: unknown }>(
      "addRelationship",
      {
        from,
        type: "HOLDS_ROLE",
        to: `place:nowhere-${suffix}`,
        citations: [{ documentId, quote: "Portisle lies in" }],
      },
      "relationship { id }",
    );
    expect(bad.payload.userErrors.map((e) => [e.code, (e.field ?? []).join(".")])).toEqual([
      ["KIND_MISMATCH", "input.from"],
      ["NOT_FOUND", "input.to"],
    ]);
    const unknown = await mutate<Payload & { relationship: unknown }>(
      "addRelationship",
      { from, type: "LOVES", to, citations: [{ documentId, quote: "Portisle lies in" }] },
      "relationship { id }",
    );
    expect(unknown.payload.userErrors.map((e) => e.code)).toEqual(["UNKNOWN_RELATIONSHIP_TYPE"]);

    const { payload } = await mutate<
      Payload & {
        relationship: { id: string; version: number; properties: unknown; from: { id: string } } | null;
      }
    >(
      "addRelationship",
      {
        from,
        type: "PART_OF",
        to,
        properties: { since: "2023" },
        citations: [{ documentId, quote: "Portisle lies in" }],
      },
      "relationship { id version properties from { id } }",
    );
    expect(payload.userErrors).toEqual([]);
    expect(payload.relationship).toEqual({
      id: `relationship:${from}|PART_OF|${to}`,
      version: 1,
      properties: { since: "2023" },
      from: { id: from },
    });
  });

  it("addStatistic and addQuote locate their words; a quote's text must lie within its citation", async () => {
    const { id: subject } = await createPlace(`Portisle Port ${suffix}`, "Portisle handled 1.2 million TEU");
    const stat = await mutate<
      Payload & { statistic: { value: number; citations: Array<{ quote: string; start: number }> } | null }
    >(
      "addStatistic",
      {
        subject,
        metric: "Container throughput",
        value: 1.2e6,
        unit: "TEU",
        period: "2023",
        citations: [{ documentId, quote: "1.2 million TEU in 2023" }],
      },
      "statistic { value citations { quote start } }",
    );
    expect(stat.payload.userErrors).toEqual([]);
    expect(stat.payload.statistic?.citations[0]).toEqual({
      quote: "1.2 million TEU in 2023",
      start: text.indexOf("1.2 million"),
    });

    const person = await mutate<Payload & { entity: { id: string } | null }>(
      "createEntity",
      {
        kind: "PERSON",
        name: `Mara Venn ${suffix}`,
        citations: [{ documentId, quote: "Mara Venn, Harbour Master" }],
      },
      "entity { id }",
    );
    const speaker = person.payload.entity?.id ?? "";
    const outside = await mutate<Payload & { quote: unknown }>(
      "addQuote",
      { speaker, text: "closed", citation: { documentId, quote: '"Portisle is open for business,"' } },
      "quote { id }",
    );
    expect(outside.payload.userErrors.map((e) => [e.code, (e.field ?? []).join(".")])).toEqual([
      ["INVALID", "input.text"],
    ]);
    const quote = await mutate<
      Payload & {
        quote: { text: string; citation: { quote: string; start: number }; speaker: { id: string } } | null;
      }
    >(
      "addQuote",
      {
        speaker,
        text: "Portisle is open for business,",
        about: [subject],
        citation: { documentId, quote: '"Portisle is open for business," said' },
      },
      "quote { text citation { quote start } speaker { id } }",
    );
    expect(quote.payload.userErrors).toEqual([]);
    expect(quote.payload.quote?.citation).toEqual({
      quote: "Portisle is open for business,",
      start: text.indexOf("Portisle is open"),
    });
  });

  it("idempotency: the same clientMutationId and input replay the original payload; another input is refused", async () => {
    const input = {
      clientMutationId: `m-${suffix}`,
      kind: "PLACE",
      name: `Idem Bay ${suffix}`,
      citations: [{ documentId, quote: "Portisle grows" }],
    };
    const first = await mutate<Payload & { entity: { id: string } | null }>(
      "createEntity",
      input,
      "entity { id }",
    );
    created.push(first.payload.entity?.id ?? "");
    const seq = await lastSeq(api);
    const again = await mutate<Payload & { entity: { id: string } | null }>(
      "createEntity",
      input,
      "entity { id }",
    );
    expect(again.payload).toEqual(first.payload);
    expect(again.payload.clientMutationId).toBe(`m-${suffix}`);
    expect(await lastSeq(api)).toBe(seq);

    const other = await mutate<Payload & { entity: unknown }>(
      "createEntity",
      { ...input, name: `Other Bay ${suffix}` },
      "entity { id }",
    );
    expect(other.payload.userErrors.map((e) => e.code)).toEqual(["IDEMPOTENCY_KEY_REUSED"]);
    // Another caller may use the same key for its own write.
    const someoneElse = await mutate<Payload & { entity: { id: string } | null }>(
      "createEntity",
      { ...input, name: `Third Bay ${suffix}` },
      "entity { id }",
      { subject: `other-${suffix}`, role: "EDITOR" },
    );
    expect(someoneElse.payload.userErrors).toEqual([]);
    created.push(someoneElse.payload.entity?.id ?? "");
  });

  it("the change log has no gaps: every seq up to lastChange is one change, oldest first", async () => {
    const last = await lastSeq(api);
    const from = Math.max(0, last - 30);
    const result = await api.execute<{
      changes: { totalCount: number; edges: Array<{ cursor: string; node: { seq: number; id: string } }> };
    }>(
      "query($after: String) { changes(after: $after, first: 100) { totalCount edges { cursor node { seq id } } } }",
      { after: String(from) },
    );
    const seqs = result.data?.changes.edges.map((e) => e.node.seq) ?? [];
    expect(seqs).toEqual(Array.from({ length: last - from }, (_, i) => from + 1 + i));
    expect(result.data?.changes.totalCount).toBe(last - from);
    expect(result.data?.changes.edges[0]?.cursor).toBe(String(from + 1));

    const node = await api.execute<{ node: { seq: number } | null }>(
      "query($id: ID!) { node(id: $id) { ... on Change { seq } } }",
      {
        id: `change:${last}`,
      },
    );
    expect(node.data?.node?.seq).toBe(last);
    const touching = await api.execute<{ changes: { edges: Array<{ node: { operation: string } }> } }>(
      "query($ids: [ID!]) { changes(ids: $ids) { edges { node { operation } } } }",
      { ids: [documentId] },
    );
    expect(touching.data?.changes.edges.map((e) => e.node.operation)).toEqual(["addDocument"]);
  });

  it("documents and Document.entities list what is stored and what cites it", async () => {
    const result = await api.execute<{ document: { entities: { edges: Array<{ node: { id: string } }> } } }>(
      "query($id: ID!) { document: node(id: $id) { ... on Document { entities(first: 50) { edges { node { id } } } } } }",
      { id: documentId },
    );
    const ids = result.data?.document.entities.edges.map((e) => e.node.id) ?? [];
    expect(ids).toContain(`place:portisle-${suffix}`);
    expect(ids).toEqual([...ids].sort());
    const docs = await api.execute<{
      documents: { totalCount: number; edges: Array<{ node: { id: string } }> };
    }>("{ documents(first: 100) { totalCount edges { node { id } } } }");
    expect(docs.data?.documents.edges.map((e) => e.node.id)).toContain(documentId);
  });

  it("retract takes an entity out of every read (with its links, figures and quotes); its history stays", async () => {
    const admin: Viewer = { subject: `admin-${suffix}`, role: "ADMIN" };
    const { id: gone } = await createPlace(`Gone Town ${suffix}`, "Portisle grows");
    const { id: stays } = await createPlace(`Stay Town ${suffix}`, "Portisle lies in");
    const link = await mutate<Payload>(
      "addRelationship",
      { from: gone, type: "PART_OF", to: stays, citations: [{ documentId, quote: "Portisle lies in" }] },
      "relationship { id }",
    );
    expect(link.payload.userErrors).toEqual([]);
    const stat = await mutate<Payload>(
      "addStatistic",
      {
        subject: gone,
        metric: "Growth",
        value: 1,
        unit: "percent",
        citations: [{ documentId, quote: "Portisle grows" }],
      },
      "statistic { id }",
    );
    expect(stat.payload.userErrors).toEqual([]);

    const { payload } = await mutate<Payload & { retractedId: string | null }>(
      "retract",
      { id: gone, expectedVersion: 1, reason: "test" },
      "retractedId",
      admin,
    );
    expect(payload.userErrors).toEqual([]);
    expect(payload.retractedId).toBe(gone);
    const reads = await api.execute<{
      entity: unknown;
      node: unknown;
      search: Array<{ entity: { id: string } }>;
      neighborhood: { nodes: Array<{ id: string }> };
      changes: {
        edges: Array<{
          node: {
            operation: string;
            reason: string | null;
            items: { edges: Array<{ node: { id: string; action: string; version: number | null } }> };
          };
        }>;
      };
    }>(
      `query($id: ID!, $stays: ID!, $name: String!) {
        entity(id: $id) { id } node(id: $id) { id }
        search(text: $name) { entity { id } }
        neighborhood(id: $stays) { nodes { id } }
        changes(ids: [$id]) { edges { node { operation reason items { edges { node { id action version } } } } } }
      }`,
      { id: gone, stays, name: `Gone Town ${suffix}` },
    );
    expect(reads.errors).toBeUndefined();
    expect(reads.data?.entity).toBeNull();
    expect(reads.data?.node).toBeNull();
    expect(reads.data?.search.map((h) => h.entity.id)).not.toContain(gone);
    // A retracted entity is an unknown id to every read (docs/api.md "Unknown ids"): no figures of it.
    const figures = await api.execute(`query($id: ID!) { statistics(subject: $id) { totalCount } }`, {
      id: gone,
    });
    expect(figures.errors?.map((e) => [e.extensions?.code, e.extensions?.unknownIds])).toEqual([
      ["BAD_USER_INPUT", [gone]],
    ]);
    expect(reads.data?.neighborhood.nodes.map((n) => n.id)).not.toContain(gone);
    const operations = reads.data?.changes.edges.map((e) => e.node.operation);
    // Changes that touched the entity itself: the link and the figure are items of their own elements.
    expect(operations).toEqual(["createEntity", "retract"]);
    const retraction = reads.data?.changes.edges.at(-1)?.node;
    expect(retraction?.reason).toBe("test");
    expect(retraction?.items.edges.map((e) => e.node.action)).toEqual([
      "RETRACTED",
      "RETRACTED",
      "RETRACTED",
    ]);
    expect(retraction?.items.edges.every((e) => e.node.version === null)).toBe(true);

    const again = await mutate<Payload>("retract", { id: gone, reason: "again" }, "retractedId", admin);
    expect(again.payload.userErrors.map((e) => e.code)).toEqual(["NOT_FOUND"]);
  });

  it("mergeEntities moves names, citations, relationships and figures; the merged id resolves to the kept entity", async () => {
    const admin: Viewer = { subject: `admin-${suffix}`, role: "ADMIN" };
    const { id: keep } = await createPlace(`Mergeville ${suffix}`, "Portisle grows");
    const { id: merge } = await createPlace(`Merge Town ${suffix}`, "Portisle handled");
    const { id: county } = await createPlace(`Merge County ${suffix}`, "Coast County");
    const link = await mutate<Payload>(
      "addRelationship",
      { from: merge, type: "PART_OF", to: county, citations: [{ documentId, quote: "Portisle lies in" }] },
      "relationship { id }",
    );
    expect(link.payload.userErrors).toEqual([]);
    const stat = await mutate<Payload>(
      "addStatistic",
      {
        subject: merge,
        metric: "Merged figure",
        value: 3,
        unit: "TEU",
        citations: [{ documentId, quote: "1.2 million TEU" }],
      },
      "statistic { id }",
    );
    expect(stat.payload.userErrors).toEqual([]);

    const { payload } = await mutate<
      Payload & { entity: { id: string; aliases: string[]; version: number } | null }
    >(
      "mergeEntities",
      { keepId: keep, mergeId: merge, reason: "the same town" },
      "entity { id aliases version }",
      admin,
    );
    expect(payload.userErrors).toEqual([]);
    expect(payload.entity).toMatchObject({ id: keep, version: 2 });
    expect(payload.entity?.aliases).toContain(`Merge Town ${suffix}`);

    const reads = await api.execute<{
      entity: {
        id: string;
        citations: Array<{ quote: string }>;
        relationships: { edges: Array<{ node: { id: string } }> };
        statistics: { totalCount: number };
      } | null;
      node: { id: string } | null;
      change: {
        edges: Array<{
          node: {
            items: { edges: Array<{ node: { id: string; action: string; mergedInto: string | null } }> };
          };
        }>;
      };
    }>(
      `query($merge: ID!) {
        entity(id: $merge) { id citations { quote } relationships(types: ["PART_OF"]) { edges { node { id } } } statistics { totalCount } }
        node(id: $merge) { id }
        change: changes(ids: [$merge], after: "${(payload.change?.seq ?? 1) - 1}") { edges { node { items { edges { node { id action mergedInto } } } } } }
      }`,
      { merge },
    );
    expect(reads.errors).toBeUndefined();
    expect(reads.data?.entity?.id).toBe(keep);
    expect(reads.data?.node?.id).toBe(keep);
    expect(reads.data?.entity?.citations.map((c) => c.quote).sort()).toEqual([
      "Portisle grows",
      "Portisle handled",
    ]);
    expect(reads.data?.entity?.relationships.edges.map((e) => e.node.id)).toEqual([
      `relationship:${keep}|PART_OF|${county}`,
    ]);
    expect(reads.data?.entity?.statistics.totalCount).toBe(1);
    const items = reads.data?.change.edges[0]?.node.items.edges.map((e) => e.node) ?? [];
    expect(items).toContainEqual({ id: merge, action: "MERGED", mergedInto: keep });
    expect(items).toContainEqual({
      id: `relationship:${merge}|PART_OF|${county}`,
      action: "MERGED",
      mergedInto: `relationship:${keep}|PART_OF|${county}`,
    });

    const kinds = await mutate<Payload>(
      "mergeEntities",
      { keepId: keep, mergeId: `place:none-${suffix}`, reason: "x" },
      "entity { id }",
      admin,
    );
    expect(kinds.payload.userErrors.map((e) => [e.code, (e.field ?? []).join(".")])).toEqual([
      ["NOT_FOUND", "input.mergeId"],
    ]);
  });

  it("createEntity refuses an id that was merged into another entity (it resolves there; a new entity would be unreachable by id)", async () => {
    const admin: Viewer = { subject: `admin-${suffix}`, role: "ADMIN" };
    const { id: keep } = await createPlace(`Keepford ${suffix}`, "Portisle grows");
    const name = `Gone Hamlet ${suffix}`;
    const { id: merge } = await createPlace(name, "Portisle handled");
    const merged = await mutate<Payload>(
      "mergeEntities",
      { keepId: keep, mergeId: merge, reason: "the same place" },
      "entity { id }",
      admin,
    );
    expect(merged.payload.userErrors).toEqual([]);

    const before = await lastSeq(api);
    // The same name makes the same id.
    const { payload } = await mutate<Payload & { entity: { id: string } | null }>(
      "createEntity",
      { kind: "PLACE", name, citations: [{ documentId, quote: "Portisle grows" }] },
      "entity { id }",
    );
    expect(payload.entity).toBeNull();
    expect(payload.userErrors.map((e) => [e.code, (e.field ?? []).join(".")])).toEqual([
      ["ALREADY_EXISTS", "input.id"],
    ]);
    expect(await lastSeq(api)).toBe(before);
    const read = await api.execute<{ entity: { id: string } | null }>(
      "query($id: ID!) { entity(id: $id) { id } }",
      { id: merge },
    );
    expect(read.data?.entity?.id).toBe(keep);
  });
});
