import { GraphQLError } from "graphql";
import { decodeCursor, encodeCursor, MAX_CURSOR_LENGTH } from "../../src/graph/cursor";
import {
  MAX_ID_LENGTH,
  MAX_RELATIONSHIP_ID_LENGTH,
  MAX_RELATIONSHIP_TYPE_LENGTH,
} from "../../src/graph/limits";
import { parseRelationshipId, relationshipId } from "../../src/graph/relationshipId";

describe("cursors", () => {
  it("round-trips a sort key and is opaque", () => {
    const cursor = encodeCursor("person:hu-henghua");
    expect(cursor).not.toContain("person");
    expect(decodeCursor(cursor)).toBe("person:hu-henghua");
  });

  it("accepts its own cursor for the longest relationship id (review finding 8)", () => {
    const id = (kind: string) => `${kind}:${"a".repeat(MAX_ID_LENGTH - kind.length - 1)}`;
    const longest = relationshipId(id("person"), "T".repeat(MAX_RELATIONSHIP_TYPE_LENGTH), id("place"));
    expect(longest).toHaveLength(MAX_RELATIONSHIP_ID_LENGTH);
    expect(decodeCursor(encodeCursor(longest))).toBe(longest);
    // The review's case: two 370-character ids made a 1,067-character cursor the API refused.
    // Ids are now at most 200 characters, and even non-ASCII keys of the longest length fit.
    const wide = "é".repeat(MAX_RELATIONSHIP_ID_LENGTH);
    expect(decodeCursor(encodeCursor(wide))).toBe(wide);
    expect(encodeCursor(wide).length).toBeLessThanOrEqual(MAX_CURSOR_LENGTH);
  });

  it("refuses a cursor longer than any it issues, before decoding it", () => {
    expect(() => decodeCursor("A".repeat(MAX_CURSOR_LENGTH + 1))).toThrow(GraphQLError);
  });

  it("treats a missing cursor as the start", () => {
    expect(decodeCursor(null)).toBeNull();
    expect(decodeCursor(undefined)).toBeNull();
  });

  it.each(["", "not a cursor", "eHl6", Buffer.from("v2:x").toString("base64url"), "a".repeat(2000)])(
    "rejects %p with BAD_USER_INPUT",
    (bad) => {
      let error: unknown;
      try {
        decodeCursor(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
    },
  );
});

describe("relationship ids", () => {
  it("round-trip", () => {
    const id = relationshipId("person:hu-henghua", "HOLDS_ROLE", "role:mayor-of-chongqing");
    expect(parseRelationshipId(id)).toEqual({
      from: "person:hu-henghua",
      type: "HOLDS_ROLE",
      to: "role:mayor-of-chongqing",
    });
  });

  it.each(["person:x", "relationship:a|B", "relationship:a||b", "relationship:a|B|c|d"])(
    "reject %p",
    (id) => {
      expect(parseRelationshipId(id)).toBeNull();
    },
  );
});
