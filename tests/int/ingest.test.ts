import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { bearer, postAs, type AuthAnswer } from "../support/authHttp";
import { startHttpService, type HttpService } from "../support/httpService";
import { signedToken, TEST_SECRET } from "../support/tokens";
import type { GoldArticle } from "../support/linkingGold";

/**
 * ingestDocument and reviewMention over real HTTP on the real graph (the bundled dataset): the
 * mentions of a gold-set article with their exact offsets, one Change per write, the review flow,
 * re-ingest, the dictionary following new entities, bad input, roles.
 */
const gold = (file: string): GoldArticle =>
  JSON.parse(readFileSync(path.join(__dirname, "../fixtures/linking", file), "utf8")) as GoldArticle;

const INGEST = `
mutation($input: IngestDocumentInput!) {
  ingestDocument(input: $input) {
    existing
    document { id title text }
    mentions { id status method score entity { id } citation { quote start end document { id } } }
    candidates { kind citation { quote start end } }
    userErrors { field code message }
    change {
      seq operation actor
      items(first: 100) { totalCount edges { node { id typename action version before after } } }
    }
  }
}`;

const REVIEW = `
mutation($input: ReviewMentionInput!) {
  reviewMention(input: $input) {
    mention { id status method score entity { id } citation { quote start end } }
    userErrors { field code }
    change { seq operation items(first: 5) { edges { node { id typename action version before after } } } }
  }
}`;

