import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Neo4jSupervision } from "../neo4j/supervisor";

export const MAX_OPERATION_LABELS = 200;

/** Prometheus metrics of one service instance, served at GET /metrics. */
export interface Metrics {
  registry: Registry;
  /** Every GraphQL request by operation, executed or answered 304 Not Modified. */
  requests: Counter<"operation">;
  requestSeconds: Histogram<"operation">;
  /** The requests of `requests` answered 304 (httpCache.ts): the operation was not run. */
  notModified: Counter<"operation">;
  errors: Counter<"code">;
  cypherSeconds: Histogram<"query" | "outcome">;
  /**
   * The label for an operation name. Names come from clients: past MAX_OPERATION_LABELS distinct
   * ones, the rest share "(other)", so that no client can grow the metrics without bound.
   */
  operationLabel(operation: string): string;
}

/**
 * `sessions` is the executor's count of open Neo4j sessions, each holding one pooled connection;
 * `supervision`, the embedded Neo4j's supervisor when there is one.
 */
export function createMetrics(sessions: { open: number }, supervision?: Neo4jSupervision): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  const seen = new Set<string>();
  const metrics: Metrics = {
    operationLabel(operation) {
      if (seen.has(operation)) return operation;
      if (seen.size >= MAX_OPERATION_LABELS) return "(other)";
      seen.add(operation);
      return operation;
    },
    registry,
    requests: new Counter({
      name: "graphql_requests_total",
      help: "GraphQL requests by operation name",
      labelNames: ["operation"],
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: "graphql_request_duration_seconds",
      help: "GraphQL request duration by operation name",
      labelNames: ["operation"],
      buckets,
      registers: [registry],
    }),
    notModified: new Counter({
      name: "graphql_not_modified_total",
      help: "GraphQL GET requests answered 304 Not Modified (counted in graphql_requests_total too), by operation name",
      labelNames: ["operation"],
      registers: [registry],
    }),
    errors: new Counter({
      name: "graphql_errors_total",
      help: "Errors returned to clients, by extensions.code",
      labelNames: ["code"],
      registers: [registry],
    }),
    cypherSeconds: new Histogram({
      name: "cypher_query_duration_seconds",
      help: "Cypher query duration by query name and outcome",
      labelNames: ["query", "outcome"],
      buckets,
      registers: [registry],
    }),
  };
  new Gauge({
    name: "neo4j_sessions_open",
    help: "Neo4j sessions open now, each holding a connection from the driver's pool (NEO4J_MAX_POOL_SIZE)",
    registers: [registry],
    collect() {
      this.set(sessions.open);
    },
  });
  if (supervision !== undefined) {
    new Gauge({
      name: "neo4j_embedded_up",
      help: "1 while the embedded Neo4j's JVM runs, 0 while it is being restarted",
      registers: [registry],
      collect() {
        this.set(supervision.state === "running" ? 1 : 0);
      },
    });
    new Counter({
      name: "neo4j_embedded_restarts_total",
      help: "Restarts of the embedded Neo4j after an unexpected exit",
      registers: [registry],
      collect() {
        this.reset();
        this.inc(supervision.restarts);
      },
    });
  }
  return metrics;
}
