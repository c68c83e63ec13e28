import { createHash } from "node:crypto";
import { int, type CypherExecutor, type WriteCounters } from "../graph/executor";
import type { ChangeAction, ChangeRecord } from "../graph/records";
import { signalCommit } from "./commitSignal";
import { emptyReadSet, trackReads, UntrackedStatement, type Run } from "./elementStore";
import { chunks } from "./statements";
import type { UserError } from "./userErrors";

/**
 * The spine (docs/curation.md): every write is one transaction that takes the next seq from the
 * single (:ChangeLog) node (its write lock serialises commits, so seqs are gap-free and in commit
 * order), changes the graph and appends one (:Change) with its (:ChangeItem)s. A write that ends up
 * changing nothing, or is refused, rolls back: the seq it took is given back.
 *
 * When it takes the lock (see {@link recordedWrite}):
 * - `late` (the mutations): the work reads and validates without the lock, recording the version of
 *   every element it read (elementStore's trackReads); then one statement takes the lock, appends
 *   the Change and its items and checks that every element read is still at the version read, with
 *   the element writes sent in the same round trip, and the transaction commits. Anything moved: the
 *   transaction rolls back and the work runs again (after {@link LATE_ATTEMPTS}, lock first). The lock
 *   is held for two round trips, whatever the work reads.
 * - `first` (the importer, and any work that reads what the read set cannot vouch for): the lock is
 *   taken before anything is read, so nothing can change between the reads and the writes.
 */

/** Takes the change-log lock and the next seq. */
export const NEXT_SEQ = `
MATCH (l:ChangeLog {id: 'changes'})
SET l.seq = l.seq + 1
RETURN l.seq AS seq`;

/** A caller's earlier change with this clientMutationId. */
export const CHANGE_BY_MUTATION_ID = `
MATCH (c:Change {actor: $actor, clientMutationId: $clientMutationId})
RETURN c.seq AS seq, c.inputHash AS inputHash, c.resultId AS resultId`;

/** The Change with its first items (later ones: APPEND_ITEMS), under a seq already taken. */
export const APPEND_CHANGE = `
CREATE (c:Change {id: 'change:' + toString($seq), seq: $seq, at: datetime(), actor: $actor,
                  operation: $operation, clientMutationId: $clientMutationId, reason: $reason,
                  inputHash: $inputHash, resultId: $resultId, itemCount: $itemCount})
WITH c
CALL (c) {
  UNWIND $items AS item
  CREATE (c)-[:HAS_ITEM]->(:ChangeItem {seq: c.seq, position: item.position, elementId: item.id, typename: item.typename,
         action: item.action, version: item.version, before: item.before, after: item.after,
         mergedInto: item.mergedInto})
}
RETURN toString(c.at) AS at`;

export const APPEND_ITEMS = `
MATCH (c:Change {seq: $seq})
UNWIND $items AS item
CREATE (c)-[:HAS_ITEM]->(:ChangeItem {seq: $seq, position: item.position, elementId: item.id, typename: item.typename,
       action: item.action, version: item.version, before: item.before, after: item.after,
       mergedInto: item.mergedInto})`;

/**
 * The end of a `late` write, in one statement: takes the lock and the next seq, appends the Change
 * with its first items, and counts what moved since the work read it: elements no longer at the
 * version read (-2: absent, -1: stored without a version), and another change with this caller's
 * clientMutationId. Anything moved: the caller rolls back.
 */
