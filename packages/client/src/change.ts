import { TransportError } from "./errors.js";

export type JsonObject = Record<string, unknown>;

/** What a change did to one element (docs/feeds.md): `after` is the element's data at `version`, null once it is gone. */
export interface ChangeItem {
  id: string;
  typename: string;
  action: "CREATED" | "UPDATED" | "RETRACTED" | "MERGED";
  version: number | null;
  before: JsonObject | null;
  after: JsonObject | null;
  mergedInto: string | null;
}

/** One committed change with all its items, as the feed, the subscription and `changes` carry it. */
export interface Change {
  id: string;
  seq: number;
  at: string;
  actor: string;
  operation: string;
  clientMutationId: string | null;
  reason: string | null;
  items: ChangeItem[];
}

/** An element as the export and the mirror hold it: `data` is `ChangeItem.after` at `version`. */
export interface MirrorElement {
  typename: string;
  version: number;
  data: JsonObject;
}

const ACTIONS = new Set(["CREATED", "UPDATED", "RETRACTED", "MERGED"]);

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function item(value: unknown): ChangeItem {
  if (!isObject(value) || typeof value.id !== "string" || typeof value.typename !== "string") {
    throw new TransportError("a change item without id or typename");
  }
  if (typeof value.action !== "string" || !ACTIONS.has(value.action)) {
    throw new TransportError(`change item ${value.id}: unknown action ${String(value.action)}`);
  }
  const after = value.after ?? null;
  const version = value.version ?? null;
  if (after !== null && (!isObject(after) || typeof version !== "number")) {
    throw new TransportError(`change item ${value.id}: 'after' must be an object with a version`);
  }
  return {
    id: value.id,
    typename: value.typename,
    action: value.action as ChangeItem["action"],
    version: typeof version === "number" ? version : null,
    before: isObject(value.before) ? value.before : null,
    after,
    mergedInto: typeof value.mergedInto === "string" ? value.mergedInto : null,
  };
}

/** A change from JSON the service sent, checked enough that applying it cannot go wrong silently. */
export function parseChange(value: unknown): Change {
  if (
    !isObject(value) ||
    typeof value.seq !== "number" ||
    !Number.isInteger(value.seq) ||
    !Array.isArray(value.items)
  ) {
    throw new TransportError("a change without an integer seq and an items list");
  }
  const text = (key: string): string => (typeof value[key] === "string" ? value[key] : "");
  const optional = (key: string): string | null => (typeof value[key] === "string" ? value[key] : null);
  return {
    id: text("id") || `change:${value.seq}`,
    seq: value.seq,
    at: text("at"),
    actor: text("actor"),
    operation: text("operation"),
    clientMutationId: optional("clientMutationId"),
    reason: optional("reason"),
    items: value.items.map(item),
  };
}

/**
 * The mirror's rule (docs/feeds.md): an item with `after: null` (retracted, or merged into
 * `mergedInto`) deletes its id; any other sets it to `{typename, version, data: after}`.
 */
export function applyChange(elements: Map<string, MirrorElement>, change: Change): void {
  for (const { id, typename, version, after } of change.items) {
    if (after === null) elements.delete(id);
    else elements.set(id, { typename, version: version ?? 0, data: after });
  }
}
