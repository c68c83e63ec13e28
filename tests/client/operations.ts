import { graphql } from "./generated";

/** What a downstream app asks: pages of entities and of an entity's relationships, and a lookup. */
export const EntityPage = graphql(`
  query EntityPage($first: Int, $after: String) {
    entities(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          __typename
          id
          kind
          name
          ... on Place {
            partOf {
              id
              name
            }
          }
          ... on Person {
            quotes(first: 1) {
              totalCount
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

export const RelationshipPage = graphql(`
  query RelationshipPage($id: ID!, $first: Int, $after: String, $direction: Direction) {
    entity(id: $id) {
      __typename
      id
      name
      relationships(first: $first, after: $after, direction: $direction) {
        totalCount
        edges {
          cursor
          node {
            id
            type
            background
            prospective
            from {
              __typename
              id
              name
            }
            to {
              __typename
              id
              name
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

export const NodesLookup = graphql(`
  query NodesLookup($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
      ... on Document {
        title
        publishedAt
      }
      ... on Entity {
        name
      }
    }
  }
`);
