/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What a change did to one element. */
export type ChangeAction =
  /** It did not exist before. */
  | 'CREATED'
  /** Merged into the entity named by mergedInto. */
  | 'MERGED'
  /** It was taken out of the graph. */
  | 'RETRACTED'
  /** Some of its fields changed. */
  | 'UPDATED';

/** How a reported figure relates to the true value: 'over 2.3 million' is MORE_THAN. */
export type Comparator =
  | 'APPROXIMATELY'
  | 'AT_LEAST'
  | 'AT_MOST'
  | 'EXACT'
  | 'LESS_THAN'
  | 'MORE_THAN';

/** The kinds of entity the graph knows. */
export type EntityKind =
  | 'EVENT'
  | 'INITIATIVE'
  | 'ORGANIZATION'
  | 'PERSON'
  | 'PLACE'
  | 'ROLE'
  | 'SECTOR';

export type SearchQueryVariables = Exact<{
  text: string;
  first?: number | null | undefined;
  kinds?: Array<EntityKind> | EntityKind | null | undefined;
}>;


export type SearchQuery = { search: Array<{ score: number, entity:
      | { __typename: 'Event', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null }
      | { __typename: 'Initiative', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null }
      | { __typename: 'Organization', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null }
      | { __typename: 'Person', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null }
      | { __typename: 'Place', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null }
      | { __typename: 'Role', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null }
      | { __typename: 'Sector', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null }
     }> };

export type EntitiesQueryVariables = Exact<{
  kind?: EntityKind | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type EntitiesQuery = { entities: { totalCount: number, edges: Array<{ cursor: string, node:
        | { __typename: 'Event', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, version: number }
        | { __typename: 'Initiative', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, version: number }
        | { __typename: 'Organization', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, version: number }
        | { __typename: 'Person', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, version: number }
        | { __typename: 'Place', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, version: number }
        | { __typename: 'Role', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, version: number }
        | { __typename: 'Sector', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, version: number }
       }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type EntityQueryVariables = Exact<{
  id: string | number;
  relationshipsFirst?: number | null | undefined;
  relationshipsAfter?: string | null | undefined;
}>;


export type EntityQuery = { entity:
    | { __typename: 'Event', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, version: number, citations: Array<{ quote: string, start: number, end: number, document: { id: string, title: string, url: string | null } }>, relationships: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, type: string, background: boolean, prospective: boolean, from:
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
            , to:
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
            , citations: Array<{ quote: string, start: number, end: number, document: { id: string, title: string, url: string | null } }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } }
    | { __typename: 'Initiative', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, version: number, citations: Array<{ quote: string, start: number, end: number, document: { id: string, title: string, url: string | null } }>, relationships: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, type: string, background: boolean, prospective: boolean, from:
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
            , to:
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
            , citations: Array<{ quote: string, start: number, end: number, document: { id: string, title: string, url: string | null } }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } }
    | { __typename: 'Organization', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, version: number, citations: Array<{ quote: string, start: number, end: number, document: { id: string, title: string, url: string | null } }>, relationships: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, type: string, background: boolean, prospective: boolean, from:
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
            , to:
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
            , citations: Array<{ quote: string, start: number, end: number, document: { id: string, title: string, url: string | null } }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } }
    | { __typename: 'Person', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, version: number, citations: Array<{ quote: string, start: number, end: number, document: { id: string, title: string, url: string | null } }>, relationships: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, type: string, background: boolean, prospective: boolean, from:
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
            , to:
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
            , citations: Array<{ quote: string, start: number, end: number, document: { id: string, title: string, url: string | null } }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } }
    | { __typename: 'Place', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, version: number, citations: Array<{ quote: string, start: number, end: number, document: { id: string, title: string, url: string | null } }>, relationships: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, type: string, background: boolean, prospective: boolean, from:
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
            , to:
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
            , citations: Array<{ quote: string, start: number, end: number, document: { id: string, title: string, url: string | null } }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } }
    | { __typename: 'Role', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, version: number, citations: Array<{ quote: string, start: number, end: number, document: { id: string, title: string, url: string | null } }>, relationships: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, type: string, background: boolean, prospective: boolean, from:
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
            , to:
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
            , citations: Array<{ quote: string, start: number, end: number, document: { id: string, title: string, url: string | null } }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } }
    | { __typename: 'Sector', id: string, kind: EntityKind, name: string, aliases: Array<string>, description: string | null, version: number, citations: Array<{ quote: string, start: number, end: number, document: { id: string, title: string, url: string | null } }>, relationships: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, type: string, background: boolean, prospective: boolean, from:
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
            , to:
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
              | { id: string, name: string }
            , citations: Array<{ quote: string, start: number, end: number, document: { id: string, title: string, url: string | null } }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } }
   | null };

