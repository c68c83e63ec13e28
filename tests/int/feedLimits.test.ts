import http from "node:http";
import WebSocket from "ws";
import {
  type FeedWriter,
  openSse,
  startFeedService,
  stopFeedService,
  subscribeChanges,
  until,
  wsClient,
  type SseEvent,
} from "../support/feedClients";
import { startHttpService, type HttpService } from "../support/httpService";
import { signedToken, TEST_SECRET, withBadSignature } from "../support/tokens";

const changesOf = (events: SseEvent[]): number[] =>
  events.filter((e) => e.event === "change").map((e) => (JSON.parse(e.data) as { seq: number }).seq);

/** A metric's value from GET /metrics. */
async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return Number(line?.split(" ").at(-1) ?? NaN);
}

/** An SSE client that reads the headers, then nothing more until `resume()`: a stalled consumer. */
function stalledSse(url: string): Promise<{ resume(): Promise<SseEvent[]> }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, (response) => {
      response.pause();
      resolve({
        resume: async () => {
          let text = "";
          response.setEncoding("utf8");
          for await (const chunk of response) text += chunk as string;
          return text
            .split("\n\n")
            .filter((block) => block.includes("data: "))
            .map((block) => {
              const field = (name: string): string | undefined =>
                block
                  .split("\n")
                  .find((l) => l.startsWith(`${name}: `))
                  ?.slice(name.length + 2);
              return { event: field("event") ?? "message", id: field("id"), data: field("data") ?? "" };
            });
        },
      });
    });
    request.on("error", reject);
  });
}

interface WsMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

/** A graphql-ws subscription whose socket stops reading once subscribed, until `resume()`. */
async function stalledSubscription(url: string, after: number): Promise<{ resume(): Promise<WsMessage[]> }> {
  const socket = new WebSocket(url, "graphql-transport-ws");
  const messages: WsMessage[] = [];
  socket.on("message", (data: Buffer) => messages.push(JSON.parse(data.toString()) as WsMessage));
  await new Promise((resolve) => socket.once("open", resolve));
  socket.send(JSON.stringify({ type: "connection_init", payload: {} }));
  await until(() => messages.some((m) => m.type === "connection_ack"), "the ack");
  socket.send(
    JSON.stringify({
      id: "1",
      type: "subscribe",
      payload: {
        query:
          "subscription($after: Int) { changes(after: $after) { seq items { edges { node { after } } } } }",
        variables: { after },
      },
    }),
  );
  socket.pause();
  return {
    resume: async () => {
      socket.resume();
      await until(
        () => messages.some((m) => m.type === "error" || m.type === "complete"),
        "the end of the subscription",
      );
      socket.close();
      return messages;
    },
  };
}

