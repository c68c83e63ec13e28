import { ApolloServer } from "@apollo/server";
import { Kind, parse, type OperationDefinitionNode } from "graphql";
import pino from "pino";
import { resolvers } from "../../src/resolvers";
import {
  CostAnalysisTooLarge,
  DOCUMENT_TEXT_COST,
  estimateCost,
  MAX_ANALYSIS_STEPS,
} from "../../src/server/cost/estimateCost";
import { analyse, costVariables, OperationCostCache } from "../../src/server/cost/operationCost";
import { queryCostPlugin } from "../../src/server/plugins/queryCost";
import { buildSchema } from "../../src/server/schema";
import { FRAGMENT_BOMB, HUGE, spreads, WIDE } from "../support/costlyQueries";

const schema = buildSchema(resolvers);

function costOf(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const outcome = analyse({ schema, document, operation, queryHash: query, variables });
  if (outcome.kind !== "estimated") throw new Error(`not estimated: ${outcome.kind}`);
  return outcome.cost;
}

describe("the operation's cost (as execution runs it)", () => {
  it("keeps the list estimator's figures: 1 per field, a list's items times first/limit", () => {
    expect(costOf(`{ ${HUGE} }`)).toBe(1_040_301);
    expect(costOf(`{ ${WIDE} }`)).toBe(40_301);
    expect(costOf(`{ entity(id: "x") { id name } }`)).toBe(3);
    // Defaults apply: entities(first: 20), relationships(first: 50).
    expect(costOf(`{ entities { edges { node { id } } } }`)).toBe(1 + 20 * 3);
    // paths: limit × (maxLength + 1) items; neighborhood: limit.
    expect(costOf(`{ paths(from: "a", to: "b", maxLength: 2, limit: 3) { length } }`)).toBe(1 + 3 * 3 * 1);
    expect(costOf(`{ neighborhood(id: "a", limit: 10) { truncated } }`)).toBe(1 + 10 * 1);
    // first: 0 still costs its fields once.
    expect(costOf(`{ entities(first: 0) { totalCount } }`)).toBe(2);
  });

  it("costs the review's fragment bomb as execution runs it: each fragment once", () => {
    expect(costOf(`{ ...F3 } ${FRAGMENT_BOMB}`)).toBe(1);
    expect(costOf(`{ ${HUGE} ...F3 } ${FRAGMENT_BOMB}`)).toBe(1_040_302);
  });

  it("expands inline fragments, merges equal response keys and counts aliases apart", () => {
    const inlineBomb = [
      "fragment G0 on Query { t: __typename ... on Query { __typename } }",
      `fragment G1 on Query { ... on Query {${spreads("G0")} } }`,
      `fragment G2 on Query { ... {${spreads("G1")} } }`,
      `fragment G3 on Query { ... on Query {${spreads("G2")} } }`,
    ].join(" ");
    expect(costOf(`{ ...G3 } ${inlineBomb}`)).toBe(2);
    expect(costOf(`{ a: entity(id: "x") { id } b: entity(id: "x") { id } }`)).toBe(4);
    // Same response key: one field, its selections merged (id and name).
    expect(costOf(`{ entity(id: "x") { id } entity(id: "x") { name } }`)).toBe(3);
    expect(costOf(`{ e: entity(id: "x") { id ... on Person { id name } } }`)).toBe(3);
  });

  it("counts a fragment spread twice in one selection once, and nested spreads as they expand", () => {
    const query = `{ ...H1 } fragment H1 on Query { ...H2 ...H2 ... on Query { c: ${WIDE} } } fragment H2 on Query { a: ${WIDE} b: ${WIDE} }`;
    expect(costOf(query)).toBe(3 * 40_301);
    // The same fragment under two different fields is run (and costed) under each.
    expect(
      costOf(`{ a: entity(id: "x") { ...E } b: entity(id: "y") { ...E } } fragment E on Entity { name }`),
    ).toBe(4);
  });

  it("costs an abstract type as its most expensive possible type", () => {
    const query = `{ entity(id: "x") { ... on Person { quotes(first: 10) { edges { node { id } } } } ... on Place { name } } }`;
    expect(costOf(query)).toBe(1 + (1 + 10 * (1 + (1 + 1))));
  });

  it("reads variables, defaults and @skip/@include; null means the argument's default", () => {
    const query =
      "query ($n: Int, $skip: Boolean!) { entities(first: $n) @skip(if: $skip) { edges { node { id } } } }";
    expect(costOf(query, { n: 50, skip: false })).toBe(1 + 50 * 3);
    expect(costOf(query, { n: 50, skip: true })).toBe(0);
    expect(costOf(query, { n: null, skip: false })).toBe(1 + 20 * 3);
    expect(costOf("query ($n: Int = 7) { entities(first: $n) { totalCount } }")).toBe(1 + 7);
    expect(costOf("{ entities(first: null) { edges { node { id } } } }")).toBe(1 + 20 * 3);
  });

  it("gives connections a size: n ids + n(n-1)/2 pairs × maxLength items", () => {
    // Review finding 7: its nodes used to count as one.
    const query = `{ connections(ids: ["a", "b", "c"], maxLength: 2) { nodes { id } } }`;
    expect(costOf(query)).toBe(1 + (3 + 3 * 2) * 2);
    const ten = JSON.stringify(Array.from({ length: 10 }, (_, i) => `place:p${i}`));
    expect(costOf(`{ connections(ids: ${ten}) { nodes { id } relationships { id } } }`)).toBe(
      1 + (10 + 45 * 4) * (1 + 1 + 1 + 1),
    );
  });

  it("costs a document's text by what it may weigh", () => {
    expect(costOf(`{ node(id: "document:x") { ... on Document { title text } } }`)).toBe(
      1 + 1 + DOCUMENT_TEXT_COST,
    );
  });

  it("gives up, as too large, past its step budget", () => {
    const fields = Array.from({ length: MAX_ANALYSIS_STEPS + 1 }, (_, i) => `a${i}: __typename`).join(" ");
    const document = parse(`{ ${fields} }`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(() => estimateCost({ schema, operation, fragments: {}, variables: {} })).toThrow(
      CostAnalysisTooLarge,
    );
  });

  it("costs a field whose arguments do not coerce as 1: execution runs nothing below it", () => {
    const query = 'query ($t: String = "x") { search(text: $t) { entity { name } } __typename }';
    expect(costOf(query, { t: null })).toBe(2);
    expect(costOf(query, {})).toBe(1 + 10 * (1 + 1) + 1);
  });

  it("does not estimate operations whose variables do not coerce", () => {
    const document = parse("query ($n: Int) { entities(first: $n) { totalCount } }");
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(analyse({ schema, document, operation, queryHash: "h", variables: { n: "abc" } })).toEqual({
      kind: "invalidVariables",
    });
  });
});

describe("the cost cache", () => {
  const query = `query ($id: ID!, $n: Int, $k: Boolean = true, $t: String!) {
    entity(id: $id) { name }
    entities(first: $n) @include(if: $k) { totalCount }
    search(text: $t) { score }
  }`;
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;

  it("keys on the variables the cost reads, and only those", () => {
    expect(costVariables(document)).toEqual(["k", "n"]);
    const cache = new OperationCostCache();
    const cost = (variables: Record<string, unknown>) =>
      cache.costOf({ schema, document, operation, queryHash: "q1", variables });
    expect(cost({ id: "a", n: 10, t: "x" })).toEqual({ kind: "estimated", cost: 2 + 11 + 11 });
    expect(cost({ id: "b", n: 10, t: "y" })).toEqual({ kind: "estimated", cost: 24 });
    expect(cache.analyses).toBe(1);
    expect(cost({ id: "b", n: 30, t: "y" })).toEqual({ kind: "estimated", cost: 2 + 31 + 11 });
    expect(cost({ id: "b", n: 30, k: false, t: "y" })).toEqual({ kind: "estimated", cost: 2 + 11 });
    expect(cache.analyses).toBe(3);
    // A missing variable and an explicit null are different requests.
    expect(cost({ id: "b", t: "y" })).toEqual({ kind: "estimated", cost: 2 + 21 + 11 });
    expect(cost({ id: "b", n: null, t: "y" })).toEqual({ kind: "estimated", cost: 2 + 21 + 11 });
    expect(cache.analyses).toBe(5);
  });
});

describe("queryCostPlugin", () => {
  const logger = pino({ level: "silent" });
  let server: ApolloServer;
  let cache: OperationCostCache;
  beforeAll(async () => {
    cache = new OperationCostCache();
    server = new ApolloServer({ schema, plugins: [queryCostPlugin(100, logger, { cache })] });
    await server.start();
  });
  afterAll(() => server.stop());

  const run = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await server.executeOperation({ query, variables });
    if (response.body.kind !== "single") throw new Error("single result expected");
    return { status: response.http.status, ...response.body.singleResult };
  };

  it("reports the estimate and the limit in extensions of every response", async () => {
    const ok = await run("{ __typename }");
    expect(ok.data).toEqual({ __typename: "Query" });
    expect(ok.extensions).toEqual({ cost: { estimated: 1, limit: 100 } });

    const refused = await run(`{ ${HUGE} ...F3 } ${FRAGMENT_BOMB}`);
    expect(refused.data).toBeUndefined();
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: "QUERY_TOO_COMPLEX",
      cost: 1_040_302,
      maxCost: 100,
    });
    expect(refused.extensions).toEqual({ cost: { estimated: 1_040_302, limit: 100 } });
  });

  it("leaves bad variables to Apollo: 400 BAD_USER_INPUT, nothing run", async () => {
    const bad = await run("query ($n: Int) { entities(first: $n) { totalCount } }", { n: "abc" });
    expect(bad.status).toBe(400);
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.data).toBeUndefined();
  });

  it("refuses the operation when the analysis fails, whatever the failure", async () => {
    const broken = new OperationCostCache();
    broken.costOf = () => {
      throw new Error("a bug in the analysis");
    };
    const strict = new ApolloServer({ schema, plugins: [queryCostPlugin(100, logger, { cache: broken })] });
    await strict.start();
    try {
      const response = await strict.executeOperation({ query: "{ __typename }" });
      if (response.body.kind !== "single") throw new Error("single result expected");
      expect(response.body.singleResult.data).toBeUndefined();
      expect(response.body.singleResult.errors?.[0]?.extensions?.code).toBe("COST_ANALYSIS_FAILED");
      expect(response.body.singleResult.extensions).toEqual({ cost: { estimated: null, limit: 100 } });
    } finally {
      await strict.stop();
    }
  });

  it("analyses a repeated operation once", async () => {
    const before = cache.analyses;
    const query = "query ($x: ID!) { __typename entity(id: $x) @include(if: false) { id } }";
    for (let i = 0; i < 5; i += 1) {
      const answer = await run(query, { x: `place:p${i}` });
      expect(answer.data).toEqual({ __typename: "Query" });
      expect(answer.extensions).toEqual({ cost: { estimated: 1, limit: 100 } });
    }
    expect(cache.analyses - before).toBe(1);
  });
});
