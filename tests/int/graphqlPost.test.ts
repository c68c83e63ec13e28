import { createHash } from "node:crypto";
import http, { request } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync } from "node:zlib";
import { loadConfig } from "../../src/config";
import { createApolloServer, createRequestContext } from "../../src/server/apollo";
import { compressResponses } from "../../src/server/compression";
import { graphqlPostHandler } from "../../src/server/graphqlPost";
import { HttpDrain } from "../../src/server/httpDrain";
import { createMetrics } from "../../src/server/metrics";
import { startHttpService, type HttpService } from "../support/httpService";
import { connectTestGraph, silentLogger, type TestGraph } from "../support/testGraph";

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request over plain node:http, so that the test decides every header and how the body is sent:
 * with Content-Length (`end(body)` before the headers), or chunked (`write` first).
 */
function send(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
  options: { method?: string; chunked?: boolean } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? "POST",
        headers: { "content-type": "application/json", "x-request-id": "graphql-post-test", ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const wire = Buffer.concat(chunks);
          const text =
            res.headers["content-encoding"] === "br"
              ? brotliDecompressSync(wire).toString("utf8")
              : wire.toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (options.chunked) {
      req.write(body);
      req.end();
    } else req.end(body);
  });
}

const SMALL = JSON.stringify({ query: '{ entity(id: "place:chongqing") { id name } }' });
// The article's text: several kilobytes, over the 1 KiB compression threshold.
const LARGE = JSON.stringify({
  query: '{ node(id: "document:ichongqing-seeing-is-believing") { ... on Document { text } } }',
});

/**
 * POST /graphql's path without Express (src/server/graphqlPost.ts): which requests it takes, and
 * that it answers them as the Express chain does.
 */
