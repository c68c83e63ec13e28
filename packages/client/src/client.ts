import { nodesOf, type Connection } from "./connection.js";
import type {
  ChangesQueryVariables,
  DocumentsQueryVariables,
  EntitiesQueryVariables,
  EntityQueryVariables,
  NeighborhoodQueryVariables,
  PathsQueryVariables,
  QuotesQueryVariables,
  SearchQueryVariables,
  StatisticsQueryVariables,
} from "./generated/graphql.js";
import { Mirror, type MirrorOptions } from "./mirror.js";
import {
  ChangesDocument,
  DocumentsDocument,
  EntitiesDocument,
  EntityDocument,
  NeighborhoodDocument,
  PathsDocument,
  QuotesDocument,
  SearchDocument,
  StatisticsDocument,
} from "./operations.js";
import { retryPolicy, type RetryOptions } from "./retry.js";
import { Transport, type DocumentSending, type RequestOptions, type TypedDocument } from "./transport.js";

export interface ClientOptions {
  /** The service's GraphQL endpoint, e.g. `http://localhost:4000/graphql`; /export and /changes are found beside it. */
  url: string | URL;
  /** A bearer token (or a function giving the current one) for services with AUTH_READS=token. */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Tries and waits on SERVICE_UNAVAILABLE, HTTP 503 (Retry-After honoured) and failed connections. */
  retry?: RetryOptions;
  /** Each try gets an answer within this or is retried (default 30 000 ms). */
  timeoutMs?: number;
  /** `documentId` sends only the persisted document's hash (TRUSTED_DOCUMENTS=allow|strict); default `query`. */
  documents?: DocumentSending;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** Variables may be left out when none is required. */
type VariablesArgs<Variables> =
  Record<string, never> extends Variables
    ? [variables?: Variables, options?: RequestOptions]
    : [variables: Variables, options?: RequestOptions];

type PageVariables<Variables> = Omit<Variables, "after">;

/** The client: typed requests, every node of a connection, and a mirror of the graph. */
export class KgClient {
  private readonly transport: Transport;

  constructor(options: ClientOptions) {
    const { token } = options;
    this.transport = new Transport({
      url: new URL(options.url),
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      headers: options.headers ?? {},
      token: typeof token === "string" ? () => token : token,
      retry: retryPolicy(options.retry),
      timeoutMs: options.timeoutMs ?? 30_000,
      documents: options.documents ?? "query",
    });
  }

  /** One operation; resolves with its data or throws GraphQLRequestError (with the codes) when it has errors. */
  request<Result, Variables>(
    document: TypedDocument<Result, Variables>,
    ...[variables, options]: VariablesArgs<Variables>
  ): Promise<Result> {
    return this.transport.request(document, variables, options);
  }

  /**
   * Every node of any connection, fetching page after page as the loop asks for more:
   * `select` picks the connection out of the answer (null ends it).
   */
  paginate<Result, Variables extends { after?: string | null }, Node>(
    document: TypedDocument<Result, Variables>,
    variables: PageVariables<Variables>,
    select: (data: Result) => Connection<Node> | null | undefined,
    options: RequestOptions = {},
  ): AsyncGenerator<Node, void, undefined> {
    return nodesOf(async (after) => {
      const data = await this.transport.request(document, { ...variables, after } as Variables, options);
      return select(data);
    });
  }

  /** Every entity, optionally of one kind: `for await (const entity of client.entities({ kind: "PERSON" }))`. */
  entities(variables: PageVariables<EntitiesQueryVariables> = {}, options?: RequestOptions) {
    return this.paginate(EntitiesDocument, { first: 100, ...variables }, (data) => data.entities, options);
  }

  /** Every document (metadata; texts through `entity` citations or `node`). */
  documents(variables: PageVariables<DocumentsQueryVariables> = {}, options?: RequestOptions) {
    return this.paginate(DocumentsDocument, { first: 100, ...variables }, (data) => data.documents, options);
  }

  /** Statistics, optionally of one subject or metric, with their citations. */
  statistics(variables: PageVariables<StatisticsQueryVariables> = {}, options?: RequestOptions) {
    return this.paginate(
      StatisticsDocument,
      { first: 100, ...variables },
      (data) => data.statistics,
      options,
    );
  }

  /** Quotes, optionally by one speaker or about one entity, with their citation. */
  quotes(variables: PageVariables<QuotesQueryVariables> = {}, options?: RequestOptions) {
    return this.paginate(QuotesDocument, { first: 100, ...variables }, (data) => data.quotes, options);
  }

  /** Committed changes after a seq, oldest first (up to 100 items each; the mirror fetches the rest). */
  changes(variables: PageVariables<ChangesQueryVariables> = {}, options?: RequestOptions) {
    return this.paginate(ChangesDocument, { first: 100, ...variables }, (data) => data.changes, options);
  }

  /** Entities by name, alias or description, best first. */
  async search(variables: SearchQueryVariables, options?: RequestOptions) {
    return (await this.request(SearchDocument, variables, options)).search;
  }

  /** One entity with its first page of relationships and every citation; null when the id names nothing. */
  async entity(variables: EntityQueryVariables, options?: RequestOptions) {
    return (await this.request(EntityDocument, variables, options)).entity;
  }

  /** The entities and relationships around one entity. */
  async neighborhood(variables: NeighborhoodQueryVariables, options?: RequestOptions) {
    return (await this.request(NeighborhoodDocument, variables, options)).neighborhood;
  }

  /** The shortest paths between two entities. */
  async paths(variables: PathsQueryVariables, options?: RequestOptions) {
    return (await this.request(PathsDocument, variables, options)).paths;
  }

  /** A local copy of the graph kept in sync: export, then the change feed (see {@link Mirror}). */
  mirror(options: MirrorOptions = {}): Mirror {
    return new Mirror(this.transport, options);
  }
}

/** `createClient({ url: "http://localhost:4000/graphql" })`. */
export function createClient(options: ClientOptions): KgClient {
  return new KgClient(options);
}
