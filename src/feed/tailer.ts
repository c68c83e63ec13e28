import type { FeedChange } from "../graph/feedRepository";
import type { Logger } from "../logger";
import type { LiveHub, LiveSink } from "./consumer";

/** What the tailer reads: the newest seq, and pages of changes after a seq (all of them, unfiltered). */
export interface TailSource {
  lastSeq(): Promise<number>;
  page(after: number, limit: number, ids: null): Promise<FeedChange[]>;
}

export interface TailerOptions {
  /** FEED_POLL_MS: how often Neo4j is asked for changes after the head while consumers are live. */
  pollIntervalMs: number;
  /** FEED_PAGE_SIZE: changes per read. */
  pageSize: number;
}

/** After a failed read the tailer waits longer, doubling up to this. */
const MAX_BACKOFF_MS = 5_000;

/**
 * The one reader of new changes in a process: while any consumer is live it reads the changes
 * after its head from Neo4j (so commits made by any instance are found), every `pollIntervalMs`,
 * or at once when `wake()` says a local write committed, and offers each change, in seq order, to
 * every live consumer. It holds no history: a consumer that needs older changes reads them itself.
 * A poll that finds nothing is one index seek (the Change.seq range after the head, empty): asking
 * for the change-log node's seq first was measured no cheaper (bench/feed.ts: a poll's cost is its
 * transaction's round trips, not the seek) and would add a round trip whenever something is new.
 * With no live consumer it stops; started again, it reads the newest seq afresh.
 */
export class ChangeTailer implements LiveHub {
  private current = 0;
  /** True while `current` is known to be the last change offered (the loop runs, or just did). */
  private fresh = false;
  private starting: Promise<number> | null = null;
  private running = false;
  private stopped = false;
  private readonly sinks = new Set<LiveSink>();
  private pending = false;
  private sleeper: { timer: NodeJS.Timeout; resolve: () => void } | null = null;
  private failures = 0;

  constructor(
    private readonly source: TailSource,
    private readonly options: TailerOptions,
    private readonly logger: Logger,
  ) {}

  get head(): number {
    return this.current;
  }

  /** Live consumers now. */
  get attached(): number {
    return this.sinks.size;
  }

  async ensureHead(): Promise<number> {
    if (this.stopped) throw new Error("the change feed has stopped");
    if (this.fresh) return this.current;
    this.starting ??= this.source
      .lastSeq()
      .then((seq) => {
        // Only forward: a consumer may already hold a head it read earlier.
        if (!this.fresh) this.current = Math.max(this.current, seq);
        this.fresh = true;
        this.start();
        return this.current;
      })
      .finally(() => {
        this.starting = null;
      });
    return this.starting;
  }

  attach(sink: LiveSink): void {
    if (this.stopped) return;
    this.sinks.add(sink);
    this.fresh = true;
    this.start();
  }

  detach(sink: LiveSink): void {
    this.sinks.delete(sink);
  }

  /** A local commit: read now rather than at the next poll. */
  wake(): void {
    if (!this.running) return;
    if (this.sleeper !== null) {
      clearTimeout(this.sleeper.timer);
      this.sleeper.resolve();
      this.sleeper = null;
    } else {
      this.pending = true;
    }
  }

  stop(): void {
    this.stopped = true;
    this.sinks.clear();
    this.wake();
  }

  private start(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    void this.loop();
  }

  private async loop(): Promise<void> {
    // One round even without live consumers: one that attaches right after ensureHead() finds it running.
    let first = true;
    for (;;) {
      if (this.stopped || (!first && this.sinks.size === 0)) {
        // In the same synchronous step as the check: an attach from now on starts a new loop.
        this.running = false;
        this.fresh = false;
        return;
      }
      first = false;
      this.pending = false;
      let full = false;
      try {
        const page = await this.source.page(this.current, this.options.pageSize, null);
        this.failures = 0;
        for (const change of page) this.publish(change);
        full = page.length === this.options.pageSize;
      } catch (error) {
        this.failures += 1;
        this.logger.warn({ err: error, failures: this.failures }, "change feed: reading new changes failed");
      }
      if (full || this.pending || this.stopped) continue;
      const wait =
        this.failures === 0
          ? this.options.pollIntervalMs
          : Math.min(MAX_BACKOFF_MS, this.options.pollIntervalMs * 2 ** this.failures);
      await new Promise<void>((resolve) => {
        this.sleeper = { timer: setTimeout(resolve, wait), resolve };
      });
      this.sleeper = null;
    }
  }

  private publish(change: FeedChange): void {
    if (change.seq <= this.current) return;
    if (change.seq !== this.current + 1) {
      this.logger.warn({ after: this.current, seq: change.seq }, "change feed: seqs are not contiguous");
    }
    this.current = change.seq;
    // A consumer may detach itself (overflow) while being offered: iterate over a copy.
    for (const sink of [...this.sinks]) sink.offer(change);
  }
}
