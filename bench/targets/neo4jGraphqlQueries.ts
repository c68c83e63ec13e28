/**
 * The @neo4j/graphql (v7) baseline: type definitions over the same graph the service reads
 * (docs/graph-model.md) and, for each benchmark scenario, the document a user of that library
 * would write to get the same answer as the service's query of the same name.
 */

/**
 * Stored once per pair in one direction; UNDIRECTED matches it from either end, as the service's
 * relationships(types: ["COOPERATES_WITH"]) does with its default BOTH.
 */
const COOPERATES_WITH_FIELD = /* GraphQL */ `cooperatesWith: [Entity!]!
      @relationship(type: "COOPERATES_WITH", direction: OUT, queryDirection: UNDIRECTED, properties: "CooperatesWith")`;

/**
 * Read-only: `@mutation(operations: [])` on the schema keeps create/update/delete out of the
 * generated API, so schema build and validation cost only what the queries need. Subscriptions
 * are off unless `features.subscriptions` is given, which the target does not.
 */
export const NEO4J_GRAPHQL_TYPE_DEFS = /* GraphQL */ `
  extend schema @mutation(operations: [])

  type CooperatesWith @relationshipProperties {
    id: ID!
  }

  # The index comes from our migrations (cypher/migrations/002_graph_model.cypher), over name,
  # aliases and description; the library never creates it. "aliases" cannot be listed: the
  # directive accepts only String/ID fields, not lists. That changes nothing at query time:
  # "fields" is only checked against the type (and by assertIndexesAndConstraints, never
  # called), while the generated query searches the whole index by name.
  type Entity
    @node(labels: ["Entity"])
    @fulltext(
      indexes: [{ indexName: "entity_search", queryName: "searchEntities", fields: ["name", "description"] }]
    ) {
    id: ID!
    kind: String!
    name: String!
    aliases: [String!]
    description: String
    date: String
    ${COOPERATES_WITH_FIELD}
    statistics: [Statistic!]! @relationship(type: "STATISTIC_OF", direction: IN)
  }

  # The kind's own label, as the service uses it: MATCH (this:Organization) ... ORDER BY this.id
  # is an index-ordered scan of organization_id, and its count comes from the count store,
  # where a kind filter on Entity would read every entity.
  type Organization @node(labels: ["Organization"]) {
    id: ID!
    name: String!
    ${COOPERATES_WITH_FIELD}
  }

  type Statistic @node(labels: ["Statistic"]) {
    id: ID!
    metric: String!
    value: Float!
    unit: String
    comparator: String
    period: String
    description: String
    subject: [Entity!]! @relationship(type: "STATISTIC_OF", direction: OUT)
  }
`;

export interface Neo4jGraphqlScenario {
  query: string;
}

const SEARCH: Neo4jGraphqlScenario = {
  query: /* GraphQL */ `
    query Search($text: String!) {
      searchEntities(phrase: $text, first: 10) {
        edges {
          score
          node {
            id
            kind
            name
          }
        }
      }
    }
  `,
};

/**
 * Same variables as the service's documents of the same name; the answers carry the same ids in
 * the same order, in the library's shapes (a list where the service has a connection).
 */
export const NEO4J_GRAPHQL_SCENARIOS = {
  // The library has no single-node root field: a filtered list, answered from the entity_id index.
  entityById: {
    query: /* GraphQL */ `
      query EntityById($id: ID!) {
        entities(where: { id: { eq: $id } }) {
          id
          kind
          name
          aliases
          description
        }
      }
    `,
  },
  // Passes the phrase to the index as it is: the service adds fuzzy and prefix terms to its
  // Lucene query, so the two rank some hits differently; both come best first. The generated
  // Cypher collects every hit (for totalCount) before it applies first: 10.
  search: SEARCH,
  searchSameTexts: SEARCH,
  // Through the subject (an entity_id index seek, then its STATISTIC_OF links) rather than
  // statistics(where: { subject: { some: ... } }), which would test every statistic.
  statistics: {
    query: /* GraphQL */ `
      query Statistics($subject: ID!) {
        entities(where: { id: { eq: $subject } }) {
          statistics(sort: [{ id: ASC }], limit: 50) {
            id
            metric
            value
            unit
            period
          }
        }
      }
    `,
  },
  // properties.id is the relationship's id, the sort key the service pages by. The library
  // sorts the organizations with Top over a label scan; the service's id > "" makes its scan
  // index-ordered.
  nested: {
    query: /* GraphQL */ `
      query Nested {
        organizations(sort: [{ id: ASC }], limit: 50) {
          id
          name
          cooperatesWithConnection(sort: [{ edge: { id: ASC } }], first: 20) {
            edges {
              properties {
                id
              }
              node {
                id
                name
              }
            }
          }
        }
      }
    `,
  },
  // Generates MATCH (this0:Organization) WITH count(this0) AS totalCount ..., planned as
  // NodeCountFromCountStore. The aggregate { count { nodes } } form generates count(DISTINCT this),
  // a label scan, so it is not used.
  totalCount: {
    query: /* GraphQL */ `
      query TotalCount {
        organizationsConnection {
          totalCount
        }
      }
    `,
  },
} satisfies Record<string, Neo4jGraphqlScenario>;
