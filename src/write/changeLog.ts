import { createHash } from "node:crypto";
import { int, type CypherExecutor, type WriteCounters } from "../graph/executor";
import type { ChangeAction, ChangeRecord } from "../graph/records";
import type { Run } from "./elementStore";
import { signalCommit } from "./commitSignal";
import { chunks } from "./statements";
import type { UserError } from "./userErrors";

/**
 * The spine (docs/curation.md): every write is one transaction that first takes the next seq from
 * the single (:ChangeLog) node (its write lock serialises commits, so seqs are gap-free and in commit
 * order, and nothing changes between a writer's reads and its writes), then changes the graph, then
 * appends one (:Change) with its (:ChangeItem)s. A write that ends up changing nothing, or is refused,
 * rolls back: the seq it took is given back.
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

export const APPEND_CHANGE = `
CREATE (c:Change {id: 'change:' + toString($seq), seq: $seq, at: datetime(), actor: $actor,
                  operation: $operation, clientMutationId: $clientMutationId, reason: $reason,
                  inputHash: $inputHash, resultId: $resultId, itemCount: $itemCount})
RETURN toString(c.at) AS at`;

export const APPEND_ITEMS = `
MATCH (c:Change {seq: $seq})
UNWIND $items AS item
CREATE (c)-[:HAS_ITEM]->(:ChangeItem {position: item.position, elementId: item.id, typename: item.typename,
       action: item.action, version: item.version, before: item.before, after: item.after,
       mergedInto: item.mergedInto})`;

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
  | { kind: "write"; items: ChangeItemDraft[]; result: T; resultId: string | null }
  | { kind: "refuse"; userErrors: UserError[] }
  /** Nothing to write (e.g. an unchanged import): rolled back, no change recorded. */
  | { kind: "nothing"; result: T };

export type WriteOutcome<T> =
  | { kind: "written"; change: ChangeRecord; result: T; resultId: string | null; counters: WriteCounters }
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

/**
 * Runs `work` in one write transaction holding the change-log lock, and records what it wrote as
 * the next Change. `dryRun` runs everything and rolls back.
 */
export async function recordedWrite<T>(
  executor: CypherExecutor,
  meta: ChangeMeta,
  work: (run: Run, seq: number) => Promise<Work<T>>,
  options: { dryRun?: boolean } = {},
): Promise<WriteOutcome<T>> {
  const hash = inputHash(meta.operation, meta.input);
  try {
    const { result, counters } = await executor.transaction(
      `change.${meta.operation}`,
      async (run) => {
        const [next] = await run<{ seq: number }>({ name: "change.nextSeq", cypher: NEXT_SEQ, params: {} });
        if (next === undefined)
          throw new Error("the change log is missing: run the migrations (003_change_log)");
        const seq = next.seq;
        if (meta.clientMutationId !== null) {
          const [earlier] = await run<{ seq: number; inputHash: string; resultId: string | null }>({
            name: "change.byMutationId",
            cypher: CHANGE_BY_MUTATION_ID,
            params: { actor: meta.actor, clientMutationId: meta.clientMutationId },
          });
          if (earlier !== undefined) {
            throw new Rollback<T>(
              earlier.inputHash === hash
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
                  },
            );
          }
        }
        const done = await work(run, seq);
        if (done.kind === "refuse") throw new Rollback<T>({ kind: "refused", userErrors: done.userErrors });
        if (done.kind === "nothing" || done.items.length === 0) {
          throw new Rollback<T>({
            kind: "nothing",
            result: done.result,
          });
        }
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
          },
        });
        const rows = done.items.map((item, position) => ({
          ...item,
          position: int(position),
          version: item.version === null ? null : int(item.version),
          before: item.before === null ? null : JSON.stringify(item.before),
          after: item.after === null ? null : JSON.stringify(item.after),
        }));
        for (const items of chunks(rows)) {
          await run({ name: "change.appendItems", cypher: APPEND_ITEMS, params: { seq: int(seq), items } });
        }
        const change: ChangeRecord = {
          __typename: "Change",
          id: `change:${seq}`,
          seq,
          at: appended?.at ?? new Date().toISOString(),
          actor: meta.actor,
          operation: meta.operation,
          clientMutationId: meta.clientMutationId,
          reason: meta.reason,
        };
        return { change, result: done.result, resultId: done.resultId };
      },
      { rollback: options.dryRun ?? false },
    );
    if (options.dryRun !== true) signalCommit(result.change.seq);
    return { kind: "written", ...result, counters };
  } catch (error) {
    if (error instanceof Rollback) return error.outcome;
    throw error;
  }
}
