import { randomUUID } from "node:crypto";
import { createClient, type Mirror, type MirrorElement, type MirrorUpdate } from "@kg-graphql/client";
import { bearer, postAs } from "../support/authHttp";
import { startHttpService, type HttpService } from "../support/httpService";
import { signedToken, TEST_SECRET } from "../support/tokens";

const CITATION = { documentId: "document:ichongqing-seeing-is-believing", quote: "Chongqing", occurrence: 1 };

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

  async function exported(): Promise<{ seq: number; elements: Record<string, MirrorElement> }> {
    const lines = (await (await fetch(`${service.base}/export?format=ndjson`)).text())
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as { type: string; seq?: number; id?: string } & MirrorElement);
    const elements: Record<string, MirrorElement> = {};
    for (const { type, id, typename, version, data } of lines) {
      if (type === "element" && id !== undefined) elements[id] = { typename, version, data };
    }
    return { seq: lines[0]?.seq ?? -1, elements };
  }

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
