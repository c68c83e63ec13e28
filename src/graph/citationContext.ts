/** The most characters a citation's `before`/`after` may return: context, never the whole document. */
export const MAX_CITATION_CONTEXT = 500;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Up to `chars` UTF-16 units of `text` ending at `start`, never starting inside a surrogate pair. */
export function textBefore(text: string, start: number, chars: number): string {
  let from = Math.max(0, start - chars);
  if (from > 0 && from < start && isLowSurrogate(text.charCodeAt(from))) from += 1;
  return text.slice(from, start);
}

/** Up to `chars` UTF-16 units of `text` starting at `end`, never ending inside a surrogate pair. */
export function textAfter(text: string, end: number, chars: number): string {
  let to = Math.min(text.length, end + chars);
  if (to > end && to < text.length && isHighSurrogate(text.charCodeAt(to - 1))) to -= 1;
  return text.slice(end, to);
}
