import { ChangeRepository, itemPosition } from "../../src/graph/changeRepository";
import type { CypherExecutor } from "../../src/graph/executor";

/** An element as the export and the mirror keep it (docs/feeds.md). */
export interface MirroredElement {
  typename: string;
  version: number;
  data: Record<string, unknown>;
}

export interface NdjsonExport {
  header: { type: "header"; format: string; seq: number; exportedAt: string };
  elements: Map<string, MirroredElement>;
  /** Ids in the order the lines came. */
  order: string[];
  typenames: string[];
  end: { type: "end"; seq: number; elements: number } | null;
}

interface Line {
  type: string;
  id?: string;
  typename?: string;
  version?: number;
  data?: Record<string, unknown>;
}

export function parseNdjson(text: string): NdjsonExport {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const parsed = lines.map((l) => JSON.parse(l) as Line);
  const [header, ...rest] = parsed;
  if (header?.type !== "header") throw new Error(`the first line is not a header: ${lines[0]}`);
  const last = rest.at(-1);
  const end = last?.type === "end" ? (rest.pop() as unknown as NdjsonExport["end"]) : null;
  const elements = new Map<string, MirroredElement>();
  const order: string[] = [];
  const typenames: string[] = [];
  for (const line of rest) {
    if (line.type !== "element" || line.id === undefined)
      throw new Error(`not an element line: ${JSON.stringify(line)}`);
    if (elements.has(line.id)) throw new Error(`${line.id} twice`);
    elements.set(line.id, {
      typename: line.typename ?? "",
      version: line.version ?? 0,
      data: line.data ?? {},
    });
    order.push(line.id);
    typenames.push(line.typename ?? "");
  }
  return { header: header as unknown as NdjsonExport["header"], elements, order, typenames, end };
}

/**
 * Applies changes after..upTo (all when upTo is undefined) to `into`, by the docs/feeds.md rule,
 * reading the log through the change repository; returns the last seq applied.
 */
export async function replayChanges(
  executor: CypherExecutor,
  into: Map<string, MirroredElement>,
  after: number,
  upTo?: number,
): Promise<number> {
  const changes = new ChangeRepository(executor);
  let cursor = after;
  for (;;) {
    const page = await changes.list(cursor, 100, null);
    for (const { node } of page.edges) {
      if (upTo !== undefined && node.seq > upTo) return cursor;
      if (node.seq !== cursor + 1) throw new Error(`gap: ${cursor} then ${node.seq}`);
      let itemCursor: string | null = null;
      for (;;) {
        const [items] = await changes.itemPagesOf([node.seq], 500, itemPosition(itemCursor));
        if (items === undefined) throw new Error(`no item page for change ${node.seq}`);
        for (const { node: item } of items.edges) {
          if (item.after === null) into.delete(item.id);
          else into.set(item.id, { typename: item.typename, version: item.version ?? 0, data: item.after });
        }
        if (!items.hasNextPage) break;
        itemCursor = items.edges.at(-1)?.cursor ?? null;
      }
      cursor = node.seq;
    }
    if (!page.hasNextPage) return cursor;
  }
}
