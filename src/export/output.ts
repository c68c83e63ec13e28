import type { Writable } from "node:stream";

/** The export was stopped: the client went away, or EXPORT_TIMEOUT_MS passed. */
export class ExportAborted extends Error {
  override name = "ExportAborted";
}

/** Where an export's bytes go, with backpressure: `write` resolves when the destination can take more. */
export interface ByteSink {
  write(chunk: Buffer): Promise<void>;
}

/**
 * A format writes one file (NDJSON, JSON-LD, GraphML) or several (CSV): `open` starts the next
 * file and ends the one before; `write` appends to the open file.
 */
export interface ExportOutput {
  open(name: string): Promise<void>;
  write(text: string): Promise<void>;
  /** Ends the last file (and the archive around them). */
  finish(): Promise<void>;
}

/** Strings are gathered into chunks of this many bytes before they are written: one write per chunk, not per line. */
export const CHUNK_BYTES = 64 * 1024;

/**
 * Writes to a Node stream honouring backpressure: after a `write` that returns false, waits for
 * `drain`; rejects with {@link ExportAborted} when the stream closes or errors first, or `signal` aborts.
 */
export function streamSink(stream: Writable, signal?: AbortSignal): ByteSink {
  return {
    write(chunk) {
      if (signal?.aborted || stream.destroyed || stream.writableEnded) {
        return Promise.reject(new ExportAborted("the destination is closed"));
      }
      if (stream.write(chunk)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const done = (error?: Error): void => {
          stream.off("drain", onDrain);
          stream.off("close", onClose);
          stream.off("error", onClose);
          signal?.removeEventListener("abort", onClose);
          if (error) reject(error);
          else resolve();
        };
        const onDrain = (): void => done();
        const onClose = (): void => done(new ExportAborted("the destination closed before the export ended"));
        stream.on("drain", onDrain);
        stream.on("close", onClose);
        stream.on("error", onClose);
        signal?.addEventListener("abort", onClose);
      });
    },
  };
}

/**
 * Gathers text into {@link CHUNK_BYTES} chunks for a sink: each string is encoded (UTF-8) straight
 * into the chunk's buffer, with no joined string in between; a full chunk goes to the sink and a new
 * buffer takes its place (the sink may hold the old one until it is written).
 */
export class ChunkedWriter {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private offset = 0;

  constructor(private readonly sink: ByteSink) {}

  async write(text: string): Promise<void> {
    // At most 3 bytes per UTF-16 code unit: checked without measuring the text.
    if (this.offset + text.length * 3 > CHUNK_BYTES) {
      await this.flush();
      if (text.length * 3 > CHUNK_BYTES) {
        await this.sink.write(Buffer.from(text, "utf8"));
        return;
      }
    }
    this.offset += this.buffer.write(text, this.offset, "utf8");
  }

  async flush(): Promise<void> {
    if (this.offset === 0) return;
    const chunk = this.buffer.subarray(0, this.offset);
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.offset = 0;
    await this.sink.write(chunk);
  }
}

/** One file straight to the sink (file names are ignored: the caller named the destination). */
export function singleFileOutput(sink: ByteSink): ExportOutput {
  const writer = new ChunkedWriter(sink);
  return {
    open: () => Promise.resolve(),
    write: (text) => writer.write(text),
    finish: () => writer.flush(),
  };
}
