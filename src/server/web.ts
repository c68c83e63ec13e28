import { existsSync } from "node:fs";
import path from "node:path";
import express, { type Express } from "express";
import { PROJECT_ROOT } from "../projectRoot";

/** Where `node web/build.mjs` puts the bundled pages (npm start builds them when stale). */
export const WEB_DIST = path.join(PROJECT_ROOT, "web", "dist");

const PAGES: Record<string, string> = { "/explore": "explore.html", "/graphiql": "graphiql.html" };

/**
 * The browser pages: /explore (the graph explorer) and /graphiql (a query editor that needs no
 * CDN), with their bundles under /web/. Both use only the public /graphql endpoint.
 */
export function mountWebPages(app: Express, dist: string = WEB_DIST): void {
  app.use("/web", express.static(dist, { index: false, maxAge: "5m", fallthrough: true }));
  for (const [route, file] of Object.entries(PAGES)) {
    app.get(route, (_req, res) => {
      const page = path.join(dist, file);
      if (!existsSync(page)) {
        res
          .status(503)
          .type("text/plain")
          .send("The web pages are not built: run `npm run build:web` (npm start builds them).");
        return;
      }
      res.setHeader("cache-control", "no-cache");
      res.sendFile(page);
    });
  }
}
