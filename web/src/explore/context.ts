import { CONTEXT_CHARS, type Citation } from "./queries";

/**
 * Splits `Citation.context` (the quote with up to CONTEXT_CHARS characters either side) into the
 * words before and after the quote. The quote starts `min(start, CONTEXT_CHARS)` characters in,
 * one less when the server dropped half a surrogate pair at the excerpt's start.
 */
export function splitContext(citation: Citation): {
  before: string;
  after: string;
  atStart: boolean;
  atEnd: boolean;
} {
  const expected = Math.min(citation.start, CONTEXT_CHARS);
  let at = citation.context.indexOf(citation.quote, Math.max(0, expected - 1));
  if (at < 0) at = citation.context.indexOf(citation.quote);
  if (at < 0) return { before: "", after: "", atStart: true, atEnd: true };
  const after = citation.context.slice(at + citation.quote.length);
  return {
    before: citation.context.slice(0, at),
    after,
    atStart: citation.start <= CONTEXT_CHARS,
    atEnd: after.length < CONTEXT_CHARS - 1,
  };
}