export const LOCK_APPEND_CHECK = `
MATCH (l:ChangeLog {id: 'changes'})
SET l.seq = l.seq + 1
WITH l.seq AS seq
CREATE (c:Change {id: 'change:' + toString(seq), seq: seq, at: datetime(), actor: $actor,
                  operation: $operation, clientMutationId: $clientMutationId, reason: $reason,
                  inputHash: $inputHash, resultId: $resultId, itemCount: $itemCount})
WITH seq, c
CALL (c) {
  UNWIND $items AS item
  CREATE (c)-[:HAS_ITEM]->(:ChangeItem {seq: c.seq, position: item.position, elementId: item.id, typename: item.typename,
         action: item.action, version: item.version, before: item.before, after: item.after,
         mergedInto: item.mergedInto})
}
CALL () {
  UNWIND $entities AS e
  OPTIONAL MATCH (n:Entity {id: e.id})
  WITH e, CASE WHEN n IS NULL THEN -2 ELSE coalesce(n.version, -1) END AS version
  WHERE version <> e.version
  RETURN count(*) AS movedEntities
}
CALL () {
  UNWIND $relationships AS ref
  OPTIONAL MATCH (:Entity {id: ref.from})-[r]->(:Entity {id: ref.to})
  WHERE r.id = ref.id
  WITH ref, CASE WHEN r IS NULL THEN -2 ELSE coalesce(r.version, -1) END AS version
  WHERE version <> ref.version
  RETURN count(*) AS movedRelationships
}
CALL () {
  UNWIND $statistics AS e
  OPTIONAL MATCH (s:Statistic {id: e.id})
  WITH e, CASE WHEN s IS NULL THEN -2 ELSE coalesce(s.version, -1) END AS version
  WHERE version <> e.version
  RETURN count(*) AS movedStatistics
}
CALL () {
  UNWIND $quotes AS e
  OPTIONAL MATCH (q:Quote {id: e.id})
  WITH e, CASE WHEN q IS NULL THEN -2 ELSE coalesce(q.version, -1) END AS version
  WHERE version <> e.version
  RETURN count(*) AS movedQuotes
}
CALL (seq) {
  OPTIONAL MATCH (earlier:Change {actor: $actor, clientMutationId: $clientMutationId})
  WHERE earlier.seq <> seq
  RETURN count(earlier) AS replays
}
RETURN seq, toString(c.at) AS at,
       movedEntities + movedRelationships + movedStatistics + movedQuotes + replays AS moved`;

/** Attempts with the lock taken last before one with the lock taken first. */
export const LATE_ATTEMPTS = 3;

export type LockMode = "late" | "first";

/** One element a change touched (see ChangeItem in schema/curation.graphql). */
export interface ChangeItemDraft {
  id: string;
  typename: string;
  action: ChangeAction;
  version: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  mergedInto: string | null;
}

export interface ChangeMeta {
  /** The token's subject, or 'import:<file>'. */
  actor: string;
  /** The mutation's name, or 'import'. */
  operation: string;
  clientMutationId: string | null;
  reason: string | null;
  /** The input, for idempotency: a repeated clientMutationId must come with the same input. */
  input: unknown;
}

/** What the work inside the transaction decided. */
export type Work<T> =
  | {
      kind: "write";
      items: ChangeItemDraft[];
      result: T;
      resultId: string | null;
      /** The element writes, when the work has not run them itself: run once the lock is held. */
      write?: (run: Run) => Promise<void>;
    }
  | { kind: "refuse"; userErrors: UserError[] }
  /** Nothing to write (e.g. an unchanged import): rolled back, no change recorded. */
  | { kind: "nothing"; result: T };

export type WriteOutcome<T> =
  | {
      kind: "written";
      change: ChangeRecord;
      result: T;
      resultId: string | null;
      counters: WriteCounters;
      /** How long the write held the change-log lock, as the client sees it (sending the statement that takes it to the end of the commit); for the benchmark. */
      lockedMs: number;
    }
  | { kind: "refused"; userErrors: UserError[] }
  | { kind: "nothing"; result: T }
  /** The same caller sent the same clientMutationId and input before: its change, nothing written. */
  | { kind: "replayed"; seq: number; resultId: string | null };

/** Thrown inside the transaction to roll it back while answering `outcome`. */
class Rollback<T> extends Error {
  constructor(readonly outcome: WriteOutcome<T>) {
    super(`rolled back: ${outcome.kind}`);
  }
}

/** A stable hash of an operation's input (keys sorted), without its clientMutationId. */
export function inputHash(operation: string, input: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    // DateTime inputs are Date objects, which have no own keys: compare them by instant.
    if (value instanceof Date) return value.toISOString();
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([k, v]) => k !== "clientMutationId" && v !== undefined)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, canonical(v)]),
      );
    }
    return value;
  };
  return createHash("sha256")
    .update(JSON.stringify([operation, canonical(input)]))
    .digest("hex");
}

/** Why a `late` attempt rolled back and runs again. */
class Moved extends Error {
  constructor(readonly reason: "moved" | "untracked") {
    super(`rolled back: ${reason}`);
  }
}

type ItemRow = Record<string, unknown>;

