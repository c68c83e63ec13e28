import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  createClient,
  documentIdOf,
  EntityDocument,
  GraphQLRequestError,
  SearchDocument,
} from "@kg-graphql/client";
import WebSocket from "ws";
import { DEFAULT_TRUSTED_DOCUMENTS_MANIFEST } from "../../src/config";
import { startHttpService, type HttpService } from "../support/httpService";

interface Answer {
  status: number;
  etag: string | null;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

const ENTITY_ID = documentIdOf(EntityDocument) ?? "";
const SEARCH_ID = documentIdOf(SearchDocument) ?? "";
const manifest = JSON.parse(readFileSync(DEFAULT_TRUSTED_DOCUMENTS_MANIFEST, "utf8")) as Record<
  string,
  string
>;
const OTHER_QUERY = '{ entity(id: "place:chongqing") { id name } }';
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function post(service: HttpService, body: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(service.url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    etag: response.headers.get("etag"),
    body: (await response.json()) as Answer["body"],
  };
}

async function get(
  service: HttpService,
  params: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${service.url}?${new URLSearchParams(params).toString()}`, {
    headers: { "apollo-require-preflight": "true", ...headers },
  });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get("etag"),
    body: (text === "" ? {} : JSON.parse(text)) as Answer["body"],
  };
}

const entityVariables = { id: "place:chongqing", relationshipsFirst: 2 };

describe("trusted documents (TRUSTED_DOCUMENTS, real HTTP)", () => {
  it("has the client's operations in the checked-in manifest, each under the SHA-256 of its text", () => {
    expect(ENTITY_ID).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(manifest[ENTITY_ID]).toContain("query Entity(");
    for (const [id, text] of Object.entries(manifest)) expect(id).toBe(`sha256:${sha256(text)}`);
  });

  describe("off (the default)", () => {
    let service: HttpService;
    beforeAll(async () => {
      service = await startHttpService({ NODE_ENV: "production" });
    });
    afterAll(() => service.stop());

    it("answers full queries, and refuses documentId with a clear error", async () => {
      const full = await post(service, { query: OTHER_QUERY });
      expect(full.body.data).toEqual({ entity: { id: "place:chongqing", name: "Chongqing" } });
      const byId = await post(service, { documentId: ENTITY_ID, variables: entityVariables });
      expect(byId.status).toBe(400);
      expect(byId.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_DOCUMENTS_NOT_SUPPORTED");
      expect(byId.body.errors?.[0]?.message).toMatch(/TRUSTED_DOCUMENTS=off/);
    });
  });

  describe("allow", () => {
    let service: HttpService;
    beforeAll(async () => {
      service = await startHttpService({ NODE_ENV: "production", TRUSTED_DOCUMENTS: "allow" });
    });
    afterAll(() => service.stop());

    it("answers a documentId as it answers the document's full text", async () => {
      const byId = await post(service, { documentId: ENTITY_ID, variables: entityVariables });
      const full = await post(service, { query: EntityDocument.toString(), variables: entityVariables });
      expect(byId.status).toBe(200);
      expect(byId.body.errors).toBeUndefined();
      expect(byId.body).toEqual(full.body);
      expect(byId.body.data).toMatchObject({ entity: { id: "place:chongqing", name: "Chongqing" } });
    });

    it("still answers queries outside the manifest", async () => {
      const full = await post(service, { query: OTHER_QUERY });
      expect(full.body.data).toEqual({ entity: { id: "place:chongqing", name: "Chongqing" } });
    });

    it("refuses an unknown or malformed documentId with HTTP 400", async () => {
      const unknown = await post(service, { documentId: `sha256:${sha256("{ __typename }")}` });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_DOCUMENT_NOT_FOUND");
      const malformed = await post(service, { documentId: "md5:abc" });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
      const both = await post(service, { documentId: ENTITY_ID, query: OTHER_QUERY });
      expect(both.status).toBe(400);
    });

    it("answers a GET documentId with an ETag, and 304 while the graph has not changed (the HTTP cache sees the document's text)", async () => {
      const params = { documentId: SEARCH_ID, variables: JSON.stringify({ text: "Chongqing", first: 3 }) };
      const first = await get(service, params);
      expect(first.status).toBe(200);
      expect(first.body.errors).toBeUndefined();
      expect(JSON.stringify(first.body.data)).toContain("place:chongqing");
      expect(first.etag).toMatch(/^W\//);
      const again = await get(service, params, { "if-none-match": first.etag ?? "" });
      expect(again.status).toBe(304);
      // Another document's ETag differs: the tag is computed from the substituted text.
      const other = await get(service, { documentId: ENTITY_ID, variables: JSON.stringify(entityVariables) });
      expect(other.status).toBe(200);
      expect(other.etag).not.toBe(first.etag);
    });
  });

  describe("strict", () => {
    let service: HttpService;
    beforeAll(async () => {
      service = await startHttpService({ NODE_ENV: "production", TRUSTED_DOCUMENTS: "strict" });
    });
    afterAll(() => service.stop());

    it("answers the manifest's operations by documentId, over POST and GET", async () => {
      const byId = await post(service, { documentId: ENTITY_ID, variables: entityVariables });
      expect(byId.status).toBe(200);
      expect(byId.body.data).toMatchObject({ entity: { id: "place:chongqing" } });
      const byGet = await get(service, { documentId: ENTITY_ID, variables: JSON.stringify(entityVariables) });
      expect(byGet.status).toBe(200);
      expect(byGet.body.data).toMatchObject({ entity: { id: "place:chongqing" } });
    });

    it("answers a manifest document sent as its exact text", async () => {
      const text = manifest[ENTITY_ID] ?? "";
      const full = await post(service, { query: text, variables: entityVariables });
      expect(full.status).toBe(200);
      expect(full.body.data).toMatchObject({ entity: { id: "place:chongqing" } });
    });

    it("refuses any other operation with HTTP 400 and PERSISTED_DOCUMENT_REQUIRED, over POST, GET and APQ", async () => {
      const posted = await post(service, { query: OTHER_QUERY });
      expect(posted.status).toBe(400);
      expect(posted.body.data).toBeUndefined();
      expect(posted.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_DOCUMENT_REQUIRED");
      expect(posted.body.errors?.[0]?.message).toMatch(/TRUSTED_DOCUMENTS=strict.*documentId/);
      const got = await get(service, { query: OTHER_QUERY });
      expect(got.status).toBe(400);
      expect(got.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_DOCUMENT_REQUIRED");
      // Registering through APQ is no way round it, nor is a hash alone.
      const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(OTHER_QUERY) } };
      const registered = await post(service, { query: OTHER_QUERY, extensions });
      expect(registered.status).toBe(400);
      const byHash = await post(service, { extensions });
      expect(byHash.status).toBe(400);
      expect(byHash.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_DOCUMENT_REQUIRED");
      // The client's own text of a document differs from the manifest's printed text: refused too.
      const clientText = await post(service, {
        query: EntityDocument.toString(),
        variables: entityVariables,
      });
      expect(clientText.status).toBe(400);
    });

    it("refuses operations outside the manifest over graphql-ws too", async () => {
      const socket = new WebSocket(service.url.replace(/^http/, "ws"), "graphql-transport-ws");
      const messages: Array<{ id?: string; type: string; payload?: unknown }> = [];
      socket.on("message", (data: Buffer) => messages.push(JSON.parse(data.toString()) as { type: string }));
      await new Promise((resolve) => socket.once("open", resolve));
      try {
        socket.send(JSON.stringify({ type: "connection_init", payload: {} }));
        const deadline = Date.now() + 10_000;
        const waitFor = async (type: string) => {
          while (!messages.some((m) => m.type === type) && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        };
        await waitFor("connection_ack");
        const query = "subscription { changes { seq } }";
        socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query } }));
        await waitFor("error");
        const refusal = messages.find((m) => m.type === "error") as {
          id: string;
          payload: Array<{ message: string; extensions?: { code?: string } }>;
        };
        expect(refusal.id).toBe("1");
        expect(refusal.payload[0]?.extensions?.code).toBe("PERSISTED_DOCUMENT_REQUIRED");
      } finally {
        socket.close();
      }
    });

    it("serves the typed client when it sends documentIds", async () => {
      const client = createClient({ url: service.url, documents: "documentId" });
      const hits = await client.search({ text: "Chongqing", first: 3 });
      expect(hits.map((hit) => hit.entity.id)).toContain("place:chongqing");
      const places: string[] = [];
      for await (const entity of client.entities({ kind: "PLACE", first: 2 })) places.push(entity.id);
      expect(places).toContain("place:chongqing");
      expect(new Set(places).size).toBe(places.length);
      const sendingText = createClient({ url: service.url, retry: { attempts: 1 } });
      await expect(sendingText.search({ text: "Chongqing" })).rejects.toMatchObject({
        status: 400,
        code: "PERSISTED_DOCUMENT_REQUIRED",
      });
      await expect(sendingText.search({ text: "Chongqing" })).rejects.toBeInstanceOf(GraphQLRequestError);
    });
  });
});
