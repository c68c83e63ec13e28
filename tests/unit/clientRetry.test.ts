import http from "node:http";
import type { AddressInfo } from "node:net";
import { createClient, GraphQLRequestError, type SearchDocument } from "../../packages/client/src/index";

type Step = (res: http.ServerResponse, req: http.IncomingMessage) => void;

const unavailable: Step = (res) =>
  res.writeHead(200, { "content-type": "application/json" }).end(
    JSON.stringify({
      errors: [{ message: "Neo4j is unavailable", extensions: { code: "SERVICE_UNAVAILABLE" } }],
    }),
  );
const http503: Step = (res) =>
  res.writeHead(503, { "retry-after": "0", "content-type": "text/plain" }).end("busy");
const cut: Step = (_res, req) => req.socket.destroy();
const answer: Step = (res) =>
  res
    .writeHead(200, { "content-type": "application/json" })
    .end(
      JSON.stringify({ data: { search: [{ score: 1, entity: { __typename: "Place", id: "place:x" } }] } }),
    );

/** A real HTTP server answering its requests with the given steps in turn (the last one repeats). */
async function scripted(steps: Step[]) {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      bodies.push(body);
      const step = steps[Math.min(bodies.length - 1, steps.length - 1)];
      step?.(res, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const retry = { attempts: 4, baseDelayMs: 1, maxDelayMs: 20 };

describe("the client's retries (real HTTP)", () => {
  it("retries a query through SERVICE_UNAVAILABLE, HTTP 503 with Retry-After, and a cut connection", async () => {
    const server = await scripted([unavailable, http503, cut, answer]);
    try {
      const client = createClient({ url: server.url, retry });
      const hits = await client.search({ text: "x" });
      expect(hits[0]?.entity.id).toBe("place:x");
      expect(server.bodies).toHaveLength(4);
      expect(JSON.parse(server.bodies[3] ?? "{}")).toMatchObject({ variables: { text: "x" } });
    } finally {
      await server.close();
    }
  });

  it("gives up after its attempts with the service's error and code", async () => {
    const server = await scripted([unavailable]);
    try {
      const client = createClient({ url: server.url, retry });
      const failure = client.search({ text: "x" });
      await expect(failure).rejects.toBeInstanceOf(GraphQLRequestError);
      await expect(failure).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
      expect(server.bodies).toHaveLength(4);
    } finally {
      await server.close();
    }
  });

  it("does not retry a mutation (the caller retries it with its clientMutationId)", async () => {
    const server = await scripted([unavailable, answer]);
    try {
      const client = createClient({ url: server.url, retry });
      const mutation = Object.assign(new String("mutation M { retract(input: {}) { __typename } }"), {
        __apiType: undefined,
      }) as unknown as typeof SearchDocument;
      await expect(client.request(mutation, { text: "x" })).rejects.toMatchObject({
        code: "SERVICE_UNAVAILABLE",
      });
      expect(server.bodies).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("sends documentId instead of the text when asked", async () => {
    const server = await scripted([answer]);
    try {
      await createClient({ url: server.url, documents: "documentId" }).search({ text: "x" });
      const sent = JSON.parse(server.bodies[0] ?? "{}") as Record<string, unknown>;
      expect(sent.query).toBeUndefined();
      expect(sent.documentId).toMatch(/^sha256:[0-9a-f]{64}$/);
    } finally {
      await server.close();
    }
  });
});
