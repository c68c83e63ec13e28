/**
 * A writer to kill: creates entities through the write layer in a loop, one recorded change each,
 * and prints each committed seq as "seq <n>". Run by tests/int/crashSafety.test.ts, which kills it
 * with SIGKILL in the middle of its writes. Arguments: <documentId> <suffix>.
 */
import pino from "pino";
import { CypherExecutor } from "../../src/graph/executor";
import { createDriver } from "../../src/neo4j/driver";
import { createEntity } from "../../src/write/mutations/createEntity";

async function main(): Promise<void> {
  const [documentId = "", suffix = ""] = process.argv.slice(2);
  const driver = createDriver({
    uri: process.env.NEO4J_URI ?? "",
    user: process.env.NEO4J_USER ?? "neo4j",
    password: process.env.NEO4J_PASSWORD,
  });
  const executor = new CypherExecutor(driver, {
    database: process.env.NEO4J_DATABASE ?? "neo4j",
    transactionTimeoutMs: 20_000,
    logger: pino({ level: "silent" }),
  });
  process.stdout.write("ready\n");
  for (let i = 0; ; i += 1) {
    const outcome = await createEntity(
      executor,
      { subject: "crash-writer" },
      {
        kind: "PLACE",
        id: `place:crash-${process.pid}-${i}-${suffix}`,
        name: `Crash ${i}`,
        aliases: Array.from({ length: 20 }, (_, j) => `alias ${j}`),
        citations: [{ documentId, quote: "Crash" }],
      },
    );
    if (outcome.kind === "written") process.stdout.write(`seq ${outcome.change.seq}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
