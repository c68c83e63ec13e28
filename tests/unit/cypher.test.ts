import { writeEntitiesQuery, writeRelationshipsQuery } from "../../src/write/statements";
import { pathsQuery } from "../../src/graph/exploration";
import { queryCatalogue } from "../support/queryCatalogue";

// The Cypher each request produces is an artefact: a change to it shows up here, reviewed as a diff.
describe("Cypher produced by the data layer", () => {
  // Named by the query's name, numbered when a name repeats: adding a query renames nothing else.
  const seen = new Map<string, number>();
  const named = queryCatalogue().map((query) => {
    const n = (seen.get(query.name) ?? 0) + 1;
    seen.set(query.name, n);
    return [n === 1 ? query.name : `${query.name} #${n}`, query] as const;
  });
  it.each(named)("%s", (_name, query) => {
    expect({ cypher: query.cypher.trim(), params: query.params }).toMatchSnapshot();
  });

  it("never puts a relationship type that is not allow-listed into Cypher", () => {
    expect(() => writeRelationshipsQuery("KNOWS]->() DETACH DELETE n //", [])).toThrow(
      /not in the allow-list/,
    );
  });

  it("puts labels only from the kind allow-list", () => {
    expect(writeEntitiesQuery("ROLE", []).cypher).toMatch(/SET n:Role,/);
  });

  it("interpolates only a validated integer into the path length bound", () => {
    expect(() => pathsQuery("a", "b", 2.5, 1)).toThrow(/integer/);
    expect(pathsQuery("a", "b", 3, 7).cypher).toContain("*1..3]-(b))");
  });
});
