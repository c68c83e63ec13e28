/**
 * CPU time per request of the service's GraphQL layer with each executor (graphql-jit, graphql-js),
 * in-process on the run's Neo4j: `NEO4J_URI=bolt://... node --import tsx bench/executorCpu.ts`.
 * Requests go one after another through Apollo (parse, validation, plugins, execution) and the real
 * resolvers; the figure is this process's CPU (user + system) per request, which a busy machine
 * changes far less than it changes latency. Neo4j's work is not in it, the driver's is.
 */
import { startTestApi, type TestApi } from "../tests/support/testApi";

const REQUESTS = Number(process.env.REQUESTS ?? 400);

const OPERATIONS: Record<string, { query: string; variables: Record<string, unknown> }> = {
  entityById: {
    query: "query E($id: ID!) { entity(id: $id) { id kind name aliases description } }",
    variables: { id: "place:chongqing" },
  },
  search: {
    query: "query S($text: String!) { search(text: $text, first: 10) { score entity { id kind name } } }",
    variables: { text: "chon" },
  },
  statistics: {
    query:
      "query St($subject: ID!) { statistics(subject: $subject, first: 50) { edges { node { id metric value unit period } } } }",
    variables: { subject: "place:chongqing" },
  },
  nested: {
    query: `query N { entities(first: 50) { edges { node { id name
      relationships(first: 20) { edges { node { id type from { id name } to { id name } } } } } } } }`,
    variables: {},
  },
  totalCount: { query: "query T { entities { totalCount } }", variables: {} },
};

async function cpuPerRequest(api: TestApi, name: string): Promise<number> {
  const { query, variables } = OPERATIONS[name] ?? { query: "", variables: {} };
  for (let i = 0; i < 50; i += 1) await api.execute(query, variables); // warm-up, compiles the operation
  const before = process.cpuUsage();
  for (let i = 0; i < REQUESTS; i += 1) {
    const out = await api.execute(query, variables);
    if (out.errors) throw new Error(`${name}: ${JSON.stringify(out.errors)}`);
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / REQUESTS;
}

async function main(): Promise<void> {
  const jit = await startTestApi({ env: { GRAPHQL_EXECUTOR: "jit" } });
  const js = await startTestApi({ env: { GRAPHQL_EXECUTOR: "graphql-js" } });
  process.stdout.write(
    "| operation | jit CPU ms/req | graphql-js CPU ms/req | jit ÷ graphql-js |\n| --- | --- | --- | --- |\n",
  );
  try {
    for (const name of Object.keys(OPERATIONS)) {
      // jit, graphql-js, graphql-js, jit: neither always goes first; the lower of each pair is kept
      // (a busy machine only adds).
      const a1 = await cpuPerRequest(jit, name);
      const b = Math.min(await cpuPerRequest(js, name), await cpuPerRequest(js, name));
      const a = Math.min(a1, await cpuPerRequest(jit, name));
      process.stdout.write(`| ${name} | ${a.toFixed(3)} | ${b.toFixed(3)} | ${(a / b).toFixed(2)}× |\n`);
    }
  } finally {
    await jit.stop();
    await js.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
