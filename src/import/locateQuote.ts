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
  const matcher = new QuoteMatcher();
  const patternOf = requests.map((r) =>
    r.quote.length === 0 ? -1 : matcher.add(r.quote, r.occurrence ?? 1),
  );
  const found = matcher.scan(text);
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

/**
 * An Aho-Corasick automaton over UTF-16 code units. Each distinct pattern keeps how often it occurs
 * and its first `keep` starts (the largest occurrence asked for), so memory stays bounded by what
 * was asked, however often a pattern occurs.
 */
class QuoteMatcher {
  /** Per state: its transitions, its failure link, the pattern ending here (or -1), the next state on the failure chain that ends a pattern. */
  private readonly next: Array<Map<number, number>> = [new Map<number, number>()];
  private fail: Int32Array = new Int32Array(0);
  private readonly ends: number[] = [-1];
  private output: Int32Array = new Int32Array(0);
  private readonly patterns: Array<{ length: number; keep: number }> = [];
  private readonly byText = new Map<string, number>();

  /** Adds a pattern (or returns the one already added for the same words); its index. */
  add(pattern: string, keep: number): number {
    const existing = this.byText.get(pattern);
    if (existing !== undefined) {
      const known = this.patterns[existing];
      if (known) known.keep = Math.max(known.keep, keep);
      return existing;
    }
    let state = 0;
    for (let i = 0; i < pattern.length; i += 1) {
      const c = pattern.charCodeAt(i);
      const transitions = this.next[state] ?? new Map<number, number>();
      let target = transitions.get(c);
      if (target === undefined) {
        target = this.next.length;
        this.next.push(new Map());
        this.ends.push(-1);
        transitions.set(c, target);
      }
      state = target;
    }
    const index = this.patterns.length;
    this.patterns.push({ length: pattern.length, keep });
    this.byText.set(pattern, index);
    this.ends[state] = index;
    return index;
  }

  private build(): void {
    const size = this.next.length;
    this.fail = new Int32Array(size);
    this.output = new Int32Array(size).fill(-1);
    const queue: number[] = [];
    for (const child of (this.next[0] ?? new Map<number, number>()).values()) queue.push(child);
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head] ?? 0;
      for (const [c, child] of this.next[state] ?? new Map<number, number>()) {
        let f = this.fail[state] ?? 0;
        while (f !== 0 && !(this.next[f]?.has(c) ?? false)) f = this.fail[f] ?? 0;
        const target = this.next[f]?.get(c);
        const failTo = target !== undefined && target !== child ? target : 0;
        this.fail[child] = failTo;
        this.output[child] = (this.ends[failTo] ?? -1) !== -1 ? failTo : (this.output[failTo] ?? -1);
        queue.push(child);
      }
    }
  }

  /** Every pattern's count and first starts in `text`. */
  scan(text: string): Array<{ starts: number[]; count: number }> {
    this.build();
    const found = this.patterns.map(() => ({ starts: [] as number[], count: 0 }));
    const record = (pattern: number, end: number): void => {
      const hit = found[pattern];
      const info = this.patterns[pattern];
      if (!hit || !info) return;
      hit.count += 1;
      if (hit.starts.length < info.keep) hit.starts.push(end - info.length + 1);
    };
    // The root's transitions as a dense table: most characters of a text start no quote.
    const root = new Int32Array(65536);
    for (const [c, child] of this.next[0] ?? new Map<number, number>()) root[c] = child;
    const { next, fail, ends, output } = this;
    let state = 0;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      for (;;) {
        if (state === 0) {
          state = root[c] ?? 0;
          break;
        }
        const target = next[state]?.get(c);
        if (target !== undefined) {
          state = target;
          break;
        }
        state = fail[state] ?? 0;
      }
      if (state === 0) continue;
      const own = ends[state] ?? -1;
      if (own !== -1) record(own, i);
      for (let o = output[state] ?? -1; o !== -1; o = output[o] ?? -1) record(ends[o] ?? -1, i);
    }
    return found;
  }
}
