import type { RecordShape } from "neo4j-driver";
import type { CypherQuery } from "../../src/graph/executor";
import { snapshotElements, type SnapshotRun } from "../../src/graph/snapshotRepository";

/** A page of `size` document rows after `after`. */
function rows(after: number, size: number): RecordShape[] {
  return Array.from({ length: size }, (_, i) => ({
    id: `document:${String(after + i + 1).padStart(4, "0")}`,
    typename: "Document",
    version: 1,
    after: "{}",
  }));
}

describe("snapshotElements: the page read ahead", () => {
  it("does not leave a failed read-ahead unhandled while the consumer holds the previous page", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on("unhandledRejection", onUnhandled);
    try {
      let calls = 0;
      const run = (<Row extends RecordShape>(_query: CypherQuery): Promise<Row[]> => {
        calls += 1;
        if (calls === 1) return Promise.resolve(rows(0, 2) as Row[]);
        return Promise.reject(new Error("connection lost"));
      }) as SnapshotRun;
      const elements = snapshotElements(run, 10, 2, ["document"]);
      const first = await elements.next();
      expect(first.value).toMatchObject({ id: "document:0001" });
      // The consumer is slow (a client's socket draining): the second page's read fails meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(calls).toBe(2);
      expect(unhandled).toEqual([]);
      await expect(elements.next()).resolves.toMatchObject({ value: { id: "document:0002" } });
      // The failure reaches the consumer when it asks for the failed page.
      await expect(elements.next()).rejects.toThrow("connection lost");
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
