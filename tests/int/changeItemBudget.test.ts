import { randomUUID } from "node:crypto";
import type { Viewer } from "../../src/auth/viewer";
import { startTestApi, type TestApi } from "../support/testApi";
import { removeFixtures } from "../support/removeFixtures";

const editor: Viewer = { subject: `editor-${randomUUID().slice(0, 8)}`, role: "EDITOR" };

/** A change item's before/after carry an element's words (description, quotes): they count too. */
describe("ChangeItem.before/after count against the response budget (real Neo4j)", () => {
  let api: TestApi;
  const suffix = randomUUID().replace(/-/g, "").slice(0, 10);
  const documentId = `document:budget-${suffix}`;
  const entityId = `place:budget-${suffix}`;

  beforeAll(async () => {
    api = await startTestApi({ env: { LIMIT_MAX_RESPONSE_BYTES: "2048" } });
    const doc = await api.execute(
      `mutation($input: AddDocumentInput!) { addDocument(input: $input) { userErrors { code } } }`,
      { input: { id: documentId, title: "Budget", text: `Budgetville ${suffix} is a town.` } },
      { viewer: editor },
    );
    expect(doc.errors).toBeUndefined();
    const created = await api.execute<{ createEntity: { userErrors: unknown[] } }>(
      `mutation($input: CreateEntityInput!) { createEntity(input: $input) { userErrors { code message } } }`,
      {
        input: {
          kind: "PLACE",
          id: entityId,
          name: `Budgetville ${suffix}`,
          description: "d".repeat(2_000),
          citations: [{ documentId, quote: `Budgetville ${suffix}` }],
        },
      },
      { viewer: editor },
    );
    expect(created.data?.createEntity.userErrors).toEqual([]);
  });

  afterAll(async () => {
    await removeFixtures(api.graph.executor, { ids: [documentId, entityId] });
    await api.stop();
  });

  it("refuses, with RESPONSE_TOO_LARGE, an item whose after does not fit", async () => {
    const result = await api.execute(
      `query($ids: [ID!]) { changes(ids: $ids) { edges { node { items { edges { node { id after } } } } } } }`,
      { ids: [entityId] },
    );
    expect(result.errors?.map((e) => e.extensions?.code)).toContain("RESPONSE_TOO_LARGE");
  });
});
