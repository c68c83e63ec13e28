import { Kind, parse, type OperationDefinitionNode } from "graphql";
import { resolvers } from "../../src/resolvers";
import { unknownRelationshipTypes } from "../../src/server/plugins/unknownArguments";
import { buildSchema } from "../../src/server/schema";

const schema = buildSchema(resolvers);

function check(text: string, variables: Record<string, unknown>, document = parse(text)): string[] {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error("no operation");
  return unknownRelationshipTypes(schema, document, operation, variables);
}

describe("unknownRelationshipTypes", () => {
  const relationships = `query R($id: ID!, $types: [String!]) {
    entity(id: $id) { ...F }
  }
  fragment F on Entity { relationships(types: $types, first: 5) { totalCount } }`;

  it("names the types outside the allow-list, through fragments and variables", () => {
    expect(check(relationships, { id: "x", types: ["COOPERATES_WITH", "LOVES", "HATES"] })).toEqual([
      "LOVES",
      "HATES",
    ]);
  });

  it("checks each request's variables again for the same parsed document", () => {
    const document = parse(relationships);
    expect(check(relationships, { id: "x", types: ["COOPERATES_WITH"] }, document)).toEqual([]);
    expect(check(relationships, { id: "x", types: ["LOVES"] }, document)).toEqual(["LOVES"]);
    expect(check(relationships, { id: "x", types: ["COOPERATES_WITH"] }, document)).toEqual([]);
  });

  it("finds nothing to check in an operation without a types argument", () => {
    expect(check('query { entity(id: "x") { id name } }', { types: ["LOVES"] })).toEqual([]);
  });
});
