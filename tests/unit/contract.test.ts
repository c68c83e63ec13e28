import { readFileSync } from "node:fs";
import path from "node:path";
import { CriticalityLevel, diff } from "@graphql-inspector/core";
import { buildSchema as buildSdl, isInterfaceType, isObjectType, isScalarType } from "graphql";
import { resolvers } from "../../src/resolvers";
import { buildSchema } from "../../src/server/schema";

// contract/*.graphql are verbatim copies of the public API contract. curation.graphql extends the
// types schema.graphql declares, so it is checked together with it; ingest.graphql extends both.
const contract = (file: string): string =>
  readFileSync(path.resolve(__dirname, "../../contract", file), "utf8");
const CONTRACT = contract("schema.graphql");
const CONTRACTS: Record<string, string> = {
  "schema.graphql": CONTRACT,
  "schema.graphql + curation.graphql": `${CONTRACT}\n${contract("curation.graphql")}`,
  "schema.graphql + curation.graphql + ingest.graphql": `${CONTRACT}\n${contract("curation.graphql")}\n${contract("ingest.graphql")}`,
};

describe("the served schema against the public contract", () => {
  it.each(Object.keys(CONTRACTS))("has no breaking change from %s", async (name) => {
    const changes = await diff(buildSdl(CONTRACTS[name] ?? ""), buildSchema(resolvers));
    const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
    expect(breaking.map((c) => c.message)).toEqual([]);
  });

  it("the check sees the curation contract (a mutation missing from the served schema is breaking)", async () => {
    const served = buildSchema(resolvers);
    const withExtra = buildSdl(
      CONTRACTS["schema.graphql + curation.graphql"]?.replace(
        "type Mutation {",
        "type Mutation {\n  archive(id: ID!): Boolean",
      ) ?? "",
    );
    const changes = await diff(withExtra, served);
    expect(changes.some((c) => c.criticality.level === CriticalityLevel.Breaking)).toBe(true);
  });

  it("the check sees the ingest contract (a field of Mention missing from the served schema is breaking)", async () => {
    const served = buildSchema(resolvers);
    const withExtra = buildSdl(
      CONTRACTS["schema.graphql + curation.graphql + ingest.graphql"]?.replace(
        "status: ReviewStatus!\n}",
        "status: ReviewStatus!\n  reviewer: String\n}",
      ) ?? "",
    );
    const changes = await diff(withExtra, served);
    expect(
      changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking).map((c) => c.message),
    ).toEqual([expect.stringContaining("reviewer")]);
  });

  it("every mutation declares the role it needs (@auth)", () => {
    const mutation = buildSchema(resolvers).getMutationType();
    const fields = Object.values(mutation?.getFields() ?? {});
    expect(fields.length).toBeGreaterThanOrEqual(8);
    const missing = fields.filter((f) => !f.astNode?.directives?.some((d) => d.name.value === "auth"));
    expect(missing.map((f) => f.name)).toEqual([]);
  });

  it("the check itself catches a breaking change", async () => {
    // A new required argument breaks every client that calls node(id:).
    const weakened = buildSdl(CONTRACT.replace("node(id: ID!): Node", "node(id: ID!, scope: String!): Node"));
    const changes = await diff(buildSdl(CONTRACT), weakened);
    expect(changes.some((c) => c.criticality.level === CriticalityLevel.Breaking)).toBe(true);
  });

  it("describes every type and field (they are the documentation Sandbox shows)", () => {
    const schema = buildSchema(resolvers);
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || ["String", "Int", "Float", "Boolean", "ID"].includes(type.name))
        continue;
      if (!type.description) undocumented.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });

  it("describes every argument, on every field and directive", () => {
    const schema = buildSchema(resolvers);
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    for (const directive of schema.getDirectives()) {
      for (const arg of directive.args) {
        if (!arg.description) undocumented.push(`@${directive.name}(${arg.name})`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it("says where its custom scalars are specified", () => {
    const schema = buildSchema(resolvers);
    for (const name of ["DateTime", "JSON"]) {
      const type = schema.getType(name);
      expect(type && isScalarType(type) ? type.specifiedByURL : undefined).toMatch(/^https:\/\//);
    }
  });
});
