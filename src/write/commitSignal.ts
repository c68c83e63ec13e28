/**
 * An in-process signal, raised after each committed write (recordedWrite), so that the change
 * feed's tailer (src/feed/tailer.ts) reads the new change at once instead of at its next poll.
 * Only a hint: the feed reads the change from Neo4j either way, and commits made by other service
 * instances are found by polling.
 */
type Listener = (seq: number) => void;

const listeners = new Set<Listener>();

/** Calls `listener` after every local commit; returns the function that stops it. */
export function onCommit(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Raised by the write layer once a change is committed. A listener's error never reaches the writer. */
export function signalCommit(seq: number): void {
  for (const listener of listeners) {
    try {
      listener(seq);
    } catch {
      // A feed that cannot take the hint polls anyway.
    }
  }
}
