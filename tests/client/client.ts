import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
import { relayStylePagination } from "@apollo/client/utilities";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import possibleTypes from "./generated/possibleTypes";
import type { EntityPageQuery, RelationshipPageQuery } from "./generated/graphql";
import { EntityPage, RelationshipPage } from "./operations";

/** A downstream app's Apollo Client: generated possibleTypes, Relay-style pages merged in the cache. */
export function createApolloClient(uri: string): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri, fetch }),
    cache: new InMemoryCache({
      possibleTypes: possibleTypes.possibleTypes,
      typePolicies: {
        Query: { fields: { entities: relayStylePagination(["kind"]) } },
        // Declared once on the interface: possibleTypes makes every entity type inherit it.
        Entity: { fields: { relationships: relayStylePagination(["types", "direction"]) } },
      },
    }),
  });
}

/** Pages through every entity, `first` at a time; answers what the cache holds afterwards. */
export async function pageAllEntities(client: ApolloClient, first: number) {
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const variables: { first: number; after: string | null } = { first, after };
    const result = await client.query({ query: EntityPage, variables, fetchPolicy: "network-only" });
    const page: EntityPageQuery | undefined = result.data;
    pages += 1;
    if (!page?.entities.pageInfo.hasNextPage) break;
    after = page.entities.pageInfo.endCursor ?? null;
  }
  const cached = client.readQuery({ query: EntityPage, variables: { first } });
  return { pages, cached };
}

/** Pages through one entity's relationships, `first` at a time; answers what the cache holds. */
export async function pageAllRelationships(client: ApolloClient, id: string, first: number) {
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const variables: { id: string; first: number; after: string | null } = { id, first, after };
    const result = await client.query({ query: RelationshipPage, variables, fetchPolicy: "network-only" });
    const page: RelationshipPageQuery | undefined = result.data;
    pages += 1;
    const info = page?.entity?.relationships.pageInfo;
    if (!info?.hasNextPage) break;
    after = info.endCursor ?? null;
  }
  const cached = client.readQuery({ query: RelationshipPage, variables: { id, first } });
  return { pages, cached };
}

/** A plain fetch client over the typed documents (what graphql-request does). */
export async function execute<Result, Variables>(
  url: string,
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<{ data?: Result; errors?: Array<{ message: string }> }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return (await response.json()) as { data?: Result; errors?: Array<{ message: string }> };
}