export type StatisticsQueryVariables = Exact<{
  subject?: string | number | null | undefined;
  metric?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type StatisticsQuery = { statistics: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, metric: string, value: number, unit: string, comparator: Comparator, period: string | null, description: string | null, subject:
          | { id: string, name: string }
          | { id: string, name: string }
          | { id: string, name: string }
          | { id: string, name: string }
          | { id: string, name: string }
          | { id: string, name: string }
          | { id: string, name: string }
        , citations: Array<{ quote: string, document: { id: string, title: string } }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type QuotesQueryVariables = Exact<{
  speaker?: string | number | null | undefined;
  about?: string | number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type QuotesQuery = { quotes: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, text: string, speaker: { id: string, name: string }, about: Array<
          | { id: string, name: string }
          | { id: string, name: string }
          | { id: string, name: string }
          | { id: string, name: string }
          | { id: string, name: string }
          | { id: string, name: string }
          | { id: string, name: string }
        >, citation: { quote: string, document: { id: string, title: string } } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type NeighborhoodQueryVariables = Exact<{
  id: string | number;
  depth?: number | null | undefined;
  limit?: number | null | undefined;
  types?: Array<string> | string | null | undefined;
}>;


export type NeighborhoodQuery = { neighborhood: { truncated: boolean, nodes: Array<
      | { __typename: 'Event', id: string, kind: EntityKind, name: string }
      | { __typename: 'Initiative', id: string, kind: EntityKind, name: string }
      | { __typename: 'Organization', id: string, kind: EntityKind, name: string }
      | { __typename: 'Person', id: string, kind: EntityKind, name: string }
      | { __typename: 'Place', id: string, kind: EntityKind, name: string }
      | { __typename: 'Role', id: string, kind: EntityKind, name: string }
      | { __typename: 'Sector', id: string, kind: EntityKind, name: string }
    >, relationships: Array<{ id: string, type: string, from:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
      , to:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
       }> } };

export type PathsQueryVariables = Exact<{
  from: string | number;
  to: string | number;
  maxLength?: number | null | undefined;
  limit?: number | null | undefined;
}>;


export type PathsQuery = { paths: Array<{ length: number, nodes: Array<
      | { __typename: 'Event', id: string, kind: EntityKind, name: string }
      | { __typename: 'Initiative', id: string, kind: EntityKind, name: string }
      | { __typename: 'Organization', id: string, kind: EntityKind, name: string }
      | { __typename: 'Person', id: string, kind: EntityKind, name: string }
      | { __typename: 'Place', id: string, kind: EntityKind, name: string }
      | { __typename: 'Role', id: string, kind: EntityKind, name: string }
      | { __typename: 'Sector', id: string, kind: EntityKind, name: string }
    >, relationships: Array<{ id: string, type: string, from:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
      , to:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
       }> }> };

export type DocumentsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DocumentsQuery = { documents: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, title: string, url: string | null, publisher: string | null, publishedAt: string | null, contentHash: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ChangesQueryVariables = Exact<{
  after?: string | null | undefined;
  first?: number | null | undefined;
  ids?: Array<string | number> | string | number | null | undefined;
}>;


export type ChangesQuery = { changes: { edges: Array<{ cursor: string, node: { id: string, seq: number, at: string, actor: string, operation: string, clientMutationId: string | null, reason: string | null, items: { totalCount: number, edges: Array<{ node: { id: string, typename: string, action: ChangeAction, version: number | null, before: Record<string, unknown> | null, after: Record<string, unknown> | null, mergedInto: string | null } }> } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type MirrorChangesQueryVariables = Exact<{
  after?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type MirrorChangesQuery = { changes: { edges: Array<{ node: { id: string, seq: number, at: string, actor: string, operation: string, clientMutationId: string | null, reason: string | null, items: { totalCount: number, edges: Array<{ node: { id: string, typename: string, action: ChangeAction, version: number | null, after: Record<string, unknown> | null, mergedInto: string | null } }> } } }> } };

export type ChangeItemsQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type ChangeItemsQuery = { node:
    | { seq: number, items: { edges: Array<{ node: { id: string, typename: string, action: ChangeAction, version: number | null, after: Record<string, unknown> | null, mergedInto: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } }
    | Record<PropertyKey, never>
   | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const SearchDocument = new TypedDocumentString(`
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
    `, {"hash":"sha256:50458fa5945d454c26901c95f1ad59c3bfac220693977926c01e0a45e155bf67"}) as unknown as TypedDocumentString<SearchQuery, SearchQueryVariables>;
export const EntitiesDocument = new TypedDocumentString(`
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
    `, {"hash":"sha256:9b0e6a4868763d49425f288f055c2d10d156cb7505ae919ad6e498ead87c6bc8"}) as unknown as TypedDocumentString<EntitiesQuery, EntitiesQueryVariables>;
export const EntityDocument = new TypedDocumentString(`
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
    `, {"hash":"sha256:576d29b1b16aa065d6ec80d7ccf5141880d035d4a02a5857b665a5b28e9029f7"}) as unknown as TypedDocumentString<EntityQuery, EntityQueryVariables>;
export const StatisticsDocument = new TypedDocumentString(`
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
    `, {"hash":"sha256:6bb984d35da17a7d87ecb949835a9d39bd65517946a36630b2e8378e4906a424"}) as unknown as TypedDocumentString<StatisticsQuery, StatisticsQueryVariables>;
export const QuotesDocument = new TypedDocumentString(`
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
    `, {"hash":"sha256:b3d53117285da410da68cdf9c946194cee5c143d0a233fb91144e2ca80455c85"}) as unknown as TypedDocumentString<QuotesQuery, QuotesQueryVariables>;
export const NeighborhoodDocument = new TypedDocumentString(`
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
    `, {"hash":"sha256:6c0d02b031b7cef47f59b9e60e4906b3c5ff6ef1d4a8b0fa8e95a45ef0038509"}) as unknown as TypedDocumentString<NeighborhoodQuery, NeighborhoodQueryVariables>;
export const PathsDocument = new TypedDocumentString(`
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
    `, {"hash":"sha256:5b6b570947d7dc3a968b69810f478cde2bb8e6745fb6ac17559d5ccffa4c3dd7"}) as unknown as TypedDocumentString<PathsQuery, PathsQueryVariables>;
export const DocumentsDocument = new TypedDocumentString(`
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
    `, {"hash":"sha256:910dd1e8267b6915460ebd5e8d406b02f64e83b7c2407a47222b89b1f0ec1bd6"}) as unknown as TypedDocumentString<DocumentsQuery, DocumentsQueryVariables>;
export const ChangesDocument = new TypedDocumentString(`
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
    `, {"hash":"sha256:e62dbc80599b8e5b4ba497cfef17ad5d9f0cc21300778564450ae83b60c33467"}) as unknown as TypedDocumentString<ChangesQuery, ChangesQueryVariables>;
export const MirrorChangesDocument = new TypedDocumentString(`
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
    `, {"hash":"sha256:d0e464e814a0003dce07f982134eabbbb04a6130e68ab1e6bf61a36c3bcaffba"}) as unknown as TypedDocumentString<MirrorChangesQuery, MirrorChangesQueryVariables>;
export const ChangeItemsDocument = new TypedDocumentString(`
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
    `, {"hash":"sha256:c92395a8b8c73ba942bd9a3df9beee42a9005551067387e68a3b2501ce6b0262"}) as unknown as TypedDocumentString<ChangeItemsQuery, ChangeItemsQueryVariables>;