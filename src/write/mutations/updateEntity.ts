import type { CypherExecutor } from "../../graph/executor";
import type { UpdateEntityInput } from "../../generated/resolvers-types";
import type { CitationRecord } from "../../graph/records";
import { checkCitations, locateCitations } from "../citations";
import { CURATION, deriveEntity, withSource, type EntityContribution } from "../elements";
import { readElements } from "../elementStore";
import { checkEntityFields } from "./entityFields";
import { runMutation, type Actor, type MutationOutcome } from "../mutation";

/** Corrects an entity: what the curators say overrides the documents (name, aliases, description); citations add up. */
export function updateEntity(
  executor: CypherExecutor,
  actor: Actor,
  input: UpdateEntityInput,
): Promise<MutationOutcome> {
  return runMutation(executor, actor, "updateEntity", input, {
    check: (problems) => {
      checkEntityFields(problems, input);
      if (input.addCitations) checkCitations(problems, ["input", "addCitations"], input.addCitations, 0);
      const nothing = [input.name, input.aliases, input.description, input.addCitations].every(
        (v) => v === null || v === undefined,
      );
      if (nothing)
        problems.add(["input"], "INVALID", "give at least one of name, aliases, description, addCitations");
    },
    work: async (run, problems) => {
      const before = (await readElements(run, { entities: [input.id] })).entities.get(input.id);
      if (before === undefined) {
        problems.add(["input", "id"], "NOT_FOUND", `no entity ${input.id}`);
        return null;
      }
      if (before.version !== input.expectedVersion) {
        problems.add(
          ["input", "expectedVersion"],
          "VERSION_CONFLICT",
          `${input.id} is at version ${before.version}, not ${input.expectedVersion}: read it again and retry`,
        );
      }
      const citations = await locateCitations(
        run,
        problems,
        (input.addCitations ?? []).map((citation, i) => ({ field: ["input", "addCitations", i], citation })),
      );
      const curated: EntityContribution = before.sources.find((s) => s.key === CURATION)?.data ?? {
        kind: deriveEntity(before).kind,
        name: null,
        aliases: null,
        description: null,
        date: null,
        citations: [],
      };
      const data: EntityContribution = {
        ...curated,
        name: input.name ?? curated.name,
        aliases: input.aliases ?? curated.aliases,
        description: input.description ?? curated.description,
        citations: [...curated.citations, ...citations.filter((c): c is CitationRecord => c !== null)],
      };
      return {
        plan: [{ before, after: { ...before, sources: withSource(before.sources, CURATION, data) } }],
        resultId: input.id,
      };
    },
  });
}
