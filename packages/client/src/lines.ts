import { TransportError } from "./errors.js";

type ReadResult<T> = Awaited<ReturnType<ReadableStreamDefaultReader<T>["read"]>>;

function readWithin<T>(reader: ReadableStreamDefaultReader<T>, ms: number): Promise<ReadResult<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const idle = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TransportError(`nothing received for ${ms} ms`)), ms);
  });
  return Promise.race([reader.read(), idle]).finally(() => clearTimeout(timer));
}

/**
 * The lines of a streamed body (`\n` or `\r\n`), the last one even without a newline. Nothing
 * arriving for `idleTimeoutMs` is a cut connection; so is the body failing mid-way.
 */
export async function* linesOf(
  body: ReadableStream<Uint8Array>,
  idleTimeoutMs: number,
): AsyncGenerator<string, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = "";
  try {
    for (;;) {
      let chunk: ReadResult<Uint8Array>;
      try {
        chunk = await readWithin(reader, idleTimeoutMs);
      } catch (error) {
        if (error instanceof TransportError) throw error;
        throw new TransportError("the connection was cut mid-stream", { cause: error });
      }
      if (chunk.done) break;
      const parts = (rest + decoder.decode(chunk.value, { stream: true })).split("\n");
      rest = parts.pop() ?? "";
      for (const part of parts) yield part.endsWith("\r") ? part.slice(0, -1) : part;
    }
    rest += decoder.decode();
    if (rest !== "") yield rest;
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/** One Server-Sent Event: its type (`message` when unnamed), id and data. */
export interface ServerSentEvent {
  event: string;
  id: string | undefined;
  data: string;
}

/** The events of a text/event-stream (WHATWG rules: comments skipped, data lines joined, a blank line dispatches). */
export async function* eventsOf(
  lines: AsyncIterable<string>,
): AsyncGenerator<ServerSentEvent, void, undefined> {
  let event = "";
  let id: string | undefined;
  let data: string[] = [];
  for await (const line of lines) {
    if (line === "") {
      if (data.length > 0) yield { event: event || "message", id, data: data.join("\n") };
      event = "";
      data = [];
      continue;
    }
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id") id = value;
  }
}
