import { idPrefixOf } from "../../graph/entityKinds";
import type { CypherExecutor } from "../../graph/executor";
import type { CreateEntityInput } from "../../generated/resolvers-types";
import type { CitationRecord } from "../../graph/records";
import { checkCitations, locateCitations } from "../citations";
import { CURATION } from "../elements";
import { readElements } from "../elementStore";
import { readableId } from "../ids";
import { checkEntityFields, withNfcNames } from "./entityFields";
import { checkId } from "../limits";
import { runMutation, type Actor, type MutationOutcome } from "../mutation";

/** The entity an id was merged into (mergeEntities): such an id resolves there, so it is taken. */
export const MERGED_ID_TARGET = `
MATCH (m:MergedId {id: $id})
RETURN m.into AS into`;

export function createEntity(
  executor: CypherExecutor,
  actor: Actor,
  raw: CreateEntityInput,
): Promise<MutationOutcome> {
  const input = withNfcNames(raw);
  const prefix = idPrefixOf(input.kind).slice(0, -1);
  const id = input.id ?? readableId(prefix, input.name);
  return runMutation(executor, actor, "createEntity", input, {
    check: (problems) => {
      if (input.id !== null && input.id !== undefined) checkId(problems, ["input", "id"], input.id, prefix);
      checkEntityFields(problems, input);
      checkCitations(problems, ["input", "citations"], input.citations);
    },
    work: async (run, problems) => {
      const stored = await readElements(run, { entities: [id] });
      if (stored.entities.has(id)) {
        problems.add(
          ["input", "id"],
          "ALREADY_EXISTS",
          `${id} exists already${input.id ? "" : "; give an id of your own"}`,
        );
      } else {
        const [merged] = await run<{ into: string }>({
          name: "write.mergedIdTarget",
          cypher: MERGED_ID_TARGET,
          params: { id },
        });
        if (merged !== undefined) {
          problems.add(
            ["input", "id"],
            "ALREADY_EXISTS",
            `${id} was merged into ${merged.into} and resolves to it${input.id ? "" : "; give an id of your own"}`,
          );
        }
      }
      const citations = await locateCitations(
        run,
        problems,
        input.citations.map((citation, i) => ({ field: ["input", "citations", i], citation })),
      );
      const located = citations.filter((c): c is CitationRecord => c !== null);
      const data = {
        kind: input.kind,
        name: input.name,
        aliases: input.aliases ?? null,
        description: input.description ?? null,
        date: null,
        citations: located,
      };
      return {
        plan: [
          { before: null, after: { kind: "entity", id, version: 0, sources: [{ key: CURATION, data }] } },
        ],
        resultId: id,
      };
    },
  });
}
