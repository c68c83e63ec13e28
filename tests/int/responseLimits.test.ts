import { randomUUID } from "node:crypto";
import { writeDocument } from "../../src/write/importDocument";
import { MAX_ID_LENGTH } from "../../src/graph/limits";
import { validateDataset } from "../../src/import/readDataset";
import { postGraphQL } from "../support/http";
import { startHttpService, type HttpService } from "../support/httpService";
import { removeFixtures } from "../support/removeFixtures";

/**
 * Review findings 2 and 8 against the real service: a document of a few MB cited many times, and
 * ids of the longest length the importer accepts.
 */
const BUDGET = 10_000_000;
const suffix = randomUUID().replace(/-/g, "").slice(0, 10);
/** An id of exactly MAX_ID_LENGTH characters, ending with the suffix (for the cleanup). */
const longId = (kind: string, tag: string): string => {
  const head = `${kind}:${tag}-`;
  return `${head}${"x".repeat(MAX_ID_LENGTH - head.length - suffix.length - 1)}-${suffix}`;
};
const person = longId("person", "ada");
const role = longId("role", "mayor");
const place = longId("place", "harbour");
const documentId = `document:big-${suffix}`;
const spoke = (i: number): string => `Ada ${suffix} spoke ${i}.`;
// About 3 MB: 12 sentences to cite, each after 250 KB of filler, and a CJK tail.
const filler = "The harbour grew again this year. ".repeat(7_500);
const text = `${Array.from({ length: 12 }, (_, i) => `${filler}${spoke(i + 1)} `).join("")}Mayor ${suffix}. 重庆港 ${suffix}.`;

const yaml = `
document:
  id: ${documentId}
  title: Big ${suffix}
  textFile: big.txt
entities:
  - id: ${person}
    kind: PERSON
    name: Ada ${suffix}
    citations:
${Array.from({ length: 12 }, (_, i) => `      - quote: "${spoke(i + 1)}"`).join("\n")}
  - id: ${role}
    kind: ROLE
    name: Mayor ${suffix}
    citations:
      - quote: "Mayor ${suffix}"
  - id: ${place}
    kind: PLACE
    name: Harbour ${suffix}
    citations:
      - quote: "重庆港 ${suffix}"
relationships:
  - from: ${person}
    type: HOLDS_ROLE
    to: ${role}
    citations:
      - quote: "${spoke(1)}"
  - from: ${person}
    type: SPOKE_ABOUT
    to: ${place}
    citations:
      - quote: "${spoke(2)}"
`;

describe("response limits (real Neo4j, a 3 MB document)", () => {
  let service: HttpService;

  beforeAll(async () => {
    service = await startHttpService({ NODE_ENV: "production", LIMIT_MAX_RESPONSE_BYTES: String(BUDGET) });
    const dataset = validateDataset(yaml, (file) => (file === "big.txt" ? text : undefined));
    await writeDocument(service.graph.executor, dataset);
  });
  afterAll(async () => {
    await removeFixtures(service.graph.executor, { suffixes: [suffix] });
    await service.stop();
  });

  it("serves one document's whole text", async () => {
    const answer = await postGraphQL<{ node: { text: string } }>(
      service.url,
      `{ node(id: "${documentId}") { ... on Document { text } } }`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.node.text).toBe(text);
  });

  it("refuses, with RESPONSE_TOO_LARGE, texts beyond the response budget (finding 2)", async () => {
    // Twelve citations of one 3 MB document: 36 MB of text. Before the fix, all of it was sent.
    const response = await fetch(service.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
      body: JSON.stringify({ query: `{ entity(id: "${person}") { name citations { document { text } } } }` }),
    });
    const raw = await response.text();
    expect(raw.length).toBeLessThan(BUDGET + 100_000);
    const body = JSON.parse(raw) as {
      data: { entity: null } | null;
      errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    };
    expect(response.status).toBe(200);
    expect(body.data).toEqual({ entity: null });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "RESPONSE_TOO_LARGE", maxBytes: BUDGET });
    expect(body.errors?.[0]?.message).toMatch(/LIMIT_MAX_RESPONSE_BYTES|Citation\.context/);
  });

  it("gives a bounded excerpt around each quote: Citation.context", async () => {
    const answer = await postGraphQL<{
      entity: {
        citations: Array<{ quote: string; start: number; end: number; context: string; wide: string }>;
      };
    }>(
      service.url,
      `{ entity(id: "${person}") { citations { quote start end context(chars: 10) wide: context } } }`,
    );
    expect(answer.body.errors).toBeUndefined();
    const citations = answer.body.data?.entity.citations ?? [];
    expect(citations).toHaveLength(12);
    for (const c of citations) {
      expect(c.context).toBe(text.slice(c.start - 10, c.end + 10));
      expect(c.wide).toBe(text.slice(c.start - 200, c.end + 200));
    }
    const tail = await postGraphQL<{ entity: { citations: Array<{ context: string }> } }>(
      service.url,
      `{ entity(id: "${place}") { citations { context(chars: 1000) } } }`,
    );
    // At the end of the text the excerpt stops there.
    expect(tail.body.data?.entity.citations[0]?.context).toBe(
      text.slice(text.length - 1000 - `重庆港 ${suffix}.`.length),
    );
  });

  it("refuses a context width out of range", async () => {
    const answer = await postGraphQL(
      service.url,
      `{ entity(id: "${person}") { citations { context(chars: 1001) } } }`,
    );
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", min: 0, max: 1000 });
  });

  it("accepts its own cursors for relationships between ids of the longest length (finding 8)", async () => {
    const page = async (after: string | null) =>
      postGraphQL<{
        entity: {
          relationships: {
            edges: Array<{ node: { id: string } }>;
            pageInfo: { endCursor: string | null; hasNextPage: boolean };
          };
        };
      }>(
        service.url,
        `query ($after: String) { entity(id: "${person}") { relationships(first: 1, after: $after) { edges { node { id } } pageInfo { endCursor hasNextPage } } } }`,
        { after },
      );
    const first = await page(null);
    const firstPage = first.body.data?.entity.relationships;
    expect(firstPage?.pageInfo.hasNextPage).toBe(true);
    expect(firstPage?.edges[0]?.node.id.length).toBeGreaterThan(2 * MAX_ID_LENGTH);
    const second = await page(firstPage?.pageInfo.endCursor ?? null);
    expect(second.body.errors).toBeUndefined();
    const ids = [firstPage?.edges[0]?.node.id, second.body.data?.entity.relationships.edges[0]?.node.id];
    expect(ids.sort()).toEqual(
      [`relationship:${person}|HOLDS_ROLE|${role}`, `relationship:${person}|SPOKE_ABOUT|${place}`].sort(),
    );
  });
});
