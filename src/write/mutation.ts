import type { CypherExecutor } from "../graph/executor";
import {
  recordedWrite,
  type ChangeItemDraft,
  type LockMode,
  type Work,
  type WriteOutcome,
} from "./changeLog";
import { planChanges, type Planned, type Run } from "./elementStore";
import { checkLength, WRITE_LIMITS } from "./limits";
import { Problems } from "./userErrors";

/** Who writes: the verified token's subject (see src/auth/viewer.ts). */
export interface Actor {
  subject: string;
}

/** What a mutation's work decided, inside the transaction. */
export interface MutationPlan {
  plan: Planned[];
  /** Items written by the mutation itself (e.g. a document), before the plan's. */
  items?: ChangeItemDraft[];
  /** The element the payload returns. */
  resultId: string;
}

/** `existing`: addDocument found the same text stored already, and wrote nothing. */
export type MutationOutcome = WriteOutcome<{ existingId: string | null }>;

/**
 * The mutations whose work reads more than the element states the lock-late check covers (a
 * document by its hash, an entity's dependents) or writes as it goes: they take the change-log lock
 * first (src/write/changeLog.ts). The others take it last; one that runs an untracked statement
 * anyway falls back to the lock first by itself, so this list only saves that wasted attempt.
 */
const LOCK_FIRST = new Set(["addDocument", "mergeEntities", "retract"]);

function lockMode(operation: string): LockMode {
  return LOCK_FIRST.has(operation) ? "first" : "late";
}

/**
 * The shape of every curation mutation: `check` collects what is wrong with the input alone; then
 * one recorded transaction runs `work`, which adds what it finds wrong against the graph (unknown
 * ids, versions, quotes); the change-log lock is taken after it (or before it: {@link LOCK_FIRST}),
 * and `work` runs again if what it read moved meanwhile. Any problem at all: everything is rolled back
 * and every problem is returned as a user error. An input with a list over its limit is refused
 * after `check`, without opening a transaction. Otherwise the plan is written and recorded as one
 * Change. `work` returning `existing` writes nothing (addDocument's dedup).
 */
export function runMutation<Input extends { clientMutationId?: string | null }>(
  executor: CypherExecutor,
  actor: Actor,
  operation: string,
  input: Input,
  options: {
    reason?: string | null;
    check: (problems: Problems) => void;
    work: (run: Run, problems: Problems) => Promise<MutationPlan | { existing: string } | null>;
  },
): Promise<MutationOutcome> {
  const problems = new Problems();
  checkLength(problems, ["input", "clientMutationId"], input.clientMutationId, WRITE_LIMITS.shortTextLength);
  options.check(problems);
  // A list over its limit is not looked up in the graph (nor locked for): refused as it stands.
  if (problems.overLimit) return Promise.resolve({ kind: "refused", userErrors: problems.list });
  return recordedWrite<{ existingId: string | null }>(
    executor,
    {
      actor: actor.subject,
      operation,
      clientMutationId: input.clientMutationId ?? null,
      reason: options.reason ?? null,
      input,
    },
    async (run): Promise<Work<{ existingId: string | null }>> => {
      // The work may run more than once (the lock taken last, something moved): each time afresh.
      const found = new Problems();
      found.list.push(...problems.list);
      const planned = await options.work(run, found);
      if (found.any || planned === null) return { kind: "refuse", userErrors: found.list };
      if ("existing" in planned) return { kind: "nothing", result: { existingId: planned.existing } };
      const { items, write } = planChanges(planned.plan);
      return {
        kind: "write",
        items: [...(planned.items ?? []), ...items],
        result: { existingId: null },
        resultId: planned.resultId,
        write,
      };
    },
    { lock: lockMode(operation) },
  );
}
