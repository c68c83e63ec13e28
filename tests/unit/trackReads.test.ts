import type { RecordShape } from "neo4j-driver";
import type { CypherQuery } from "../../src/graph/executor";
import {
  ABSENT,
  emptyReadSet,
  readElements,
  trackReads,
  UNVERSIONED,
  UntrackedStatement,
  type Run,
} from "../../src/write/elementStore";

/** A `run` that answers element-state reads from `stored` (id → props) and records every statement. */
function fakeRun(stored: Record<string, Record<string, unknown>>, seen: string[]): Run {
  return <Row extends RecordShape>(query: CypherQuery): Promise<Row[]> => {
    seen.push(query.name);
    const wanted =
      (query.params.ids as string[] | undefined) ??
      (query.params.refs as Array<{ id: string }> | undefined)?.map((r) => r.id) ??
      [];
    const rows = wanted
      .filter((id) => stored[id] !== undefined)
      .map((id) => ({ id, props: stored[id], subject: null, speaker: null, about: [] }));
    return Promise.resolve(rows as unknown as Row[]);
  };
}

describe("trackReads (the read set of a write that takes the lock last)", () => {
  it("records every element read with its stored version, absent ones as ABSENT", async () => {
    const reads = emptyReadSet();
    const seen: string[] = [];
    const run = trackReads(
      fakeRun(
        {
          "place:a": { id: "place:a", version: 3 },
          "place:old": { id: "place:old" },
          "relationship:place:a|PART_OF|place:b": { id: "relationship:place:a|PART_OF|place:b", version: 2 },
        },
        seen,
      ),
      reads,
    );
    await readElements(run, {
      entities: ["place:a", "place:old", "place:new"],
      relationships: ["relationship:place:a|PART_OF|place:b", "relationship:place:a|PART_OF|place:c"],
      statistics: ["statistic:x"],
    });
    expect([...reads.entities]).toEqual([
      ["place:a", 3],
      ["place:old", UNVERSIONED],
      ["place:new", ABSENT],
    ]);
    expect([...reads.relationships.values()]).toEqual([
      { id: "relationship:place:a|PART_OF|place:b", from: "place:a", to: "place:b", version: 2 },
      { id: "relationship:place:a|PART_OF|place:c", from: "place:a", to: "place:c", version: ABSENT },
    ]);
    expect([...reads.statistics]).toEqual([["statistic:x", ABSENT]]);
    expect(reads.quotes.size).toBe(0);
  });

  it("lets document texts through and stops at any other statement", async () => {
    const seen: string[] = [];
    const run = trackReads(fakeRun({}, seen), emptyReadSet());
    await run({ name: "write.documentTexts", cypher: "RETURN 1", params: { ids: [] } });
    await expect(
      run({ name: "write.entities.Place", cypher: "RETURN 1", params: {} }),
    ).rejects.toBeInstanceOf(UntrackedStatement);
    await expect(run({ name: "constructor", cypher: "RETURN 1", params: {} })).rejects.toBeInstanceOf(
      UntrackedStatement,
    );
    // The untracked statements never reached the database.
    expect(seen).toEqual(["write.documentTexts"]);
  });
});
