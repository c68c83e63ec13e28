import {
  CURATION,
  deriveEntity,
  deriveRelationship,
  withSource,
  type EntityContribution,
  type EntityElement,
  type RelationshipElement,
} from "../../src/write/elements";
import { inputHash } from "../../src/write/changeLog";

const cite = (documentId: string) => ({ documentId, quote: "q", start: 0, end: 1 });
const entity = (sources: EntityElement["sources"]): EntityElement => ({
  kind: "entity",
  id: "place:x",
  version: 1,
  sources,
});
const said = (over: Partial<EntityContribution>, doc: string): EntityContribution => ({
  kind: "PLACE",
  name: null,
  aliases: null,
  description: null,
  date: null,
  citations: [cite(doc)],
  ...over,
});

describe("an element derived from its sources", () => {
  it("takes name and description from the newest document that gives them, aliases from all", () => {
    const a = {
      key: "document:a",
      data: said({ name: "A name", aliases: ["AA"], description: "From A." }, "document:a"),
    };
    const b = { key: "document:b", data: said({ name: "B name", aliases: ["BB"] }, "document:b") };
    expect(deriveEntity(entity([a, b]))).toMatchObject({
      name: "B name",
      aliases: ["AA", "BB"],
      description: "From A.",
      citations: [cite("document:a"), cite("document:b")],
    });
    // B withdrawn: only what A said is left.
    expect(deriveEntity(entity(withSource([a, b], "document:b", null)))).toMatchObject({
      name: "A name",
      aliases: ["AA"],
      citations: [cite("document:a")],
    });
  });

  it("lets the curators' values win wherever they are set", () => {
    const a = {
      key: "document:a",
      data: said({ name: "A name", aliases: ["AA"], description: "From A." }, "document:a"),
    };
    const curated = { key: CURATION, data: said({ name: "Curated", aliases: [] }, "document:a") };
    expect(deriveEntity(entity([curated, a]))).toMatchObject({
      name: "Curated",
      aliases: [],
      description: "From A.",
    });
  });

  it("a re-import moves its source last (the newest wins), replacing what it said before", () => {
    const a = { key: "document:a", data: said({ name: "Old A" }, "document:a") };
    const b = { key: "document:b", data: said({ name: "B" }, "document:b") };
    const sources = withSource([a, b], "document:a", said({ name: "New A" }, "document:a"));
    expect(sources.map((s) => s.key)).toEqual(["document:b", "document:a"]);
    expect(deriveEntity(entity(sources)).name).toBe("New A");
  });

  it("merges a relationship's properties and keeps it background only while every source says so", () => {
    const rel = (sources: RelationshipElement["sources"]): RelationshipElement => ({
      kind: "relationship",
      id: "relationship:place:a|PART_OF|place:b",
      version: 1,
      sources,
    });
    const stated = {
      key: "document:a",
      data: { properties: { since: "2023" }, background: false, citations: [cite("document:a")] },
    };
    const assumed = {
      key: "document:b",
      data: { properties: {}, background: true, citations: [cite("document:b")] },
    };
    expect(deriveRelationship(rel([stated, assumed]))).toMatchObject({
      from: "place:a",
      type: "PART_OF",
      to: "place:b",
      properties: { since: "2023" },
      background: false,
    });
    expect(deriveRelationship(rel([assumed])).background).toBe(true);
  });
});

describe("inputHash", () => {
  it("ignores key order and clientMutationId, and tells operations and inputs apart", () => {
    expect(inputHash("createEntity", { a: 1, b: [1, 2], clientMutationId: "x" })).toBe(
      inputHash("createEntity", { b: [1, 2], a: 1, clientMutationId: "y" }),
    );
    expect(inputHash("createEntity", { a: 1 })).not.toBe(inputHash("updateEntity", { a: 1 }));
    expect(inputHash("createEntity", { a: 1 })).not.toBe(inputHash("createEntity", { a: 2 }));
  });
});
