import { isUtf8 } from "node:buffer";
import { readFileSync } from "node:fs";

export class NotUtf8Error extends Error {}

/**
 * A text file for ingest: UTF-8 only (decoding would otherwise turn a malformed byte into U+FFFD
 * without a word); a leading byte-order mark is dropped, so that offsets count from the first word.
 */
export function readUtf8Text(file: string): string {
  const bytes = readFileSync(file);
  if (!isUtf8(bytes)) {
    throw new NotUtf8Error(`${file} is not valid UTF-8: convert it first (e.g. iconv -t UTF-8)`);
  }
  const text = bytes.toString("utf8");
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}
