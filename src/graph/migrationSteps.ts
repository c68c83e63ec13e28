import { pagesById } from "./batchReads";
import { int, type CypherExecutor } from "./executor";
import { searchKey } from "./searchText";

/**
 * A migration's work that only the service's TypeScript can do: a backfill of values computed by
 * its code (folding text, which Cypher cannot). It runs before the migration's Cypher statements
 * (applyMigrations), in bounded batches, and is safe to run again: a start cut short resumes it.
 */
export type MigrationStep = (executor: CypherExecutor) => Promise<void>;

/** Entities per batch of a backfill step: one read and one write of this many rows. */
export const BACKFILL_BATCH = 5_000;

/** A page of entities in id order (the id constraint's index gives the order), with whether they lack search keys. */
export const ENTITY_NAMES_PAGE = `
MATCH (n:Entity) WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $batch
RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) AS aliases,
       n.nameKey IS NULL OR n.aliasKeys IS NULL AS missing`;

/**
 * Only where they are still missing: another instance that finished the step first may since have
 * renamed the entity, and stored the keys of its new name.
 */
export const SET_SEARCH_KEYS = `
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WHERE n.nameKey IS NULL OR n.aliasKeys IS NULL
SET n.nameKey = row.nameKey, n.aliasKeys = row.aliasKeys`;

/**
 * Migration 010: the folded name and aliases (searchKey) that search's ranking compares in Cypher,
 * for entities written before every write stored them (src/write/elements.ts).
 */
export async function backfillSearchKeys(executor: CypherExecutor): Promise<void> {
  const pages = pagesById(BACKFILL_BATCH, (after) =>
    executor.read<{ id: string; name: string | null; aliases: string[]; missing: boolean }>({
      name: "migration.searchKeys.page",
      cypher: ENTITY_NAMES_PAGE,
      params: { after, batch: int(BACKFILL_BATCH) },
    }),
  );
  for await (const page of pages) {
    const rows = page
      .filter((entity) => entity.missing)
      .map((entity) => ({
        id: entity.id,
        nameKey: searchKey(entity.name ?? ""),
        aliasKeys: entity.aliases.map(searchKey),
      }));
    if (rows.length > 0) {
      await executor.write({ name: "migration.searchKeys.set", cypher: SET_SEARCH_KEYS, params: { rows } });
    }
  }
}

/** The TypeScript steps of migrations, by migration id. */
export const MIGRATION_STEPS: Readonly<Record<string, MigrationStep>> = {
  "010_search_keys": backfillSearchKeys,
};
