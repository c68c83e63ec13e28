import WebSocket from "ws";
import {
  type FeedWriter,
  openSse,
  startFeedService,
  stopFeedService,
  subscribeChanges,
  until,
  wsClient,
  type SseStream,
} from "../support/feedClients";
import type { HttpService } from "../support/httpService";

interface SentChange {
  id: string;
  seq: number;
  operation: string;
  at: string;
  actor: string;
  items: Array<{
    id: string;
    typename: string;
    action: string;
    version: number | null;
    before: unknown;
    after: unknown;
    mergedInto: string | null;
  }>;
}

const parse = (stream: SseStream): SentChange[] =>
  stream.events.filter((e) => e.event === "change").map((e) => JSON.parse(e.data) as SentChange);

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("change feed: SSE /changes and the graphql-ws subscription (real Neo4j, real HTTP)", () => {
  let service: HttpService;
  let writer: FeedWriter;
  let wsUrl: string;

  beforeAll(async () => {
    ({ service, writer, wsUrl } = await startFeedService({
      NODE_ENV: "production",
      FEED_HEARTBEAT_MS: "200",
    }));
  });

  afterAll(() => stopFeedService({ service, writer }));

  it("a consumer that disconnects mid-stream and reconnects gets exactly the 1,000 changes it missed, in order (SSE and graphql-ws)", async () => {
    const start = (await writer.write()).seq;
    const sse = await openSse(`${service.base}/changes?after=${start}`);
    expect(sse.status).toBe(200);
    expect(sse.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const ws = wsClient(wsUrl);
    const subscription = subscribeChanges(ws, { after: start });

    const first = await writer.writeMany(10);
    await until(() => parse(sse).length === 10 && subscription.seqs.length === 10, "the first 10 changes");
    expect(parse(sse).map((c) => c.seq)).toEqual(first.map((w) => w.seq));
    expect(subscription.seqs).toEqual(first.map((w) => w.seq));
    // Both go away; the writes go on.
    sse.close();
    subscription.stop();
    await ws.dispose();
    const lastSse = Number(sse.events.at(-1)?.id);
    const lastWs = subscription.seqs.at(-1) ?? 0;

    const missed = await writer.writeMany(500);
    // They come back halfway through the 1,000: catching up from Neo4j while writes still commit.
    const again = await openSse(`${service.base}/changes`, { "last-event-id": String(lastSse) });
    const ws2 = wsClient(wsUrl);
    const resumed = subscribeChanges(ws2, { after: lastWs });
    missed.push(...(await writer.writeMany(500)));
    missed.sort((a, b) => a.seq - b.seq);
    const expected = missed.map((w) => w.seq);
    expect(expected).toEqual(range(lastSse + 1, lastSse + 1000));

    await until(
      () => parse(again).length >= 1000 && resumed.seqs.length >= 1000,
      "the 1,000 missed changes",
      120_000,
    );
    const received = parse(again);
    expect(received.map((c) => c.seq)).toEqual(expected);
    expect(again.events.filter((e) => e.event === "change").map((e) => Number(e.id))).toEqual(expected);
    expect(received.map((c) => c.items[0]?.id)).toEqual(missed.map((w) => w.id));
    expect(resumed.seqs).toEqual(expected);
    expect(resumed.changes.map((c) => c.items[0]?.id)).toEqual(missed.map((w) => w.id));

    // Live after catching up, still nothing twice.
    const live = await writer.write();
    await until(() => parse(again).length === 1001 && resumed.seqs.length === 1001, "the next live change");
    expect(parse(again).at(-1)?.seq).toBe(live.seq);
    expect(resumed.seqs.at(-1)).toBe(live.seq);
    expect(resumed.errors).toEqual([]);
    again.close();
    resumed.stop();
    await ws2.dispose();
  }, 300_000);

  it("sends a change in the documented shape: the GraphQL Change with all its items inline", async () => {
    const from = (await writer.write()).seq;
    const sse = await openSse(`${service.base}/changes?after=${from}`);
    const written = await writer.write();
    await until(() => parse(sse).length === 1, "one change");
    sse.close();
    const [change] = parse(sse);
    const { at, actor, items, ...rest } = change ?? { at: "", actor: "", items: [] };
    expect(rest).toEqual({
      id: `change:${written.seq}`,
      seq: written.seq,
      operation: "createEntity",
      clientMutationId: null,
      reason: null,
    });
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(actor).toMatch(/^feed-test-/);
    expect(items).toHaveLength(1);
    const [{ after, ...item } = { after: null }] = items;
    expect(item).toEqual({
      id: written.id,
      typename: "Place",
      action: "CREATED",
      version: 1,
      before: null,
      mergedInto: null,
    });
    expect((after as { name?: string } | null)?.name).toContain("Harbourtown");
  });

  it("filters by ids on the server, when catching up and live, over both doors", async () => {
    const from = (await writer.write()).seq;
    const batch = await writer.writeMany(6);
    const wanted = [batch[1]?.id ?? "", batch[4]?.id ?? ""];
    const sse = await openSse(`${service.base}/changes?after=${from}&ids=${wanted.join(",")}`);
    const ws = wsClient(wsUrl);
    const subscription = subscribeChanges(ws, { after: from, ids: wanted });
    await until(() => parse(sse).length === 2 && subscription.seqs.length === 2, "the 2 matching changes");
    // Live: a change to one of the ids (an update) and others that are not.
    await writer.writeMany(3);
    const updated = await service.graph.executor.read<{ version: number }>({
      name: "test.version",
      cypher: "MATCH (e:Entity {id: $id}) RETURN e.version AS version",
      params: { id: wanted[0] },
    });
    const { updateEntity } = await import("../../src/write/mutations/updateEntity");
    const outcome = await updateEntity(
      service.graph.executor,
      { subject: "feed-test" },
      {
        id: wanted[0] ?? "",
        expectedVersion: updated[0]?.version ?? 1,
        description: "Updated by the feed test.",
      },
    );
    if (outcome.kind !== "written") throw new Error(outcome.kind);
    await writer.writeMany(2);
    await until(() => parse(sse).length === 3 && subscription.seqs.length === 3, "the matching live change");
    const expected = [batch[1]?.seq, batch[4]?.seq, outcome.change.seq];
    expect(parse(sse).map((c) => c.seq)).toEqual(expected);
    expect(subscription.seqs).toEqual(expected);
    // Whole changes, every item: the same meaning as changes(ids:).
    const query = await fetch(service.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query:
          "query($ids: [ID!], $after: String) { changes(ids: $ids, after: $after) { edges { node { seq } } } }",
        variables: { ids: wanted, after: String(from) },
      }),
    });
    const body = (await query.json()) as { data: { changes: { edges: Array<{ node: { seq: number } }> } } };
    expect(body.data.changes.edges.map((e) => e.node.seq)).toEqual(expected);
    sse.close();
    subscription.stop();
    await ws.dispose();
  });

  it("from now when neither after nor Last-Event-ID is given; a heartbeat comment while idle", async () => {
    await writer.write();
    const sse = await openSse(`${service.base}/changes`);
    await until(() => sse.comments.includes("heartbeat"), "a heartbeat", 10_000);
    expect(parse(sse)).toEqual([]);
    const next = await writer.write();
    await until(() => parse(sse).length === 1, "the new change");
    expect(parse(sse)[0]?.seq).toBe(next.seq);
    sse.close();
  });

  it("refuses bad arguments with 400 and a clear JSON error", async () => {
    const cases: Array<[string, Record<string, string>, string, RegExp]> = [
      ["/changes?after=abc", {}, "after", /after.*whole number/],
      ["/changes?after=-1", {}, "after", /after/],
      ["/changes", { "last-event-id": "x1" }, "Last-Event-ID", /whole number/],
      ["/changes?ids=", {}, "ids", /1 to 256 characters/],
      [`/changes?ids=${Array.from({ length: 101 }, (_, i) => `e${i}`).join(",")}`, {}, "ids", /1 to 100/],
      ["/changes?after=999999999999", {}, "after", /past the newest change/],
    ];
    for (const [path, headers, argument, message] of cases) {
      const response = await openSse(`${service.base}${path}`, headers);
      expect([path, response.status]).toEqual([path, 400]);
      const body = response.body as {
        errors: Array<{ message: string; extensions: Record<string, unknown> }>;
      };
      expect(body.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
      expect(body.errors[0]?.message).toMatch(message);
    }
  });

  it("refuses a subscription sent over HTTP POST, with an error rather than a hang", async () => {
    const response = await fetch(service.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "subscription { changes { seq } }" }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
    // Apollo answers application/json with 200 and the error (the legacy JSON status rules).
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(/WebSocket/);
  });

  it("refuses a bad subscription argument with a GraphQL error", async () => {
    const ws = wsClient(wsUrl);
    const subscription = subscribeChanges(ws, { after: -5 });
    await until(() => subscription.done, "the error");
    expect(subscription.errors[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    await ws.dispose();
  });

  it("applies the operation limits to subscriptions too", async () => {
    const socket = new WebSocket(wsUrl, "graphql-transport-ws");
    const messages: Array<{ type: string; payload?: unknown }> = [];
    socket.on("message", (data: Buffer) => messages.push(JSON.parse(data.toString()) as { type: string }));
    await new Promise((resolve) => socket.once("open", resolve));
    socket.send(JSON.stringify({ type: "connection_init", payload: {} }));
    await until(() => messages.some((m) => m.type === "connection_ack"), "the ack");
    const aliases = `subscription { changes { ${Array.from({ length: 40 }, (_, i) => `a${i}: seq`).join(" ")} } }`;
    socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: aliases } }));
    await until(() => messages.some((m) => m.type === "error"), "the refusal");
    const refusal = messages.find((m) => m.type === "error") as unknown as {
      id: string;
      payload: Array<{ message: string }>;
    };
    expect(refusal.id).toBe("1");
    expect(refusal.payload[0]?.message).toMatch(/alias/i);
    socket.close();
  });
});
