import type { CypherExecutor } from "../../graph/executor";
import type { RetractInput } from "../../generated/resolvers-types";
import type { Element, QuoteElement } from "../elements";
import { readEntityDependents } from "../entityDependents";
import { readElements, type Planned } from "../elementStore";
import { checkLength, WRITE_LIMITS } from "../limits";
import { runMutation, type Actor, type MutationOutcome } from "../mutation";

function kindOfId(id: string): "entities" | "relationships" | "statistics" | "quotes" | null {
  if (id.startsWith("relationship:")) return "relationships";
  if (id.startsWith("statistic:")) return "statistics";
  if (id.startsWith("quote:")) return "quotes";
  if (id.startsWith("document:") || id.startsWith("change:")) return null;
  return "entities";
}

/**
 * Takes an element out of the graph, so that no read returns it; its history stays in the change
 * log. An entity takes its relationships, statistics and quotes with it (each recorded).
 */
export function retract(
  executor: CypherExecutor,
  actor: Actor,
  input: RetractInput,
): Promise<MutationOutcome> {
  const kind = kindOfId(input.id);
  return runMutation(executor, actor, "retract", input, {
    reason: input.reason,
    check: (problems) => {
      checkLength(problems, ["input", "reason"], input.reason, WRITE_LIMITS.shortTextLength);
      if (kind === null) {
        problems.add(
          ["input", "id"],
          "INVALID",
          "only entities, relationships, statistics and quotes can be retracted",
        );
      }
    },
    work: async (run, problems) => {
      if (kind === null) return null;
      const stored = await readElements(run, { [kind]: [input.id] });
      const target: Element | undefined = stored[kind].get(input.id);
      if (target === undefined) {
        problems.add(
          ["input", "id"],
          "NOT_FOUND",
          `nothing with id ${input.id} (or it was retracted already)`,
        );
        return null;
      }
      if (
        input.expectedVersion !== null &&
        input.expectedVersion !== undefined &&
        input.expectedVersion !== target.version
      ) {
        problems.add(
          ["input", "expectedVersion"],
          "VERSION_CONFLICT",
          `${input.id} is at version ${target.version}, not ${input.expectedVersion}: read it again and retry`,
        );
        return null;
      }
      const plan: Planned[] = [{ before: target, after: null }];
      if (target.kind === "entity") {
        // Its relationships and statistics go with it, and so do the quotes it said; quotes about it only lose the link.
        const { stored: more, spoken } = await readEntityDependents(run, input.id);
        for (const e of [...more.relationships.values(), ...more.statistics.values()])
          plan.push({ before: e, after: null });
        for (const q of more.quotes.values()) {
          plan.push({ before: q, after: spoken.has(q.id) ? null : withoutAbout(q, input.id) });
        }
      }
      return { plan, resultId: input.id };
    },
  });
}

function withoutAbout(quote: QuoteElement, id: string): QuoteElement {
  return {
    ...quote,
    sources: quote.sources.map((s) => ({
      ...s,
      data: { ...s.data, about: s.data.about.filter((a) => a !== id) },
    })),
  };
}
