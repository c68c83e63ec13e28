import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { makeExecutableSchema } from "@graphql-tools/schema";
import type { GraphQLSchema } from "graphql";
import type { Resolvers } from "../generated/resolvers-types";

export const SCHEMA_DIR = path.resolve(__dirname, "../../schema");

/** The SDL files of schema/, base.graphql first (it declares the root types the others extend). */
export function loadTypeDefs(dir: string = SCHEMA_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".graphql"))
    .sort((a, b) => (a === "base.graphql" ? -1 : b === "base.graphql" ? 1 : a.localeCompare(b)))
    .map((f) => readFileSync(path.join(dir, f), "utf8"));
}

export function buildSchema(resolvers: Resolvers): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers,
    // Records carry __typename, which graphql-js's default type resolver reads.
    resolverValidationOptions: { requireResolversForResolveType: "ignore" },
  });
}
