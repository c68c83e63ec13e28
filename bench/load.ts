import autocannon from "autocannon";
import { cpuMsOf, rssOf, type Target } from "./targets";

/** The q-quantile (0..1) of sorted values, nearest rank. */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

/**
 * One autocannon run, rotating through the bodies. Latencies are taken from autocannon's response
 * events, in fractions of a millisecond (its own histogram rounds to whole ones), and the
 * target's RSS is sampled every 250 ms.
 */
export async function loadRun(
  target: Target,
  bodies: string[],
  seconds: number,
  connections: number,
  /** Requests per second over all connections (open loop); unset: as fast as the target answers. */
  rate?: number,
): Promise<{ rps: number; p50: number; p99: number; failures: number; maxRss: number; cpuMs: number }> {
  let next = 0;
  const cpuBefore = cpuMsOf(target.pid);
  let failures = 0;
  const latencies: number[] = [];
  let maxRss = rssOf(target.pid);
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, rssOf(target.pid));
  }, 250);
  try {
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: target.url,
          method: "POST",
          headers: { "content-type": "application/json" },
          connections,
          duration: seconds,
          ...(rate === undefined ? {} : { overallRate: rate }),
          requests: [
            {
              setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
              onResponse: (status, body) => {
                if (status !== 200 || body.includes('"errors"')) failures += 1;
              },
            },
          ],
        },
        (error, done) =>
          error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done),
      );
      instance.on("response", (_client, status, _bytes, milliseconds) => {
        if (status === 200) latencies.push(milliseconds);
      });
    });
    failures += result.errors + result.timeouts;
    const sorted = Float64Array.from(latencies).sort();
    return {
      rps: result.requests.average,
      p50: quantile(sorted, 0.5),
      p99: quantile(sorted, 0.99),
      failures,
      maxRss,
      cpuMs: result.requests.total > 0 ? (cpuMsOf(target.pid) - cpuBefore) / result.requests.total : 0,
    };
  } finally {
    clearInterval(sampler);
  }
}
