import type { Authentication } from "../auth/authentication";
import type { AuthContext } from "../auth/authDirective";
import type { Viewer } from "../auth/viewer";
import type { ChangeFeed } from "../feed/changeFeed";
import type { CypherExecutor } from "../graph/executor";
import type { GraphAccess } from "../graph/loaders";
import type { Logger } from "../logger";
import type { ResponseBudget } from "./responseBudget";

/** Built once per request: nothing in it is shared between requests. */
export interface RequestContext extends AuthContext {
  requestId: string;
  logger: Logger;
  /** Counts the Cypher queries of this request. */
  executor: CypherExecutor;
  graph: GraphAccess;
  /** The verified caller, or null for an anonymous request (`authentication` says why). */
  viewer: Viewer | null;
  /** The bearer token's verification, done once per request; `@auth` fields check it. */
  authentication: Authentication;
  /** What the response may still spend on large strings (LIMIT_MAX_RESPONSE_BYTES); a subscription's, per event. */
  responseBudget: ResponseBudget;
  /** The change feed, on operations that came over graphql-ws (Subscription.changes). */
  feed?: ChangeFeed;
}
