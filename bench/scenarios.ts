import {
  HUB_INDEX,
  typedTextOf,
  statisticCountOf,
  type SyntheticGraphOptions,
  entityId,
} from "./syntheticGraph";

export type Variables = Record<string, unknown>;

/** One request shape of the benchmark, with the variable sets its load rotates through. */
export interface Scenario {
  name: string;
  description: string;
  /** The GraphQL document sent to the service (and, translated, to @neo4j/graphql). */
  query: string;
  /** Variable sets, chosen deterministically from the synthetic graph. */
  variables(graph: SyntheticGraphOptions): Variables[];
}

/** Variable sets per scenario: enough that no single row stays hot in every cache. */
const VARIANTS = 64;

const SEARCH_QUERY =
  "query Search($text: String!) { search(text: $text, first: 10) { score entity { id kind name } } }";

/**
 * The scenarios that search: the service ranks in its own tiers, over prefixes and typos, where
 * @neo4j/graphql passes the text to Lucene as it is, so their ids are not compared.
 */
export const SEARCH_SCENARIOS: ReadonlySet<string> = new Set(["search", "searchSameTexts"]);

/** Entity indices spread over the whole graph, old (well connected) and new alike. */
function spread(
  graph: SyntheticGraphOptions,
  count: number,
  keep: (index: number) => boolean = () => true,
): number[] {
  const picked: number[] = [];
  const step = Math.max(1, Math.floor(graph.entities / count));
  for (let i = 1; i < graph.entities && picked.length < count; i += step) {
    let index = i;
    while (index < graph.entities && !keep(index)) index += 1;
    if (index < graph.entities) picked.push(index);
  }
  return picked;
}

/** What a user types, keystroke by keystroke, towards names spread over the graph. */
function searchTexts(graph: SyntheticGraphOptions): Variables[] {
  return spread(graph, VARIANTS).map((i, k) => ({ text: typedTextOf(i, k) }));
}

export const SCENARIOS: Scenario[] = [
  {
    name: "entityById",
    description: "one entity by id",
    query: "query EntityById($id: ID!) { entity(id: $id) { id kind name aliases description } }",
    variables: (graph) => spread(graph, VARIANTS).map((i) => ({ id: entityId(i) })),
  },
  {
    name: "search",
    description: "type-ahead search, 10 hits",
    query: SEARCH_QUERY,
    // What a user types, keystroke by keystroke, towards names spread over the graph.
    variables: searchTexts,
  },
  {
    name: "searchSameTexts",
    description: "type-ahead search, 10 hits, the 10k graph's texts at every scale",
    query: SEARCH_QUERY,
    // The search scenario's names come from the whole graph, and a larger graph's have longer
    // words (at 1M mostly 8 letters, which tolerate two typos; at 10k, 6 letters, one), so its
    // cost per text grows with the texts as well as the graph. These are the texts of the 10k
    // graph (the same entities exist at every scale): only the graph grows.
    variables: (graph) => searchTexts({ ...graph, entities: Math.min(graph.entities, 10_000) }),
  },
  {
    name: "statistics",
    description: "statistics of a subject",
    query:
      "query Statistics($subject: ID!) { statistics(subject: $subject, first: 50) { edges { node { id metric value unit period } } } }",
    variables: (graph) =>
      spread(graph, VARIANTS, (i) => statisticCountOf(i) > 0).map((i) => ({ subject: entityId(i) })),
  },
  {
    name: "nested",
    description: "50 organizations × 20 relationships × far ends",
    query: `query Nested {
  entities(kind: ORGANIZATION, first: 50) {
    edges { node { id name
      relationships(types: ["COOPERATES_WITH"], first: 20) {
        edges { node { id type from { id name } to { id name } } }
      }
    } }
  }
}`,
    variables: () => [{}],
  },
  {
    name: "neighborhood",
    description: "neighbourhood, depth 2, 200 nodes",
    query: `query Neighborhood($id: ID!) {
  neighborhood(id: $id, depth: 2, limit: 200) { truncated nodes { id name } relationships { id type } }
}`,
    variables: (graph) => spread(graph, VARIANTS).map((i) => ({ id: entityId(i) })),
  },
  {
    name: "paths",
    description: "up to 5 shortest paths, maxLength 4",
    query: `query Paths($from: ID!, $to: ID!) {
  paths(from: $from, to: $to, maxLength: 4) { length nodes { id } relationships { id type } }
}`,
    variables: (graph) => {
      const ends = spread(graph, VARIANTS * 2).filter((i) => i !== HUB_INDEX);
      const pairs: Variables[] = [];
      for (let k = 0; k + 1 < ends.length; k += 2) {
        pairs.push({ from: entityId(ends[k] ?? 1), to: entityId(ends[ends.length - 1 - k] ?? 2) });
      }
      return pairs.slice(0, VARIANTS);
    },
  },
  {
    name: "totalCount",
    description: "totalCount of the largest kind",
    query: "query TotalCount { entities(kind: ORGANIZATION, first: 0) { totalCount } }",
    variables: () => [{}],
  },
];

/**
 * Every `id` and count in a response, in a canonical order: what two servers answering the same
 * question must agree on whatever the shape of their responses.
 */
export function answerOf(json: unknown): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, key: string): void => {
    if (Array.isArray(value)) value.forEach((item) => walk(item, key));
    else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    } else if (key === "id" && typeof value === "string") found.add(value);
    else if ((key === "totalCount" || key === "count" || key === "nodes") && typeof value === "number") {
      found.add(`count:${value}`);
    }
  };
  walk(json, "");
  return [...found].sort();
}
