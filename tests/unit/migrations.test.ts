import { commitsInBatches, loadMigrations, parseMigration } from "../../src/graph/migrations";

describe("parseMigration", () => {
  it("splits statements on semicolons and drops comment lines", () => {
    const migration = parseMigration(
      "002_x",
      "// why this exists\nCREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x);\n\n// second\nCREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.y);\n",
    );
    expect(migration.statements).toEqual([
      "CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)",
      "CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.y)",
    ]);
  });

  it("gives a different checksum when the file changes", () => {
    expect(parseMigration("m", "RETURN 1;").checksum).not.toBe(parseMigration("m", "RETURN 2;").checksum);
  });
});

describe("loadMigrations", () => {
  it("loads the project's migrations in file-name order, each idempotent", () => {
    const migrations = loadMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.id)).toEqual([...migrations.map((m) => m.id)].sort());
    for (const statement of migrations.flatMap((m) => m.statements)) {
      // A backfill is idempotent by its guard and commits in batches of its own.
      if (commitsInBatches(statement)) expect(statement).toMatch(/WHERE [a-z]+\.[a-zA-Z]+ IS NULL/);
      else expect(statement).toMatch(/IF NOT EXISTS|^DROP .* IF EXISTS$|^CALL |^MERGE /);
    }
  });
});

describe("commitsInBatches", () => {
  it("tells CALL { ... } IN TRANSACTIONS statements (run as implicit transactions) from the rest", () => {
    expect(commitsInBatches("MATCH (n) CALL (n) { SET n.x = 1 } IN TRANSACTIONS OF 10000 ROWS")).toBe(true);
    expect(commitsInBatches("MATCH (n) CALL (n) { SET n.x = 1 } in 2 concurrent transactions")).toBe(true);
    expect(commitsInBatches("CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)")).toBe(false);
    expect(commitsInBatches("CALL db.awaitIndexes(300)")).toBe(false);
  });
});
