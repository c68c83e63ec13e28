import { existsSync } from "node:fs";
import http from "node:http";
import puppeteer, { type Browser } from "puppeteer-core";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** Debian's `chromium` (CHROMIUM_PATH overrides); undefined when none is installed. */
export function chromiumPath(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return configured;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

/** Headless Chromium. As root (containers, CI) it cannot use its sandbox. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) {
    throw new Error("Browser tests need Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)");
  }
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
  });
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
