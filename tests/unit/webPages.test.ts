import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { mountWebPages } from "../../src/server/web";

async function serve(dist: string): Promise<{ base: string; close(): Promise<void> }> {
  const app = express();
  mountWebPages(app, dist);
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("the web pages' routes", () => {
  it("serves /explore, /graphiql and their bundles from the built folder", async () => {
    const dist = mkdtempSync(path.join(os.tmpdir(), "kg-web-"));
    writeFileSync(path.join(dist, "explore.html"), "<p>explorer</p>");
    writeFileSync(path.join(dist, "graphiql.html"), "<p>graphiql</p>");
    writeFileSync(path.join(dist, "explore.js"), "console.log(1)");
    const server = await serve(dist);
    try {
      expect(await (await fetch(`${server.base}/explore`)).text()).toBe("<p>explorer</p>");
      expect(await (await fetch(`${server.base}/graphiql`)).text()).toBe("<p>graphiql</p>");
      const bundle = await fetch(`${server.base}/web/explore.js`);
      expect(bundle.headers.get("content-type")).toContain("javascript");
      expect((await fetch(`${server.base}/web/nothing.js`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it("answers 503 with the command to run when the pages are not built", async () => {
    const server = await serve(path.join(os.tmpdir(), "kg-web-missing-folder"));
    try {
      const response = await fetch(`${server.base}/explore`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain("npm run build:web");
    } finally {
      await server.close();
    }
  });
});
