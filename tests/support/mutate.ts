import type { Viewer } from "../../src/auth/viewer";
import type { TestApi, TestResult } from "./testApi";

/** What every curation payload has. */
export interface Payload {
  clientMutationId: string | null;
  userErrors: Array<{ field: string[] | null; message: string; code: string }>;
  change: { seq: number; actor: string; operation: string } | null;
}

const PAYLOAD = "clientMutationId userErrors { field message code } change { seq actor operation }";

/** Runs `field(input: $input) { <payload> selection }` as `viewer`; throws when there is no payload. */
export function mutator(api: () => TestApi, defaultViewer: Viewer) {
  return async function mutate<P extends Payload>(
    field: string,
    input: Record<string, unknown>,
    selection: string,
    viewer: Viewer | null = defaultViewer,
  ): Promise<{ payload: P; result: TestResult<Record<string, P>> }> {
    const inputType = `${field.charAt(0).toUpperCase()}${field.slice(1)}Input`;
    const result = await api().execute<Record<string, P>>(
      `mutation($input: ${inputType}!) { ${field}(input: $input) { ${PAYLOAD} ${selection} } }`,
      { input },
      { viewer },
    );
    const payload = result.data?.[field];
    if (payload === undefined) throw new Error(`no payload: ${JSON.stringify(result.errors)}`);
    return { payload, result };
  };
}

/** The graph's version: the newest change's seq (0 for a graph never written). */
export async function lastSeq(api: TestApi): Promise<number> {
  const result = await api.execute<{ lastChange: { seq: number } | null }>("{ lastChange { seq } }");
  return result.data?.lastChange?.seq ?? 0;
}
