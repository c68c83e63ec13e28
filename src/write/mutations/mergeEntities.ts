import type { CypherExecutor } from "../../graph/executor";
import type { MergeEntitiesInput } from "../../generated/resolvers-types";
import { parseRelationshipId, relationshipId } from "../../graph/relationshipId";
import { CURATION, deriveEntity, type EntityElement, type RelationshipElement } from "../elements";
import { readEntityDependents } from "../entityDependents";
import { readElements, type Planned } from "../elementStore";
import { checkLength, WRITE_LIMITS } from "../limits";
import {
  asAliasContribution,
  combineEntityContributions,
  combineRelationshipContributions,
  combineSources,
} from "../mergeContributions";
import { runMutation, type Actor, type MutationOutcome } from "../mutation";

/** The merged id resolves to the kept entity from now on; ids merged into the merged one follow. */
export const RECORD_MERGED_ID = `
MERGE (m:MergedId {id: $mergeId})
SET m.into = $keepId
WITH m
OPTIONAL MATCH (older:MergedId {into: $mergeId})
SET older.into = $keepId`;

const unique = (list: string[]): string[] => [...new Set(list)];

/**
 * The kept entity's sources with the merged one's moved in (its names as aliases, its citations).
 * Where curators set an alias list (on either), that list is the kept entity's aliases from now on:
 * it gets every alias the two had and the merged entity's name, so that no name is lost.
 */
function mergedEntity(keep: EntityElement, merged: EntityElement): EntityElement {
  const kept = deriveEntity(keep);
  const gone = deriveEntity(merged);
  const sources = combineSources(
    keep.sources,
    merged.sources.map((s) => ({ ...s, data: asAliasContribution(s.data, kept.kind) })),
    combineEntityContributions,
  );
  const curation = sources.find((s) => s.key === CURATION);
  if (curation !== undefined && curation.data.aliases !== null) {
    curation.data = {
      ...curation.data,
      aliases: unique([...kept.aliases, gone.name, ...gone.aliases]).filter((a) => a !== kept.name),
    };
  }
  return { ...keep, sources };
}

/**
 * Two entities that are one: `mergeId`'s sources (names as aliases, citations), relationships,
 * statistics and quotes move to `keepId`; `mergeId` goes (a MERGED item) and resolves to `keepId`.
 */
export function mergeEntities(
  executor: CypherExecutor,
  actor: Actor,
  input: MergeEntitiesInput,
): Promise<MutationOutcome> {
  const { keepId, mergeId } = input;
  return runMutation(executor, actor, "mergeEntities", input, {
    reason: input.reason,
    check: (problems) => {
      checkLength(problems, ["input", "reason"], input.reason, WRITE_LIMITS.shortTextLength);
      if (keepId === mergeId)
        problems.add(["input", "mergeId"], "INVALID", "an entity cannot be merged into itself");
    },
    work: async (run, problems) => {
      const stored = await readElements(run, { entities: [keepId, mergeId] });
      const keep = stored.entities.get(keepId);
      const merged = stored.entities.get(mergeId);
      if (keep === undefined) problems.add(["input", "keepId"], "NOT_FOUND", `no entity ${keepId}`);
      if (merged === undefined) problems.add(["input", "mergeId"], "NOT_FOUND", `no entity ${mergeId}`);
      if (keep === undefined || merged === undefined || keepId === mergeId) return null;
      const kind = deriveEntity(keep).kind;
      if (deriveEntity(merged).kind !== kind) {
        problems.add(
          ["input", "mergeId"],
          "KIND_MISMATCH",
          `${mergeId} is a ${deriveEntity(merged).kind}, ${keepId} a ${kind}`,
        );
        return null;
      }

      const moved = (id: string): string => {
        const ends = parseRelationshipId(id);
        if (ends === null) return id;
        const swap = (end: string): string => (end === mergeId ? keepId : end);
        return relationshipId(swap(ends.from), ends.type, swap(ends.to));
      };
      const { relationshipIds, stored: more } = await readEntityDependents(run, mergeId, (ids) =>
        ids.map(moved),
      );

      const keptEntity = mergedEntity(keep, merged);
      const aliasCount = deriveEntity(keptEntity).aliases.length;
      if (aliasCount > WRITE_LIMITS.aliases) {
        problems.add(
          ["input", "mergeId"],
          "INVALID",
          `${keepId} would have ${aliasCount} aliases after the merge, more than ${WRITE_LIMITS.aliases}: set fewer with updateEntity (aliases) first`,
        );
        return null;
      }
      const plan: Planned[] = [{ before: keep, after: keptEntity }];
      const targets = new Map<string, { before: RelationshipElement | null; after: RelationshipElement }>();
      for (const id of relationshipIds) {
        const old = more.relationships.get(id);
        if (old === undefined) continue;
        const newId = moved(id);
        const ends = parseRelationshipId(newId);
        if (ends === null || ends.from === ends.to) {
          plan.push({ before: old, after: null });
          continue;
        }
        const target = targets.get(newId) ?? {
          before: more.relationships.get(newId) ?? null,
          after: more.relationships.get(newId) ?? {
            kind: "relationship",
            id: newId,
            version: 0,
            sources: [],
          },
        };
        target.after = {
          ...target.after,
          sources: combineSources(target.after.sources, old.sources, combineRelationshipContributions),
        };
        targets.set(newId, target);
        plan.push({ before: old, after: null, mergedInto: newId });
      }
      for (const target of targets.values()) plan.push(target);
      for (const s of more.statistics.values()) {
        plan.push({
          before: s,
          after: { ...s, sources: s.sources.map((x) => ({ ...x, data: { ...x.data, subject: keepId } })) },
        });
      }
      for (const q of more.quotes.values()) {
        const sources = q.sources.map((x) => ({
          ...x,
          data: {
            ...x.data,
            speaker: x.data.speaker === mergeId ? keepId : x.data.speaker,
            about: unique(x.data.about.map((a) => (a === mergeId ? keepId : a))),
          },
        }));
        plan.push({ before: q, after: { ...q, sources } });
      }
      plan.push({ before: merged, after: null, mergedInto: keepId });
      await run({ name: "write.recordMergedId", cypher: RECORD_MERGED_ID, params: { keepId, mergeId } });
      return { plan, resultId: keepId };
    },
  });
}
