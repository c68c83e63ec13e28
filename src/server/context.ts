import type { CypherExecutor } from "../graph/executor";
import type { GraphAccess } from "../graph/loaders";
import type { Logger } from "../logger";

/** Built once per request: nothing in it is shared between requests. */
export interface RequestContext {
  requestId: string;
  logger: Logger;
  /** Counts the Cypher queries of this request. */
  executor: CypherExecutor;
  graph: GraphAccess;
}