describe("change feed limits: slow consumers (real Neo4j, real HTTP)", () => {
  let service: HttpService;
  let writer: FeedWriter;

  beforeAll(async () => {
    ({ service, writer } = await startFeedService(
      {
        NODE_ENV: "production",
        FEED_BUFFER_CHANGES: "5",
        FEED_PAGE_SIZE: "5",
        // The stalled WebSocket does not answer pings: it must not be cut off as dead before it overflows.
        FEED_HEARTBEAT_MS: "600000",
      },
      { descriptionLength: 2_000 },
    ));
  });

  afterAll(() => stopFeedService({ service, writer }));

  it("disconnects a consumer that stops reading, with an overflow event naming where to resume; the others go on", async () => {
    const start = (await writer.write()).seq;
    const stalled = await stalledSse(`${service.base}/changes?after=${start}`);
    const stalledWs = await stalledSubscription(service.url.replace(/^http/, "ws"), start);
    const healthy = await openSse(`${service.base}/changes?after=${start}`);
    const written: number[] = [];
    // Until the stalled ones' sockets and their buffers of 5 are full (a few hundred kB of events).
    while ((await metric(service.base, "feed_slow_consumers_total")) < 2) {
      if (written.length > 3_000) throw new Error("the stalled consumer was never disconnected");
      written.push(...(await writer.writeMany(20)).map((w) => w.seq));
    }
    written.push(...(await writer.writeMany(5)).map((w) => w.seq));
    await until(
      () => changesOf(healthy.events).length === written.length,
      "every change on the healthy stream",
    );
    expect(changesOf(healthy.events)).toEqual(written);
    expect(healthy.events.some((e) => e.event === "overflow")).toBe(false);

    const events = await stalled.resume();
    const received = changesOf(events);
    const last = events.at(-1);
    expect(last?.event).toBe("overflow");
    const overflow = JSON.parse(last?.data ?? "{}") as { code: string; resumeAfter: number };
    expect(overflow.code).toBe("SLOW_CONSUMER");
    // Everything it was sent, in order, nothing twice, and resumeAfter is the last of them.
    expect(received).toEqual(written.slice(0, received.length));
    expect(received.length).toBeLessThan(written.length);
    expect(overflow.resumeAfter).toBe(received.at(-1));

    // The same over graphql-ws: the subscription ends with an error saying where to resume.
    const messages = await stalledWs.resume();
    const wsSeqs = messages
      .filter((m) => m.type === "next")
      .map((m) => (m.payload as { data: { changes: { seq: number } } }).data.changes.seq);
    const final = messages.at(-1) as {
      type: string;
      payload: Array<{ extensions: { code: string; resumeAfter: number } }>;
    };
    expect(final.type).toBe("error");
    expect(final.payload[0]?.extensions).toEqual({ code: "SLOW_CONSUMER", resumeAfter: wsSeqs.at(-1) });
    expect(wsSeqs).toEqual(written.slice(0, wsSeqs.length));
    expect(wsSeqs.length).toBeLessThan(written.length);

    // Resuming there misses nothing.
    const rest = await openSse(`${service.base}/changes`, { "last-event-id": String(overflow.resumeAfter) });
    await until(() => changesOf(rest.events).length === written.length - received.length, "the rest");
    expect(changesOf(rest.events)).toEqual(written.slice(received.length));
    rest.close();
    healthy.close();
  }, 900_000);

  it("refuses a token that does not verify even when reads are public", async () => {
    const bad = withBadSignature(await signedToken({ claims: { roles: ["reader"] } }));
    const other = await startHttpService({ NODE_ENV: "production", AUTH_JWT_SECRET: TEST_SECRET });
    try {
      const sse = await openSse(`${other.base}/changes`, { authorization: `Bearer ${bad}` });
      expect(sse.status).toBe(401);
      const anonymous = await openSse(`${other.base}/changes`);
      expect(anonymous.status).toBe(200);
      anonymous.close();
    } finally {
      await other.stop();
    }
  });
});

describe("change feed: FEED_MAX_CONSUMERS", () => {
  it("refuses a consumer past the limit (503 over SSE, SERVICE_UNAVAILABLE over graphql-ws) and takes one again once a place frees", async () => {
    const service = await startHttpService({ NODE_ENV: "production", FEED_MAX_CONSUMERS: "1" });
    try {
      const first = await openSse(`${service.base}/changes`);
      expect(first.status).toBe(200);
      const second = await openSse(`${service.base}/changes`);
      expect(second.status).toBe(503);
      expect(second.body).toMatchObject({
        errors: [
          {
            extensions: { code: "SERVICE_UNAVAILABLE" },
            message: expect.stringMatching(/FEED_MAX_CONSUMERS/) as unknown,
          },
        ],
      });
      const client = wsClient(service.url.replace(/^http/, "ws"));
      const refused = subscribeChanges(client, {});
      await until(() => refused.done, "the refusal");
      expect(refused.errors[0]).toMatchObject({ extensions: { code: "SERVICE_UNAVAILABLE" } });
      first.close();
      let again = await openSse(`${service.base}/changes`);
      for (let i = 0; again.status !== 200 && i < 50; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        again = await openSse(`${service.base}/changes`);
      }
      expect(again.status).toBe(200);
      again.close();
      await client.dispose();
    } finally {
      await service.stop();
    }
  });
});

describe("change feed on shutdown (real HTTP drain)", () => {
  it("ends open SSE streams cleanly and closes subscriptions with 1001 when the service stops", async () => {
    const service = await startHttpService({ NODE_ENV: "production", SHUTDOWN_TIMEOUT_MS: "60000" });
    const sse = await openSse(`${service.base}/changes`);
    const closes: number[] = [];
    const client = wsClient(service.url.replace(/^http/, "ws"), {}, (code) => closes.push(code));
    const subscription = subscribeChanges(client, {});
    await until(() => closes.length === 0 && sse.status === 200, "both open");
    await new Promise((resolve) => setTimeout(resolve, 500));
    await service.stop();
    // Cut at the deadline (60 s), the stream would end in an error and the stop would take a minute.
    expect(await sse.ended).toBe("end");
    await until(() => closes.length > 0, "the socket's close");
    expect(closes[0]).toBe(1001);
    subscription.stop();
    await client.dispose();
  });
});

