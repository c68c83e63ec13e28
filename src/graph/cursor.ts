import { badUserInput } from "../errors";
import { MAX_CURSOR_KEY_LENGTH } from "./limits";

/**
 * Cursors are opaque to clients: base64url of "v1:<sort key>". Every connection here is ordered by
 * a unique string key (an id), so the key of the last item is all a page needs to continue.
 */
const PREFIX = "v1:";

/**
 * The longest cursor this API issues: base64url of the prefix and the longest key, counting 3 UTF-8
 * bytes per UTF-16 unit (ids are ASCII today; the bound holds for any text). Longer input is refused
 * before it is decoded.
 */
export const MAX_CURSOR_LENGTH = Math.ceil(((PREFIX.length + 3 * MAX_CURSOR_KEY_LENGTH) * 4) / 3);
const CURSOR_SHAPE = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_CURSOR_LENGTH}}$`);

export function encodeCursor(key: string): string {
  return Buffer.from(`${PREFIX}${key}`, "utf8").toString("base64url");
}

/** The sort key inside `after`, or null when there is none; a malformed cursor is BAD_USER_INPUT. */
export function decodeCursor(after: string | null | undefined, argument = "after"): string | null {
  if (after === null || after === undefined) return null;
  const decoded = CURSOR_SHAPE.test(after) ? Buffer.from(after, "base64url").toString("utf8") : "";
  if (!decoded.startsWith(PREFIX) || encodeCursor(decoded.slice(PREFIX.length)) !== after) {
    throw badUserInput(
      `\`${argument}\` is not a cursor this API issued; pass an endCursor from a previous page`,
      argument,
    );
  }
  return decoded.slice(PREFIX.length);
}
