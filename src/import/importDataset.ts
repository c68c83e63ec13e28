import { readdirSync } from "node:fs";
import path from "node:path";
import { writeDocument, type WriteResult } from "../write/importDocument";
import type { CypherExecutor } from "../graph/executor";
import type { Logger } from "../logger";
import { readDataset } from "./readDataset";
import { PROJECT_ROOT } from "../projectRoot";

/** The datasets shipped with the service, loaded into an empty graph at start-up. */
export const BUNDLED_DATA_DIR = path.join(PROJECT_ROOT, "data");

export function bundledDatasetFiles(dir: string = BUNDLED_DATA_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Validates a dataset file completely before anything is written, then writes it in one transaction. */
export function importDatasetFile(
  executor: CypherExecutor,
  file: string,
  options: { dryRun?: boolean; force?: boolean } = {},
): Promise<WriteResult> {
  return writeDocument(executor, readDataset(file), { ...options, file });
}

/** Imports the bundled datasets when the graph holds no document yet; returns what was imported. */
export async function seedIfEmpty(executor: CypherExecutor, logger: Logger): Promise<string[]> {
  const [row] = await executor.read<{ documents: number }>({
    name: "import.countDocuments",
    cypher: "MATCH (d:Document) RETURN count(d) AS documents",
    params: {},
  });
  if ((row?.documents ?? 0) > 0) return [];
  const imported: string[] = [];
  for (const file of bundledDatasetFiles()) {
    const result = await importDatasetFile(executor, file);
    logger.info({ file: path.relative(process.cwd(), file), ...result.counters }, "bundled dataset imported");
    imported.push(result.documentId);
  }
  return imported;
}
