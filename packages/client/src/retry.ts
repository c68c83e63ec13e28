import { GraphQLRequestError, TransportError } from "./errors.js";

/** When to try again, and how long to wait between tries. */
export interface RetryOptions {
  /** Tries in all, the first included (default 5; 1 never retries). */
  attempts?: number;
  /** The first wait (default 250 ms); each next one doubles, with full jitter. */
  baseDelayMs?: number;
  /** No wait is longer than this, Retry-After included (default 10 000 ms). */
  maxDelayMs?: number;
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  const attempts = options.attempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new RangeError("retry.attempts must be a whole number >= 1");
  if (!(baseDelayMs >= 0) || !(maxDelayMs >= baseDelayMs)) {
    throw new RangeError("retry delays must satisfy 0 <= baseDelayMs <= maxDelayMs");
  }
  return { attempts, baseDelayMs, maxDelayMs };
}

/** A failure that may pass if tried again: the service said SERVICE_UNAVAILABLE (or 503), or the connection failed. */
export class RetryableError extends Error {
  override readonly name = "RetryableError";
  constructor(
    readonly reason: Error,
    /** The service's Retry-After, in milliseconds, when it sent one. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(reason.message, { cause: reason });
  }
}

/** Retry-After as seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** How long to wait before try number `attempt + 1` (attempt counts from 1): Retry-After when given, else exponential with full jitter. */
export function backoffMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfter: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfter !== undefined) return Math.min(policy.maxDelayMs, retryAfter);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * random());
}

/** True for the failures worth another try: a connection failure, HTTP 503/502/504, SERVICE_UNAVAILABLE. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof RetryableError || error instanceof TransportError) return true;
  if (error instanceof GraphQLRequestError) {
    return (
      [502, 503, 504].includes(error.status) ||
      error.errors.some((e) => e.extensions?.code === "SERVICE_UNAVAILABLE")
    );
  }
  // fetch rejects with a TypeError when the connection fails (refused, reset, DNS); by name, as it
  // may come from another realm.
  return typeof error === "object" && error !== null && "name" in error && error.name === "TypeError";
}

/** Resolves after `ms`, or rejects at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Runs `task` until it succeeds, fails for good, or the tries run out; waits between tries. */
export async function withRetries<T>(
  policy: RetryPolicy,
  task: (attempt: number) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task(attempt);
    } catch (error) {
      if (signal?.aborted || attempt >= policy.attempts || !isRetryable(error)) {
        throw error instanceof RetryableError ? error.reason : error;
      }
      const after = error instanceof RetryableError ? error.retryAfterMs : undefined;
      await sleep(backoffMs(policy, attempt, after), signal);
    }
  }
}
