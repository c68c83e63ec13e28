import { createHash, randomUUID } from "node:crypto";
import type http from "node:http";
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { Authenticate, Authentication } from "../auth/authentication";
import type { Config } from "../config";
import { feedRefusal, onExpiry, tokenExpiry } from "../feed/access";
import type { ChangeFeed } from "../feed/changeFeed";
import type { CypherExecutor } from "../graph/executor";
import type { Logger } from "../logger";
import { createRequestContext } from "./apollo";
import type { RequestContext } from "./context";
import { OperationCostCache } from "./cost/operationCost";
import { formatError } from "./formatError";

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  feed: ChangeFeed;
  authenticate: Authenticate;
  reads: Config["auth"]["reads"];
  limits: Config["limits"];
  /** graphql-armor's rules, as Apollo Server applies them (apollo.ts operationLimits). */
  validationRules: readonly ValidationRule[];
  executor: CypherExecutor;
  logger: Logger;
  development: boolean;
  /** FEED_HEARTBEAT_MS: a WebSocket ping this often; a client that has not answered by the next one is cut off. */
  keepAliveMs: number;
  /** TRUSTED_DOCUMENTS=strict: refuses an operation outside the manifest (trustedDocuments.ts); absent: all pass. */
  admit?: (query: string) => GraphQLError | undefined;
}

export interface SubscriptionServer {
  /** Open sockets. */
  readonly clients: number;
  /** Closes every socket (1001 Going away) and stops accepting new ones. */
  dispose(): Promise<void>;
}

/** What a connection keeps from its `connection_init`. */
interface ConnectionState extends Record<PropertyKey, unknown> {
  authentication: Authentication;
  cancelExpiry: () => void;
}

/** Close reasons are at most 123 bytes (RFC 6455). */
const reason = (text: string): string => (Buffer.byteLength(text) <= 123 ? text : `${text.slice(0, 118)}...`);

/** `Authorization` or `authorization` in the connection_init payload, as a header value. */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.Authorization ?? params?.authorization;
  return typeof value === "string" ? value : undefined;
}

/**
 * GraphQL over WebSocket (the graphql-transport-ws protocol of `graphql-ws`) on the HTTP server's
 * port and path /graphql: `subscription { changes(after:, ids:) }`, and queries. The token comes in
 * the `connection_init` payload (`Authorization: "Bearer ..."`); with AUTH_READS=token it is
 * required, and a token sent is verified whatever AUTH_READS says (4401 Unauthorized, 4403
 * Forbidden). A socket whose token expires is closed with 4403 "the token has expired". Every
 * operation passes the same limits as over HTTP (tokens, depth, aliases, directives, cost).
 */
export function attachSubscriptions(options: SubscriptionServerOptions): SubscriptionServer {
  const { httpServer, schema, feed, authenticate, reads, limits, executor, logger, development } = options;
  const wss = new WebSocketServer({
    server: httpServer,
    path: "/graphql",
    maxPayload: limits.bodyLimitBytes,
  });
  const rules = [...specifiedRules, ...options.validationRules];
  const costs = new OperationCostCache();
  const format = formatError(logger, development);
  const serialise = (errors: readonly GraphQLError[]) => errors.map((error) => format(error.toJSON(), error));

  const server = useServer<Record<string, unknown>, ConnectionState>(
    {
      schema,
      onConnect: async (ctx) => {
        const authorization = authorizationOf(ctx.connectionParams);
        const authentication = await authenticate(authorization);
        const refused = feedRefusal(authentication, reads);
        const { socket } = ctx.extra;
        if (refused !== null) {
          const status = (refused.extensions.http as { status?: number } | undefined)?.status;
          // 1013: Try Again Later (RFC 6455 registry): the token could not be checked now.
          const [code, word] =
            status === 403
              ? [CloseCode.Forbidden as number, "Forbidden"]
              : status === 503
                ? [1013, "Try again later"]
                : [CloseCode.Unauthorized as number, "Unauthorized"];
          socket.close(code, reason(`${word}: ${refused.message}`));
          return false;
        }
        ctx.extra.authentication = authentication;
        ctx.extra.cancelExpiry = onExpiry(tokenExpiry(authorization, authentication), () =>
          socket.close(CloseCode.Forbidden, "Forbidden: the token has expired"),
        );
        socket.once("close", () => ctx.extra.cancelExpiry?.());
        return true;
      },
      onSubscribe: (ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
        const refused = options.admit?.(payload.query);
        if (refused) return [refused];
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: limits.maxTokens });
        } catch (error) {
          return [
            error instanceof GraphQLError ? error : new GraphQLError("The operation could not be parsed"),
          ];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError("Unable to identify the operation: give operationName")];
        const variables = payload.variables ?? {};
        const outcome = costs.costOf({
          schema,
          document,
          operation,
          queryHash: createHash("sha256").update(payload.query).digest("hex"),
          variables,
        });
        if (outcome.kind === "tooLarge" || (outcome.kind === "estimated" && outcome.cost > limits.maxCost)) {
          return [
            new GraphQLError(
              outcome.kind === "estimated"
                ? `Query cost ${outcome.cost} exceeds the limit of ${limits.maxCost}: ask for fewer items (first/limit) or fewer fields`
                : "The operation is too large to estimate its cost: ask for fewer fields or fragments",
              { extensions: { code: "QUERY_TOO_COMPLEX", maxCost: limits.maxCost } },
            ),
          ];
        }
        const context: RequestContext = {
          ...createRequestContext(
            executor,
            logger,
            randomUUID(),
            limits.requestTimeoutMs,
            ctx.extra.authentication ?? null,
            limits.maxResponseBytes,
          ),
          feed,
        };
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: variables,
          contextValue: context,
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors === undefined ? undefined : { ...result, errors: serialise(result.errors) },
      onError: (_ctx, _id, _payload, errors) => serialise(errors),
    },
    wss,
    options.keepAliveMs,
  );

  return {
    get clients() {
      return wss.clients.size;
    },
    dispose: async () => {
      await server.dispose();
    },
  };
}