describe("change feed with AUTH_READS=token (real Neo4j, real HTTP, real WebSocket)", () => {
  let service: HttpService;
  let writer: FeedWriter;
  let wsUrl: string;

  beforeAll(async () => {
    ({ service, writer, wsUrl } = await startFeedService({
      NODE_ENV: "production",
      AUTH_READS: "token",
      AUTH_JWT_SECRET: TEST_SECRET,
    }));
  });

  afterAll(() => stopFeedService({ service, writer }));

  it("SSE: 401 with a challenge without a token or with a bad one, 403 without the reader role, 200 with it", async () => {
    const none = await openSse(`${service.base}/changes`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
    expect(none.body).toMatchObject({ errors: [{ extensions: { code: "UNAUTHENTICATED" } }] });
    const expired = await signedToken({ claims: { roles: ["reader"] }, expiresIn: -120 });
    const refused = await openSse(`${service.base}/changes`, { authorization: `Bearer ${expired}` });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toMatch(/invalid_token/);
    const roleless = await signedToken({ claims: { roles: [] } });
    expect((await openSse(`${service.base}/changes`, { authorization: `Bearer ${roleless}` })).status).toBe(
      403,
    );
    const reader = await signedToken({ claims: { roles: ["reader"] } });
    const ok = await openSse(`${service.base}/changes`, { authorization: `Bearer ${reader}` });
    expect(ok.status).toBe(200);
    const next = await writer.write();
    await until(() => changesOf(ok.events).length === 1, "a change");
    expect(changesOf(ok.events)).toEqual([next.seq]);
    ok.close();
  });

  it("graphql-ws: refused without a token (4401) or without the role (4403); served with one", async () => {
    const closes: Array<[number, string]> = [];
    const anonymous = wsClient(wsUrl, {}, (code, reason) => closes.push([code, reason]));
    const refused = subscribeChanges(anonymous, {});
    await until(() => refused.done, "the refusal");
    expect(closes[0]?.[0]).toBe(4401);
    expect(closes[0]?.[1]).toMatch(/^Unauthorized: .*READER/);
    await anonymous.dispose();

    const roleless = wsClient(
      wsUrl,
      { Authorization: `Bearer ${await signedToken({ claims: { roles: [] } })}` },
      (code) => closes.push([code, ""]),
    );
    const forbidden = subscribeChanges(roleless, {});
    await until(() => forbidden.done, "the refusal");
    expect(closes[1]?.[0]).toBe(4403);
    await roleless.dispose();

    const reader = wsClient(wsUrl, {
      authorization: `Bearer ${await signedToken({ claims: { roles: ["reader"] } })}`,
    });
    const served = subscribeChanges(reader, {});
    await new Promise((resolve) => setTimeout(resolve, 500));
    const next = await writer.write();
    await until(() => served.seqs.length === 1, "a change");
    expect(served.seqs).toEqual([next.seq]);
    served.stop();
    await reader.dispose();
  });

  it("closes a subscription's socket, and ends an SSE stream, when the token expires", async () => {
    const token = await signedToken({ claims: { roles: ["reader"] }, expiresIn: 2 });
    const closes: Array<[number, string]> = [];
    const client = wsClient(wsUrl, { Authorization: `Bearer ${token}` }, (code, reason) =>
      closes.push([code, reason]),
    );
    const subscription = subscribeChanges(client, {});
    const sse = await openSse(`${service.base}/changes`, { authorization: `Bearer ${token}` });
    expect(sse.status).toBe(200);
    await until(() => closes.length > 0, "the close", 10_000);
    expect(closes[0]).toEqual([4403, "Forbidden: the token has expired"]);
    await sse.ended;
    expect(sse.events.at(-1)).toMatchObject({ event: "error" });
    expect(JSON.parse(sse.events.at(-1)?.data ?? "{}")).toMatchObject({ code: "UNAUTHENTICATED" });
    subscription.stop();
    await client.dispose();
  });
});
