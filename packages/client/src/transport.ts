import type { DocumentTypeDecoration } from "@graphql-typed-document-node/core";
import { GraphQLRequestError, TransportError, type GraphQLErrorItem } from "./errors.js";
import { RetryableError, retryAfterMs, withRetries, type RetryPolicy } from "./retry.js";

/** A typed operation as the client preset generates it (string mode): its text, and the manifest hash in `__meta__`. */
export type TypedDocument<Result, Variables> = DocumentTypeDecoration<Result, Variables> & {
  toString(): string;
  __meta__?: Record<string, unknown> | undefined;
};

/** How an operation travels: its full text, or only its `documentId` (the service needs TRUSTED_DOCUMENTS=allow or strict). */
export type DocumentSending = "query" | "documentId";

export interface RequestOptions {
  signal?: AbortSignal;
  /** False: one try only, failures go to the caller (the mirror retries and reports them itself). */
  retry?: boolean;
  /** Extra headers for this request only. */
  headers?: Record<string, string>;
}

export interface TransportOptions {
  url: URL;
  fetch: typeof fetch;
  headers: Record<string, string>;
  token: (() => string | undefined | Promise<string | undefined>) | undefined;
  retry: RetryPolicy;
  timeoutMs: number;
  documents: DocumentSending;
}

interface GraphQLBody {
  data?: unknown;
  errors?: GraphQLErrorItem[];
}

function errorName(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "name" in error && typeof error.name === "string"
    ? error.name
    : undefined;
}

/** fetch's "fetch failed" hides the reason (refused, reset) in `cause`. */
function causeOf(error: unknown): string {
  const cause = typeof error === "object" && error !== null && "cause" in error ? error.cause : undefined;
  const text = (value: unknown) =>
    typeof value === "object" && value !== null && "message" in value ? String(value.message) : String(value);
  return cause === undefined ? text(error) : text(cause);
}

/** Only queries are retried on their own: a mutation is retried by the caller, with its clientMutationId. */
function isQuery(text: string): boolean {
  return /^\s*(#[^\n]*\n\s*)*(query\b|\{)/.test(text);
}

/** The hash the client preset embedded (`sha256:<hex>`). */
export function documentIdOf<Result, Variables>(
  document: TypedDocument<Result, Variables>,
): string | undefined {
  const hash = document.__meta__?.hash;
  return typeof hash === "string" ? hash : undefined;
}

/** HTTP to the service: one GraphQL request with timeout and retries, or one streamed GET. */
export class Transport {
  constructor(readonly options: TransportOptions) {}

  /** The service's other endpoints sit beside /graphql: `export` resolves to /export. */
  endpoint(name: string): URL {
    return new URL(name, this.options.url);
  }

  async headers(extra: Record<string, string> = {}): Promise<Record<string, string>> {
    const token = await this.options.token?.();
    return {
      ...this.options.headers,
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
      ...extra,
    };
  }

  async request<Result, Variables>(
    document: TypedDocument<Result, Variables>,
    variables: Variables | undefined,
    options: RequestOptions = {},
  ): Promise<Result> {
    const text = document.toString();
    const body: Record<string, unknown> = { variables: variables ?? {} };
    if (this.options.documents === "documentId") {
      const id = documentIdOf(document);
      if (id === undefined)
        throw new TypeError("documents: 'documentId' needs a document with a persisted hash");
      body.documentId = id;
    } else {
      body.query = text;
    }
    const payload = JSON.stringify(body);
    const attempt = async (): Promise<Result> => {
      const response = await this.fetchWithin(
        this.options.url,
        {
          method: "POST",
          headers: await this.headers({
            "content-type": "application/json",
            accept: "application/graphql-response+json, application/json",
            ...options.headers,
          }),
          body: payload,
        },
        options.signal,
      );
      return (await this.answerOf(response)) as Result;
    };
    const retried = isQuery(text) && options.retry !== false;
    const policy = retried ? this.options.retry : { ...this.options.retry, attempts: 1 };
    return withRetries(policy, attempt, options.signal);
  }

  /** A GET whose body the caller streams; the timeout covers the answer's headers only. 503 is retryable. */
  async open(url: URL, headers: Record<string, string>, signal: AbortSignal | undefined): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new TransportError(`no answer within ${this.options.timeoutMs} ms`)),
      this.options.timeoutMs,
    );
    const signals = signal === undefined ? [controller.signal] : [controller.signal, signal];
    try {
      const response = await this.options.fetch(url, {
        headers: await this.headers(headers),
        signal: AbortSignal.any(signals),
      });
      if (response.status === 503) {
        await response.body?.cancel();
        throw new RetryableError(
          new GraphQLRequestError(`${url.pathname}: service unavailable`, 503, []),
          retryAfterMs(response.headers.get("retry-after")),
        );
      }
      return response;
    } catch (error) {
      throw this.transportFailure(error, signal);
    } finally {
      clearTimeout(timer);
    }
  }

  private async fetchWithin(url: URL, init: RequestInit, signal: AbortSignal | undefined): Promise<Response> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    try {
      return await this.options.fetch(url, {
        ...init,
        signal: signal === undefined ? timeout : AbortSignal.any([timeout, signal]),
      });
    } catch (error) {
      throw this.transportFailure(error, signal);
    }
  }

  /** A failure to reach the service (or a timeout) is retryable; the caller's own abort is not. */
  private transportFailure(error: unknown, signal: AbortSignal | undefined): unknown {
    if (signal?.aborted || error instanceof RetryableError || error instanceof TransportError) return error;
    // By name, not instanceof: fetch's errors may come from another realm (a VM context, a test runner).
    const name = errorName(error);
    if (name === "TimeoutError") {
      return new TransportError(`no answer within ${this.options.timeoutMs} ms`, { cause: error });
    }
    if (name === "TypeError") {
      return new TransportError(`the service could not be reached: ${causeOf(error)}`, { cause: error });
    }
    return error;
  }

  private async answerOf(response: Response): Promise<unknown> {
    const retryAfter = retryAfterMs(response.headers.get("retry-after"));
    let body: GraphQLBody;
    try {
      body = (await response.json()) as GraphQLBody;
    } catch (error) {
      const failure = new GraphQLRequestError(
        `HTTP ${response.status}: the answer is not JSON`,
        response.status,
        [],
      );
      if (response.status === 503) throw new RetryableError(failure, retryAfter);
      if (errorName(error) === "TypeError") {
        throw new TransportError("the connection was cut mid-answer", { cause: error });
      }
      throw failure;
    }
    const errors = Array.isArray(body.errors) ? body.errors : [];
    if (errors.length === 0 && response.ok && body.data !== undefined && body.data !== null) return body.data;
    const failure = new GraphQLRequestError(
      errors.map((e) => e.message).join("; ") || `HTTP ${response.status}`,
      response.status,
      errors,
      body.data ?? null,
    );
    if (response.status === 503 || errors.some((e) => e.extensions?.code === "SERVICE_UNAVAILABLE")) {
      throw new RetryableError(failure, retryAfter);
    }
    throw failure;
  }
}
