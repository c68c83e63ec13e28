/**
 * The arguments every feed door takes, checked the same way: `after` (the last seq the consumer
 * has) and `ids` (only changes touching these elements, as `changes(ids:)`).
 */

/** As `changes(ids:)`: at most this many ids. */
export const MAX_FEED_IDS = 100;
/** Longest id accepted in `ids`. */
export const MAX_FEED_ID_LENGTH = 256;

export interface FeedArguments {
  /** Null: from now. */
  after: number | null;
  ids: string[] | null;
}

export type Checked = { ok: true; value: FeedArguments } | { ok: false; argument: string; message: string };

/** `after` as a number (GraphQL Int) or a decimal string (query string, Last-Event-ID). */
export function checkFeedArguments(after: unknown, ids: readonly string[] | null): Checked {
  let seq: number | null = null;
  if (after !== null && after !== undefined) {
    const text = typeof after === "number" ? String(after) : typeof after === "string" ? after.trim() : "";
    if (!/^\d{1,15}$/.test(text)) {
      return {
        ok: false,
        argument: "after",
        message: "`after` must be the seq of the last change the consumer has: a whole number, e.g. 42",
      };
    }
    seq = Number(text);
  }
  if (ids === null) return { ok: true, value: { after: seq, ids: null } };
  const unique = [...new Set(ids)];
  if (unique.length === 0 || unique.length > MAX_FEED_IDS) {
    return {
      ok: false,
      argument: "ids",
      message: `\`ids\` must name 1 to ${MAX_FEED_IDS} elements (got ${unique.length})`,
    };
  }
  if (unique.some((id) => id.length === 0 || id.length > MAX_FEED_ID_LENGTH)) {
    return {
      ok: false,
      argument: "ids",
      message: `every id in \`ids\` must be 1 to ${MAX_FEED_ID_LENGTH} characters`,
    };
  }
  return { ok: true, value: { after: seq, ids: unique } };
}
