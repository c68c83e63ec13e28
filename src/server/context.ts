import type { CypherExecutor } from "../graph/executor";
import type { Logger } from "../logger";

/** Built once per request: nothing in it is shared between requests. */
export interface RequestContext {
  requestId: string;
  logger: Logger;
  executor: CypherExecutor;
}
