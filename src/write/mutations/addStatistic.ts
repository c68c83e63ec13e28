import type { CypherExecutor } from "../../graph/executor";
import type { AddStatisticInput } from "../../generated/resolvers-types";
import type { CitationRecord } from "../../graph/records";
import { checkCitations, locateCitations } from "../citations";
import { CURATION } from "../elements";
import { readElements } from "../elementStore";
import { shortHash, slugOf } from "../ids";
import { checkLength, WRITE_LIMITS } from "../limits";
import { runMutation, type Actor, type MutationOutcome } from "../mutation";

/** As the importer's datasets take it: 2023, 2024-Q1, 2024-03 or a span 2020/2023. */
export const PERIOD_PATTERN = /^\d{4}(-(Q[1-4]|\d{2}))?(\/\d{4}(-(Q[1-4]|\d{2}))?)?$/;

export function addStatistic(
  executor: CypherExecutor,
  actor: Actor,
  input: AddStatisticInput,
): Promise<MutationOutcome> {
  const comparator = input.comparator ?? "EXACT";
  const period = input.period ?? null;
  // The same figure about the same subject is the same statistic: its id says so.
  const id = `statistic:${slugOf(input.metric, 60) || "figure"}-${shortHash(input.subject, input.metric.toLowerCase(), input.value, input.unit, comparator, period)}`;
  return runMutation(executor, actor, "addStatistic", input, {
    check: (problems) => {
      checkLength(problems, ["input", "metric"], input.metric, WRITE_LIMITS.shortTextLength);
      checkLength(problems, ["input", "unit"], input.unit, WRITE_LIMITS.shortTextLength);
      if (!Number.isFinite(input.value))
        problems.add(["input", "value"], "INVALID", "must be a finite number");
      if (period !== null && !PERIOD_PATTERN.test(period)) {
        problems.add(["input", "period"], "INVALID", "must be like 2023, 2024-Q1, 2024-03 or 2020/2023");
      }
      checkCitations(problems, ["input", "citations"], input.citations);
    },
    work: async (run, problems) => {
      const stored = await readElements(run, { entities: [input.subject], statistics: [id] });
      if (!stored.entities.has(input.subject))
        problems.add(["input", "subject"], "NOT_FOUND", `no entity ${input.subject}`);
      if (stored.statistics.has(id))
        problems.add(["input"], "ALREADY_EXISTS", `the same figure is stored already as ${id}`);
      const citations = await locateCitations(
        run,
        problems,
        input.citations.map((citation, i) => ({ field: ["input", "citations", i], citation })),
      );
      const data = {
        subject: input.subject,
        metric: input.metric,
        value: input.value,
        unit: input.unit,
        comparator,
        period,
        description: null,
        citations: citations.filter((c): c is CitationRecord => c !== null),
      };
      return {
        plan: [
          { before: null, after: { kind: "statistic", id, version: 0, sources: [{ key: CURATION, data }] } },
        ],
        resultId: id,
      };
    },
  });
}
