/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Which way a relationship points, seen from the entity asked about. */
export type Direction =
  /** Both. */
  | 'BOTH'
  /** Relationships that end at the entity. */
  | 'IN'
  /** Relationships that start at the entity. */
  | 'OUT';

/** The kinds of entity the graph knows. */
export type EntityKind =
  | 'EVENT'
  | 'INITIATIVE'
  | 'ORGANIZATION'
  | 'PERSON'
  | 'PLACE'
  | 'ROLE'
  | 'SECTOR';

export type EntityPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type EntityPageQuery = { entities: { totalCount: number, edges: Array<{ cursor: string, node:
        | { __typename: 'Event', id: string, kind: EntityKind, name: string }
        | { __typename: 'Initiative', id: string, kind: EntityKind, name: string }
        | { __typename: 'Organization', id: string, kind: EntityKind, name: string }
        | { __typename: 'Person', id: string, kind: EntityKind, name: string, quotes: { totalCount: number } }
        | { __typename: 'Place', id: string, kind: EntityKind, name: string, partOf: { id: string, name: string } | null }
        | { __typename: 'Role', id: string, kind: EntityKind, name: string }
        | { __typename: 'Sector', id: string, kind: EntityKind, name: string }
       }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type RelationshipPageQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  direction?: Direction | null | undefined;
}>;


export type RelationshipPageQuery = { entity:
    | { __typename: 'Event', id: string, name: string, relationships: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, type: string, background: boolean, prospective: boolean, from:
              | { __typename: 'Event', id: string, name: string }
              | { __typename: 'Initiative', id: string, name: string }
              | { __typename: 'Organization', id: string, name: string }
              | { __typename: 'Person', id: string, name: string }
              | { __typename: 'Place', id: string, name: string }
              | { __typename: 'Role', id: string, name: string }
              | { __typename: 'Sector', id: string, name: string }
            , to:
              | { __typename: 'Event', id: string, name: string }
              | { __typename: 'Initiative', id: string, name: string }
              | { __typename: 'Organization', id: string, name: string }
              | { __typename: 'Person', id: string, name: string }
              | { __typename: 'Place', id: string, name: string }
              | { __typename: 'Role', id: string, name: string }
              | { __typename: 'Sector', id: string, name: string }
             } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } }
    | { __typename: 'Initiative', id: string, name: string, relationships: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, type: string, background: boolean, prospective: boolean, from:
              | { __typename: 'Event', id: string, name: string }
              | { __typename: 'Initiative', id: string, name: string }
              | { __typename: 'Organization', id: string, name: string }
              | { __typename: 'Person', id: string, name: string }
              | { __typename: 'Place', id: string, name: string }
              | { __typename: 'Role', id: string, name: string }
              | { __typename: 'Sector', id: string, name: string }
            , to:
              | { __typename: 'Event', id: string, name: string }
              | { __typename: 'Initiative', id: string, name: string }
              | { __typename: 'Organization', id: string, name: string }
              | { __typename: 'Person', id: string, name: string }
              | { __typename: 'Place', id: string, name: string }
              | { __typename: 'Role', id: string, name: string }
              | { __typename: 'Sector', id: string, name: string }
             } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } }
    | { __typename: 'Organization', id: string, name: string, relationships: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, type: string, background: boolean, prospective: boolean, from:
              | { __typename: 'Event', id: string, name: string }
              | { __typename: 'Initiative', id: string, name: string }
              | { __typename: 'Organization', id: string, name: string }
              | { __typename: 'Person', id: string, name: string }
              | { __typename: 'Place', id: string, name: string }
              | { __typename: 'Role', id: string, name: string }
              | { __typename: 'Sector', id: string, name: string }
            , to:
              | { __typename: 'Event', id: string, name: string }
              | { __typename: 'Initiative', id: string, name: string }
              | { __typename: 'Organization', id: string, name: string }
              | { __typename: 'Person', id: string, name: string }
              | { __typename: 'Place', id: string, name: string }
              | { __typename: 'Role', id: string, name: string }
              | { __typename: 'Sector', id: string, name: string }
             } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } }
    | { __typename: 'Person', id: string, name: string, relationships: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, type: string, background: boolean, prospective: boolean, from:
              | { __typename: 'Event', id: string, name: string }
              | { __typename: 'Initiative', id: string, name: string }
              | { __typename: 'Organization', id: string, name: string }
              | { __typename: 'Person', id: string, name: string }
              | { __typename: 'Place', id: string, name: string }
              | { __typename: 'Role', id: string, name: string }
              | { __typename: 'Sector', id: string, name: string }
            , to:
              | { __typename: 'Event', id: string, name: string }
              | { __typename: 'Initiative', id: string, name: string }
              | { __typename: 'Organization', id: string, name: string }
              | { __typename: 'Person', id: string, name: string }
              | { __typename: 'Place', id: string, name: string }
              | { __typename: 'Role', id: string, name: string }
              | { __typename: 'Sector', id: string, name: string }
             } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } }
    | { __typename: 'Place', id: string, name: string, relationships: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, type: string, background: boolean, prospective: boolean, from:
              | { __typename: 'Event', id: string, name: string }
              | { __typename: 'Initiative', id: string, name: string }
              | { __typename: 'Organization', id: string, name: string }
              | { __typename: 'Person', id: string, name: string }
              | { __typename: 'Place', id: string, name: string }
              | { __typename: 'Role', id: string, name: string }
              | { __typename: 'Sector', id: string, name: string }
            , to:
              | { __typename: 'Event', id: string, name: string }
              | { __typename: 'Initiative', id: string, name: string }
              | { __typename: 'Organization', id: string, name: string }
              | { __typename: 'Person', id: string, name: string }
              | { __typename: 'Place', id: string, name: string }
              | { __typename: 'Role', id: string, name: string }
              | { __typename: 'Sector', id: string, name: string }
             } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } }
    | { __typename: 'Role', id: string, name: string, relationships: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, type: string, background: boolean, prospective: boolean, from:
              | { __typename: 'Event', id: string, name: string }
              | { __typename: 'Initiative', id: string, name: string }
              | { __typename: 'Organization', id: string, name: string }
              | { __typename: 'Person', id: string, name: string }
              | { __typename: 'Place', id: string, name: string }
              | { __typename: 'Role', id: string, name: string }
              | { __typename: 'Sector', id: string, name: string }
            , to:
              | { __typename: 'Event', id: string, name: string }
              | { __typename: 'Initiative', id: string, name: string }
              | { __typename: 'Organization', id: string, name: string }
              | { __typename: 'Person', id: string, name: string }
              | { __typename: 'Place', id: string, name: string }
              | { __typename: 'Role', id: string, name: string }
              | { __typename: 'Sector', id: string, name: string }
             } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } }
    | { __typename: 'Sector', id: string, name: string, relationships: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, type: string, background: boolean, prospective: boolean, from:
              | { __typename: 'Event', id: string, name: string }
              | { __typename: 'Initiative', id: string, name: string }
              | { __typename: 'Organization', id: string, name: string }
              | { __typename: 'Person', id: string, name: string }
              | { __typename: 'Place', id: string, name: string }
              | { __typename: 'Role', id: string, name: string }
              | { __typename: 'Sector', id: string, name: string }
            , to:
              | { __typename: 'Event', id: string, name: string }
              | { __typename: 'Initiative', id: string, name: string }
              | { __typename: 'Organization', id: string, name: string }
              | { __typename: 'Person', id: string, name: string }
              | { __typename: 'Place', id: string, name: string }
              | { __typename: 'Role', id: string, name: string }
              | { __typename: 'Sector', id: string, name: string }
             } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } }
   | null };

