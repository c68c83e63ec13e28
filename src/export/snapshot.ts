import type { SnapshotElement, SnapshotKind } from "../graph/snapshotRepository";
import type { ExportOutput } from "./output";

/** What a format reads: the graph at one seq. */
export interface Snapshot {
  seq: number;
  /** When the export began (ISO 8601). */
  exportedAt: string;
  /**
   * The elements of `kinds` (default: all, documents first) at `seq`, by kind then id. May be
   * iterated again: a second pass reads exactly the same elements.
   */
  elements(kinds?: readonly SnapshotKind[]): AsyncIterable<SnapshotElement>;
}

export type ExportFormatName = "ndjson" | "jsonld" | "graphml" | "csv";

export interface ExportFormat {
  name: ExportFormatName;
  /** The HTTP Content-Type. */
  contentType: string;
  /** The file name's extension over HTTP (CSV: `zip`, several files in one archive). */
  extension: string;
  /** True when the format is several files (a zip over HTTP, a directory from the CLI). */
  multiFile: boolean;
  /** Writes the snapshot; returns how many elements it wrote. */
  write(snapshot: Snapshot, out: ExportOutput): Promise<number>;
}
