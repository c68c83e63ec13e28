import { randomUUID } from "node:crypto";
import type { CypherQuery } from "../../src/graph/executor";
import { readGraphVersion } from "../../src/graph/graphVersion";
import { createEntity } from "../../src/write/mutations/createEntity";
import { startHttpService, type HttpService } from "../support/httpService";
import { removeFixtures } from "../support/removeFixtures";

const QUERY =
  "query Places($first: Int) { entities(kind: PLACE, first: $first) { totalCount edges { node { id name } } } }";
const CACHE_CONTROL = "public, max-age=30";
const CITATION = { documentId: "document:ichongqing-seeing-is-believing", quote: "Chongqing", occurrence: 1 };

/** A GET the way Apollo's CSRF prevention wants it: with its preflight header. */
function get(
  service: HttpService,
  params: { query?: string; variables?: unknown; operationName?: string },
  headers: Record<string, string> = { "apollo-require-preflight": "true" },
): Promise<Response> {
  const search = new URLSearchParams();
  if (params.query !== undefined) search.set("query", params.query);
  if (params.variables !== undefined) search.set("variables", JSON.stringify(params.variables));
  if (params.operationName !== undefined) search.set("operationName", params.operationName);
  return fetch(`${service.url}?${search.toString()}`, {
    headers: { accept: "application/graphql-response+json", ...headers },
  });
}

describe("HTTP caching of GET reads (real Neo4j)", () => {
  let service: HttpService;
  const ran: string[] = [];
  const places = { query: QUERY, variables: { first: 5 }, operationName: "Places" };

  // A change the Places query does not see (a person), written through the write layer like any other.
  const suffix = randomUUID().replace(/-/g, "").slice(0, 10);
  const personId = `person:http-cache-${suffix}`;

  beforeAll(async () => {
    service = await startHttpService(
      { NODE_ENV: "production", CACHE_CONTROL },
      { onQuery: (query) => ran.push(query.name) },
    );
  });
  afterAll(async () => {
    await removeFixtures(service.graph.executor, { ids: [personId] });
    await service.stop();
  });

  it("gives a successful GET an ETag and the configured Cache-Control, stable across identical GETs", async () => {
    const first = await get(service, places);
    expect(first.status).toBe(200);
    const body = (await first.json()) as { data: { entities: { edges: unknown[] } } };
    expect(body.data.entities.edges).toHaveLength(5);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"[\w-]{32}"$/);
    expect(first.headers.get("cache-control")).toBe(CACHE_CONTROL);

    const second = await get(service, places);
    expect(second.headers.get("etag")).toBe(etag);
    const otherVariables = await get(service, { ...places, variables: { first: 6 } });
    expect(otherVariables.headers.get("etag")).not.toBe(etag);
  });

  it("answers a conditional GET 304 after reading the graph's version alone", async () => {
    const etag = (await get(service, places)).headers.get("etag") ?? "";
    ran.length = 0;
    const conditional = await get(service, places, {
      "apollo-require-preflight": "true",
      "if-none-match": etag,
    });
    expect(conditional.status).toBe(304);
    expect(await conditional.text()).toBe("");
    expect(conditional.headers.get("etag")).toBe(etag);
    expect(conditional.headers.get("cache-control")).toBe(CACHE_CONTROL);
    expect(ran).toEqual(["graph.version"]);

    // Executed, the same operation runs its own Cypher too.
    ran.length = 0;
    expect((await get(service, places)).status).toBe(200);
    expect(ran[0]).toBe("graph.version");
    expect(ran.length).toBeGreaterThan(1);
  });

  it("counts a 304 as a request of its operation in /metrics, and as not modified", async () => {
    const metric = async (name: string, operation: string): Promise<number> => {
      const text = await (await fetch(`${service.base}/metrics`)).text();
      const line = text.split("\n").find((l) => l.startsWith(`${name}{operation="${operation}"}`));
      return line === undefined ? 0 : Number(line.split(" ").pop());
    };
    // No operationName parameter: the name comes from the query, as Apollo reports it.
    const unnamed = { query: QUERY, variables: { first: 3 } };
    const etag = (await get(service, unnamed)).headers.get("etag") ?? "";
    const requests = await metric("graphql_requests_total", "Places");
    const histogram = await metric("graphql_request_duration_seconds_count", "Places");
    const notModified = await metric("graphql_not_modified_total", "Places");

    const conditional = await get(service, unnamed, {
      "apollo-require-preflight": "true",
      "if-none-match": etag,
    });
    expect(conditional.status).toBe(304);
    expect(await metric("graphql_requests_total", "Places")).toBe(requests + 1);
    expect(await metric("graphql_request_duration_seconds_count", "Places")).toBe(histogram + 1);
    expect(await metric("graphql_not_modified_total", "Places")).toBe(notModified + 1);

    // An executed request is not a 304.
    expect((await get(service, unnamed)).status).toBe(200);
    expect(await metric("graphql_requests_total", "Places")).toBe(requests + 2);
    expect(await metric("graphql_not_modified_total", "Places")).toBe(notModified + 1);
  });

  it("changes the ETag when the graph's version changes, and only then", async () => {
    const before = (await get(service, places)).headers.get("etag") ?? "";
    const version = await readGraphVersion(service.graph.executor);
    const written = await createEntity(
      service.graph.executor,
      { subject: "http-cache-test" },
      { id: personId, kind: "PERSON", name: `Http Cache ${suffix}`, citations: [CITATION] },
    );
    expect(written.kind).toBe("written");
    expect(await readGraphVersion(service.graph.executor)).toBe(version + 1);

    const stale = await get(service, places, { "apollo-require-preflight": "true", "if-none-match": before });
    expect(stale.status).toBe(200);
    const after = stale.headers.get("etag");
    expect(after).not.toBe(before);
    expect((await get(service, places)).headers.get("etag")).toBe(after);
  });

  it("caches no answer that carries errors", async () => {
    const failing = await get(service, { query: "{ entities(first: 101) { totalCount } }" });
    expect(failing.status).toBe(200);
    expect(((await failing.json()) as { errors?: unknown[] }).errors).toHaveLength(1);
    expect(failing.headers.get("etag")).toBeNull();
    expect(failing.headers.get("cache-control")).toBe("no-store");
  });

  it("keeps Apollo's CSRF prevention in front of the 304", async () => {
    const etag = (await get(service, places)).headers.get("etag") ?? "";
    const simple = await get(service, places, { "if-none-match": etag });
    expect(simple.status).toBe(400);
  });

  it("leaves POST and requests with credentials out of shared caches", async () => {
    const post = await fetch(service.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(places),
    });
    expect(post.status).toBe(200);
    expect(post.headers.get("etag")).toBeNull();

    const etag = (await get(service, places)).headers.get("etag") ?? "";
    const withToken = await get(service, places, {
      "apollo-require-preflight": "true",
      authorization: "Bearer x",
      "if-none-match": etag,
    });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get("etag")).toBeNull();
    expect(withToken.headers.get("cache-control")).toBe("private, no-store");
  });
});

describe("the graph's version", () => {
  it("is 0 on a graph without a change log", async () => {
    const calls: CypherQuery[] = [];
    const noRows = <Row>(query: CypherQuery): Promise<Row[]> => {
      calls.push(query);
      return Promise.resolve([]);
    };
    expect(await readGraphVersion({ read: noRows })).toBe(0);
    expect(calls.map((c) => c.name)).toEqual(["graph.version"]);
  });
});
