import type { CypherExecutor } from "../../graph/executor";
import type { UpdateEntityInput } from "../../generated/resolvers-types";
import type { CitationRecord } from "../../graph/records";
import { checkCitations, locateCitations } from "../citations";
import { CLEARED, CURATION, deriveEntity, withSource, type EntityContribution } from "../elements";
import { readElements } from "../elementStore";
import { checkEntityFields, withNfcNames } from "./entityFields";
import { runMutation, type Actor, type MutationOutcome } from "../mutation";

/** Whether the caller gave the field, null included (GraphQL keeps an explicit null apart from a field left out). */
const given = (input: object, field: string): boolean => Object.hasOwn(input, field);

/**
 * Corrects an entity: what the curators say overrides the documents (name, aliases, description);
 * citations add up. A field left out stays as it is; `description: null` clears the description
 * (whatever the documents say, until a curator sets one again); `aliases: []` clears the aliases;
 * `name: null` and `aliases: null` are INVALID (an entity has a name; `[]` means no aliases).
 */
export function updateEntity(
  executor: CypherExecutor,
  actor: Actor,
  raw: UpdateEntityInput,
): Promise<MutationOutcome> {
  const input = withNfcNames(raw);
  return runMutation(executor, actor, "updateEntity", input, {
    check: (problems) => {
      checkEntityFields(problems, input);
      if (input.addCitations) checkCitations(problems, ["input", "addCitations"], input.addCitations, 0);
      if (given(input, "name") && input.name === null)
        problems.add(["input", "name"], "INVALID", "an entity has a name: give one, or leave name out");
      if (given(input, "aliases") && input.aliases === null)
        problems.add(["input", "aliases"], "INVALID", "give [] for no aliases, or leave aliases out");
      const nothing = !["name", "aliases", "description", "addCitations"].some((f) => given(input, f));
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
        description: given(input, "description") ? (input.description ?? CLEARED) : curated.description,
        citations: [...curated.citations, ...citations.filter((c): c is CitationRecord => c !== null)],
      };
      return {
        plan: [{ before, after: { ...before, sources: withSource(before.sources, CURATION, data) } }],
        resultId: input.id,
      };
    },
  });
}
