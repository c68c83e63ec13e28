import { randomUUID } from "node:crypto";
import { postGraphQL } from "../support/http";
import { startHttpService, type HttpService } from "../support/httpService";

/** The write path over real HTTP: no mutation runs without a verified caller; the log reads like any query. */
describe("curation over HTTP (real Neo4j)", () => {
  let service: HttpService;
  beforeAll(async () => {
    service = await startHttpService();
  });
  afterAll(() => service.stop());

  it("refuses a mutation without a token with UNAUTHENTICATED, and records nothing", async () => {
    const before = await postGraphQL<{ lastChange: { seq: number } | null }>(
      service.url,
      "{ lastChange { seq } }",
    );
    expect(before.status).toBe(200);
    const seq = before.body.data?.lastChange?.seq ?? 0;

    const name = `Anonymous ${randomUUID()}`;
    const response = await postGraphQL<{ createEntity: unknown }>(
      service.url,
      "mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } } }",
      {
        input: {
          kind: "PLACE",
          name,
          citations: [{ documentId: "document:ichongqing-seeing-is-believing", quote: "Chongqing" }],
        },
      },
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(response.body.data ?? null).toBeNull();

    const after = await postGraphQL<{ lastChange: { seq: number } | null; search: unknown[] }>(
      service.url,
      "query($t: String!) { lastChange { seq } search(text: $t) { score } }",
      { t: name },
    );
    expect(after.body.data?.lastChange?.seq ?? 0).toBe(seq);
  });

  it("serves the change log: changes are gap-free from the first seq and each has its items", async () => {
    const response = await postGraphQL<{
      changes: { edges: Array<{ cursor: string; node: { seq: number; items: { totalCount: number } } }> };
    }>(
      service.url,
      '{ changes(after: "0", first: 5) { edges { cursor node { seq items(first: 1) { totalCount } } } } }',
    );
    expect(response.status).toBe(200);
    const edges = response.body.data?.changes.edges ?? [];
    expect(edges.map((e) => e.node.seq)).toEqual(edges.map((_, i) => i + 1));
    expect(edges.map((e) => e.cursor)).toEqual(edges.map((_, i) => String(i + 1)));
    for (const edge of edges) expect(edge.node.items.totalCount).toBeGreaterThan(0);
    expect(edges.length).toBeGreaterThan(0);
  });
});
