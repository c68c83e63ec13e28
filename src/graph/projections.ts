/**
 * Map projections shared by the read queries, so that every query returns rows of the shapes in
 * mappers.ts. Each takes the variable name it projects.
 */
const CITATIONS = ".citeDoc, .citeStart, .citeEnd, .citeQuote";

export const entityProjection = (n: string): string =>
  `${n} {.id, .kind, .name, .aliases, .description, .date, ${CITATIONS}}`;

export const relationshipProjection = (r: string): string =>
  `${r} {.id, type: type(${r}), fromId: startNode(${r}).id, toId: endNode(${r}).id, .properties, .background, ${CITATIONS}}`;

export const statisticProjection = (s: string, subject: string): string =>
  `${s} {.id, subjectId: ${subject}.id, .metric, .value, .unit, .comparator, .period, .description, ${CITATIONS}}`;

export const quoteProjection = (q: string): string =>
  `${q} {.id, speakerId: head([(${q})-[:SAID_BY]->(p) | p.id]), .text, aboutIds: [(${q})-[:QUOTE_ABOUT]->(e) | e.id], ${CITATIONS}}`;

export const documentProjection = (d: string): string =>
  `${d} {.id, .title, .publisher, .url, publishedAt: toString(${d}.publishedAt), .text}`;
