import { randomUUID } from "node:crypto";
import { createClient, type Mirror, type MirrorElement, type MirrorUpdate } from "@kg-graphql/client";
import { bearer, postAs } from "../support/authHttp";
import { FeedWriter, until } from "../support/feedClients";
import { startHttpService, type HttpService } from "../support/httpService";
import { signedToken, TEST_SECRET } from "../support/tokens";

const CITATION = { documentId: "document:ichongqing-seeing-is-believing", quote: "Chongqing", occurrence: 1 };

/** A fresh NDJSON export as a mirror holds it. */
async function exportOf(base: string): Promise<{ seq: number; elements: Record<string, MirrorElement> }> {
  const lines = (await (await fetch(`${base}/export?format=ndjson`)).text())
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as { type: string; seq?: number; id?: string } & MirrorElement);
  const elements: Record<string, MirrorElement> = {};
  for (const { type, id, typename, version, data } of lines) {
    if (type === "element" && id !== undefined) elements[id] = { typename, version, data };
  }
  return { seq: lines[0]?.seq ?? -1, elements };
}

/** mirror() in this process against the real service: SSE (the README's three lines) and polling. */
describe("mirror() (real service, real HTTP)", () => {
  let service: HttpService;
  let token: string;
  beforeAll(async () => {
    service = await startHttpService({ NODE_ENV: "production", AUTH_JWT_SECRET: TEST_SECRET });
    token = await signedToken({ claims: { roles: ["admin"] } });
  });
  afterAll(() => service.stop());

  async function writeSome(count: number): Promise<void> {
    const run = randomUUID().slice(0, 8);
    for (let i = 0; i < count; i += 1) {
      const answer = await postAs(
        service.url,
        "mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id version } } }",
        { input: { kind: "PERSON", name: `Mirror person ${run} ${i}`, citations: [CITATION] } },
        bearer(token),
      );
      const entity = (answer.body.data as { createEntity: { entity: { id: string; version: number } } })
        .createEntity.entity;
      if (i % 2 === 0) {
        await postAs(
          service.url,
          "mutation($input: RetractInput!) { retract(input: $input) { change { seq } } }",
          { input: { id: entity.id, reason: "mirror test" } },
          bearer(token),
        );
      }
    }
  }

  async function lastSeq(): Promise<number> {
    const answer = await postAs(service.url, "{ lastChange { seq } }", {});
    return (answer.body.data as { lastChange: { seq: number } | null }).lastChange?.seq ?? 0;
  }

  const exported = () => exportOf(service.base);

  /** Runs the mirror while `during` writes, until it reflects the last seq; answers its updates. */
  async function follow(mirror: Mirror, during: () => Promise<void>): Promise<MirrorUpdate[]> {
    const updates: MirrorUpdate[] = [];
    let target = Number.POSITIVE_INFINITY;
    const running = (async () => {
      for await (const update of mirror) {
        updates.push(update);
        if ((mirror.seq ?? -1) >= target) break;
      }
    })();
    await during();
    target = await lastSeq();
    // The iteration ends at its next update past the target; one more write makes sure there is one.
    if ((mirror.seq ?? -1) < target) await running;
    else mirror.close();
    await running;
    return updates;
  }

  it("the README's three lines: export, then the SSE feed, ends equal to a fresh export", async () => {
    await writeSome(2);
    const mirror = createClient({ url: service.url }).mirror();
    const updates = await follow(mirror, () => writeSome(6));
    expect(mirror.feed).toBe("sse");
    const snapshot = updates[0];
    expect(snapshot).toMatchObject({ kind: "snapshot", source: "export" });
    const fresh = await exported();
    // Every change after the export's seq, once each, in order (the writes ran during the export).
    const changes = updates.filter((u) => u.kind === "change").map((u) => u.seq);
    const from = (snapshot?.seq ?? 0) + 1;
    expect(changes).toEqual(Array.from({ length: fresh.seq - from + 1 }, (_, i) => from + i));
    expect(changes.length).toBeGreaterThan(0);
    expect(mirror.seq).toBe(fresh.seq);
    expect(Object.fromEntries(mirror.elements)).toEqual(fresh.elements);
  });

  it("polling the GraphQL changes query instead (feed: poll) ends equal to a fresh export too", async () => {
    const mirror = createClient({ url: service.url }).mirror({ feed: "poll", pollIntervalMs: 100 });
    await follow(mirror, () => writeSome(4));
    expect(mirror.feed).toBe("poll");
    const fresh = await exported();
    expect(mirror.seq).toBe(fresh.seq);
    expect(Object.fromEntries(mirror.elements)).toEqual(fresh.elements);
  });

  it("resumes from a saved copy without exporting again", async () => {
    const first = createClient({ url: service.url }).mirror();
    await follow(first, () => writeSome(1));
    const saved = { seq: first.seq ?? 0, elements: [...first.elements] };
    await writeSome(2);
    const resumed = createClient({ url: service.url }).mirror({ from: saved });
    const updates = await follow(resumed, () => writeSome(1));
    expect(updates.some((u) => u.kind === "snapshot")).toBe(false);
    expect(updates.find((u) => u.kind === "change")?.seq).toBe(saved.seq + 1);
    const fresh = await exported();
    expect(Object.fromEntries(resumed.elements)).toEqual(fresh.elements);
  });
});

