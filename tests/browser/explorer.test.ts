import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { writeDocument } from "../../src/write/importDocument";
import { validateDataset } from "../../src/import/readDataset";
import { PROJECT_ROOT } from "../../src/projectRoot";
import { launchBrowser, openPage, screenshot, type WatchedPage } from "../support/browser";
import { fixtureDataset } from "../support/fixtureDataset";
import { startHttpService, type HttpService } from "../support/httpService";
import { hubDataset, syntheticDataset } from "../support/syntheticDataset";
import { removeFixtures } from "../support/removeFixtures";

// The explorer (/explore) and the query editor (/graphiql) in Debian's Chromium, against the real
// service and Neo4j. The browser has no internet access: everything must come from the service.

interface SceneCounts {
  status: string;
  nodes: number;
  relationships: number;
  more: number;
  pathNodes: number;
  pathRelationships: number;
}

interface Subgraph {
  nodes: Array<{ id: string }>;
  relationships: Array<{ id: string }>;
  truncated: boolean;
}

const HUB_SPOKES = 220;

describe("the explorer in a real browser", () => {
  let service: HttpService;
  let browser: Browser;
  const fixture = fixtureDataset();
  const ring = syntheticDataset(12, 2);
  const hub = hubDataset(HUB_SPOKES);
  const ada = `person:ada-quill-${fixture.suffix}`;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, "web/build.mjs"), "--if-stale"], {
      stdio: "inherit",
    });
    service = await startHttpService();
    await writeDocument(service.graph.executor, validateDataset(fixture.yaml, fixture.loadText));
    await writeDocument(service.graph.executor, ring.dataset);
    await writeDocument(service.graph.executor, hub.dataset);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await removeFixtures(service.graph.executor, { suffixes: [fixture.suffix, ring.suffix, hub.suffix] });
    await service.stop();
  });

  const api = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await fetch(service.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data: T; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  };
  const neighbourhood = async (id: string, depth = 1, limit = 150): Promise<Subgraph> =>
    (
      await api<{ neighborhood: Subgraph }>(
        `query($id: ID!, $depth: Int!, $limit: Int!) {
          neighborhood(id: $id, depth: $depth, limit: $limit) { nodes { id } relationships { id } truncated }
        }`,
        { id, depth, limit },
      )
    ).neighborhood;

  const counts = (page: Page): Promise<SceneCounts> =>
    page.$eval("#graph", (element) => {
      const d = (element as HTMLElement).dataset;
      return {
        status: d.status ?? "",
        nodes: Number(d.nodes),
        relationships: Number(d.relationships),
        more: Number(d.more),
        pathNodes: Number(d.pathNodes),
        pathRelationships: Number(d.pathRelationships),
      };
    });

  /** Waits until the scene is drawn (status ready) with this many entity nodes. */
  const waitForScene = async (page: Page, nodes: number): Promise<SceneCounts> => {
    try {
      await page.waitForFunction(
        (n: string) => {
          const d = (document.getElementById("graph") as HTMLElement).dataset;
          return d.status === "ready" && d.nodes === n;
        },
        {},
        String(nodes),
      );
    } catch (error) {
      const notice = await page.$eval("#notice", (e) => e.textContent);
      throw new Error(
        `expected ${nodes} nodes; the page shows ${JSON.stringify(await counts(page))}, "${notice}": ${String(error)}`,
      );
    }
    return counts(page);
  };

  /** Clicks where the graph draws the node or relationship (a relationship at its midpoint). */
  const clickGraphElement = async (page: Page, id: string): Promise<void> => {
    const point = await page.evaluate((elementId: string) => {
      const explorer = (window as unknown as { __explorer: { view: { cy: CyLike } } }).__explorer;
      const element = explorer.view.cy.getElementById(elementId);
      if (element.empty()) throw new Error(`${elementId} is not drawn`);
      const p = element.isNode() ? element.renderedPosition() : element.renderedMidpoint();
      const box = (document.getElementById("graph") as HTMLElement).getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, id);
    await page.mouse.click(point.x, point.y);
  };

  const open = async (url: string, viewport?: { width: number; height: number }): Promise<WatchedPage> => {
    const watched = await openPage(browser, viewport);
    await watched.page.goto(`${service.base}${url}`);
    return watched;
  };

  it("finds an entity by type-ahead ('/' focuses the box) and draws its neighbourhood as the API answers it", async () => {
    const { page, problems } = await open("/explore");
    await page.waitForSelector('#graph[data-status="empty"]');
    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-input");
    await page.keyboard.type(`Ada Quill ${fixture.suffix}`);
    await page.waitForSelector(`#search-results li[data-id="${ada}"]`, { visible: true });
    // The best hit is highlighted first: Enter takes it.
    await page.keyboard.press("Enter");

    const expected = await neighbourhood(ada);
    const drawn = await waitForScene(page, expected.nodes.length);
    expect(drawn.relationships).toBe(expected.relationships.length);
    expect(drawn.more).toBe(0);
    expect(new URL(page.url()).searchParams.get("focus")).toBe(ada);
    // The panel opened on the chosen entity.
    await page.waitForSelector(`#panel[data-status="ready"] [data-entity="${ada}"]`);
    await screenshot(page, "01-search-and-select");

    await page.select("#depth", "2");
    const deeper = await neighbourhood(ada, 2);
    const drawnDeeper = await waitForScene(page, deeper.nodes.length);
    expect(drawnDeeper.relationships).toBe(deeper.relationships.length);
    expect(new URL(page.url()).searchParams.get("depth")).toBe("2");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("clicking a node shows its citations verbatim, highlighted in the words around them; a relationship shows its meaning", async () => {
    const { page, problems } = await open(`/explore?focus=${encodeURIComponent(ada)}`);
    await waitForScene(page, (await neighbourhood(ada)).nodes.length);
    expect(await page.$("#panel:not([hidden])")).toBeNull();
    await clickGraphElement(page, ada);
    await page.waitForSelector(`#panel[data-status="ready"] [data-entity="${ada}"]`);
    const citation = await page.$eval(
      `[data-entity="${ada}"] [data-section="citations"] .citation`,
      (element) => ({
        mark: element.querySelector("mark")?.textContent ?? "",
        words: [...element.childNodes]
          .filter((n) => !(n instanceof HTMLElement && n.classList.contains("source")))
          .map((n) => n.textContent ?? "")
          .join(""),
      }),
    );
    expect(citation.mark).toBe("Ada Quill, Mayor of Lakeside");
    // The words around the quote are the document's own (cut at word boundaries, marked with …).
    expect(citation.words.length).toBeGreaterThan(citation.mark.length);
    for (const piece of citation.words.split("…").filter((p) => p.length > 0)) {
      expect(fixture.text).toContain(piece);
    }
    expect(new URL(page.url()).searchParams.get("select")).toBe(ada);
    await screenshot(page, "02-entity-panel");

    const relationship = `relationship:${ada}|HOLDS_ROLE|role:mayor-of-lakeside-${fixture.suffix}`;
    await clickGraphElement(page, relationship);
    await page.waitForSelector(`#panel[data-status="ready"] [data-relationship="${relationship}"]`);
    const text = await page.$eval(`[data-relationship="${relationship}"]`, (e) => e.textContent ?? "");
    expect(text).toContain("HOLDS_ROLE");
    expect(text).toContain("the person holds the role");
    expect(text).toContain("since: 2023");
    expect(await page.$eval(`[data-relationship="${relationship}"] mark`, (e) => e.textContent)).toBe(
      "Ada Quill, Mayor of Lakeside",
    );
    await screenshot(page, "03-relationship-panel");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("expands a hub 50 new neighbours at a time behind a '+N more' node; Back undoes a step and reload restores the scene", async () => {
    const { page, problems } = await open(`/explore?focus=${encodeURIComponent(hub.hubId)}`);
    // The neighbourhood is cut at 150 entities: the hub and 149 spokes, 71 relationships undrawn.
    const first = await waitForScene(page, 150);
    expect(first.relationships).toBe(149);
    expect(first.more).toBe(1);
    const moreId = `more:${hub.hubId}`;
    const label = async (): Promise<string> =>
      page.evaluate(
        (id: string) =>
          String(
            (window as unknown as { __explorer: { view: { cy: CyLike } } }).__explorer.view.cy
              .getElementById(id)
              .data("name"),
          ),
        moreId,
      );
    expect(await label()).toBe(`+${HUB_SPOKES - 149} more`);
    expect(await page.$eval("#notice", (e) => e.textContent)).toContain("cut at 150");
    await screenshot(page, "04-hub-before-expand");

    await clickGraphElement(page, moreId);
    const second = await waitForScene(page, 200);
    expect(second.relationships).toBe(199);
    expect(await label()).toBe(`+${HUB_SPOKES - 199} more`);
    expect(new URL(page.url()).searchParams.getAll("expand")).toEqual([hub.hubId]);
    await screenshot(page, "05-hub-expanded-once");

    await clickGraphElement(page, moreId);
    const third = await waitForScene(page, HUB_SPOKES + 1);
    expect(third.relationships).toBe(HUB_SPOKES);
    expect(third.more).toBe(0);

    await page.goBack();
    expect((await waitForScene(page, 200)).more).toBe(1);
    const url = page.url();
    await page.reload();
    const restored = await waitForScene(page, 200);
    expect(restored.relationships).toBe(199);
    expect(page.url()).toBe(url);
    await page.goForward();
    await waitForScene(page, HUB_SPOKES + 1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("finds a path from the panel, highlights it and lists its steps; the URL keeps it", async () => {
    const place = (i: number): string => `place:p${i}-${ring.suffix}`;
    const { page, problems } = await open(
      `/explore?focus=${encodeURIComponent(place(0))}&select=${encodeURIComponent(place(0))}`,
    );
    await waitForScene(page, (await neighbourhood(place(0))).nodes.length);
    await page.waitForSelector(`#panel[data-status="ready"] [data-entity="${place(0)}"]`);
    await page.type(".path-search input", `Place 6 ${ring.suffix}`);
    await page.waitForSelector(`.path-search li[data-id="${place(6)}"]`, { visible: true });
    await page.click(`.path-search li[data-id="${place(6)}"]`);
    const { paths } = await api<{ paths: Array<{ length: number }> }>(
      `query($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxLength: 6, limit: 5) { length } }`,
      { from: place(0), to: place(6) },
    );
    const length = paths[0]?.length ?? 0;
    expect(length).toBe(3);
    await page.waitForFunction(
      (n: string) => (document.getElementById("graph") as HTMLElement).dataset.pathRelationships === n,
      {},
      String(length),
    );
    const drawn = await counts(page);
    expect(drawn.pathNodes).toBe(length + 1);
    expect(await page.$$eval(".path-steps li", (items) => items.length)).toBe(length);
    const params = new URL(page.url()).searchParams;
    expect([params.get("from"), params.get("to")]).toEqual([place(0), place(6)]);
    await screenshot(page, "06-path");

    await page.reload();
    await page.waitForFunction(
      (n: string) => (document.getElementById("graph") as HTMLElement).dataset.pathRelationships === n,
      {},
      String(length),
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it("filters by kind with a legend, and exports the scene as PNG and GraphML", async () => {
    const role = `role:mayor-of-lakeside-${fixture.suffix}`;
    const expected = await neighbourhood(ada, 2);
    const { page, problems } = await open(`/explore?focus=${encodeURIComponent(ada)}&depth=2`);
    const all = await waitForScene(page, expected.nodes.length);
    await page.click("#toggle-filters");
    await page.click('input[data-filter="kind:ROLE"]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get("hideKind") === "ROLE");
    const filtered = await waitForScene(page, expected.nodes.length - 1);
    expect(filtered.relationships).toBeLessThan(all.relationships);
    expect(await page.$eval("#notice", (e) => e.textContent)).toContain("hidden by filters");
    await screenshot(page, "07-filtered");

    const downloads = mkdtempSync(path.join(os.tmpdir(), "kg-explorer-downloads-"));
    const cdp = await page.createCDPSession();
    await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });
    await page.click("#export-graphml");
    await page.click("#export-png");
    const waitForFiles = async (): Promise<string[]> => {
      for (let i = 0; i < 100; i++) {
        const files = readdirSync(downloads).filter((f) => !f.endsWith(".crdownload"));
        if (files.length === 2) return files.sort();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return readdirSync(downloads);
    };
    const files = await waitForFiles();
    expect(files.map((f) => path.extname(f))).toEqual([".graphml", ".png"]);
    const graphml = readFileSync(path.join(downloads, files[0] ?? ""), "utf8");
    expect(graphml.match(/<node /g) ?? []).toHaveLength(filtered.nodes);
    expect(graphml.match(/<edge /g) ?? []).toHaveLength(filtered.relationships);
    expect(graphml).toContain(ada);
    expect(graphml).not.toContain(role);
    const png = readFileSync(path.join(downloads, files[1] ?? ""));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("works on a phone-sized screen: the panel becomes a sheet below the graph", async () => {
    const { page, problems } = await open(
      `/explore?focus=${encodeURIComponent(ada)}&select=${encodeURIComponent(ada)}`,
      { width: 390, height: 844 },
    );
    await waitForScene(page, (await neighbourhood(ada)).nodes.length);
    await page.waitForSelector(`#panel[data-status="ready"] [data-entity="${ada}"]`);
    const layout = await page.evaluate(() => {
      const box = (id: string): { width: number; height: number; right: number } => {
        const r = (document.getElementById(id) as HTMLElement).getBoundingClientRect();
        return { width: r.width, height: r.height, right: r.right };
      };
      return {
        graph: box("graph"),
        panel: box("panel"),
        search: box("search-input"),
        width: window.innerWidth,
      };
    });
    expect(layout.panel.width).toBeLessThanOrEqual(layout.width);
    expect(layout.search.right).toBeLessThanOrEqual(layout.width);
    expect(layout.graph.height).toBeGreaterThan(200);
    await screenshot(page, "08-phone");
    // Escape closes the panel; n walks to a node and opens it.
    await page.keyboard.press("Escape");
    await page.waitForSelector("#panel", { hidden: true });
    await page.keyboard.press("n");
    await page.waitForSelector('#panel[data-status="ready"] [data-entity]');
    expect(problems).toEqual([]);
    await page.close();
  });

  it("serves GraphiQL with the README's examples and the explorer's query, without internet access", async () => {
    const external: string[] = [];
    const watched = await openPage(browser);
    watched.page.on("request", (request) => {
      const url = request.url();
      if (!url.startsWith(service.base) && !url.startsWith("data:") && !url.startsWith("blob:"))
        external.push(url);
    });
    const query = "query FromExplorer { relationshipTypes { type } }";
    await watched.page.goto(`${service.base}/graphiql?query=${encodeURIComponent(query)}`);
    await watched.page.waitForSelector(".graphiql-container");
    await watched.page.waitForFunction(() => document.querySelectorAll(".graphiql-tab").length === 6);
    const editor = await watched.page.$eval(".graphiql-query-editor", (e) => e.textContent ?? "");
    expect(editor).toContain("FromExplorer");
    // Run it: the answer comes from the same origin.
    await watched.page.click(".graphiql-execute-button");
    await watched.page.waitForFunction(() =>
      (document.querySelector(".graphiql-response")?.textContent ?? "").includes("HOLDS_ROLE"),
    );
    await screenshot(watched.page, "09-graphiql");
    expect(external).toEqual([]);
    expect(watched.problems).toEqual([]);
    await watched.page.close();

    // The landing page (Sandbox, from Apollo's CDN) cannot load here: its fallback links to /graphiql.
    const landing = await openPage(browser);
    await landing.page.goto(`${service.url}`);
    await landing.page.waitForSelector('.fallback a[href="/graphiql"]');
    await landing.page.close();
  });
});

/** The part of Cytoscape's API the tests call inside the page. */
interface CyLike {
  getElementById(id: string): {
    empty(): boolean;
    isNode(): boolean;
    renderedPosition(): { x: number; y: number };
    renderedMidpoint(): { x: number; y: number };
    data(key: string): unknown;
  };
}
