import { GraphQLError } from "graphql";
import { decodeCursor, encodeCursor } from "../../src/graph/cursor";
import { parseRelationshipId, relationshipId } from "../../src/graph/relationshipId";

describe("cursors", () => {
  it("round-trips a sort key and is opaque", () => {
    const cursor = encodeCursor("person:hu-henghua");
    expect(cursor).not.toContain("person");
    expect(decodeCursor(cursor)).toBe("person:hu-henghua");
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
