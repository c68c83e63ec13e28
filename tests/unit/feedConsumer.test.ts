import pino from "pino";
import { FeedConsumer, SlowConsumerError, touches, type ChangeSource } from "../../src/feed/consumer";
import { Queue } from "../../src/feed/queue";
import { ChangeTailer } from "../../src/feed/tailer";
import type { FeedChange } from "../../src/graph/feedRepository";

const logger = pino({ level: "silent" });

const change = (seq: number, ids: string[] = [`e${seq}`]): FeedChange => ({
  __typename: "Change",
  id: `change:${seq}`,
  seq,
  at: "2026-11-29T00:00:00.000Z",
  actor: "test",
  operation: "createEntity",
  clientMutationId: null,
  reason: null,
  items: ids.map((id) => ({
    id,
    typename: "Place",
    action: "CREATED",
    version: 1,
    before: null,
    after: {},
    mergedInto: null,
  })),
});

/** An in-memory change log: what Neo4j would answer, with reads that can be held back. */
class FakeLog implements ChangeSource {
  changes: FeedChange[] = [];
  reads = 0;
  /** When set, page reads wait for it. */
  gate: Promise<void> | null = null;

  commit(n = 1, ids?: string[]): void {
    for (let i = 0; i < n; i += 1) this.changes.push(change(this.changes.length + 1, ids));
  }

  lastSeq(): Promise<number> {
    return Promise.resolve(this.changes.length);
  }

  async page(after: number, limit: number, ids: readonly string[] | null): Promise<FeedChange[]> {
    this.reads += 1;
    // The snapshot is taken when the read starts, like a transaction.
    const snapshot = [...this.changes];
    if (this.gate) await this.gate;
    const wanted = ids === null ? null : new Set(ids);
    return snapshot.filter((c) => c.seq > after && touches(c, wanted)).slice(0, limit);
  }
}

const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function take(consumer: FeedConsumer, n: number): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const step = await consumer.next();
    if (step.done) break;
    seqs.push(step.value.seq);
  }
  return seqs;
}

describe("Queue", () => {
  it("is first in, first out across compactions", () => {
    const queue = new Queue<number>();
    const out: number[] = [];
    for (let i = 0; i < 5000; i += 1) {
      queue.push(i);
      if (i % 3 === 0) out.push(queue.shift() ?? -1);
    }
    while (queue.length > 0) out.push(queue.shift() ?? -1);
    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(queue.shift()).toBeUndefined();
  });
});

describe("FeedConsumer with the tailer", () => {
  let log: FakeLog;
  let tailer: ChangeTailer;
  const open = (
    after: number,
    options: Partial<{ ids: string[]; bufferLimit: number; pageSize: number }> = {},
  ) =>
    new FeedConsumer(log, tailer, {
      after,
      ids: options.ids ? new Set(options.ids) : null,
      bufferLimit: options.bufferLimit ?? 100,
      pageSize: options.pageSize ?? 10,
    });

  beforeEach(() => {
    log = new FakeLog();
    // The tailer reads without the gate: it may see commits that a consumer's read in flight does not.
    tailer = new ChangeTailer(
      {
        lastSeq: () => log.lastSeq(),
        page: (after, limit) => Promise.resolve(log.changes.filter((c) => c.seq > after).slice(0, limit)),
      },
      { pollIntervalMs: 5, pageSize: 10 },
      logger,
    );
  });
  afterEach(() => tailer.stop());

  it("catches up a page at a time, at the consumer's pace, then goes live with nothing missed or twice", async () => {
    log.commit(35);
    const consumer = open(3);
    expect(await take(consumer, 10)).toEqual(Array.from({ length: 10 }, (_, i) => i + 4));
    // Pages are read as they are taken: the rest of the history is not in memory.
    expect(consumer.buffered).toBeLessThanOrEqual(10);
    const readsSoFar = log.reads;
    await tick(30);
    expect(consumer.buffered).toBeLessThanOrEqual(10);
    expect(log.reads - readsSoFar).toBeLessThan(20);
    expect(await take(consumer, 22)).toEqual(Array.from({ length: 22 }, (_, i) => i + 14));
    log.commit(3);
    tailer.wake();
    expect(await take(consumer, 3)).toEqual([36, 37, 38]);
    expect(consumer.live).toBe(true);
    await consumer.return();
  });

  it("hands over from catching up to live without a gap while changes commit during its last read", async () => {
    log.commit(5);
    // Another consumer keeps the tailer running.
    const other = open(5);
    const otherSeqs = take(other, 7);
    await tick(10);
    expect(other.live).toBe(true);
    let release: () => void = () => undefined;
    log.gate = new Promise((resolve) => (release = resolve));
    const consumer = open(0, { pageSize: 100 });
    const first = take(consumer, 12);
    await tick(5);
    // Committed after the consumer's read began: its snapshot does not have them; the tailer reads them.
    log.commit(7);
    tailer.wake();
    await tick(20);
    expect(tailer.head).toBe(12);
    log.gate = null;
    release();
    expect(await otherSeqs).toEqual([6, 7, 8, 9, 10, 11, 12]);
    expect(await first).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    log.commit(1);
    tailer.wake();
    expect(await take(consumer, 1)).toEqual([13]);
    await consumer.return();
    await other.return();
  }, 5_000);

  it("filters by ids while catching up and live", async () => {
    log.commit(4);
    log.commit(1, ["x", "y"]);
    log.commit(3);
    const consumer = open(0, { ids: ["y"] });
    expect(await take(consumer, 1)).toEqual([5]);
    log.commit(2);
    log.commit(1, ["y"]);
    tailer.wake();
    expect(await take(consumer, 1)).toEqual([11]);
    await consumer.return();
  });

  it("disconnects a consumer whose buffer overflows, naming the last seq it took; another goes on", async () => {
    log.commit(2);
    const slow = open(0, { bufferLimit: 3 });
    const fast = open(0, { bufferLimit: 3 });
    expect(await take(slow, 2)).toEqual([1, 2]);
    expect(await take(fast, 2)).toEqual([1, 2]);
    // Both go live once a read finds nothing more.
    const fastNext = take(fast, 1);
    const slowNext = take(slow, 1);
    log.commit(1);
    tailer.wake();
    expect(await fastNext).toEqual([3]);
    expect(await slowNext).toEqual([3]);
    // The slow one stops taking; the fast one keeps up.
    const fastSeqs: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      log.commit(1);
      tailer.wake();
      fastSeqs.push(...(await take(fast, 1)));
    }
    expect(fastSeqs).toEqual([4, 5, 6, 7, 8, 9]);
    await expect(slow.next()).rejects.toEqual(new SlowConsumerError(3));
    expect(slow.overflowed).toBe(true);
    expect(await slow.next()).toEqual({ done: true, value: undefined });
    expect(fast.overflowed).toBe(false);
    expect(tailer.attached).toBe(1);
    await fast.return();
  });

  it("ends a consumer waiting for changes when it is returned", async () => {
    const consumer = open(0);
    const waiting = consumer.next();
    await tick(20);
    await consumer.return();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(tailer.attached).toBe(0);
  });

  it("the tailer stops reading once no consumer is live, and starts afresh from the newest seq", async () => {
    const consumer = open(0);
    const waiting = consumer.next();
    await tick(20);
    await consumer.return();
    await waiting;
    await tick(20);
    const reads = log.reads;
    await tick(50);
    expect(log.reads).toBe(reads);
    log.commit(4);
    expect(await tailer.ensureHead()).toBe(4);
  });
});
