import { applyChange, parseChange, type Change, type ChangeItem, type MirrorElement } from "./change.js";
import { nodesOf } from "./connection.js";
import { GraphQLRequestError, TransportError } from "./errors.js";
import { eventsOf, linesOf } from "./lines.js";
import { ChangeItemsDocument, MirrorChangesDocument } from "./operations.js";
import { backoffMs, isRetryable, RetryableError, sleep } from "./retry.js";
import type { Transport } from "./transport.js";

/** How the mirror follows the log after its snapshot. */
export type FeedMode =
  /** Server-Sent Events (`GET /changes`); polling when the service has no /changes (404). */
  | "auto"
  | "sse"
  /** The GraphQL `changes(after:, first:)` query, every `pollIntervalMs` while there is nothing new. */
  | "poll";

export interface MirrorOptions {
  /** Resume from a copy saved earlier (its seq and elements): no export, the feed goes on from `seq`. */
  from?: { seq: number; elements: Iterable<readonly [string, MirrorElement]> };
  /** Default `auto`. */
  feed?: FeedMode;
  /** Polling: wait this long after an empty page (default 1000 ms). */
  pollIntervalMs?: number;
  /** A stream silent this long is taken as cut and reopened (default 45 000 ms: three missed heartbeats). */
  idleTimeoutMs?: number;
  /** Consecutive failures before the mirror gives up and its iteration throws (default: never gives up). */
  maxConsecutiveFailures?: number;
  signal?: AbortSignal;
}

/** What the mirror did; the iteration yields one after each step, with the copy already updated. */
export type MirrorUpdate =
  /** The copy was replaced by an export at `seq` (or, without /export, emptied to replay from 0). */
  | { kind: "snapshot"; seq: number; source: "export" | "replay"; elements: number }
  /** One change applied: the copy now reflects `seq`. */
  | { kind: "change"; seq: number; change: Change }
  /** The connection failed; the mirror reconnects after `retryInMs` and resumes after `seq`. */
  | { kind: "disconnected"; seq: number | undefined; error: Error; retryInMs: number };

/** A change item as the mirror polls it: `before` is not fetched (parseChange makes it null). */
type PolledItem = Omit<ChangeItem, "before">;

/** A change whose seq does not follow the copy's: reconnect from the copy's seq. */
class FeedGapError extends TransportError {}

interface ExportLine {
  type?: unknown;
  seq?: unknown;
  id?: unknown;
  typename?: unknown;
  version?: unknown;
  data?: unknown;
  elements?: unknown;
}

/**
 * A local copy of the graph kept in sync: the export (NDJSON) at seq N, then every change after
 * N, applied by the rule in docs/feeds.md. Iterate it to run it; across disconnects it resumes
 * after its last applied seq, so it misses nothing and applies nothing twice.
 */
export class Mirror implements AsyncIterable<MirrorUpdate> {
  private readonly copy = new Map<string, MirrorElement>();
  private current: number | undefined;
  private mode: FeedMode;
  private readonly controller = new AbortController();
  private started = false;

  constructor(
    private readonly transport: Transport,
    private readonly options: MirrorOptions = {},
  ) {
    this.mode = options.feed ?? "auto";
    if (options.from !== undefined) {
      this.current = options.from.seq;
      for (const [id, element] of options.from.elements) this.copy.set(id, element);
    }
    options.signal?.addEventListener("abort", () => this.close(), { once: true });
  }

  /** The copy: element id to `{typename, version, data}`. */
  get elements(): ReadonlyMap<string, MirrorElement> {
    return this.copy;
  }

  /** The seq the copy reflects; undefined before the first snapshot. */
  get seq(): number | undefined {
    return this.current;
  }

  /** The feed in use: `auto` turns into `sse` or `poll` once the service has answered. */
  get feed(): FeedMode {
    return this.mode;
  }

  /** Stops the mirror: open connections are cut and the iteration ends. */
  close(): void {
    this.controller.abort(new Error("mirror closed"));
  }

