import { graphql } from "./generated/gql.js";

/**
 * The operations an app needs most, typed by graphql-codegen's client preset from the schema the
 * service serves. Each is in the persisted-documents manifest (src/generated/persisted-documents.json),
 * so a service running TRUSTED_DOCUMENTS=strict answers them by `documentId` alone.
 */

export const SearchDocument = graphql(`
  query Search($text: String!, $first: Int, $kinds: [EntityKind!]) {
    search(text: $text, first: $first, kinds: $kinds) {
      score
      entity {
        __typename
        id
        kind
        name
        aliases
        description
      }
    }
  }
`);

export const EntitiesDocument = graphql(`
  query Entities($kind: EntityKind, $first: Int, $after: String) {
    entities(kind: $kind, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          __typename
          id
          kind
          name
          aliases
          description
          version
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const EntityDocument = graphql(`
  query Entity($id: ID!, $relationshipsFirst: Int, $relationshipsAfter: String) {
    entity(id: $id) {
      __typename
      id
      kind
      name
      aliases
      description
      version
      citations {
        quote
        start
        end
        document {
          id
          title
          url
        }
      }
      relationships(first: $relationshipsFirst, after: $relationshipsAfter) {
        totalCount
        edges {
          cursor
          node {
            id
            type
            background
            prospective
            from {
              id
              name
            }
            to {
              id
              name
            }
            citations {
              quote
              start
              end
              document {
                id
                title
                url
              }
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const StatisticsDocument = graphql(`
  query Statistics($subject: ID, $metric: String, $first: Int, $after: String) {
    statistics(subject: $subject, metric: $metric, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          metric
          value
          unit
          comparator
          period
          description
          subject {
            id
            name
          }
          citations {
            quote
            document {
              id
              title
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const QuotesDocument = graphql(`
  query Quotes($speaker: ID, $about: ID, $first: Int, $after: String) {
    quotes(speaker: $speaker, about: $about, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          text
          speaker {
            id
            name
          }
          about {
            id
            name
          }
          citation {
            quote
            document {
              id
              title
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const NeighborhoodDocument = graphql(`
  query Neighborhood($id: ID!, $depth: Int, $limit: Int, $types: [String!]) {
    neighborhood(id: $id, depth: $depth, limit: $limit, types: $types) {
      truncated
      nodes {
        __typename
        id
        kind
        name
      }
      relationships {
        id
        type
        from {
          id
        }
        to {
          id
        }
      }
    }
  }
`);

export const PathsDocument = graphql(`
  query Paths($from: ID!, $to: ID!, $maxLength: Int, $limit: Int) {
    paths(from: $from, to: $to, maxLength: $maxLength, limit: $limit) {
      length
      nodes {
        __typename
        id
        kind
        name
      }
      relationships {
        id
        type
        from {
          id
        }
        to {
          id
        }
      }
    }
  }
`);

export const DocumentsDocument = graphql(`
  query Documents($first: Int, $after: String) {
    documents(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          title
          url
          publisher
          publishedAt
          contentHash
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ChangesDocument = graphql(`
  query Changes($after: String, $first: Int, $ids: [ID!]) {
    changes(after: $after, first: $first, ids: $ids) {
      edges {
        cursor
        node {
          id
          seq
          at
          actor
          operation
          clientMutationId
          reason
          items(first: 50) {
            totalCount
            edges {
              node {
                id
                typename
                action
                version
                before
                after
                mergedInto
              }
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** What the mirror polls when the service has no /changes feed: the items' `after` only (the rule needs no `before`). */
export const MirrorChangesDocument = graphql(`
  query MirrorChanges($after: String, $first: Int) {
    changes(after: $after, first: $first) {
      edges {
        node {
          id
          seq
          at
          actor
          operation
          clientMutationId
          reason
          items(first: 50) {
            totalCount
            edges {
              node {
                id
                typename
                action
                version
                after
                mergedInto
              }
            }
          }
        }
      }
    }
  }
`);

export const ChangeItemsDocument = graphql(`
  query ChangeItems($id: ID!, $after: String) {
    node(id: $id) {
      ... on Change {
        seq
        items(first: 100, after: $after) {
          edges {
            node {
              id
              typename
              action
              version
              after
              mergedInto
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`);
