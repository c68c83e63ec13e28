import type { CypherExecutor } from "../graph/executor";
import { recordedWrite, type ChangeItemDraft, type Work, type WriteOutcome } from "./changeLog";
import { applyPlan, type Planned, type Run } from "./elementStore";
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
 * The shape of every curation mutation: `check` collects what is wrong with the input alone; then
 * one recorded transaction (holding the change-log lock) runs `work`, which adds what it finds wrong
 * against the graph (unknown ids, versions, quotes). Any problem at all: everything is rolled back
 * and every problem is returned as a user error. Otherwise the plan is written and recorded as one
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
      const planned = await options.work(run, problems);
      if (problems.any || planned === null) return { kind: "refuse", userErrors: problems.list };
      if ("existing" in planned) return { kind: "nothing", result: { existingId: planned.existing } };
      const items = [...(planned.items ?? []), ...(await applyPlan(run, planned.plan))];
      return { kind: "write", items, result: { existingId: null }, resultId: planned.resultId };
    },
  );
}