  [Symbol.asyncIterator](): AsyncIterator<MirrorUpdate> {
    if (this.started) throw new Error("a mirror can be iterated once");
    this.started = true;
    return this.run();
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  private async *run(): AsyncGenerator<MirrorUpdate, void, undefined> {
    let failures = 0;
    try {
      while (!this.signal.aborted) {
        try {
          if (this.current === undefined) {
            yield await this.snapshot();
          }
          let applied = 0;
          for await (const change of this.follow(this.current ?? 0)) {
            applyChange(this.copy, change);
            this.current = change.seq;
            applied += 1;
            failures = 0;
            yield { kind: "change", seq: change.seq, change };
          }
          // The stream ended (overflow, or the service closed it): reconnect, at once if it moved.
          if (applied === 0) await sleep(this.backoff(++failures, undefined), this.signal);
        } catch (error) {
          if (this.signal.aborted) return;
          if (!isRetryable(error)) throw error;
          failures += 1;
          const limit = this.options.maxConsecutiveFailures;
          if (limit !== undefined && failures > limit)
            throw error instanceof RetryableError ? error.reason : error;
          const retryInMs = this.backoff(
            failures,
            error instanceof RetryableError ? error.retryAfterMs : undefined,
          );
          yield {
            kind: "disconnected",
            seq: this.current,
            error: error instanceof RetryableError ? error.reason : (error as Error),
            retryInMs,
          };
          await sleep(retryInMs, this.signal);
        }
      }
    } catch (error) {
      if (!this.signal.aborted) throw error;
    } finally {
      this.close();
    }
  }

  private backoff(failures: number, retryAfter: number | undefined): number {
    return backoffMs(this.transport.options.retry, Math.min(failures, 16), retryAfter);
  }

  private get idleTimeoutMs(): number {
    return this.options.idleTimeoutMs ?? 45_000;
  }

  /** GET /export?format=ndjson into a fresh map, swapped in only once the end line has arrived. */
  private async snapshot(): Promise<MirrorUpdate> {
    const response = await this.transport.open(
      this.transport.endpoint("export?format=ndjson"),
      { accept: "application/x-ndjson" },
      this.signal,
    );
    if (response.status === 404) {
      // No bulk export on this service: a replay of changes 1..N equals the export at N.
      await response.body?.cancel();
      this.copy.clear();
      this.current = 0;
      return { kind: "snapshot", seq: 0, source: "replay", elements: 0 };
    }
    if (!response.ok || response.body === null) {
      await response.body?.cancel();
      throw new GraphQLRequestError(`export: HTTP ${response.status}`, response.status, []);
    }
    const fresh = new Map<string, MirrorElement>();
    let headerSeq: number | undefined;
    let ended = false;
    for await (const text of linesOf(response.body, this.idleTimeoutMs)) {
      if (text.trim() === "") continue;
      if (ended) throw new TransportError("export: lines after the end line");
      let line: ExportLine;
      try {
        line = JSON.parse(text) as ExportLine;
      } catch (error) {
        throw new TransportError("export: a line is not JSON (cut short?)", { cause: error });
      }
      if (line.type === "header" && typeof line.seq === "number") {
        headerSeq = line.seq;
      } else if (line.type === "element") {
        if (
          typeof line.id !== "string" ||
          typeof line.typename !== "string" ||
          typeof line.version !== "number" ||
          typeof line.data !== "object" ||
          line.data === null
        ) {
          throw new TransportError("export: an element line without id, typename, version and data");
        }
        fresh.set(line.id, {
          typename: line.typename,
          version: line.version,
          data: line.data as Record<string, unknown>,
        });
      } else if (line.type === "end") {
        if (line.seq !== headerSeq || line.elements !== fresh.size) {
          throw new TransportError(
            `export: the end line (seq ${String(line.seq)}, ${String(line.elements)} elements) does not match what came (seq ${String(headerSeq)}, ${fresh.size})`,
          );
        }
        ended = true;
      }
    }
    if (headerSeq === undefined || !ended) throw new TransportError("export: cut short (no end line)");
    const announced = response.headers.get("x-graph-seq");
    if (announced !== null && Number(announced) !== headerSeq) {
      throw new TransportError(
        `export: X-Graph-Seq ${announced} and the header line's seq ${headerSeq} differ`,
      );
    }
    this.copy.clear();
    for (const [id, element] of fresh) this.copy.set(id, element);
    this.current = headerSeq;
    return { kind: "snapshot", seq: headerSeq, source: "export", elements: fresh.size };
  }

  /** The changes after `after`, in order; each must be the next seq. */
  private async *follow(after: number): AsyncGenerator<Change, void, undefined> {
    let expected = after + 1;
    const source = this.mode === "poll" ? this.poll(after) : this.sse(after);
    for await (const change of source) {
      if (change.seq < expected) continue; // already applied (a resent event)
      if (change.seq > expected)
        throw new FeedGapError(`the feed jumped from seq ${expected - 1} to ${change.seq}`);
      expected += 1;
      yield change;
    }
  }

  /** GET /changes?after=N as Server-Sent Events; `overflow` ends the stream (the caller reconnects). */
  private async *sse(after: number): AsyncGenerator<Change, void, undefined> {
    const url = this.transport.endpoint(`changes?after=${after}`);
    const response = await this.transport.open(
      url,
      { accept: "text/event-stream", "last-event-id": String(after) },
      this.signal,
    );
    if (response.status === 404 && this.mode === "auto") {
      await response.body?.cancel();
      this.mode = "poll";
      yield* this.poll(after);
      return;
    }
    if (!response.ok || response.body === null) {
      await response.body?.cancel();
      throw new GraphQLRequestError(`changes: HTTP ${response.status}`, response.status, []);
    }
    if (this.mode === "auto") this.mode = "sse";
    for await (const event of eventsOf(linesOf(response.body, this.idleTimeoutMs))) {
      if (event.event === "overflow") return;
      if (event.event !== "change") continue;
      let json: unknown;
      try {
        json = JSON.parse(event.data);
      } catch (error) {
        throw new TransportError("changes: an event's data is not JSON", { cause: error });
      }
      yield parseChange(json);
    }
    // The service ended the stream without an overflow event: treat it as a cut connection.
    throw new TransportError("changes: the stream ended");
  }

  /** The GraphQL `changes` query, page after page; an empty page waits `pollIntervalMs`. */
  private async *poll(after: number): AsyncGenerator<Change, void, undefined> {
    let cursor = after;
    const interval = this.options.pollIntervalMs ?? 1_000;
    while (!this.signal.aborted) {
      const page = await this.transport.request(
        MirrorChangesDocument,
        // 50 changes of 50 items each stay within the default LIMIT_MAX_COST; longer changes are paged.
        { after: String(cursor), first: 50 },
        { signal: this.signal, retry: false },
      );
      for (const { node } of page.changes.edges) {
        const items: PolledItem[] = node.items.edges.map((edge) => edge.node);
        if (items.length < node.items.totalCount)
          items.splice(0, items.length, ...(await this.allItems(node.id)));
        yield parseChange({ ...node, items });
        cursor = node.seq;
      }
      if (page.changes.edges.length === 0) await sleep(interval, this.signal);
    }
  }

  /** A change with more than one page of items: all of them. */
  private async allItems(id: string): Promise<PolledItem[]> {
    const items: PolledItem[] = [];
    const pages = nodesOf(async (after) => {
      const data = await this.transport.request(
        ChangeItemsDocument,
        { id, after },
        { signal: this.signal, retry: false },
      );
      return data.node !== null && "items" in data.node ? data.node.items : null;
    });
    for await (const node of pages) items.push(node);
    return items;
  }
}
