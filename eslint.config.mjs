// Type-aware linting for src/, tests/, bench/ and web/ (browser code, its own tsconfig with lib "dom"); generated code is checked by `npm run codegen` instead.
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "coverage/",
      "src/generated/",
      "tests/client/generated/",
      "packages/client/src/generated/",
      "packages/*/dist/",
      "tools/neo4j-local/target/",
      ".data/",
      "bench/.work/",
      // Copies of earlier builds for side-by-side measurements (bench/profile.ts --main).
      ".ab/",
      "web/dist/",
      "artifacts/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "import-x": importX },
    settings: { "import-x/resolver-next": [createTypeScriptImportResolver()] },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "import-x/no-cycle": "error",
    },
  },
  { files: ["**/*.js", "**/*.mjs"], ...tseslint.configs.disableTypeChecked },
  { files: ["jest.config.js"], languageOptions: { globals: { module: "writable" } } },
  { files: ["web/build.mjs"], languageOptions: { globals: { process: "readonly", console: "readonly" } } },
);
