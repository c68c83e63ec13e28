import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * A downstream client's codegen, as a consumer of the API would set it up: the client preset
 * (typed documents) and possibleTypes for Apollo Client, from the served schema
 * (tests/client/schema.graphql, printed by printSchema.ts). `npm run codegen:client` regenerates;
 * tests/int/downstreamClient.test.ts regenerates from the live service's introspection and compares.
 */
// The test regenerates into a temporary directory from the live service's schema to check the copy.
const out = process.env.CLIENT_CODEGEN_OUT ?? "tests/client/generated";

const config: CodegenConfig = {
  schema: process.env.CLIENT_CODEGEN_SCHEMA ?? "tests/client/schema.graphql",
  documents: ["tests/client/operations.ts"],
  ignoreNoDocuments: false,
  generates: {
    [`${out}/`]: {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: "string", JSON: "Record<string, unknown>" },
      },
    },
    [`${out}/possibleTypes.ts`]: {
      plugins: ["fragment-matcher"],
      config: { useExplicitTyping: true },
    },
  },
};

export default config;
