import { randomUUID } from "node:crypto";
import { applyMigrations, loadMigrations, parseMigration } from "../../src/graph/migrations";
import { connectTestGraph, type TestGraph } from "../support/testGraph";

describe("applyMigrations (real Neo4j)", () => {
  let graph: TestGraph;
  const suffix = randomUUID().replace(/-/g, "").slice(0, 12);
  const id = `test_${suffix}`;
  const indexName = `test_index_${suffix}`;
  const migration = parseMigration(
    id,
    `CREATE INDEX ${indexName} IF NOT EXISTS FOR (n:TestMigrationLabel) ON (n.x);\nCALL db.awaitIndexes(60);\n`,
  );

  beforeAll(() => {
    graph = connectTestGraph();
  });
  afterAll(async () => {
    await graph.executor.write({
      name: "test.cleanup",
      cypher: `DROP INDEX ${indexName} IF EXISTS`,
      params: {},
    });
    await graph.executor.write({
      name: "test.cleanup",
      cypher: "MATCH (m:Migration {id: $id}) DELETE m",
      params: { id },
    });
    await graph.close();
  });

  it("has nothing left to apply after start-up applied the project's migrations", async () => {
    await expect(applyMigrations(graph.executor, loadMigrations())).resolves.toEqual([]);
  });

  it("applies a new migration once, records it, and skips it the second time", async () => {
    await expect(applyMigrations(graph.executor, [migration])).resolves.toEqual([id]);
    const indexes = await graph.executor.read<{ name: string }>({
      name: "test.indexes",
      cypher: "SHOW INDEXES YIELD name WHERE name = $name RETURN name",
      params: { name: indexName },
    });
    expect(indexes).toEqual([{ name: indexName }]);
    await expect(applyMigrations(graph.executor, [migration])).resolves.toEqual([]);
    const recorded = await graph.executor.read<{ checksum: string }>({
      name: "test.recorded",
      cypher: "MATCH (m:Migration {id: $id}) RETURN m.checksum AS checksum",
      params: { id },
    });
    expect(recorded).toEqual([{ checksum: migration.checksum }]);
  });

  it("refuses a recorded migration whose file has changed", async () => {
    const edited = { ...migration, checksum: "0".repeat(64) };
    await expect(applyMigrations(graph.executor, [edited])).rejects.toThrow(
      /was changed after it was applied/,
    );
  });
});
