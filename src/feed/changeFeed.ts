import type { Config } from "../config";
import type { CypherExecutor } from "../graph/executor";
import { FeedRepository } from "../graph/feedRepository";
import { readGraphVersion } from "../graph/graphVersion";
import type { Logger } from "../logger";
import { onCommit } from "../write/commitSignal";
import type { FeedArguments } from "./arguments";
import { FeedConsumer } from "./consumer";
import { ChangeTailer } from "./tailer";

/** Why a consumer could not be opened. */
export class FeedRefusal extends Error {
  constructor(
    readonly code: "BAD_USER_INPUT" | "SERVICE_UNAVAILABLE",
    message: string,
    readonly argument?: string,
  ) {
    super(message);
    this.name = "FeedRefusal";
  }
}

export interface ChangeFeedOptions {
  executor: CypherExecutor;
  logger: Logger;
  feed: Config["feed"];
  /** Each Neo4j read of the feed must finish within this (REQUEST_TIMEOUT_MS). */
  readTimeoutMs: number;
}

/**
 * The change feed of one process (docs/feeds.md): one tailer, any number of consumers (up to
 * FEED_MAX_CONSUMERS), each reading from its own `after`. The SSE route and the GraphQL
 * subscription both open their consumers here.
 */
export class ChangeFeed {
  private readonly repository: FeedRepository;
  private readonly tailer: ChangeTailer;
  private readonly consumers = new Set<FeedConsumer>();
  private readonly stopSignal: () => void;
  private closed = false;

  constructor(private readonly options: ChangeFeedOptions) {
    const { executor, logger, readTimeoutMs, feed } = options;
    const bounded = (): CypherExecutor => executor.forRequest(logger, Date.now() + readTimeoutMs);
    this.repository = new FeedRepository(bounded);
    const repository = this.repository;
    this.tailer = new ChangeTailer(
      {
        lastSeq: () => readGraphVersion(bounded()),
        page: (after, limit) => repository.page(after, limit, null),
      },
      { pollIntervalMs: feed.pollIntervalMs, pageSize: feed.pageSize },
      logger,
    );
    this.stopSignal = onCommit(() => this.tailer.wake());
  }

  /** Consumers disconnected so far for falling FEED_BUFFER_CHANGES behind. */
  slowConsumers = 0;

  /** Open consumers. */
  get size(): number {
    return this.consumers.size;
  }

  /** Consumers attached to the tailer (caught up); the others are reading the log at their own pace. */
  get live(): number {
    return this.tailer.attached;
  }

  /** The newest seq in Neo4j now. */
  lastSeq(): Promise<number> {
    return readGraphVersion(
      this.options.executor.forRequest(this.options.logger, Date.now() + this.options.readTimeoutMs),
    );
  }

  /**
   * A consumer from `after` (null: from now). Refused when FEED_MAX_CONSUMERS are open, or when
   * `after` is past the newest change (a seq from another graph: it would wait for changes it has).
   */
  async open({ after, ids }: FeedArguments): Promise<FeedConsumer> {
    const { feed } = this.options;
    if (this.closed) throw new FeedRefusal("SERVICE_UNAVAILABLE", "The service is shutting down");
    if (this.consumers.size >= feed.maxConsumers) throw this.full();
    let start: number;
    if (after === null) {
      start = await this.tailer.ensureHead();
    } else {
      const newest = await this.lastSeq();
      if (after > newest) {
        throw new FeedRefusal(
          "BAD_USER_INPUT",
          `\`after\` is ${after}, past the newest change (${newest}): resume from a seq this graph has given`,
          "after",
        );
      }
      start = after;
    }
    if (this.closed) throw new FeedRefusal("SERVICE_UNAVAILABLE", "The service is shutting down");
    if (this.consumers.size >= feed.maxConsumers) throw this.full();
    const consumer = new FeedConsumer(
      this.repository,
      this.tailer,
      {
        after: start,
        ids: ids === null ? null : new Set(ids),
        bufferLimit: feed.bufferChanges,
        pageSize: feed.pageSize,
      },
      (ended) => {
        this.consumers.delete(ended);
        if (ended.overflowed) this.slowConsumers += 1;
      },
    );
    this.consumers.add(consumer);
    return consumer;
  }

  private full(): FeedRefusal {
    return new FeedRefusal(
      "SERVICE_UNAVAILABLE",
      `The change feed serves at most ${this.options.feed.maxConsumers} consumers at once (FEED_MAX_CONSUMERS); retry later`,
    );
  }

  /** Ends every consumer (their iterations complete) and stops the tailer; no new consumer opens. */
  close(): void {
    this.closed = true;
    this.stopSignal();
    for (const consumer of [...this.consumers]) consumer.end();
    this.tailer.stop();
  }
}
