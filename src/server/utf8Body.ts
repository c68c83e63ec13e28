import { isUtf8 } from "node:buffer";
import type { IncomingMessage, ServerResponse } from "node:http";

/** The body-parser error type of a body whose bytes are not UTF-8 (answered 400 by app.ts). */
export const INVALID_UTF8 = "entity.invalid.utf8";

/**
 * `express.json({ verify })`: a UTF-8 body must be valid UTF-8. body-parser would otherwise decode
 * malformed bytes to U+FFFD without a word, and a document's text would be stored with replacement
 * characters in place of what was meant. Runs on the raw bytes before they are decoded.
 */
export function rejectInvalidUtf8(
  _req: IncomingMessage,
  _res: ServerResponse,
  body: Buffer,
  encoding: string,
): void {
  if (!/^utf-?8$/i.test(encoding) || isUtf8(body)) return;
  throw Object.assign(new Error("Request body is not valid UTF-8"), { status: 400, type: INVALID_UTF8 });
}