interface MentionOut {
  id: string;
  status: string;
  method: string;
  score: number;
  entity: { id: string };
  citation: { quote: string; start: number; end: number; document?: { id: string } };
}
interface ItemOut {
  id: string;
  typename: string;
  action: string;
  version: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
interface ChangeOut {
  seq: number;
  operation: string;
  actor?: string;
  items: { totalCount?: number; edges: Array<{ node: ItemOut }> };
}
interface IngestOut {
  existing: boolean;
  document: { id: string; title: string; text: string } | null;
  mentions: MentionOut[];
  candidates: Array<{ kind: string | null; citation: { quote: string; start: number; end: number } }>;
  userErrors: Array<{ field: string[]; code: string; message: string }>;
  change: ChangeOut | null;
}
interface ReviewOut {
  mention: MentionOut | null;
  userErrors: Array<{ field: string[]; code: string }>;
  change: ChangeOut | null;
}

describe("ingest over HTTP (real service, real Neo4j)", () => {
  let service: HttpService;
  let editor: Record<string, string>;
  beforeAll(async () => {
    service = await startHttpService({
      NODE_ENV: "production",
      AUTH_JWT_SECRET: TEST_SECRET,
      INGEST_DICTIONARY_CHECK_MS: "0",
    });
    editor = bearer(await signedToken({ sub: "curator-ingest", claims: { roles: ["editor"] } }));
  });
  afterAll(() => service.stop());

  const ingest = async (input: Record<string, unknown>, headers = editor): Promise<IngestOut> => {
    const answer = await postAs(service.url, INGEST, { input }, headers);
    expect(answer.body.errors).toBeUndefined();
    return (answer.body.data as { ingestDocument: IngestOut }).ingestDocument;
  };
  const review = async (input: Record<string, unknown>): Promise<ReviewOut> => {
    const answer = await postAs(service.url, REVIEW, { input }, editor);
    expect(answer.body.errors).toBeUndefined();
    return (answer.body.data as { reviewMention: ReviewOut }).reviewMention;
  };
  const version = async (): Promise<number> => {
    const answer = await postAs(service.url, "{ lastChange { seq } }", {});
    return (answer.body.data as { lastChange: { seq: number } | null }).lastChange?.seq ?? 0;
  };

  // The gold article with a unique tail (no names in it), so that the test's text is new to the graph.
  const article = gold("01-mayor-welcomes-visitors.json");
  const text = `${article.text}\n\nref ${randomUUID()}`;
  let ingested: IngestOut;

  it("stores a gold-set article and its mentions, with the gold offsets and the words as written", async () => {
    const before = await version();
    ingested = await ingest({
      title: `${article.title} ${randomUUID()}`,
      text,
      publishedAt: "2024-04-24T08:00:00Z",
    });
    expect(ingested.userErrors).toEqual([]);
    expect(ingested.existing).toBe(false);
    expect(ingested.document?.text).toBe(text);
    const documentId = ingested.document?.id ?? "";
    expect(documentId).toMatch(/^document:chongqing-mayor-invites-the-world-to-visit/);

    expect(ingested.mentions.map((m) => [m.citation.start, m.citation.end, m.entity.id])).toEqual(
      article.mentions.map((m) => [m.start, m.end, m.entity]),
    );
    for (const m of ingested.mentions) {
      expect(m.citation.quote).toBe(text.slice(m.citation.start, m.citation.end));
      expect(m.citation.document?.id).toBe(documentId);
      expect(m.id).toBe(
        `mention:${documentId.slice("document:".length)}:${m.citation.start}-${m.citation.end}`,
      );
      expect(m.status).toBe(m.score >= 0.85 ? "ACCEPTED" : "PROPOSED");
    }
    // "Hu" alone is a surname, accepted only because the full name and the title are in the text.
    expect(ingested.mentions.find((m) => m.citation.quote === "Hu")?.method).toBe("ALIAS");

    // One Change: the document, then one item per mention, whose `after` is the mention's element data.
    const change = ingested.change;
    expect(change).toMatchObject({ seq: before + 1, operation: "ingestDocument", actor: "curator-ingest" });
    const items = change?.items.edges.map((e) => e.node) ?? [];
    expect(change?.items.totalCount).toBe(1 + article.mentions.length);
    expect(items[0]).toMatchObject({ id: documentId, typename: "Document", action: "CREATED", version: 1 });
    const first = ingested.mentions[0];
    expect(items[1]).toEqual({
      id: first?.id,
      typename: "Mention",
      action: "CREATED",
      version: 1,
      before: null,
      after: {
        documentId,
        entityId: first?.entity.id,
        start: first?.citation.start,
        end: first?.citation.end,
        quote: first?.citation.quote,
        method: first?.method,
        score: first?.score,
        status: first?.status,
      },
    });
    expect(await version()).toBe(before + 1);
  });

  it("serves the mentions on Document.mentions, paginated in text order and filtered by status", async () => {
    const documentId = ingested.document?.id ?? "";
    const QUERY = `query($id: ID!, $after: String, $status: ReviewStatus) {
      node(id: $id) { ... on Document { mentions(first: 3, after: $after, status: $status) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id status citation { start } } } } } } }`;
    type Page = {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ node: { id: string; status: string; citation: { start: number } } }>;
    };
    const read = async (after: string | null, status: string | null = null): Promise<Page> => {
      const answer = await postAs(service.url, QUERY, { id: documentId, after, status });
      expect(answer.body.errors).toBeUndefined();
      return (answer.body.data as { node: { mentions: Page } }).node.mentions;
    };
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = await read(after);
      expect(page.totalCount).toBe(article.mentions.length);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(ingested.mentions.map((m) => m.id));
    const accepted = await read(null, "ACCEPTED");
    const acceptedCount = ingested.mentions.filter((m) => m.status === "ACCEPTED").length;
    expect(acceptedCount).toBeGreaterThan(0);
    expect(accepted.totalCount).toBe(acceptedCount);
    expect(new Set(accepted.edges.map((e) => e.node.status))).toEqual(new Set(["ACCEPTED"]));
    expect((await read(null, "REJECTED")).totalCount).toBe(0);
    const bad = await postAs(service.url, QUERY, { id: documentId, after: "bm90LWEtY3Vyc29y", status: null });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    // A mention is a node.
    const node = await postAs(
      service.url,
      "query($id: ID!) { node(id: $id) { id ... on Mention { status } } }",
      {
        id: ingested.mentions[0]?.id,
      },
    );
    expect(node.body.data).toEqual({
      node: { id: ingested.mentions[0]?.id, status: ingested.mentions[0]?.status },
    });
  });

  it("accepts, rejects and relinks, each one Change with the mention's before and after", async () => {
    const hu = ingested.mentions.find((m) => m.citation.quote === "Hu");
    const trail = ingested.mentions.find((m) => m.citation.quote === "Chongqing Mountain City Trail");
    const city = ingested.mentions.find((m) => m.citation.quote === "mountain city");
    if (!hu || !trail || !city) throw new Error("gold mentions missing");

    const before = await version();
    const accepted = await review({ id: hu.id, status: "ACCEPTED" });
    expect(accepted.userErrors).toEqual([]);
    expect(accepted.mention).toMatchObject({
      status: "ACCEPTED",
      method: "CURATED",
      score: 1,
      entity: { id: "person:hu-henghua" },
    });
    expect(accepted.change?.seq).toBe(before + 1);
    expect(accepted.change?.operation).toBe("reviewMention");
    expect(accepted.change?.items.edges[0]?.node).toMatchObject({
      id: hu.id,
      typename: "Mention",
      action: "UPDATED",
      version: 2,
      before: { status: hu.status, method: hu.method, score: hu.score },
      after: { status: "ACCEPTED", method: "CURATED", score: 1 },
    });

    const again = await review({ id: hu.id, status: "ACCEPTED" });
    expect(again).toMatchObject({ userErrors: [], change: null, mention: { status: "ACCEPTED" } });

    const rejected = await review({ id: trail.id, status: "REJECTED" });
    expect(rejected.mention).toMatchObject({
      status: "REJECTED",
      entity: { id: "place:chongqing-mountain-city-trail" },
    });
    expect(rejected.change?.seq).toBe(before + 2);
    expect(rejected.change?.items.edges[0]?.node).toMatchObject({
      before: { status: trail.status },
      after: { status: "REJECTED" },
      version: 2,
    });

    const relinked = await review({ id: city.id, status: "ACCEPTED", entityId: "place:yuzhong-district" });
    expect(relinked.mention).toMatchObject({
      status: "ACCEPTED",
      method: "CURATED",
      entity: { id: "place:yuzhong-district" },
      citation: { quote: "mountain city" },
    });
    expect(relinked.change?.seq).toBe(before + 3);
    expect(relinked.change?.items.edges[0]?.node).toMatchObject({
      before: { entityId: "place:chongqing" },
      after: { entityId: "place:yuzhong-district", status: "ACCEPTED" },
    });

    // Refusals write nothing.
    const unknown = await review({ id: "mention:nothing-here:0-1", status: "REJECTED" });
    expect(unknown.userErrors).toEqual([{ field: ["input", "id"], code: "NOT_FOUND" }]);
    const noEntity = await review({ id: city.id, status: "ACCEPTED", entityId: "place:atlantis" });
    expect(noEntity.userErrors).toEqual([{ field: ["input", "entityId"], code: "NOT_FOUND" }]);
    const rejectRelink = await review({ id: city.id, status: "REJECTED", entityId: "place:chongqing" });
    expect(rejectRelink.userErrors).toEqual([{ field: ["input", "status"], code: "INVALID" }]);
    expect(await version()).toBe(before + 3);
  });

  it("the same text again writes nothing and does not propose the rejected link again", async () => {
    const before = await version();
    const again = await ingest({ title: "Another title for the same words", text });
    expect(again.existing).toBe(true);
    expect(again.change).toBeNull();
    expect(again.userErrors).toEqual([]);
    expect(again.document?.id).toBe(ingested.document?.id);
    const quotes = again.mentions.map((m) => m.citation.quote);
    expect(quotes).not.toContain("Chongqing Mountain City Trail");
    expect(quotes).toEqual(expect.arrayContaining(["Hu Henghua", "Hu", "mountain city"]));
    expect(again.mentions.find((m) => m.citation.quote === "mountain city")?.entity.id).toBe(
      "place:yuzhong-district",
    );
    expect(await version()).toBe(before);
  });

  it("links a name the graph learned after start-up (candidate → createEntity → next ingest), without a restart", async () => {
    const word = [...randomUUID().replace(/-/g, "").slice(0, 6)]
      .map((c) => String.fromCharCode(97 + (parseInt(c, 16) % 26)))
      .join("");
    const name = `Qelvarn Z${word} Bridge`;
    const first = await ingest({
      title: `Bridge news ${randomUUID()}`,
      text: `Engineers opened the ${name} in Chongqing today.`,
    });
    expect(first.mentions.map((m) => m.entity.id)).toEqual(["place:chongqing"]);
    const candidate = first.candidates.find((c) => c.citation.quote === name);
    expect(candidate?.kind).toBe("PLACE");

    const created = await postAs(
      service.url,
      `mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } userErrors { code } } }`,
      {
        input: {
          kind: candidate?.kind ?? "PLACE",
          name,
          citations: [{ documentId: first.document?.id, quote: candidate?.citation.quote }],
        },
      },
      editor,
    );
    const entityId = (created.body.data as { createEntity: { entity: { id: string } } }).createEntity.entity
      .id;

    const second = await ingest({
      title: `More bridge news ${randomUUID()}`,
      text: `Traffic on the ${name} doubled.`,
    });
    expect(second.mentions.map((m) => [m.entity.id, m.citation.quote, m.method])).toEqual([
      [entityId, name, "NAME"],
    ]);
  });

  it("refuses bad input with userErrors and writes nothing", async () => {
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
      ["empty text", { title: "t", text: "" }, ["input", "text"]],
      ["blank text", { title: "t", text: " \n\t " }, ["input", "text"]],
      ["oversized text", { title: "t", text: "a".repeat(500_001) }, ["input", "text"]],
      ["a lone surrogate in the text", { title: "t", text: "Chongqing \uD800 today" }, ["input", "text"]],
      ["a lone low surrogate in the title", { title: "bad \uDC00", text: "Chongqing" }, ["input", "title"]],
      ["empty title", { title: "", text: "Chongqing" }, ["input", "title"]],
      ["title too long", { title: "t".repeat(501), text: "Chongqing" }, ["input", "title"]],
      ["a relative url", { title: "t", text: "Chongqing", url: "/news/1" }, ["input", "url"]],
    ];
    const before = await version();
    for (const [name, input, field] of cases) {
      const answer = await ingest(input);
      expect({ name, errors: answer.userErrors.map((e) => [e.field, e.code]) }).toEqual({
        name,
        errors: [[field, "INVALID"]],
      });
      expect(answer).toMatchObject({ document: null, change: null, mentions: [], candidates: [] });
    }
    expect(await version()).toBe(before);
  });

