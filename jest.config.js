// Two tiers: `unit` needs no database; `int` runs against a real Neo4j that tests/support/globalSetup.ts
// starts once for the run (or the one NEO4J_URI names).
// jose ships only ES modules: Jest (CommonJS here) compiles it with the same transform as our sources.
const transform = { "^.+\\.[tj]s$": ["@swc/jest", { jsc: { target: "es2022" } }] };
const transformIgnorePatterns = ["/node_modules/(?!jose/)"];
// packages/client is ES modules with `.js` in its relative imports (Node's rules); Jest runs its
// TypeScript sources, and the examples import the package by name.
const moduleNameMapper = {
  "^@kg-graphql/client$": "<rootDir>/packages/client/src/index.ts",
  "^(\\.{1,2}/.*)\\.js$": "$1",
};

/** @type {import('jest').Config} */
module.exports = {
  // Integration tests start and stop Neo4j instances; unit tests finish in milliseconds anyway.
  testTimeout: 120000,
  // One suite at a time: integration suites share one database, and a suite that adds 100,000
  // nodes or walks every page must not see another suite's writes appear and vanish mid-test.
  maxWorkers: 1,
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testMatch: ["<rootDir>/tests/unit/**/*.test.ts"],
    },
    {
      displayName: "int",
      testEnvironment: "node",
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      // tests/browser: the web pages in Chromium against the real service.
      testMatch: ["<rootDir>/tests/int/**/*.test.ts", "<rootDir>/tests/browser/**/*.test.ts"],
      globalSetup: "<rootDir>/tests/support/globalSetup.ts",
      globalTeardown: "<rootDir>/tests/support/globalTeardown.ts",
    },
  ],
};
