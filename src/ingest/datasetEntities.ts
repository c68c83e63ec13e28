import type { Dataset } from "../import/readDataset";
import type { DictionaryEntity } from "./linkDictionary";

/**
 * A reviewed dataset's entities as linking sees them, neighbours from its relationships: what the
 * graph holds after importing it. For the gold set and benchmarks, which link without a database.
 */
export function datasetEntities(datasets: readonly Dataset[]): DictionaryEntity[] {
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string): void => {
    const set = neighbours.get(a) ?? new Set<string>();
    set.add(b);
    neighbours.set(a, set);
  };
  for (const dataset of datasets) {
    for (const r of dataset.relationships) {
      link(r.from, r.to);
      link(r.to, r.from);
    }
  }
  const byId = new Map<string, DictionaryEntity>();
  for (const dataset of datasets) {
    for (const e of dataset.entities) {
      byId.set(e.id, { id: e.id, kind: e.kind, name: e.name, aliases: e.aliases, neighbours: [] });
    }
  }
  return [...byId.values()]
    .map((e) => ({ ...e, neighbours: [...(neighbours.get(e.id) ?? [])].sort() }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}
