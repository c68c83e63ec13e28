export type Located = { start: number; end: number } | { problem: string };

/**
 * Where `quote` stands in `text`, as UTF-16 offsets (so `text.slice(start, end) === quote`).
 * Words that occur more than once need `occurrence` (1-based) to say which one is meant.
 */
export function locateQuote(text: string, quote: string, occurrence?: number): Located {
  if (quote.length === 0) return { problem: "is empty" };
  const starts: number[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) starts.push(at);
  if (starts.length === 0) return { problem: `is not in the document text: "${preview(quote)}"` };
  if (occurrence === undefined) {
    if (starts.length > 1) {
      return {
        problem: `occurs ${starts.length} times in the document text; add occurrence: 1 to ${starts.length} to say which`,
      };
    }
    return { start: starts[0] ?? 0, end: (starts[0] ?? 0) + quote.length };
  }
  const start = starts[occurrence - 1];
  if (start === undefined) {
    return { problem: `occurrence ${occurrence} asked for, but the words occur ${starts.length} time(s)` };
  }
  return { start, end: start + quote.length };
}

function preview(quote: string): string {
  return quote.length > 60 ? `${quote.slice(0, 57)}...` : quote;
}
