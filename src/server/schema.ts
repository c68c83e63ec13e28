import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import { isObjectType, type GraphQLSchema } from "graphql";
import { applyAuthDirective, type AuthRules } from "../auth/authDirective";
import type { Resolvers } from "../generated/resolvers-types";
import { PROJECT_ROOT } from "../projectRoot";

export const SCHEMA_DIR = path.join(PROJECT_ROOT, "schema");

/** The SDL files of schema/, base.graphql first (it declares the root types the others extend). */
export function loadTypeDefs(dir: string = SCHEMA_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".graphql"))
    .sort((a, b) => (a === "base.graphql" ? -1 : b === "base.graphql" ? 1 : a.localeCompare(b)))
    .map((f) => readFileSync(path.join(dir, f), "utf8"));
}

/** The served schema: SDL, resolvers, and the `@auth` checks (reads public unless told otherwise). */
export function buildSchema(resolvers: Resolvers, auth: AuthRules = { reads: "public" }): GraphQLSchema {
  const schema = makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers,
    // Records carry __typename, which graphql-js's default type resolver reads.
    resolverValidationOptions: { requireResolversForResolveType: "ignore" },
  });
  return applyAuthDirective(inheritFieldDescriptions(schema), auth);
}

/**
 * A field that an interface declares is documented once, on the interface (Entity.name), and the
 * implementing types (Person.name, Place.name, ...) show the same description.
 */
function inheritFieldDescriptions(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      if (field.description) return field;
      const type = schema.getType(typeName);
      const interfaces = isObjectType(type) ? type.getInterfaces() : [];
      const inherited = interfaces.map((i) => i.getFields()[fieldName]?.description).find(Boolean);
      return inherited ? { ...field, description: inherited } : field;
    },
  });
}
