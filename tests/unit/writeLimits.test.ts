import type { CypherExecutor } from "../../src/graph/executor";
import { addRelationship } from "../../src/write/mutations/addRelationship";
import { addQuote } from "../../src/write/mutations/addQuote";
import { WRITE_LIMITS } from "../../src/write/limits";

/** An executor that records whether a transaction was opened (none should be). */
function recordingExecutor(): { executor: CypherExecutor; transactions: () => number } {
  let opened = 0;
  const fake = {
    transaction: () => {
      opened += 1;
      return Promise.reject(new Error("no transaction expected"));
    },
  };
  return { executor: fake as unknown as CypherExecutor, transactions: () => opened };
}

const actor = { subject: "editor-1" };

describe("lists over their limit are refused before the change-log lock is taken", () => {
  it("addRelationship with more citations than allowed: one INVALID error for the list, no transaction", async () => {
    const { executor, transactions } = recordingExecutor();
    const citations = Array.from({ length: 5_000 }, () => ({ documentId: "document:a", quote: "" }));
    const outcome = await addRelationship(executor, actor, {
      from: "person:a",
      type: "WORKS_FOR",
      to: "organization:b",
      citations,
    });
    expect(transactions()).toBe(0);
    expect(outcome.kind).toBe("refused");
    if (outcome.kind !== "refused") return;
    // One error for the list, not one per citation.
    expect(outcome.userErrors.filter((e) => e.field[1] === "citations")).toEqual([
      {
        field: ["input", "citations"],
        code: "INVALID",
        message: `must hold 1 to ${WRITE_LIMITS.citations} items (got 5000)`,
      },
    ]);
  });

  it("addQuote about more entities than allowed: no transaction", async () => {
    const { executor, transactions } = recordingExecutor();
    const outcome = await addQuote(executor, actor, {
      speaker: "person:a",
      text: "open",
      about: Array.from({ length: 10_000 }, (_, i) => `place:p-${i}`),
      citation: { documentId: "document:a", quote: "we are open" },
    });
    expect(transactions()).toBe(0);
    expect(outcome.kind).toBe("refused");
  });
});
