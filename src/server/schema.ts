import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import { GraphQLScalarType, isObjectType, Kind, type GraphQLSchema } from "graphql";
import { applyAuthDirective, type AuthRules } from "../auth/authDirective";
import type { Resolvers } from "../generated/resolvers-types";
import { PROJECT_ROOT } from "../projectRoot";
import { nullMeansDefault } from "./nullArguments";

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
  return nullMeansDefault(applyAuthDirective(inheritFieldDescriptions(specifiedBySdl(schema)), auth));
}

/**
 * A field that an interface declares is documented once, on the interface (Entity.name,
 * Entity.relationships(first)), and the implementing types (Person.name, Place.name, ...) show the
 * same descriptions, of the field and of its arguments.
 */
function inheritFieldDescriptions(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const type = schema.getType(typeName);
      const declared = (isObjectType(type) ? type.getInterfaces() : [])
        .map((i) => i.getFields()[fieldName])
        .filter((f) => f !== undefined);
      if (declared.length === 0) return field;
      const description = field.description ?? declared.map((f) => f.description).find(Boolean);
      const args = Object.fromEntries(
        Object.entries(field.args ?? {}).map(([name, arg]) => [
          name,
          arg.description
            ? arg
            : {
                ...arg,
                description: declared
                  .map((f) => f.args.find((a) => a.name === name)?.description)
                  .find(Boolean),
              },
        ]),
      );
      return { ...field, description, args };
    },
  });
}

/**
 * `@specifiedBy(url:)` as the SDL states it: a scalar implementation from graphql-scalars would
 * otherwise replace it with its own URL, or none (DateTime).
 */
function specifiedBySdl(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.SCALAR_TYPE]: (type) => {
      const directive = type.astNode?.directives?.find((d) => d.name.value === "specifiedBy");
      const url = directive?.arguments?.find((a) => a.name.value === "url")?.value;
      if (url?.kind !== Kind.STRING) return type;
      return new GraphQLScalarType({ ...type.toConfig(), specifiedByURL: url.value });
    },
  });
}
