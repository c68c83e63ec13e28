import { existsSync, mkdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { PROJECT_ROOT } from "../../src/projectRoot";

/** Screenshots of browser tests: written for people to look at, never compared. Git-ignored. */
export const ARTIFACTS_DIR = path.join(PROJECT_ROOT, "artifacts", "browser");

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it), or the one CHROMIUM_PATH names. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  const found = candidates.find((p): p is string => typeof p === "string" && p !== "" && existsSync(p));
  if (!found) throw new Error("Chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH");
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en-US"],
    protocolTimeout: 60_000,
  });
}

export interface WatchedPage {
  page: Page;
  /** Console errors, uncaught exceptions and failed requests seen so far. */
  problems: string[];
}

/** A page whose console errors, page errors and failed requests are collected for the test to check. */
export async function openPage(
  browser: Browser,
  viewport = { width: 1280, height: 800 },
): Promise<WatchedPage> {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  page.setDefaultTimeout(30_000);
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${String(error)}`));
  page.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText ?? "";
    // A download navigation is aborted by design.
    if (reason !== "net::ERR_ABORTED") problems.push(`request failed: ${request.url()} ${reason}`);
  });
  return { page, problems };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
}

export interface PageServer {
  /** e.g. http://127.0.0.1:41234: a different origin from the API's (another port). */
  origin: string;
  close(): Promise<void>;
}

/** Serves one HTML page on a free local port: the "other site" a browser app lives on. */
export async function servePage(
  html = "<!doctype html><title>client</title><p>client page</p>",
): Promise<PageServer> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("page server has no port");
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