function itemRows(items: readonly ChangeItemDraft[]): ItemRow[] {
  return items.map((item, position) => ({
    ...item,
    position: int(position),
    version: item.version === null ? null : int(item.version),
    before: item.before === null ? null : JSON.stringify(item.before),
    after: item.after === null ? null : JSON.stringify(item.after),
  }));
}

/** The earlier change of a repeated clientMutationId: replayed (same input) or refused. */
function earlierOutcome<T>(
  meta: ChangeMeta,
  hash: string,
  earlier: { seq: number; inputHash: string; resultId: string | null },
): WriteOutcome<T> {
  return earlier.inputHash === hash
    ? { kind: "replayed", seq: earlier.seq, resultId: earlier.resultId }
    : {
        kind: "refused",
        userErrors: [
          {
            field: ["input", "clientMutationId"],
            code: "IDEMPOTENCY_KEY_REUSED",
            message: `clientMutationId ${meta.clientMutationId} was used for another input (change ${earlier.seq}); use a new one`,
          },
        ],
      };
}

/** What a written change looks like to the caller. */
interface Written<T> {
  change: ChangeRecord;
  result: T;
  resultId: string | null;
}

function changeRecord(meta: ChangeMeta, seq: number, at: string | undefined): ChangeRecord {
  return {
    __typename: "Change",
    id: `change:${seq}`,
    seq,
    at: at ?? new Date().toISOString(),
    actor: meta.actor,
    operation: meta.operation,
    clientMutationId: meta.clientMutationId,
    reason: meta.reason,
  };
}

/** Turns a work's verdict into a rollback, or the write it asks for. */
function toWrite<T>(done: Work<T>): Extract<Work<T>, { kind: "write" }> {
  if (done.kind === "refuse") throw new Rollback<T>({ kind: "refused", userErrors: done.userErrors });
  if (done.kind === "nothing" || done.items.length === 0) {
    throw new Rollback<T>({ kind: "nothing", result: done.result });
  }
  return done;
}

/**
 * Runs `work` in one write transaction holding the change-log lock, and records what it wrote as
 * the next Change. `lock` says when the lock is taken (see the top of this file; `first` unless
 * said). With `late`, `work` must leave the element writes to `write` (it runs them before the
 * lock otherwise, and a statement other than the tracked reads sends it to `first`). `dryRun`
 * runs everything and rolls back.
 */
export async function recordedWrite<T>(
  executor: CypherExecutor,
  meta: ChangeMeta,
  work: (run: Run) => Promise<Work<T>>,
  options: { dryRun?: boolean; lock?: LockMode } = {},
): Promise<WriteOutcome<T>> {
  const hash = inputHash(meta.operation, meta.input);
  let mode: LockMode = options.lock ?? "first";
  for (let attempt = 1; ; attempt += 1) {
    let lockedAt: number | undefined;
    try {
      const { result, counters } = await executor.transaction(
        `change.${meta.operation}`,
        async (run): Promise<Written<T>> => {
          if (mode === "first") {
            lockedAt = performance.now();
            return await lockFirst(run, meta, hash, work);
          }
          return await lockLate(run, meta, hash, work, () => {
            lockedAt = performance.now();
          });
        },
        { rollback: options.dryRun ?? false },
      );
      const lockedMs = lockedAt === undefined ? 0 : performance.now() - lockedAt;
      // Committed: the change feed's tailer reads it now rather than at its next poll.
      if (options.dryRun !== true) signalCommit(result.change.seq);
      return { kind: "written", ...result, counters, lockedMs };
    } catch (error) {
      if (error instanceof Rollback) return (error as Rollback<T>).outcome;
      if (!(error instanceof Moved)) throw error;
      if (error.reason === "untracked" || attempt >= LATE_ATTEMPTS) mode = "first";
    }
  }
}

