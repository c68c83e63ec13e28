import { badUserInput } from "../errors";

/**
 * Cursors are opaque to clients: base64url of "v1:<sort key>". Every connection here is ordered by
 * a unique string key (an id), so the key of the last item is all a page needs to continue.
 */
const PREFIX = "v1:";

export function encodeCursor(key: string): string {
  return Buffer.from(`${PREFIX}${key}`, "utf8").toString("base64url");
}

/** The sort key inside `after`, or null when there is none; a malformed cursor is BAD_USER_INPUT. */
export function decodeCursor(after: string | null | undefined, argument = "after"): string | null {
  if (after === null || after === undefined) return null;
  const decoded = /^[A-Za-z0-9_-]{1,1024}$/.test(after)
    ? Buffer.from(after, "base64url").toString("utf8")
    : "";
  if (!decoded.startsWith(PREFIX) || encodeCursor(decoded.slice(PREFIX.length)) !== after) {
    throw badUserInput(
      `\`${argument}\` is not a cursor this API issued; pass an endCursor from a previous page`,
      argument,
    );
  }
  return decoded.slice(PREFIX.length);
}
