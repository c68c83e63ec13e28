import { rmSync } from "node:fs";

export default async function globalTeardown(): Promise<void> {
  const neo4j = globalThis.__LOCAL_NEO4J__;
  if (neo4j === undefined) return;
  await neo4j.stop();
  const dataDir = process.env.KG_TEST_LOCAL_NEO4J_DATA_DIR;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
