import type { Authentication } from "../auth/authentication";
import type { AuthContext } from "../auth/authDirective";
import type { Viewer } from "../auth/viewer";
import type { CypherExecutor } from "../graph/executor";
import type { GraphAccess } from "../graph/loaders";
import type { DocumentLinker } from "../ingest/documentLinker";
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
  /** What the response may still spend on large strings (LIMIT_MAX_RESPONSE_BYTES). */
  responseBudget: ResponseBudget;
  /** ingestDocument's linker: one per service (its dictionary is shared by every request). */
  linker: DocumentLinker;
}