/** The lock first: the seq (and an earlier change of this clientMutationId) before anything is read. */
async function lockFirst<T>(
  run: Run,
  meta: ChangeMeta,
  hash: string,
  work: (run: Run) => Promise<Work<T>>,
): Promise<Written<T>> {
  const [next] = await run<{ seq: number }>({ name: "change.nextSeq", cypher: NEXT_SEQ, params: {} });
  if (next === undefined) throw new Error("the change log is missing: run the migrations (003_change_log)");
  const seq = next.seq;
  if (meta.clientMutationId !== null) {
    const [earlier] = await run<{ seq: number; inputHash: string; resultId: string | null }>({
      name: "change.byMutationId",
      cypher: CHANGE_BY_MUTATION_ID,
      params: { actor: meta.actor, clientMutationId: meta.clientMutationId },
    });
    if (earlier !== undefined) throw new Rollback<T>(earlierOutcome(meta, hash, earlier));
  }
  const done = toWrite(await work(run));
  if (done.write) await done.write(run);
  const [first, ...rest] = chunks(itemRows(done.items));
  const [appended] = await run<{ at: string }>({
    name: "change.append",
    cypher: APPEND_CHANGE,
    params: {
      seq: int(seq),
      actor: meta.actor,
      operation: meta.operation,
      clientMutationId: meta.clientMutationId,
      reason: meta.reason,
      inputHash: hash,
      resultId: done.resultId,
      itemCount: int(done.items.length),
      items: first ?? [],
    },
  });
  for (const items of rest) {
    await run({ name: "change.appendItems", cypher: APPEND_ITEMS, params: { seq: int(seq), items } });
  }
  return { change: changeRecord(meta, seq, appended?.at), result: done.result, resultId: done.resultId };
}

/**
 * The lock last: the work reads (tracked) and decides without the lock; then the lock, the Change and
 * the check of what was read go in one statement, pipelined with the element writes.
 */
async function lockLate<T>(
  run: Run,
  meta: ChangeMeta,
  hash: string,
  work: (run: Run) => Promise<Work<T>>,
  onLock: () => void,
): Promise<Written<T>> {
  // Sent with the work's first read (one round trip); awaited after the work.
  const earlierRead =
    meta.clientMutationId === null
      ? Promise.resolve([])
      : run<{ seq: number; inputHash: string; resultId: string | null }>({
          name: "change.byMutationId",
          cypher: CHANGE_BY_MUTATION_ID,
          params: { actor: meta.actor, clientMutationId: meta.clientMutationId },
        });
  const reads = emptyReadSet();
  let done: Work<T>;
  try {
    done = await work(trackReads(run, reads));
  } catch (error) {
    await earlierRead.catch(() => undefined);
    if (error instanceof UntrackedStatement) throw new Moved("untracked");
    throw error;
  }
  const [earlier] = await earlierRead;
  if (earlier !== undefined) throw new Rollback<T>(earlierOutcome(meta, hash, earlier));
  const write = toWrite(done);
  const [first, ...rest] = chunks(itemRows(write.items));
  onLock();
  const locked = run<{ seq: number; at: string; moved: number }>({
    name: "change.lockAppendCheck",
    cypher: LOCK_APPEND_CHECK,
    params: {
      actor: meta.actor,
      operation: meta.operation,
      clientMutationId: meta.clientMutationId,
      reason: meta.reason,
      inputHash: hash,
      resultId: write.resultId,
      itemCount: int(write.items.length),
      items: first ?? [],
      entities: [...reads.entities].map(([id, version]) => ({ id, version: int(version) })),
      relationships: [...reads.relationships.values()].map((r) => ({ ...r, version: int(r.version) })),
      statistics: [...reads.statistics].map(([id, version]) => ({ id, version: int(version) })),
      quotes: [...reads.quotes].map(([id, version]) => ({ id, version: int(version) })),
    },
  });
  // Sent at once behind the lock statement: if it finds anything moved, all of it rolls back.
  const writes = (async () => {
    const [row] = await locked.catch(() => [undefined]);
    if (row === undefined) return;
    for (const items of rest) {
      await run({ name: "change.appendItems", cypher: APPEND_ITEMS, params: { seq: int(row.seq), items } });
    }
  })();
  const elementWrites = write.write ? write.write(run) : Promise.resolve();
  const [lockedResult, elementResult, restResult] = await Promise.allSettled([locked, elementWrites, writes]);
  if (lockedResult.status === "rejected") throw lockedResult.reason;
  const [row] = lockedResult.value;
  if (row === undefined) throw new Error("the change log is missing: run the migrations (003_change_log)");
  if (row.moved > 0) throw new Moved("moved");
  if (elementResult.status === "rejected") throw elementResult.reason;
  if (restResult.status === "rejected") throw restResult.reason;
  return { change: changeRecord(meta, row.seq, row.at), result: write.result, resultId: write.resultId };
}
