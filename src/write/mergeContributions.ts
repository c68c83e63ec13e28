import { CLEARED, type EntityContribution, type RelationshipContribution, type Source } from "./elements";

/**
 * How one source's words about two things that are one are combined: mergeEntities moves the
 * merged entity's sources onto the kept one, and a document re-imported after a merge that still
 * states both ids (or the merged one) is written to the kept entity the same way.
 */

const unique = (list: readonly string[]): string[] => [...new Set(list)];

/** The merged entity's words as the kept one's: its names become aliases, its name competes with nothing. */
export function asAliasContribution(
  data: EntityContribution,
  kind: EntityContribution["kind"],
): EntityContribution {
  return {
    ...data,
    kind,
    name: null,
    aliases: unique([...(data.name ? [data.name] : []), ...(data.aliases ?? [])]),
    // "No description" said of the merged entity says nothing of the kept one.
    description: data.description === CLEARED ? null : data.description,
  };
}

/** One source's words about the kept entity, with its words about the merged one (already as aliases) added. */
export function combineEntityContributions(
  kept: EntityContribution,
  moved: EntityContribution,
): EntityContribution {
  const aliases =
    kept.aliases === null && moved.aliases === null
      ? null
      : unique([...(kept.aliases ?? []), ...(moved.aliases ?? [])]);
  return {
    ...kept,
    aliases,
    description: kept.description ?? moved.description,
    citations: [...kept.citations, ...moved.citations],
  };
}

/** One source's words about a link, with its words about a link that became the same added (the kept one's properties win). */
export function combineRelationshipContributions(
  kept: RelationshipContribution,
  moved: RelationshipContribution,
): RelationshipContribution {
  return {
    properties: { ...moved.properties, ...kept.properties },
    background: kept.background && moved.background,
    citations: [...kept.citations, ...moved.citations],
  };
}

/** Sources of both, per key: `moved`'s contribution combined into the same key's of `kept`, or added. */
export function combineSources<C>(
  kept: Array<Source<C>>,
  moved: Array<Source<C>>,
  combine: (kept: C, moved: C) => C,
): Array<Source<C>> {
  const out = kept.map((s) => ({ ...s }));
  for (const source of moved) {
    const same = out.find((s) => s.key === source.key);
    if (same === undefined) out.push({ ...source });
    else same.data = combine(same.data, source.data);
  }
  return out;
}
