/** The page's only way to the data: the public GraphQL endpoint, same origin. */

const ENDPOINT = "/graphql";
const TIMEOUT_MS = 20_000;

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

const cache = new Map<string, Promise<unknown>>();

/**
 * Runs a read. Answers are kept for the page's life (a scene rebuilt from the URL, Back, or a
 * repeated expansion asks nothing twice); a failed answer is forgotten so that a retry asks again.
 */
export function read<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const key = JSON.stringify([query, variables]);
  const known = cache.get(key) as Promise<T> | undefined;
  if (known) return known;
  const answer = post<T>(query, variables);
  cache.set(key, answer);
  answer.catch(() => cache.delete(key));
  return answer;
}

async function post<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
      body: JSON.stringify({ query, variables }),
      signal: controller.signal,
    });
  } catch (error) {
    const timedOut = controller.signal.aborted;
    throw new ApiError(
      timedOut
        ? `The service did not answer within ${TIMEOUT_MS / 1000} s`
        : `The service cannot be reached (${String(error)})`,
      timedOut ? "TIMEOUT" : "NETWORK",
    );
  } finally {
    clearTimeout(timer);
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`The service answered ${response.status} without JSON`, "BAD_RESPONSE");
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? "ERROR");
  if (!body.data) throw new ApiError(`The service answered ${response.status} without data`, "BAD_RESPONSE");
  return body.data;
}
