import type { CypherExecutor } from "../../graph/executor";
import type { MergeEntitiesInput } from "../../generated/resolvers-types";
import { parseRelationshipId, relationshipId } from "../../graph/relationshipId";
import {
  deriveEntity,
  type EntityContribution,
  type EntityElement,
  type RelationshipContribution,
  type RelationshipElement,
  type Source,
} from "../elements";
import { readElements, type Planned } from "../elementStore";
import { checkLength, WRITE_LIMITS } from "../limits";
import { runMutation, type Actor, type MutationOutcome } from "../mutation";
import { ENTITY_DEPENDENTS } from "./retract";

/** The merged id resolves to the kept entity from now on; ids merged into the merged one follow. */
export const RECORD_MERGED_ID = `
MERGE (m:MergedId {id: $mergeId})
SET m.into = $keepId
WITH m
OPTIONAL MATCH (older:MergedId {into: $mergeId})
SET older.into = $keepId`;

const unique = (list: string[]): string[] => [...new Set(list)];

/** The merged entity's words, as the kept one's: its names become aliases, its name competes with nothing. */
function asAliasSource(data: EntityContribution, kind: EntityContribution["kind"]): EntityContribution {
  return {
    ...data,
    kind,
    name: null,
    aliases: unique([...(data.name ? [data.name] : []), ...(data.aliases ?? [])]),
  };
}

/** Sources of both, per key: the kept one's fields, both's aliases and citations. */
function combineEntitySources(
  keep: Array<Source<EntityContribution>>,
  merged: Array<Source<EntityContribution>>,
  kind: EntityContribution["kind"],
): Array<Source<EntityContribution>> {
  const out = keep.map((s) => ({ ...s, data: { ...s.data } }));
  for (const source of merged) {
    const moved = asAliasSource(source.data, kind);
    const same = out.find((s) => s.key === source.key);
    if (same === undefined) out.push({ key: source.key, data: moved });
    else {
      const aliases =
        same.data.aliases === null && moved.aliases === null
          ? null
          : [...(same.data.aliases ?? []), ...(moved.aliases ?? [])];
      same.data = {
        ...same.data,
        aliases: aliases === null ? null : unique(aliases),
        description: same.data.description ?? moved.description,
        citations: [...same.data.citations, ...moved.citations],
      };
    }
  }
  return out;
}

function combineRelationshipSources(
  target: Array<Source<RelationshipContribution>>,
  moved: Array<Source<RelationshipContribution>>,
): Array<Source<RelationshipContribution>> {
  const out = target.map((s) => ({ ...s, data: { ...s.data } }));
  for (const source of moved) {
    const same = out.find((s) => s.key === source.key);
    if (same === undefined) out.push(source);
    else {
      same.data = {
        properties: { ...source.data.properties, ...same.data.properties },
        background: same.data.background && source.data.background,
        citations: [...same.data.citations, ...source.data.citations],
      };
    }
  }
  return out;
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

      const [dependents] = await run<{
        relationships: string[];
        statistics: string[];
        spoken: string[];
        about: string[];
      }>({
        name: "write.entityDependents",
        cypher: ENTITY_DEPENDENTS,
        params: { id: mergeId },
      });
      const moved = (id: string): string => {
        const ends = parseRelationshipId(id);
        if (ends === null) return id;
        const swap = (end: string): string => (end === mergeId ? keepId : end);
        return relationshipId(swap(ends.from), ends.type, swap(ends.to));
      };
      const relationshipIds = dependents?.relationships ?? [];
      const more = await readElements(run, {
        relationships: unique([...relationshipIds, ...relationshipIds.map(moved)]),
        statistics: dependents?.statistics ?? [],
        quotes: unique([...(dependents?.spoken ?? []), ...(dependents?.about ?? [])]),
      });

      const keptEntity: EntityElement = {
        ...keep,
        sources: combineEntitySources(keep.sources, merged.sources, kind),
      };
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
          sources: combineRelationshipSources(target.after.sources, old.sources),
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
