import { writeDocument } from "../src/write/importDocument";
import type { CypherExecutor } from "../src/graph/executor";
import { syntheticDocuments, type SyntheticGraphOptions } from "./syntheticGraph";

export interface ImportMeasurement {
  entities: number;
  documents: number;
  /** Facts written: entity mentions, relationships and statistics, as the importer counts them. */
  facts: number;
  nodesCreated: number;
  relationshipsCreated: number;
  /** Time inside the importer's transactions; generating the documents is not counted. */
  importSeconds: number;
  entitiesPerSecond: number;
  factsPerSecond: number;
}

/** Writes the synthetic graph through the real importer, one document per transaction, in order. */
export async function loadSyntheticGraph(
  executor: CypherExecutor,
  graph: SyntheticGraphOptions,
  onProgress: (message: string) => void,
): Promise<ImportMeasurement> {
  let documents = 0;
  let facts = 0;
  let nodesCreated = 0;
  let relationshipsCreated = 0;
  let importSeconds = 0;
  for (const dataset of syntheticDocuments(graph)) {
    const started = performance.now();
    const result = await writeDocument(executor, dataset);
    const seconds = (performance.now() - started) / 1000;
    importSeconds += seconds;
    documents += 1;
    const written = dataset.entities.length + dataset.relationships.length + dataset.statistics.length;
    facts += written;
    nodesCreated += result.counters.nodesCreated;
    relationshipsCreated += result.counters.relationshipsCreated;
    onProgress(`${dataset.document.id}: ${written} facts in ${seconds.toFixed(1)} s`);
  }
  return {
    entities: graph.entities,
    documents,
    facts,
    nodesCreated,
    relationshipsCreated,
    importSeconds,
    entitiesPerSecond: graph.entities / importSeconds,
    factsPerSecond: facts / importSeconds,
  };
}
