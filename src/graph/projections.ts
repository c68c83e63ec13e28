/**
 * Map projections shared by the read queries, so that every query returns rows of the shapes in
 * mappers.ts. Each takes the variable name it projects.
 */
const CITATIONS = ".citeDoc, .citeStart, .citeEnd, .citeQuote";

/**
 * Entities and relationships come without their citations: those lists grow with every document
 * that mentions the element, and most reads (lists, neighbourhoods, far ends) never ask for them.
 * `citationsProjection` reads them for the `citations` field alone. A relationship's id is derived
 * from its ends and type (relationshipId.ts), so it is not read either.
 */
export const entityProjection = (n: string): string =>
  `${n} {.id, .kind, .name, .aliases, .description, .date, .version}`;

/** `extra`: more entries for the map, e.g. ", far: m {...}". */
export const relationshipProjection = (r: string, extra = ""): string =>
  `${r} {type: type(${r}), fromId: startNode(${r}).id, toId: endNode(${r}).id, .properties, .background, .version${extra}}`;

export const citationsProjection = (x: string): string => `${x} {.id, ${CITATIONS}}`;

export const statisticProjection = (s: string, subject: string): string =>
  `${s} {.id, subjectId: ${subject}.id, .metric, .value, .unit, .comparator, .period, .description, .version, ${CITATIONS}}`;

export const quoteProjection = (q: string): string =>
  `${q} {.id, speakerId: head([(${q})-[:SAID_BY]->(p) | p.id]), .text, aboutIds: [(${q})-[:QUOTE_ABOUT]->(e) | e.id], .version, ${CITATIONS}}`;

/** Without the text: it can be megabytes, and most reads of a document (a citation's title) never ask for it. */
export const documentProjection = (d: string): string =>
  `${d} {.id, .title, .publisher, .url, publishedAt: toString(${d}.publishedAt), .contentHash}`;
