import type { CypherExecutor } from "../graph/executor";
import { SNAPSHOT_KINDS, snapshotElements, snapshotSeq } from "../graph/snapshotRepository";
import { ExportAborted, type ExportOutput } from "./output";
import type { ExportFormat, Snapshot } from "./snapshot";

export interface ExportOptions {
  format: ExportFormat;
  /** Element ids read per query (EXPORT_PAGE_SIZE). */
  pageSize: number;
  /** The whole export, read transaction and writing, within this (EXPORT_TIMEOUT_MS). */
  timeoutMs: number;
  /** Aborts the export (the client went away). */
  signal?: AbortSignal;
}

export interface ExportResult {
  seq: number;
  elements: number;
}

/**
 * Runs one export: one READ transaction; the seq read first inside it is the snapshot's position,
 * passed to `start` (which sends headers and returns where the bytes go) before any element is
 * read. The executor should carry a deadline of `timeoutMs` from now (forRequest) so that a
 * stalled database cannot hold the export past it either.
 */
export async function runExport(
  executor: CypherExecutor,
  options: ExportOptions,
  /** `signal` aborts on the client's signal and on the timeout: give it to the output's sink. */
  start: (seq: number, signal: AbortSignal) => Promise<ExportOutput> | ExportOutput,
): Promise<ExportResult> {
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(), options.timeoutMs);
  const signal =
    options.signal === undefined ? timer.signal : AbortSignal.any([timer.signal, options.signal]);
  try {
    return await executor.readTransaction(
      `export.${options.format.name}`,
      async (run) => {
        const seq = await snapshotSeq(run);
        const out = await start(seq, signal);
        const snapshot: Snapshot = {
          seq,
          exportedAt: new Date().toISOString(),
          elements: (kinds = SNAPSHOT_KINDS) =>
            snapshotElements(run, seq, options.pageSize, kinds, {
              signal,
              abortError: () => new ExportAborted("the export was aborted"),
            }),
        };
        const elements = await options.format.write(snapshot, out);
        if (signal.aborted) throw abortedBy(timer.signal);
        await out.finish();
        return { seq, elements };
      },
      { timeoutMs: options.timeoutMs },
    );
  } catch (error) {
    if (signal.aborted) throw abortedBy(timer.signal, error);
    throw error;
  } finally {
    clearTimeout(timeout);
  }
}

function abortedBy(timer: AbortSignal, cause?: unknown): ExportAborted {
  return new ExportAborted(
    timer.aborted ? "the export reached EXPORT_TIMEOUT_MS" : "the export was aborted",
    {
      cause,
    },
  );
}
