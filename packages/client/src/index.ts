export { createClient, KgClient, type ClientOptions } from "./client.js";
export {
  applyChange,
  parseChange,
  type Change,
  type ChangeItem,
  type JsonObject,
  type MirrorElement,
} from "./change.js";
export { nodesOf, type Connection } from "./connection.js";
export { GraphQLRequestError, TransportError, type GraphQLErrorItem } from "./errors.js";
export { Mirror, type FeedMode, type MirrorOptions, type MirrorUpdate } from "./mirror.js";
export { backoffMs, isRetryable, retryAfterMs, type RetryOptions } from "./retry.js";
export { documentIdOf, type DocumentSending, type RequestOptions, type TypedDocument } from "./transport.js";
// The operations (SearchDocument, EntitiesDocument, ...) and their result and variables types.
export * from "./generated/graphql.js";
