import { writeFileSync } from "node:fs";
import path from "node:path";
import { lexicographicSortSchema, printSchema } from "graphql";
import { resolvers } from "../../src/resolvers";
import { buildSchema } from "../../src/server/schema";

/** The schema the service serves, printed as a client sees it (tests/int/downstreamClient.test.ts checks the copy against the live service's introspection). */
export function servedSdl(): string {
  return `${printSchema(lexicographicSortSchema(buildSchema(resolvers)))}\n`;
}

if (require.main === module) {
  writeFileSync(path.join(__dirname, "schema.graphql"), servedSdl());
}
