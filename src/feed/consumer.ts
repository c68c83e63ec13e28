import type { FeedChange } from "../graph/feedRepository";
import { Queue } from "./queue";

/** Where a consumer reads the changes it missed: pages from Neo4j (FeedRepository.page). */
export interface ChangeSource {
  page(after: number, limit: number, ids: readonly string[] | null): Promise<FeedChange[]>;
}

/** What a live consumer is attached to: the process's one tailer (src/feed/tailer.ts). */
export interface LiveHub {
  /** Every change with a seq up to `head` has been offered to the attached consumers. */
  readonly head: number;
  /** The head, once the tailer runs (it reads the newest seq from Neo4j when it was idle). */
  ensureHead(): Promise<number>;
  attach(sink: LiveSink): void;
  detach(sink: LiveSink): void;
}

/** A live consumer, as the tailer sees it: offered every new change, in seq order, synchronously. */
export interface LiveSink {
  offer(change: FeedChange): void;
}

/** Thrown by {@link FeedConsumer.next} when its buffer overflowed: reconnect after `resumeAfter`. */
export class SlowConsumerError extends Error {
  readonly code = "SLOW_CONSUMER";
  constructor(readonly resumeAfter: number) {
    super(
      `The consumer fell too far behind the change feed and was disconnected; resume after seq ${resumeAfter}`,
    );
    this.name = "SlowConsumerError";
  }
}

export interface ConsumerOptions {
  /** The last seq the consumer has: it gets every (matching) change after it. */
  after: number;
  /** Only changes with an item whose id is one of these (as `changes(ids:)`); null: every change. */
  ids: ReadonlySet<string> | null;
  /** Live changes held for a consumer that has not taken them yet; one more and it is disconnected. */
  bufferLimit: number;
  /** Changes per read while catching up. */
  pageSize: number;
}

/** True when the change touched one of `ids` (an item's id, as ChangeItem.elementId). */
export function touches(change: FeedChange, ids: ReadonlySet<string> | null): boolean {
  return ids === null || change.items.some((item) => ids.has(item.id));
}

/**
 * One consumer of the feed: an async iterator of changes, in seq order, each once. It first catches
 * up from Neo4j a page at a time, a page only when it has taken the previous one (its own pace, so
 * a long history is never held in memory); once a read finds nothing past the tailer's head it
 * attaches to the tailer, synchronously, so that no change falls between the two: the tailer
 * offers every change after its head, and the consumer drops those it has read already. Live
 * changes wait in a buffer of `bufferLimit`; a consumer that lets it fill is detached at once, its
 * buffer dropped, and its next `next()` throws {@link SlowConsumerError} naming the last seq it took.
 */
export class FeedConsumer implements AsyncIterableIterator<FeedChange>, LiveSink {
  /** Every matching change up to this seq has been taken or is in the buffer. */
  private position: number;
  /** The seq of the last change `next()` returned (or `after`). */
  private taken: number;
  private mode: "catching-up" | "live" | "ended" = "catching-up";
  private readonly buffer = new Queue<FeedChange>();
  private failure: SlowConsumerError | null = null;
  private slow = false;
  private wake: (() => void) | null = null;
  private readonly idList: string[] | null;

  constructor(
    private readonly source: ChangeSource,
    private readonly hub: LiveHub,
    private readonly options: ConsumerOptions,
    private readonly onEnd: (consumer: FeedConsumer) => void = () => undefined,
  ) {
    this.position = options.after;
    this.taken = options.after;
    this.idList = options.ids === null ? null : [...options.ids];
  }

  /** The seq of the last change taken: where a consumer resumes. */
  get lastSeq(): number {
    return this.taken;
  }

  /** True once it was disconnected for letting its buffer fill. */
  get overflowed(): boolean {
    return this.slow;
  }

  get live(): boolean {
    return this.mode === "live";
  }

  /** Changes waiting in the buffer. */
  get buffered(): number {
    return this.buffer.length;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<FeedChange, undefined>> {
    for (;;) {
      if (this.failure !== null) {
        const failure = this.failure;
        this.failure = null;
        throw failure;
      }
      const change = this.buffer.shift();
      if (change !== undefined) {
        this.taken = change.seq;
        return { done: false, value: change };
      }
      if (this.mode === "ended") return { done: true, value: undefined };
      if (this.mode === "catching-up") {
        await this.catchUp();
      } else {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
      }
    }
  }

  /** Ends the iteration (the client went away, or the service stops). */
  return(): Promise<IteratorResult<FeedChange, undefined>> {
    this.end();
    return Promise.resolve({ done: true, value: undefined });
  }

  end(): void {
    if (this.mode === "ended") return;
    this.mode = "ended";
    this.buffer.clear();
    this.hub.detach(this);
    this.onEnd(this);
    this.wake?.();
  }

  /** Called by the tailer with every new change, in seq order. */
  offer(change: FeedChange): void {
    if (this.mode !== "live" || change.seq <= this.position) return;
    this.position = change.seq;
    if (!touches(change, this.options.ids)) return;
    if (this.buffer.length >= this.options.bufferLimit) {
      this.failure = new SlowConsumerError(this.taken);
      this.slow = true;
      this.end();
      return;
    }
    this.buffer.push(change);
    this.wake?.();
  }

  /** One page from Neo4j; attaches to the tailer once a read reaches past its head. */
  private async catchUp(): Promise<void> {
    const head = await this.hub.ensureHead();
    const page = await this.source.page(this.position, this.options.pageSize, this.idList);
    if (this.mode !== "catching-up") return;
    for (const change of page) {
      if (change.seq <= this.position) continue;
      this.position = change.seq;
      this.buffer.push(change);
    }
    if (page.length < this.options.pageSize) {
      // The read saw every change up to `head` at least (the tailer had read them before it began).
      this.position = Math.max(this.position, head);
      // Synchronously from here: the tailer cannot offer a change in between.
      if (this.hub.head <= this.position) {
        this.mode = "live";
        this.hub.attach(this);
      }
    }
  }
}
