import { applyChange, parseChange, type MirrorElement } from "../../packages/client/src/change";
import { nodesOf } from "../../packages/client/src/connection";
import { TransportError } from "../../packages/client/src/errors";
import { eventsOf, linesOf } from "../../packages/client/src/lines";
import { backoffMs, retryAfterMs, retryPolicy } from "../../packages/client/src/retry";

/** A body that arrives in the given chunks (split anywhere, even inside a character). */
function body(
  chunks: Array<string | Uint8Array>,
  then: "end" | "error" | "hang" = "end",
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk !== undefined) controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      else if (then === "end") controller.close();
      else if (then === "error") controller.error(new TypeError("terminated"));
      else return new Promise<void>(() => undefined);
      return undefined;
    },
  });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const item = (id: string, after: Record<string, unknown> | null, version: number | null = 1) => ({
  id,
  typename: "Person",
  action: after === null ? "RETRACTED" : "UPDATED",
  version,
  before: null,
  after,
  mergedInto: null,
});

describe("the client's streams", () => {
  it("splits lines across chunks, CRLF or LF, a character split between chunks, and a last line without newline", async () => {
    const snow = new TextEncoder().encode("é");
    const lines = await collect(
      linesOf(body(["a\r\nb", "c\n", snow.slice(0, 1), snow.slice(1), "\n\nlast"]), 1_000),
    );
    expect(lines).toEqual(["a", "bc", "é", "", "last"]);
  });

  it("turns a body that fails mid-way, or goes silent, into a TransportError", async () => {
    await expect(collect(linesOf(body(["a\n"], "error"), 1_000))).rejects.toBeInstanceOf(TransportError);
    await expect(collect(linesOf(body(["a\n"], "hang"), 50))).rejects.toThrow(/nothing received for 50 ms/);
  });

  it("reads Server-Sent Events: comments skipped, data lines joined, id kept, a blank line dispatches", async () => {
    const lines = [
      ": heartbeat",
      "",
      "event: change",
      "id: 7",
      'data: {"a":',
      "data: 1}",
      "",
      "data:plain",
      "",
      "event: x",
    ];
    const source: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => {
        const rest = [...lines];
        return {
          next: () =>
            Promise.resolve(
              rest.length > 0
                ? { value: rest.shift() ?? "", done: false }
                : { value: undefined, done: true as const },
            ),
        };
      },
    };
    expect(await collect(eventsOf(source))).toEqual([
      { event: "change", id: "7", data: '{"a":\n1}' },
      { event: "message", id: "7", data: "plain" },
    ]);
  });

  it("applies changes by the mirror's rule: after null deletes, anything else sets", () => {
    const elements = new Map<string, MirrorElement>([
      ["person:a", { typename: "Person", version: 1, data: { name: "A" } }],
    ]);
    applyChange(
      elements,
      parseChange({ seq: 2, items: [item("person:a", null, null), item("person:b", { name: "B" }, 3)] }),
    );
    expect([...elements]).toEqual([["person:b", { typename: "Person", version: 3, data: { name: "B" } }]]);
  });

  it("refuses a change it could apply wrongly", () => {
    expect(() => parseChange({ seq: "2", items: [] })).toThrow(TransportError);
    expect(() => parseChange({ seq: 2, items: [{ ...item("x", { a: 1 }), action: "TOUCHED" }] })).toThrow(
      /unknown action/,
    );
    expect(() => parseChange({ seq: 2, items: [item("x", { a: 1 }, null)] })).toThrow(/version/);
  });

  it("pages through a connection and refuses one whose cursor does not move", async () => {
    const pages = new Map<
      string | null,
      { edges: Array<{ node: number }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
    >([
      [null, { edges: [{ node: 1 }, { node: 2 }], pageInfo: { hasNextPage: true, endCursor: "2" } }],
      ["2", { edges: [{ node: 3 }], pageInfo: { hasNextPage: false, endCursor: "3" } }],
    ]);
    expect(await collect(nodesOf((after) => Promise.resolve(pages.get(after))))).toEqual([1, 2, 3]);
    const stuck = { edges: [], pageInfo: { hasNextPage: true, endCursor: null } };
    await expect(collect(nodesOf(() => Promise.resolve(stuck)))).rejects.toThrow(/cursor did not move/);
  });

  it("waits as Retry-After says (seconds or a date), capped; otherwise exponentially with jitter", () => {
    const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 5_000 });
    expect(retryAfterMs("2")).toBe(2_000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 7_000)).toBe(3_000);
    expect(retryAfterMs("soon")).toBeUndefined();
    expect(backoffMs(policy, 1, 2_000)).toBe(2_000);
    expect(backoffMs(policy, 1, 60_000)).toBe(5_000);
    expect(backoffMs(policy, 3, undefined, () => 1)).toBe(400);
    expect(backoffMs(policy, 30, undefined, () => 1)).toBe(5_000);
    expect(backoffMs(policy, 3, undefined, () => 0.5)).toBe(200);
  });
});
