import { randomUUID } from "node:crypto";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import type { CypherExecutor } from "../../src/graph/executor";
import { addDocument } from "../../src/write/mutations/addDocument";
import { createEntity } from "../../src/write/mutations/createEntity";
import { startHttpService, type HttpService } from "./httpService";
import { removeFixtures } from "./removeFixtures";

/** One event of an SSE stream, as an EventSource would dispatch it; comments kept apart. */
export interface SseEvent {
  event: string;
  id: string | undefined;
  data: string;
}

/** Waits until `check` holds, polling; fails with `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface SseStream {
  status: number;
  headers: Headers;
  events: SseEvent[];
  comments: string[];
  /** Resolves when the stream ends: "end" when the server ended it cleanly, "error" when it was cut or aborted. */
  ended: Promise<"end" | "error">;
  /** A JSON error body, for a refused request. */
  body: unknown;
  close(): void;
}

/** GET /changes with fetch, parsing the event stream (text/event-stream) as it arrives. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: "text/event-stream", ...headers },
    signal: abort.signal,
  });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  if (!response.ok || response.body === null) {
    return {
      status: response.status,
      headers: response.headers,
      events,
      comments,
      ended: Promise.resolve("end"),
      body: await response.json(),
      close: () => undefined,
    };
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const ended = (async (): Promise<"end" | "error"> => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return "end";
        buffer += value;
        let boundary;
        while ((boundary = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const event: SseEvent = { event: "message", id: undefined, data: "" };
          const data: string[] = [];
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) comments.push(line.slice(1).trim());
            else if (line.startsWith("event: ")) event.event = line.slice(7);
            else if (line.startsWith("id: ")) event.id = line.slice(4);
            else if (line.startsWith("data: ")) data.push(line.slice(6));
          }
          if (data.length > 0) events.push({ ...event, data: data.join("\n") });
        }
      }
    } catch {
      // Aborted by close(), or the connection was cut.
      return "error";
    }
  })();
  return {
    status: response.status,
    headers: response.headers,
    events,
    comments,
    ended,
    body: null,
    close: () => abort.abort(),
  };
}

/** A graphql-ws client on `url` (ws://.../graphql) that does not retry. */
export function wsClient(
  url: string,
  connectionParams: Record<string, unknown> = {},
  onClosed: (code: number, reason: string) => void = () => undefined,
): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed(code, reason);
      },
    },
  });
}

export interface SubscriptionLog {
  seqs: number[];
  changes: Array<{ seq: number; items: Array<{ id: string }> }>;
  errors: Array<{ message: string; extensions?: Record<string, unknown> }>;
  done: boolean;
  stop(): void;
}

export const CHANGES_SUBSCRIPTION = `subscription($after: Int, $ids: [ID!]) {
  changes(after: $after, ids: $ids) { seq operation items { edges { node { id action } } } }
}`;

/** Subscribes to `changes` and records what arrives. */
export function subscribeChanges(
  client: Client,
  variables: { after?: number; ids?: string[] },
): SubscriptionLog {
  const log: SubscriptionLog = { seqs: [], changes: [], errors: [], done: false, stop: () => undefined };
  log.stop = client.subscribe<{
    changes: { seq: number; items: { edges: Array<{ node: { id: string } }> } };
  }>(
    { query: CHANGES_SUBSCRIPTION, variables },
    {
      next: (result) => {
        if (result.errors) log.errors.push(...(result.errors as SubscriptionLog["errors"]));
        const change = result.data?.changes;
        if (change) {
          log.seqs.push(change.seq);
          log.changes.push({ seq: change.seq, items: change.items.edges.map((e) => e.node) });
        }
      },
      error: (error) => {
        log.errors.push(
          ...(Array.isArray(error)
            ? (error as SubscriptionLog["errors"])
            : [{ message: error instanceof Error ? error.message : String(error) }]),
        );
        log.done = true;
      },
      complete: () => {
        log.done = true;
      },
    },
  );
  return log;
}

/** Writes through the write layer: a document, then entities citing it, one change each. */
export class FeedWriter {
  readonly suffix = randomUUID().replace(/-/g, "").slice(0, 10);
  readonly documentId = `document:feed-${this.suffix}`;
  readonly created: string[] = [];
  private readonly actor = { subject: `feed-test-${this.suffix}` };

  constructor(private readonly executor: CypherExecutor) {}

  async start(): Promise<number> {
    const outcome = await addDocument(this.executor, this.actor, {
      id: this.documentId,
      title: `Feed ${this.suffix}`,
      text: `Feed test ${this.suffix}: Harbourtown lies on the coast.`,
    });
    if (outcome.kind !== "written") throw new Error(`addDocument: ${outcome.kind}`);
    return outcome.change.seq;
  }

  /** One createEntity; its change's seq and the entity's id. */
  /** Entities written with a description of this many characters (the most is 2,000): bigger changes. */
  descriptionLength = 0;

  async write(): Promise<{ seq: number; id: string }> {
    const n = this.created.length;
    const id = `place:feed-${this.suffix}-${n}`;
    this.created.push(id);
    const outcome = await createEntity(this.executor, this.actor, {
      id,
      kind: "PLACE",
      name: `Harbourtown ${this.suffix} ${n}`,
      citations: [{ documentId: this.documentId, quote: "Harbourtown lies on the coast" }],
      ...(this.descriptionLength > 0
        ? { description: "A harbour town. ".repeat(200).slice(0, this.descriptionLength) }
        : {}),
    });
    if (outcome.kind !== "written") throw new Error(`createEntity: ${JSON.stringify(outcome)}`);
    return { seq: outcome.change.seq, id };
  }

  /** `count` writes, `concurrency` at a time; sorted by seq (their commit order). */
  async writeMany(count: number, concurrency = 4): Promise<Array<{ seq: number; id: string }>> {
    const written: Array<{ seq: number; id: string }> = [];
    let left = count;
    const worker = async (): Promise<void> => {
      while (left > 0) {
        left -= 1;
        written.push(await this.write());
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
    return written.sort((a, b) => a.seq - b.seq);
  }

  async cleanup(): Promise<void> {
    await removeFixtures(this.executor, { ids: [this.documentId, ...this.created] });
  }
}

/** A service on the run's Neo4j with a {@link FeedWriter} started on it, and its graphql-ws URL. */
export interface FeedService {
  service: HttpService;
  writer: FeedWriter;
  wsUrl: string;
}

/** Starts the service with `env`, then the writer (its document written); stop with {@link stopFeedService}. */
export async function startFeedService(
  env: Record<string, string>,
  writerOptions: { descriptionLength?: number } = {},
): Promise<FeedService> {
  const service = await startHttpService(env);
  const writer = new FeedWriter(service.graph.executor);
  writer.descriptionLength = writerOptions.descriptionLength ?? 0;
  await writer.start();
  return { service, writer, wsUrl: service.url.replace(/^http/, "ws") };
}

/** Removes the writer's fixtures (through the change log), then stops the service. */
export async function stopFeedService({
  service,
  writer,
}: Pick<FeedService, "service" | "writer">): Promise<void> {
  await writer.cleanup();
  await service.stop();
}
