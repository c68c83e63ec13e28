import { BATCH_SIZE, factStatements } from "../../src/graph/documentWriter";
import { syntheticDataset } from "../support/syntheticDataset";

describe("factStatements", () => {
  it("writes entities first, then relationships, statistics and quotes, in batches", () => {
    const entities = BATCH_SIZE + 5;
    const { dataset } = syntheticDataset(entities, 2);
    const statements = factStatements(dataset);
    const names = statements.map((s) => s.name);
    expect(names).toEqual([
      "import.entities.Place",
      "import.entities.Place",
      ...Array.from(
        { length: 3 },
        () => expect.stringMatching(/^import\.relationships\.[A-Z_]+$/) as unknown,
      ),
      "import.statistics",
      "import.statistics",
    ]);
    const rowCounts = statements.map((s) => (s.params.rows as unknown[]).length);
    expect(rowCounts).toEqual([BATCH_SIZE, 5, BATCH_SIZE, BATCH_SIZE, 10, BATCH_SIZE, 5]);
    for (const statement of statements) expect(statement.params.documentId).toBe(dataset.document.id);
  });

  it("writes nothing for an empty list of facts", () => {
    const { dataset } = syntheticDataset(1, 0);
    expect(factStatements({ ...dataset, statistics: [] }).map((s) => s.name)).toEqual([
      "import.entities.Place",
    ]);
  });
});
