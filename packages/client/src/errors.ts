/** One GraphQL error as the service sends it: a message and `extensions.code`. */
export interface GraphQLErrorItem {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/** The service answered with errors (or not with GraphQL at all): the codes say why. */
export class GraphQLRequestError extends Error {
  override readonly name = "GraphQLRequestError";
  constructor(
    message: string,
    /** The HTTP status of the answer; 0 when no answer arrived. */
    readonly status: number,
    readonly errors: readonly GraphQLErrorItem[],
    /** Whatever data came with the errors (a partial answer), or null. */
    readonly data: unknown = null,
  ) {
    super(message);
  }

  /** The first error's `extensions.code`, if any. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/** The answer could not be used: the connection was cut, or a stream ended without its last line. */
export class TransportError extends Error {
  override readonly name = "TransportError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
