import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { int, type CypherExecutor } from "./executor";
import { MIGRATION_STEPS, type MigrationStep } from "./migrationSteps";
import { PROJECT_ROOT } from "../projectRoot";

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "cypher/migrations");

export interface Migration {
  /** The file name without extension, e.g. "001_constraints"; applied in this order. */
  id: string;
  checksum: string;
  statements: string[];
  /** Work in TypeScript (a backfill Cypher cannot compute: migrationSteps.ts), run before the statements. */
  step?: MigrationStep;
}

/** Splits a migration file into statements: `;` ends a statement, `//` lines are comments. */
export function parseMigration(id: string, source: string): Migration {
  const statements = source
    .split("\n")
    .filter((line) => !line.trim().startsWith("//"))
    .join("\n")
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return { id, checksum: createHash("sha256").update(source).digest("hex"), statements };
}

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".cypher"))
    .sort()
    .map((f) => parseMigration(path.basename(f, ".cypher"), readFileSync(path.join(dir, f), "utf8")))
    .map((migration) => {
      const step = MIGRATION_STEPS[migration.id];
      return step === undefined ? migration : { ...migration, step };
    });
}

/**
 * A statement that commits its own bounded batches (`CALL { ... } IN TRANSACTIONS`, e.g. a backfill):
 * it must run as an implicit transaction, never inside an explicit one.
 */
export function commitsInBatches(statement: string): boolean {
  return /\bIN\s+(?:\d+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS\b/i.test(statement);
}

/** How long one batch of a backfill may run (MIGRATION_BATCH_TIMEOUT_MS). */
export const DEFAULT_BATCH_TIMEOUT_MS = 300_000;
/** How long start-up waits for new indexes to come online (MIGRATION_INDEX_WAIT_MS). */
export const DEFAULT_INDEX_WAIT_MS = 3_600_000;

export interface MigrationOptions {
  /** Each batch (inner transaction) of a `CALL { ... } IN TRANSACTIONS` statement; the statement has no bound. */
  batchTimeoutMs?: number;
  /** `db.awaitIndexes` after new migrations: a large index build (millions of items) takes minutes. */
  indexWaitMs?: number;
  /** How often a running backfill logs its progress (default 30 s). */
  progressEveryMs?: number;
  /** How often the watchdog looks at a backfill's batches (default a quarter of `batchTimeoutMs`, at most 5 s). */
  pollMs?: number;
}

/**
 * Applies the migrations not yet recorded in the database, in order, and records each one as a
 * `(:Migration {id, checksum, appliedAt})` node. Schema statements cannot share a transaction with
 * writes, so each statement runs on its own; they are all `IF NOT EXISTS` (a backfill: guarded by
 * `IS NULL`, in batches of its own), so a migration cut short is simply applied again. A recorded
 * migration whose file has since changed is an error: migrations are append-only. A backfill runs to
 * completion whatever the executor's transaction timeout, each of its batches bounded by
 * `batchTimeoutMs` (CypherExecutor.writeBatched). A migration's TypeScript step (migrationSteps.ts)
 * runs before its statements, in batches of its own, each one read and one write.
 */
export async function applyMigrations(
  executor: CypherExecutor,
  migrations: Migration[],
  options: MigrationOptions = {},
): Promise<string[]> {
  const rows = await executor.read<{ id: string; checksum: string }>({
    name: "migrations.applied",
    cypher: "MATCH (m:Migration) RETURN m.id AS id, m.checksum AS checksum",
    params: {},
  });
  const applied = new Map(rows.map((r) => [r.id, r.checksum]));
  const done: string[] = [];
  for (const migration of migrations) {
    const checksum = applied.get(migration.id);
    if (checksum !== undefined) {
      if (checksum !== migration.checksum) {
        throw new Error(
          `Migration ${migration.id} was changed after it was applied; add a new migration instead of editing it.`,
        );
      }
      continue;
    }
    if (migration.step !== undefined) await migration.step(executor);
    for (const statement of migration.statements) {
      const query = { name: `migration.${migration.id}`, cypher: statement, params: {} };
      if (commitsInBatches(statement)) {
        await executor.writeBatched(query, {
          batchTimeoutMs: options.batchTimeoutMs ?? DEFAULT_BATCH_TIMEOUT_MS,
          progressEveryMs: options.progressEveryMs,
          pollMs: options.pollMs,
        });
      } else await executor.write(query);
    }
    await executor.write({
      name: "migrations.record",
      cypher: "MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()",
      params: { id: migration.id, checksum: migration.checksum },
    });
    done.push(migration.id);
  }
  // Indexes fill in the background; queries planned before they are online would not use them,
  // and an index hint fails until it is. Waited for at every start (at once when all are online):
  // a start cut short while an index filled would otherwise never wait for it again.
  // The procedure fails when they are not online within its limit; its transaction gets a little longer.
  const waitMs = options.indexWaitMs ?? DEFAULT_INDEX_WAIT_MS;
  await executor.write(
    {
      name: "migrations.awaitIndexes",
      cypher: AWAIT_INDEXES,
      params: { seconds: int(Math.ceil(waitMs / 1000)) },
    },
    { timeoutMs: waitMs + 30_000 },
  );
  return done;
}

export const AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)";
