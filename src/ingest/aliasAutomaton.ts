/**
 * An Aho-Corasick automaton over normalised keys (names and aliases), stored in flat typed arrays so
 * that hundreds of thousands of keys fit in tens of megabytes: nodes are numbered, each node's
 * children are one sorted slice of `edgeChars`/`edgeTargets` (binary-searched), and `fail`/`dict`
 * are the failure and dictionary-suffix links. Built from sorted keys, so the trie is laid out in
 * one pass without a map per node.
 *
 * It reports every occurrence of every key (UTF-16 code units; keys and text normalised the same
 * way by `normalize.ts`); choosing among overlapping ones (whole words, leftmost-longest) is
 * `matchAliases`' job.
 */
export class AliasAutomaton {
  private constructor(
    /** The keys, by pattern number. */
    readonly keys: readonly string[],
    private readonly edgeStart: Int32Array,
    private readonly edgeChars: Uint16Array,
    private readonly edgeTargets: Int32Array,
    private readonly fail: Int32Array,
    private readonly dict: Int32Array,
    private readonly terminal: Int32Array,
  ) {}

  /** Builds the automaton; duplicate and empty keys are ignored (a key's number is its index in `keys`). */
  static build(keys: readonly string[]): AliasAutomaton {
    const order = keys
      .map((_, i) => i)
      .filter((i) => (keys[i] ?? "").length > 0)
      .sort((a, b) => compareUnits(keys[a] ?? "", keys[b] ?? ""));

    const parent = new GrowableInt32();
    const chars = new GrowableInt32();
    const terminal = new GrowableInt32();
    parent.push(-1);
    chars.push(0);
    terminal.push(-1);
    const path: number[] = [0];
    let previous = "";
    for (const index of order) {
      const key = keys[index] ?? "";
      let common = 0;
      const limit = Math.min(key.length, previous.length);
      while (common < limit && key.charCodeAt(common) === previous.charCodeAt(common)) common += 1;
      path.length = common + 1;
      for (let i = common; i < key.length; i += 1) {
        const node = parent.length;
        parent.push(path[i] ?? 0);
        chars.push(key.charCodeAt(i));
        terminal.push(-1);
        path.push(node);
      }
      const last = path[key.length] ?? 0;
      if (terminal.get(last) === -1) terminal.set(last, index);
      previous = key;
    }

    const nodeCount = parent.length;
    // Children in creation order are sorted by character (keys were sorted): a counting sort by parent keeps that.
    const edgeStart = new Int32Array(nodeCount + 1);
    for (let node = 1; node < nodeCount; node += 1) {
      const slot = parent.get(node) + 1;
      edgeStart[slot] = (edgeStart[slot] ?? 0) + 1;
    }
    for (let node = 0; node < nodeCount; node += 1) {
      edgeStart[node + 1] = (edgeStart[node + 1] ?? 0) + (edgeStart[node] ?? 0);
    }
    const fill = edgeStart.slice(0, nodeCount);
    const edgeChars = new Uint16Array(Math.max(nodeCount - 1, 0));
    const edgeTargets = new Int32Array(Math.max(nodeCount - 1, 0));
    for (let node = 1; node < nodeCount; node += 1) {
      const p = parent.get(node);
      const slot = fill[p] ?? 0;
      edgeChars[slot] = chars.get(node);
      edgeTargets[slot] = node;
      fill[p] = slot + 1;
    }

    const terminals = terminal.toArray();
    const fail = new Int32Array(nodeCount);
    const dict = new Int32Array(nodeCount);
    const automaton = new AliasAutomaton(keys, edgeStart, edgeChars, edgeTargets, fail, dict, terminals);
    // Breadth-first: a node's failure link is computed from its parent's, which is shallower.
    const queue = new Int32Array(nodeCount);
    let head = 0;
    let tail = 0;
    for (let e = edgeStart[0] ?? 0; e < (edgeStart[1] ?? 0); e += 1) queue[tail++] = edgeTargets[e] ?? 0;
    while (head < tail) {
      const node = queue[head++] ?? 0;
      const from = edgeStart[node] ?? 0;
      const to = edgeStart[node + 1] ?? 0;
      for (let e = from; e < to; e += 1) {
        const child = edgeTargets[e] ?? 0;
        const c = edgeChars[e] ?? 0;
        let f = fail[node] ?? 0;
        let next = automaton.child(f, c);
        while (next < 0 && f !== 0) {
          f = fail[f] ?? 0;
          next = automaton.child(f, c);
        }
        const failTarget = next < 0 || next === child ? 0 : next;
        fail[child] = failTarget;
        dict[child] = (terminals[failTarget] ?? -1) >= 0 ? failTarget : (dict[failTarget] ?? 0);
        queue[tail++] = child;
      }
    }
    return automaton;
  }

  /** Number of trie nodes (for the memory report). */
  get nodeCount(): number {
    return this.fail.length;
  }

  /** Bytes held by the typed arrays (the keys' strings not included). */
  get byteSize(): number {
    return (
      this.edgeStart.byteLength +
      this.edgeChars.byteLength +
      this.edgeTargets.byteLength +
      this.fail.byteLength +
      this.dict.byteLength +
      this.terminal.byteLength
    );
  }

  /**
   * Calls `onMatch(key, start, end)` for every occurrence of every key in `text` ([start, end) in
   * UTF-16 units), in order of `end`, longer keys first at the same end.
   */
  scan(text: string, onMatch: (key: number, start: number, end: number) => void): void {
    let state = 0;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      let next = this.child(state, c);
      while (next < 0 && state !== 0) {
        state = this.fail[state] ?? 0;
        next = this.child(state, c);
      }
      state = next < 0 ? 0 : next;
      let hit = (this.terminal[state] ?? -1) >= 0 ? state : (this.dict[state] ?? 0);
      while (hit !== 0) {
        const key = this.terminal[hit] ?? -1;
        const length = (this.keys[key] ?? "").length;
        onMatch(key, i + 1 - length, i + 1);
        hit = this.dict[hit] ?? 0;
      }
    }
  }

  private child(node: number, c: number): number {
    let lo = this.edgeStart[node] ?? 0;
    let hi = (this.edgeStart[node + 1] ?? 0) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.edgeChars[mid] ?? 0;
      if (m === c) return this.edgeTargets[mid] ?? -1;
      if (m < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

function compareUnits(a: string, b: string): number {
  // JS string comparison is by UTF-16 code unit, which is the order the trie's edges need.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An Int32Array that grows by doubling (the trie's size is not known in advance). */
class GrowableInt32 {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length] = value;
    this.length += 1;
  }

  get(index: number): number {
    return this.data[index] ?? 0;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
