import type { Browser, Page } from "puppeteer-core";
import { launchBrowser, servePage, type PageServer } from "../support/browser";
import { startHttpService, type HttpService } from "../support/httpService";

/** What a page's script saw: the answer, or the TypeError a blocked fetch rejects with. */
type Seen =
  | { ok: true; status: number; body: string; requestId: string | null; etag: string | null }
  | { ok: false; error: string };

interface FetchCall {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  credentials: "omit" | "same-origin" | "include";
}

/** Runs fetch inside the page, i.e. from the page's origin, with all the browser's CORS rules. */
async function fetchFromPage(page: Page, call: FetchCall): Promise<Seen> {
  return page.evaluate(async ({ url, method, headers, body, credentials }: FetchCall): Promise<Seen> => {
    try {
      const response = await fetch(url, { method, headers, body, credentials });
      return {
        ok: true,
        status: response.status,
        body: await response.text(),
        requestId: response.headers.get("x-request-id"),
        etag: response.headers.get("etag"),
      };
    } catch (error) {
      return { ok: false, error: String(error) };
    }
  }, call);
}

const QUERY = '{ entity(id: "place:chongqing") { id name } }';
const postJson = (url: string, extra: Partial<FetchCall> = {}): FetchCall => ({
  url,
  method: "POST",
  headers: {
    "content-type": "application/json",
    authorization: "Bearer not-checked-by-reads",
    "x-request-id": "from-the-page",
  },
  body: JSON.stringify({ query: QUERY }),
  credentials: "omit",
  ...extra,
});
const getWith = (
  url: string,
  headers: Record<string, string>,
  credentials: FetchCall["credentials"] = "omit",
) => ({
  url: `${url}?query=${encodeURIComponent(QUERY)}`,
  method: "GET" as const,
  headers,
  credentials,
});

describe("CORS from a real page on another origin (headless Chromium)", () => {
  let browser: Browser;
  let listedSite: PageServer;
  let otherSite: PageServer;
  let listedOnly: HttpService;
  let publicReads: HttpService;
  let listedPage: Page;
  let otherPage: Page;

  beforeAll(async () => {
    listedSite = await servePage();
    otherSite = await servePage();
    listedOnly = await startHttpService({ NODE_ENV: "production", CORS_ORIGINS: listedSite.origin });
    publicReads = await startHttpService({ NODE_ENV: "production", CORS_ORIGINS: `*,${listedSite.origin}` });
    browser = await launchBrowser();
    listedPage = await browser.newPage();
    await listedPage.goto(listedSite.origin);
    otherPage = await browser.newPage();
    await otherPage.goto(otherSite.origin);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([listedOnly?.stop(), publicReads?.stop(), listedSite?.close(), otherSite?.close()]);
  });

  it("a listed origin POSTs JSON with an Authorization header (preflighted) and reads the answer", async () => {
    const seen = await fetchFromPage(listedPage, postJson(listedOnly.url));
    expect(seen).toMatchObject({ ok: true, status: 200, requestId: "from-the-page" });
    if (!seen.ok) return;
    expect(JSON.parse(seen.body)).toMatchObject({
      data: { entity: { id: "place:chongqing", name: "Chongqing" } },
    });
  });

  it("a listed origin may send credentials (cookies)", async () => {
    const seen = await fetchFromPage(listedPage, postJson(listedOnly.url, { credentials: "include" }));
    expect(seen).toMatchObject({ ok: true, status: 200 });
  });

  it("a listed origin GETs with Apollo's preflight header", async () => {
    const seen = await fetchFromPage(
      listedPage,
      getWith(listedOnly.url, { "apollo-require-preflight": "true" }),
    );
    expect(seen).toMatchObject({ ok: true, status: 200 });
    if (seen.ok) expect(JSON.parse(seen.body)).toHaveProperty("data.entity.name", "Chongqing");
  });

  it("a GET without a preflight header stays refused by Apollo's CSRF prevention", async () => {
    // A "simple" request: the browser sends it without a preflight, so the server must refuse it itself.
    const seen = await fetchFromPage(listedPage, getWith(listedOnly.url, {}));
    expect(seen).toMatchObject({ ok: true, status: 400 });
    if (seen.ok) expect(seen.body).toMatch(/CSRF|preflight/i);
  });

  it("an origin that is not listed cannot read the API", async () => {
    const seen = await fetchFromPage(otherPage, postJson(listedOnly.url));
    expect(seen.ok).toBe(false);
  });

  it("with `*` any origin reads, without credentials", async () => {
    const seen = await fetchFromPage(otherPage, postJson(publicReads.url));
    expect(seen).toMatchObject({ ok: true, status: 200 });
    const withCookies = await fetchFromPage(otherPage, postJson(publicReads.url, { credentials: "include" }));
    expect(withCookies.ok).toBe(false);
  });

  it("with `*` a listed origin still gets credentials", async () => {
    const seen = await fetchFromPage(listedPage, postJson(publicReads.url, { credentials: "include" }));
    expect(seen).toMatchObject({ ok: true, status: 200 });
  });
});

describe("CORS headers (what the browser relies on)", () => {
  let service: HttpService;
  const site = "http://app.example.com";
  beforeAll(async () => {
    service = await startHttpService({ NODE_ENV: "production", CORS_ORIGINS: site });
  });
  afterAll(() => service.stop());

  const preflight = (origin: string) =>
    fetch(service.url, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type,apollo-require-preflight",
      },
    });

  it("answers a preflight 204 with the methods and headers clients send", async () => {
    const response = await preflight(site);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(site);
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("access-control-allow-methods")).toBe("GET, POST, OPTIONS");
    const allowed = response.headers.get("access-control-allow-headers")?.split(", ") ?? [];
    expect(allowed).toEqual(
      expect.arrayContaining([
        "authorization",
        "content-type",
        "apollo-require-preflight",
        "x-apollo-operation-name",
        "x-request-id",
      ]),
    );
    expect(response.headers.get("vary")).toMatch(/Origin/);
  });

  it("gives an unlisted origin no CORS headers", async () => {
    const response = await preflight("http://evil.example.com");
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const post = await fetch(service.url, {
      method: "POST",
      headers: { origin: "http://evil.example.com", "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(post.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("production without CORS_ORIGINS allows no other origin", async () => {
    const closed = await startHttpService({ NODE_ENV: "production" });
    try {
      const response = await fetch(closed.url, {
        method: "OPTIONS",
        headers: { origin: site, "access-control-request-method": "POST" },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await closed.stop();
    }
  });
});