/** An SSE event as the mirror's connection received it. */
interface SeenEvent {
  event: string;
  id: string | undefined;
  data: string;
}

/** Each GET /changes the mirror made: its URL, its Last-Event-ID and the events that came. */
interface SeenStream {
  url: URL;
  lastEventId: string | null;
  events: SeenEvent[];
}

/**
 * A fetch that passes /changes bodies through a watcher: every chunk is parsed as it goes by and
 * handed on at the mirror's pace (a TransformStream keeps the backpressure: nothing is read ahead).
 */
function watchingFetch(streams: SeenStream[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname !== "/changes" || response.body === null) return response;
    const seen: SeenStream = {
      url,
      lastEventId: new Headers(init?.headers).get("last-event-id"),
      events: [],
    };
    streams.push(seen);
    const decoder = new TextDecoder();
    let text = "";
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          text += decoder.decode(chunk, { stream: true });
          for (let end = text.indexOf("\n\n"); end >= 0; end = text.indexOf("\n\n")) {
            const lines = text.slice(0, end).split("\n");
            text = text.slice(end + 2);
            const field = (name: string): string | undefined =>
              lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
            const data = field("data");
            if (data !== undefined)
              seen.events.push({ event: field("event") ?? "message", id: field("id"), data });
          }
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** A metric's value from GET /metrics. */
async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return Number(line?.split(" ").at(-1) ?? NaN);
}

describe("mirror() as a slow consumer: overflow, then resume (real service, small FEED_* limits)", () => {
  let service: HttpService;
  let writer: FeedWriter;
  beforeAll(async () => {
    service = await startHttpService({
      NODE_ENV: "production",
      FEED_BUFFER_CHANGES: "5",
      FEED_PAGE_SIZE: "5",
    });
    writer = new FeedWriter(service.graph.executor);
    // Large changes: the sockets' buffers fill with fewer of them.
    writer.descriptionLength = 2_000;
    await writer.start();
  });
  afterAll(async () => {
    await writer.cleanup();
    await service.stop();
  });

  it("is disconnected with an overflow event naming resumeAfter, resumes there, and ends equal to a fresh export", async () => {
    const streams: SeenStream[] = [];
    const mirror = createClient({ url: service.url, fetch: watchingFetch(streams) }).mirror();
    const updates: MirrorUpdate[] = [];
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let stalled = false;
    let target = Number.POSITIVE_INFINITY;
    const running = (async () => {
      for await (const update of mirror) {
        updates.push(update);
        if ((mirror.seq ?? -1) >= target) break;
        // The app stops taking updates after its first change (a long save, say): the mirror stops
        // reading its stream, and the server's buffer for it fills.
        if (update.kind === "change" && !stalled) {
          stalled = true;
          await released;
        }
      }
    })();
    const slowBefore = await metric(service.base, "feed_slow_consumers_total");
    await until(() => updates.some((u) => u.kind === "snapshot"), "the mirror's snapshot");
    await writer.write();
    await until(() => stalled, "the mirror's first change");
    let written = 0;
    while ((await metric(service.base, "feed_slow_consumers_total")) === slowBefore) {
      if (written > 3_000) throw new Error("the stalled mirror was never disconnected");
      written += (await writer.writeMany(20)).length;
    }
    release();
    // Changes after the overflow too: the mirror must pick them up on its new stream.
    await writer.writeMany(5);
    const fresh = await exportOf(service.base);
    target = fresh.seq;
    if ((mirror.seq ?? -1) >= target) mirror.close();
    await running;

    // The first stream ended with the overflow event, after the change it names.
    const first = streams[0];
    const overflow = first?.events.at(-1);
    expect(overflow?.event).toBe("overflow");
    const { code, resumeAfter } = JSON.parse(overflow?.data ?? "{}") as { code: string; resumeAfter: number };
    expect(code).toBe("SLOW_CONSUMER");
    const sent = first?.events.filter((e) => e.event === "change").map((e) => Number(e.id)) ?? [];
    expect(sent.at(-1)).toBe(resumeAfter);
    expect(sent.length).toBeLessThan(written);
    expect(streams.filter((s) => s.events.some((e) => e.event === "overflow"))).toHaveLength(1);
    expect(await metric(service.base, "feed_slow_consumers_total")).toBe(slowBefore + 1);
    // The mirror reconnected from exactly there (the URL's `after` and Last-Event-ID).
    const second = streams[1];
    expect(second?.url.searchParams.get("after")).toBe(String(resumeAfter));
    expect(second?.lastEventId).toBe(String(resumeAfter));
    expect(second?.events[0]?.id).toBe(String(resumeAfter + 1));

    // No failure was reported; every change after the snapshot once, in order; equal to the export.
    expect(updates.filter((u) => u.kind === "disconnected")).toEqual([]);
    const snapshot = updates[0];
    expect(snapshot).toMatchObject({ kind: "snapshot", source: "export" });
    const changes = updates.filter((u) => u.kind === "change").map((u) => u.seq);
    const from = (snapshot?.seq ?? 0) + 1;
    expect(changes).toEqual(Array.from({ length: fresh.seq - from + 1 }, (_, i) => from + i));
    expect(mirror.seq).toBe(fresh.seq);
    expect(Object.fromEntries(mirror.elements)).toEqual(fresh.elements);
  }, 600_000);
});
