/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query EntityPage($first: Int, $after: String) {\n    entities(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          __typename\n          id\n          kind\n          name\n          ... on Place {\n            partOf {\n              id\n              name\n            }\n          }\n          ... on Person {\n            quotes(first: 1) {\n              totalCount\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.EntityPageDocument,
    "\n  query RelationshipPage($id: ID!, $first: Int, $after: String, $direction: Direction) {\n    entity(id: $id) {\n      __typename\n      id\n      name\n      relationships(first: $first, after: $after, direction: $direction) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            type\n            background\n            prospective\n            from {\n              __typename\n              id\n              name\n            }\n            to {\n              __typename\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.RelationshipPageDocument,
    "\n  query NodesLookup($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Document {\n        title\n        publishedAt\n      }\n      ... on Entity {\n        name\n      }\n    }\n  }\n": typeof types.NodesLookupDocument,
};
const documents: Documents = {
    "\n  query EntityPage($first: Int, $after: String) {\n    entities(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          __typename\n          id\n          kind\n          name\n          ... on Place {\n            partOf {\n              id\n              name\n            }\n          }\n          ... on Person {\n            quotes(first: 1) {\n              totalCount\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.EntityPageDocument,
    "\n  query RelationshipPage($id: ID!, $first: Int, $after: String, $direction: Direction) {\n    entity(id: $id) {\n      __typename\n      id\n      name\n      relationships(first: $first, after: $after, direction: $direction) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            type\n            background\n            prospective\n            from {\n              __typename\n              id\n              name\n            }\n            to {\n              __typename\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.RelationshipPageDocument,
    "\n  query NodesLookup($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Document {\n        title\n        publishedAt\n      }\n      ... on Entity {\n        name\n      }\n    }\n  }\n": types.NodesLookupDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EntityPage($first: Int, $after: String) {\n    entities(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          __typename\n          id\n          kind\n          name\n          ... on Place {\n            partOf {\n              id\n              name\n            }\n          }\n          ... on Person {\n            quotes(first: 1) {\n              totalCount\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query EntityPage($first: Int, $after: String) {\n    entities(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          __typename\n          id\n          kind\n          name\n          ... on Place {\n            partOf {\n              id\n              name\n            }\n          }\n          ... on Person {\n            quotes(first: 1) {\n              totalCount\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RelationshipPage($id: ID!, $first: Int, $after: String, $direction: Direction) {\n    entity(id: $id) {\n      __typename\n      id\n      name\n      relationships(first: $first, after: $after, direction: $direction) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            type\n            background\n            prospective\n            from {\n              __typename\n              id\n              name\n            }\n            to {\n              __typename\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RelationshipPage($id: ID!, $first: Int, $after: String, $direction: Direction) {\n    entity(id: $id) {\n      __typename\n      id\n      name\n      relationships(first: $first, after: $after, direction: $direction) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            type\n            background\n            prospective\n            from {\n              __typename\n              id\n              name\n            }\n            to {\n              __typename\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodesLookup($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Document {\n        title\n        publishedAt\n      }\n      ... on Entity {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query NodesLookup($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Document {\n        title\n        publishedAt\n      }\n      ... on Entity {\n        name\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;