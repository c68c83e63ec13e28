/**
 * The cost analysis per request: analysed every time (no cache) against the bounded LRU cache
 * (OperationCostCache), on operations clients send over and over, with a different id each time.
 * Run: npx tsx bench/micro/queryCost.ts [requests=20000]
 */
import { createHash } from "node:crypto";
import { parse, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { resolvers } from "../../src/resolvers";
import { analyse, OperationCostCache } from "../../src/server/cost/operationCost";
import { buildSchema } from "../../src/server/schema";

const requests = Number(process.argv[2] ?? 20_000);
const schema = buildSchema(resolvers);

const operations: Record<string, string> = {
  entityById: "query ($id: ID!) { entity(id: $id) { id kind name aliases description } }",
  nested: `query ($id: ID!, $n: Int) {
    entity(id: $id) { ...E relationships(first: $n) { edges { node { type from { ...E } to { ...E citations { quote start end document { title } } } } } } }
  } fragment E on Entity { id kind name aliases description ... on Place { partOf { id name } } ... on Person { quotes(first: 5) { edges { node { text } } } } }`,
};

function timePerRequest(run: (i: number) => void): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < requests; i += 1) run(i);
  return Number(process.hrtime.bigint() - started) / 1e3 / requests;
}

for (const [name, text] of Object.entries(operations)) {
  const document: DocumentNode = parse(text);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const queryHash = createHash("sha256").update(text).digest("hex");
  const variables = (i: number) => ({ id: `place:p${i}`, n: 20 });
  // Warm up both paths.
  const cache = new OperationCostCache();
  for (let i = 0; i < 2000; i += 1) {
    analyse({ schema, document, operation, queryHash, variables: variables(i) });
    cache.costOf({ schema, document, operation, queryHash, variables: variables(i) });
  }
  const uncached = timePerRequest((i) =>
    analyse({ schema, document, operation, queryHash, variables: variables(i) }),
  );
  const cached = timePerRequest((i) =>
    cache.costOf({ schema, document, operation, queryHash, variables: variables(i) }),
  );
  console.log(
    `${name}: analysed every time ${uncached.toFixed(1)} µs/request, cached ${cached.toFixed(1)} µs/request ` +
      `(saves ${(uncached - cached).toFixed(1)} µs; ${cache.analyses} analyses for ${requests + 2000} requests)`,
  );
}
