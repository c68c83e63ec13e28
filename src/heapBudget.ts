import v8 from "node:v8";

/**
 * The service's JavaScript heap budget (docs/operations.md "Memory"). Without a limit V8 sizes the
 * old generation from the machine's memory (about 4 GB on 24 GB) and collects lazily: streaming a
 * 1M-entity export, whose live set is about 60 MB, peaked at 309-518 MiB RSS; with this limit
 * V8 collects sooner and it peaked at 183 MiB (bench/results/export-2026-11-30.md). The limit
 * is set where the process starts, so every launcher passes it, and each lets `SERVICE_HEAP_MB`
 * (MiB) replace it: the `start` scripts in package.json and the Dockerfile as
 * `--max-old-space-size=${SERVICE_HEAP_MB:-1024} --no-memory-reducer`, the benchmarks and the
 * tests' service processes through {@link SERVICE_NODE_ARGS} (tests/unit/heapBudget.test.ts checks
 * that they agree).
 */
export const SERVICE_HEAP_MB = 1024;

/**
 * V8's memory reducer off. When allocation stops (the service idles), the reducer runs full
 * collections to give memory back, and those collections age the compiled request path until V8
 * discards it: after 40 s without requests, the next requests cost 1.76 ms of CPU each instead of
 * 0.89 (entityById, 100k graph), and the service needs about 10 s of traffic to compile its path
 * again (bench/results/2026-11-30-warm.md). The heap budget already bounds what an idle service
 * keeps; with the reducer off, the same run after 40 s idle measured 0.91 ms/req.
 */
export const NO_MEMORY_REDUCER = "--no-memory-reducer";

/**
 * Node's command-line flags for a service process this code starts (benchmarks, tests): the
 * budget, or `SERVICE_HEAP_MB` from the environment as the start scripts read it, and
 * {@link NO_MEMORY_REDUCER}.
 */
export const SERVICE_NODE_ARGS: readonly string[] = [
  `--max-old-space-size=${process.env.SERVICE_HEAP_MB ?? SERVICE_HEAP_MB}`,
  NO_MEMORY_REDUCER,
];

/** The heap limit this process runs with, in MiB (for the start-up log line). */
export function heapLimitMb(): number {
  return Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
}
