import { LOG_KINDS, type SnapshotElement } from "../graph/snapshotRepository";
import type { ExportFormat } from "./snapshot";

/** The first line's `format`: bumped when the line format changes incompatibly. */
export const NDJSON_FORMAT = "kg-export/1";

/**
 * One element line (docs/feeds.md): `data` is ChangeItem.after's JSON text as the log holds it,
 * spliced in verbatim (it is JSON.stringify output: one line, no parse needed).
 */
export function elementLine(element: SnapshotElement): string {
  return `{"type":"element","id":${JSON.stringify(element.id)},"typename":${JSON.stringify(element.typename)},"version":${element.version},"data":${element.data}}\n`;
}

/**
 * NDJSON: a header line with the seq, one line per element (mentions included: every kind the log
 * holds), an end line with the count.
 */
export const ndjsonFormat: ExportFormat = {
  name: "ndjson",
  contentType: "application/x-ndjson; charset=utf-8",
  extension: "ndjson",
  multiFile: false,
  async write(snapshot, out) {
    await out.open("export.ndjson");
    await out.write(
      `${JSON.stringify({ type: "header", format: NDJSON_FORMAT, seq: snapshot.seq, exportedAt: snapshot.exportedAt })}\n`,
    );
    let count = 0;
    for await (const element of snapshot.elements(LOG_KINDS)) {
      await out.write(elementLine(element));
      count += 1;
    }
    await out.write(`${JSON.stringify({ type: "end", seq: snapshot.seq, elements: count })}\n`);
    return count;
  },
};
