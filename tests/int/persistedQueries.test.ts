import { createHash } from "node:crypto";
import { startHttpService, type HttpService } from "../support/httpService";

const QUERY = '{ entity(id: "place:chongqing") { id name } }';
const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

describe("automatic persisted queries (real HTTP)", () => {
  let service: HttpService;
  beforeAll(async () => {
    service = await startHttpService();
  });
  afterAll(() => service.stop());

  const post = async (body: Record<string, unknown>): Promise<Answer> => {
    const response = await fetch(service.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer["body"] };
  };

  it("registers a query under its hash, then answers the hash alone", async () => {
    const hash = sha256(QUERY);
    const registered = await post({ query: QUERY, extensions: persisted(hash) });
    expect(registered.status).toBe(200);
    const byHash = await post({ extensions: persisted(hash) });
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data).toEqual({ entity: { id: "place:chongqing", name: "Chongqing" } });
  });

  it("answers an unknown hash PERSISTED_QUERY_NOT_FOUND (the client then sends the query)", async () => {
    const answer = await post({ extensions: persisted(sha256("{ __typename }   ")) });
    expect(answer.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  it("refuses a hash that is not the query's with a client error, and registers nothing", async () => {
    const wrong = sha256("something else");
    const answer = await post({ query: QUERY, extensions: persisted(wrong) });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_HASH_MISMATCH");
    expect(answer.body.data).toBeUndefined();
    const byWrongHash = await post({ extensions: persisted(wrong) });
    expect(byWrongHash.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  it("refuses a mismatching hash over GET too", async () => {
    const search = new URLSearchParams({
      query: QUERY,
      extensions: JSON.stringify(persisted(sha256("nope"))),
    });
    const response = await fetch(`${service.url}?${search.toString()}`, {
      headers: { "apollo-require-preflight": "true" },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Answer["body"];
    expect(body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_HASH_MISMATCH");
  });
});
