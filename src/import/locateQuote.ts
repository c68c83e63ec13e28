import { AliasAutomaton } from "../ingest/aliasAutomaton";

export type Located = { start: number; end: number } | { problem: string };

/** Words to find in a text; `occurrence` (1-based) says which one is meant when they occur more than once. */
export interface QuoteRequest {
  quote: string;
  occurrence?: number | undefined;
}

/**
 * Where `quote` stands in `text`, as UTF-16 offsets (so `text.slice(start, end) === quote`).
 * Words that occur more than once need `occurrence` (1-based) to say which one is meant.
 * For many quotes of one text, {@link locateQuotes} reads the text once for all of them.
 */
export function locateQuote(text: string, quote: string, occurrence?: number): Located {
  if (quote.length === 0) return { problem: "is empty" };
  const starts: number[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) starts.push(at);
  return located(quote, starts, starts.length, occurrence);
}

/**
 * {@link locateQuote} for every request, with the same answers, in one pass over the text
 * (Aho-Corasick over UTF-16 code units): the time grows with the text and the matches, not with
 * the text times the number of quotes.
 */
export function locateQuotes(text: string, requests: readonly QuoteRequest[]): Located[] {
  // Each distinct quote once, keeping as many starts as the largest occurrence asked for.
  const indexOf = new Map<string, number>();
  const quotes: string[] = [];
  const keep: number[] = [];
  const patternOf = requests.map((r) => {
    if (r.quote.length === 0) return -1;
    let pattern = indexOf.get(r.quote);
    if (pattern === undefined) {
      pattern = quotes.length;
      indexOf.set(r.quote, pattern);
      quotes.push(r.quote);
      keep.push(0);
    }
    keep[pattern] = Math.max(keep[pattern] ?? 0, r.occurrence ?? 1);
    return pattern;
  });
  const found = quotes.map(() => ({ starts: [] as number[], count: 0 }));
  // The linker's automaton (src/ingest/aliasAutomaton.ts), over the quotes as written: every
  // occurrence, overlapping ones too, in text order for any one quote.
  AliasAutomaton.build(quotes).scan(text, (pattern, start) => {
    const hit = found[pattern];
    if (hit === undefined) return;
    hit.count += 1;
    if (hit.starts.length < (keep[pattern] ?? 1)) hit.starts.push(start);
  });
  return requests.map((r, i) => {
    const pattern = patternOf[i] ?? -1;
    if (pattern === -1) return { problem: "is empty" };
    const { starts, count } = found[pattern] ?? { starts: [], count: 0 };
    return located(r.quote, starts, count, r.occurrence);
  });
}

/** The answer for one quote, from its first starts and how often it occurs in all. */
function located(quote: string, starts: readonly number[], count: number, occurrence?: number): Located {
  if (count === 0) return { problem: `is not in the document text: "${preview(quote)}"` };
  if (occurrence === undefined) {
    if (count > 1) {
      return {
        problem: `occurs ${count} times in the document text; add occurrence: 1 to ${count} to say which`,
      };
    }
    return { start: starts[0] ?? 0, end: (starts[0] ?? 0) + quote.length };
  }
  const start = starts[occurrence - 1];
  if (start === undefined) {
    return { problem: `occurrence ${occurrence} asked for, but the words occur ${count} time(s)` };
  }
  return { start, end: start + quote.length };
}

function preview(quote: string): string {
  return quote.length > 60 ? `${quote.slice(0, 57)}...` : quote;
}
