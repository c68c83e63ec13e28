import type { CypherExecutor } from "../../graph/executor";
import { int } from "../../graph/executor";
import type { ReviewMentionInput } from "../../generated/resolvers-types";
import type { LinkMethod, ReviewStatus } from "../../graph/records";
import { checkLength, WRITE_LIMITS } from "../limits";
import { ENTITY_TARGET, MENTION_STATE, mentionItem, UPDATE_MENTION, type MentionState } from "../mentions";
import { runMutation, type Actor, type MutationOutcome } from "../mutation";

interface StoredMention extends MentionState {
  version: number;
}

/**
 * A curator's decision on a mention, as one Change with its before and after: ACCEPTED (method
 * CURATED, score 1), REJECTED (kept, with how it was found, so that it is not proposed again),
 * PROPOSED (back in the queue), or a relink to another entity (ACCEPTED, CURATED, score 1). The
 * same decision again changes nothing and writes nothing.
 */
export function reviewMention(
  executor: CypherExecutor,
  actor: Actor,
  input: ReviewMentionInput,
): Promise<MutationOutcome> {
  const relink = input.entityId ?? null;
  return runMutation(executor, actor, "reviewMention", input, {
    check: (problems) => {
      checkLength(problems, ["input", "id"], input.id, WRITE_LIMITS.idLength);
      if (relink !== null) checkLength(problems, ["input", "entityId"], relink, WRITE_LIMITS.idLength);
      if (!input.id.startsWith("mention:"))
        problems.add(["input", "id"], "INVALID", "must be a mention's id");
      if (relink !== null && input.status !== "ACCEPTED") {
        problems.add(
          ["input", "status"],
          "INVALID",
          "a relink (entityId) is an acceptance: status must be ACCEPTED",
        );
      }
    },
    work: async (run, problems) => {
      if (problems.any) return null;
      const [found] = await run<{ row: StoredMention }>({
        name: "write.mentionState",
        cypher: MENTION_STATE,
        params: { id: input.id },
      });
      if (found === undefined) problems.add(["input", "id"], "NOT_FOUND", `no mention with id ${input.id}`);
      let entityId = found?.row.entityId ?? "";
      if (relink !== null) {
        const [target] = await run<{ id: string }>({
          name: "write.entityTarget",
          cypher: ENTITY_TARGET,
          params: { id: relink },
        });
        if (target === undefined) {
          problems.add(
            ["input", "entityId"],
            "NOT_FOUND",
            `no entity with id ${relink} (or it was retracted)`,
          );
        } else {
          entityId = target.id;
        }
      }
      if (found === undefined || problems.any) return null;
      const { version, ...before } = found.row;
      const status: ReviewStatus = input.status;
      const curated = status === "ACCEPTED";
      const method: LinkMethod = curated ? "CURATED" : before.method;
      const after: MentionState = { ...before, entityId, status, method, score: curated ? 1 : before.score };
      if (JSON.stringify(after) === JSON.stringify(before))
        return { plan: [], items: [], resultId: input.id };
      await run({
        name: "write.updateMention",
        cypher: UPDATE_MENTION,
        params: { id: input.id, state: after, version: int(version + 1) },
      });
      return {
        plan: [],
        items: [mentionItem(input.id, "UPDATED", version + 1, before, after)],
        resultId: input.id,
      };
    },
  });
}
