import { randomUUID } from "node:crypto";
import pino from "pino";
import { CypherExecutor } from "../../src/graph/executor";
import { EntityRepository } from "../../src/graph/entityRepository";
import { createDriver } from "../../src/neo4j/driver";
import { writeDocument } from "../../src/write/importDocument";
import { createEntity } from "../../src/write/mutations/createEntity";
import { removeFixtures } from "../support/removeFixtures";

/**
 * The service on a `neo4j://` URI (the routing driver a cluster or Aura needs): reads in READ
 * sessions and writes in WRITE sessions are routed, and a read right after a write sees it (the
 * sessions share the driver's bookmarks). The embedded Neo4j answers routing as a one-member cluster.
 */
describe("a neo4j:// (routing) URI against the embedded Neo4j", () => {
  const uri = (process.env.NEO4J_URI ?? "").replace(/^bolt:\/\//, "neo4j://");
  const driver = createDriver({
    uri,
    user: process.env.NEO4J_USER ?? "neo4j",
    password: process.env.NEO4J_PASSWORD,
  });
  const executor = new CypherExecutor(driver, {
    database: process.env.NEO4J_DATABASE ?? "neo4j",
    transactionTimeoutMs: 20_000,
    logger: pino({ level: "silent" }),
  });
  const suffix = randomUUID().replace(/-/g, "").slice(0, 10);
  const documentId = `document:routing-${suffix}`;

  afterAll(async () => {
    await removeFixtures(executor, { ids: [documentId], suffixes: [suffix] });
    await driver.close();
  });

  it("routes writes and reads, and every read sees the write before it", async () => {
    expect(uri.startsWith("neo4j://")).toBe(true);
    await writeDocument(executor, {
      document: {
        id: documentId,
        title: "Routing",
        publisher: null,
        url: null,
        publishedAt: null,
        text: "Routed words.",
      },
      entities: [],
      relationships: [],
      statistics: [],
      quotes: [],
    });
    const entities = new EntityRepository(executor);
    for (let i = 0; i < 5; i += 1) {
      const id = `place:routed-${i}-${suffix}`;
      const outcome = await createEntity(
        executor,
        { subject: "routing-test" },
        { kind: "PLACE", id, name: `Routed ${i}`, citations: [{ documentId, quote: "Routed words" }] },
      );
      expect(outcome.kind).toBe("written");
      const [read] = await entities.byIds([id]);
      expect(read?.name).toBe(`Routed ${i}`);
    }
  });
});