  it("refuses a body that is not valid UTF-8 (400), rather than storing U+FFFD in its place", async () => {
    const before = await version();
    const json = JSON.stringify({
      query: INGEST,
      variables: { input: { title: "bytes", text: "Chongqing XX" } },
    });
    const bytes = Buffer.from(json, "utf8");
    const at = bytes.indexOf("XX");
    bytes[at] = 0xff;
    bytes[at + 1] = 0xfe;
    const response = await fetch(service.url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", ...editor },
      body: bytes,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(body.errors[0]?.extensions.code).toBe("BAD_REQUEST");
    expect(body.errors[0]?.message).toMatch(/UTF-8/);
    expect(await version()).toBe(before);
  });

  it("needs an EDITOR token for both mutations (401 without one, 403 with READER)", async () => {
    const before = await version();
    const reader = bearer(await signedToken({ claims: { roles: ["reader"] } }));
    const input = { title: "t", text: `Chongqing ${randomUUID()}` };
    const check = (answer: AuthAnswer, status: number, code: string): void => {
      expect(answer.status).toBe(status);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe(code);
      expect(answer.body.errors?.[0]?.extensions?.requiredRole).toBe("EDITOR");
    };
    check(await postAs(service.url, INGEST, { input }), 401, "UNAUTHENTICATED");
    check(await postAs(service.url, INGEST, { input }, reader), 403, "FORBIDDEN");
    const mentionId = ingested.mentions[0]?.id;
    check(
      await postAs(service.url, REVIEW, { input: { id: mentionId, status: "REJECTED" } }),
      401,
      "UNAUTHENTICATED",
    );
    check(
      await postAs(service.url, REVIEW, { input: { id: mentionId, status: "REJECTED" } }, reader),
      403,
      "FORBIDDEN",
    );
    expect(await version()).toBe(before);
  });
});
