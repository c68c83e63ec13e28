/**
 * Queries that probe the cost limit (src/server/cost/), shared by the unit test of the estimate and
 * the HTTP test of the refusal. The default limit is 100,000.
 */

/** 1 + 100 × (edges, node, 1 + 100 × (edges, node, to, 1 + 100 × totalCount)) = 1,040,301: over the limit. */
export const HUGE =
  "entities(first: 100) { edges { node { relationships(first: 100) { edges { node { to { relationships(first: 100) { totalCount } } } } } } } }";

/** Cost 40,301 (citations count as one item): three of them are over the limit, two are not. */
export const WIDE =
  "entities(first: 100) { edges { node { relationships(first: 100) { edges { node { citations { quote } } } } } } }";

/** ` ...name` 25 times. */
export const spreads = (name: string): string => ` ...${name}`.repeat(25);

/** The review's fragment bomb: F3 spreads F2 25 times, F2 spreads F1, F1 spreads F0 { __typename }. */
export const FRAGMENT_BOMB = [
  "fragment F0 on Query { __typename }",
  `fragment F1 on Query {${spreads("F0")} }`,
  `fragment F2 on Query {${spreads("F1")} }`,
  `fragment F3 on Query {${spreads("F2")} }`,
].join(" ");

/** The same with inline fragments and an alias at each level (G3 spreads G2 …). */
export const INLINE_BOMB = [
  "fragment G0 on Query { t: __typename ... on Query { __typename } }",
  `fragment G1 on Query {${spreads("G0")} }`,
  `fragment G2 on Query { ... on Query {${spreads("G1")} } }`,
  `fragment G3 on Query {${spreads("G2")} }`,
].join(" ");
