import { startHttpService, type HttpService } from "../support/httpService";

interface Candidate {
  id: string;
  name: string;
  type: Array<{ id: string; name: string }>;
  score: number;
  match: boolean;
}
type Results = Record<string, { result: Candidate[] }>;

// The W3C Reconciliation Service API v0.2, as OpenRefine speaks it, over real HTTP on the real graph.
describe("/reconcile (real HTTP, real Neo4j)", () => {
  let service: HttpService;
  beforeAll(async () => {
    service = await startHttpService();
  });
  afterAll(() => service.stop());

  const url = (): string => `${service.base}/reconcile`;
  /** What OpenRefine sends: POST, application/x-www-form-urlencoded, queries=<JSON>. */
  const openRefine = (queries: unknown): Promise<Response> =>
    fetch(url(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ queries: JSON.stringify(queries) }).toString(),
    });

  it("serves the manifest on GET, with the entity kinds as types", async () => {
    const response = await fetch(url());
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const manifest = (await response.json()) as Record<string, unknown>;
    expect(manifest.versions).toEqual(["0.2"]);
    for (const field of ["name", "identifierSpace", "schemaSpace"])
      expect(typeof manifest[field]).toBe("string");
    expect(manifest.defaultTypes).toEqual(expect.arrayContaining([{ id: "PLACE", name: "Place" }]));
  });

  it("answers a form-encoded batch with scored candidates and a match flag", async () => {
    const response = await openRefine({
      q0: { query: "Chongqing", limit: 3 },
      q1: { query: "zheng xiangdong", type: "PERSON", type_strict: "should" },
      q2: { query: "重庆" },
      q3: { query: "Chengdu Chongqing economic circle" },
      q4: { query: "Hu Henghau", type: "PERSON" },
    });
    expect(response.status).toBe(200);
    const results = (await response.json()) as Results;
    expect(Object.keys(results).sort()).toEqual(["q0", "q1", "q2", "q3", "q4"]);
    const best = (key: string): Candidate | undefined => results[key]?.result[0];
    expect(best("q0")).toMatchObject({
      id: "place:chongqing",
      name: "Chongqing",
      type: [{ id: "PLACE", name: "Place" }],
      score: 100,
      match: true,
    });
    expect(results.q0?.result.length).toBeLessThanOrEqual(3);
    expect(results.q0?.result.slice(1).every((c) => !c.match && c.score < 100)).toBe(true);
    expect(best("q1")).toMatchObject({ id: "person:zheng-xiangdong", score: 100, match: true });
    expect(best("q2")).toMatchObject({ id: "place:chongqing", score: 95, match: true });
    expect(best("q3")).toMatchObject({ id: "initiative:chengdu-chongqing-economic-circle", score: 100 });
    // A typo: found, scored below an exact match, not matched automatically.
    expect(best("q4")).toMatchObject({ id: "person:hu-henghua", match: false });
    expect(best("q4")?.score).toBeGreaterThan(50);
    expect(best("q4")?.score).toBeLessThan(95);
  });

  it("filters by type", async () => {
    const results = (await (
      await openRefine({
        q0: { query: "Chongqing", type: "ROLE", limit: 10 },
        q1: { query: "Chongqing", type: "Nope" },
      })
    ).json()) as Results;
    expect(results.q0?.result.length).toBeGreaterThan(0);
    expect(results.q0?.result.every((c) => c.type[0]?.id === "ROLE")).toBe(true);
    expect(results.q1?.result).toEqual([]);
  });

  it("takes the same batch as a JSON body and as a GET parameter", async () => {
    const queries = { q0: { query: "Sichuan" } };
    const json = (await (
      await fetch(url(), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ queries }),
      })
    ).json()) as Results;
    const get = (await (
      await fetch(`${url()}?queries=${encodeURIComponent(JSON.stringify(queries))}`)
    ).json()) as Results;
    expect(json.q0?.result[0]).toMatchObject({ id: "place:sichuan", match: true });
    expect(get).toEqual(json);
  });

  it("answers bad input with 400 and a reason", async () => {
    const notJson = await fetch(url(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "queries=%7Bnope",
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({
      errors: [{ extensions: { code: "BAD_USER_INPUT", requestId: notJson.headers.get("x-request-id") } }],
    });
    const tooMany = await openRefine(
      Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`q${i}`, { query: "x" }])),
    );
    expect(tooMany.status).toBe(400);
    const badLimit = await openRefine({ q0: { query: "Chongqing", limit: 0 } });
    expect(badLimit.status).toBe(400);
    const longText = await openRefine({ q0: { query: "x".repeat(201) } });
    expect(longText.status).toBe(400);
    const tooLarge = await fetch(url(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `queries=${"x".repeat(1_100_000)}`,
    });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ errors: [{ extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
  });
});