describe("POST /graphql without Express (real Neo4j)", () => {
  describe("the handler alone: what it takes and what it leaves to Express", () => {
    const NOT_TAKEN = 418;
    let graph: TestGraph;
    let server: http.Server;
    let url: string;
    let stopApollo: () => Promise<void>;

    beforeAll(async () => {
      graph = connectTestGraph();
      const config = loadConfig({ NODE_ENV: "production" });
      const apollo = createApolloServer({
        development: false,
        logger: silentLogger,
        limits: config.limits,
        metrics: createMetrics({ open: 0 }),
      });
      await apollo.start();
      stopApollo = () => apollo.stop();
      server = http.createServer();
      const handler = graphqlPostHandler({
        apollo,
        drain: new HttpDrain(server),
        logger: silentLogger,
        bodyLimitBytes: config.limits.bodyLimitBytes,
        cors: config.http.cors,
        trustedMode: "off",
        manifest: new Map(),
        context: (_authorization, requestId) =>
          Promise.resolve(
            createRequestContext(graph.executor, silentLogger, requestId, config.limits.requestTimeoutMs),
          ),
        compress: compressResponses(config.http.compressionThresholdBytes),
      });
      // What the handler does not take, Express would: here it is marked instead.
      server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
        if (handler(req, res)) return;
        res.statusCode = NOT_TAKEN;
        res.end();
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
      await stopApollo();
      await graph.close();
    });

    it("takes a JSON POST and answers it, naming the request", async () => {
      const out = await send(url, SMALL);
      expect(out.status).toBe(200);
      expect(out.headers["x-request-id"]).toBe("graphql-post-test");
      expect(out.headers["content-length"]).toBe(String(Buffer.byteLength(out.body)));
      expect(JSON.parse(out.body)).toMatchObject({
        data: { entity: { id: "place:chongqing", name: "Chongqing" } },
      });
    });

    it("takes a client that accepts brotli, and compresses what is over the threshold only", async () => {
      const large = await send(url, LARGE, { "accept-encoding": "br" });
      const identity = await send(url, LARGE);
      const small = await send(url, SMALL, { "accept-encoding": "br" });
      expect(large.status).toBe(200);
      expect(large.headers["content-encoding"]).toBe("br");
      expect(large.headers.vary).toMatch(/Accept-Encoding/i);
      expect(identity.headers["content-encoding"]).toBeUndefined();
      expect(large.body).toBe(identity.body);
      const text = (JSON.parse(large.body) as { data: { node: { text: string } } }).data.node.text;
      expect(text.length).toBeGreaterThan(1024);
      expect(small.headers["content-encoding"]).toBeUndefined();
    });

    it.each([
      ["a query string", "?x=1", SMALL, {}, {}],
      ["a chunked body (no Content-Length)", "", SMALL, {}, { chunked: true }],
      ["an encoded body", "", SMALL, { "content-encoding": "gzip" }, {}],
      ["another content type", "", SMALL, { "content-type": "text/plain" }, {}],
      ["another charset", "", SMALL, { "content-type": "application/json; charset=latin1" }, {}],
      [
        "a content type its parser would refuse",
        "",
        SMALL,
        { "content-type": "application/json;\tcharset=utf-8" },
        {},
      ],
      ["an unbalanced quote", "", SMALL, { "content-type": 'application/json; charset="utf-8' }, {}],
      ["a GET", "?query=%7B__typename%7D", "", {}, { method: "GET" }],
      [
        "a body over the limit",
        "",
        JSON.stringify({ query: `{ __typename } #${"x".repeat(1_100_000)}` }),
        {},
        {},
      ],
    ])("leaves %s to Express", async (_name, search, body, headers, options) => {
      const out = await send(`${url}${search}`, body, headers, options);
      expect(out.status).toBe(NOT_TAKEN);
    });
  });

  describe("the same answers as the Express chain", () => {
    let service: HttpService;
    beforeAll(async () => {
      service = await startHttpService({ NODE_ENV: "production", CORS_ORIGINS: "http://localhost:3000" });
    });
    afterAll(() => service.stop());

    const query = '{ entity(id: "place:chongqing") { id } }';
    it.each([
      ["a query", SMALL],
      ["a GraphQL error", JSON.stringify({ query: "{ nope }" })],
      ["malformed JSON", '{"query": '],
      ["JSON that is not an object or array", "1"],
      ["a body that is not UTF-8", Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])],
      ["an empty batch", "[]"],
      ["a byte order mark alone", Buffer.from([0xef, 0xbb, 0xbf])],
      [
        "a byte order mark before the query",
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SMALL)]),
      ],
      [
        "an APQ hash that is not the query's",
        JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }),
      ],
      [
        "an APQ hash that is the query's",
        JSON.stringify({
          query,
          extensions: {
            persistedQuery: { version: 1, sha256Hash: createHash("sha256").update(query).digest("hex") },
          },
        }),
      ],
    ])("%s", async (_name, body) => {
      // The query string sends the request through Express; without it, the handler takes it.
      const direct = await send(service.url, body);
      const express = await send(`${service.url}?via=express`, body);
      expect(direct.status).toBe(express.status);
      expect(direct.body).toBe(express.body);
      for (const header of ["content-type", "content-length", "x-request-id", "vary", "cache-control"]) {
        expect([header, direct.headers[header]]).toEqual([header, express.headers[header]]);
      }
    });

    it.each([
      ["an invalid token", { authorization: "Bearer not-a-token" }],
      ["a GraphQL error answered as graphql-response+json", { accept: "application/graphql-response+json" }],
      ["an origin that is not listed", { origin: "https://elsewhere.example" }],
      ["a charset in quotes and capitals", { "content-type": 'application/json; charset="UTF-8"' }],
    ])("the same answer with %s", async (_name, headers) => {
      const body = JSON.stringify({ query: "{ nope }" });
      const direct = await send(service.url, body, headers);
      const express = await send(`${service.url}?via=express`, body, headers);
      expect(direct.status).toBe(express.status);
      expect(direct.body).toBe(express.body);
      for (const header of ["content-type", "access-control-allow-origin", "vary"]) {
        expect([header, direct.headers[header]]).toEqual([header, express.headers[header]]);
      }
    });

    it("the same CORS headers for a listed origin's request", async () => {
      const origin = { origin: "http://localhost:3000" };
      const direct = await send(service.url, SMALL, origin);
      const express = await send(`${service.url}?via=express`, SMALL, origin);
      expect(direct.headers["access-control-allow-origin"]).toBe("http://localhost:3000");
      for (const header of ["access-control-allow-origin", "access-control-expose-headers", "vary"]) {
        expect([header, direct.headers[header]]).toEqual([header, express.headers[header]]);
      }
    });
  });
});