export type NodesLookupQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type NodesLookupQuery = { nodes: Array<
    | { __typename: 'Change', id: string }
    | { __typename: 'Document', title: string, publishedAt: string | null, id: string }
    | { __typename: 'Event', name: string, id: string }
    | { __typename: 'Initiative', name: string, id: string }
    | { __typename: 'Mention', id: string }
    | { __typename: 'Organization', name: string, id: string }
    | { __typename: 'Person', name: string, id: string }
    | { __typename: 'Place', name: string, id: string }
    | { __typename: 'Quote', id: string }
    | { __typename: 'Relationship', id: string }
    | { __typename: 'Role', name: string, id: string }
    | { __typename: 'Sector', name: string, id: string }
    | { __typename: 'Statistic', id: string }
   | null> };


export const EntityPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EntityPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Place"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partOf"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quotes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<EntityPageQuery, EntityPageQueryVariables>;
export const RelationshipPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RelationshipPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"direction"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Direction"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"relationships"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"direction"},"value":{"kind":"Variable","name":{"kind":"Name","value":"direction"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"background"}},{"kind":"Field","name":{"kind":"Name","value":"prospective"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RelationshipPageQuery, RelationshipPageQueryVariables>;
export const NodesLookupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodesLookup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Document"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Entity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<NodesLookupQuery, NodesLookupQueryVariables>;