import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * The client package's types, from the schema the service serves: tests/client/schema.graphql,
 * printed by tests/client/printSchema.ts (`npm run codegen:client` at the root prints it and
 * tests/int/downstreamClient.test.ts checks it against the live service's introspection).
 * String documents (no `graphql` at run time) and the persisted-documents manifest (sha256) the
 * service's TRUSTED_DOCUMENTS reads.
 */
const out = process.env.CLIENT_CODEGEN_OUT ?? "packages/client/src/generated";

const config: CodegenConfig = {
  schema: process.env.CLIENT_CODEGEN_SCHEMA ?? "tests/client/schema.graphql",
  documents: ["packages/client/src/operations.ts"],
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  generates: {
    [`${out}/`]: {
      preset: "client",
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: "embedHashInDocument", hashAlgorithm: "sha256" },
      },
      config: {
        documentMode: "string",
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: "string", JSON: "Record<string, unknown>" },
      },
    },
  },
};

export default config;
