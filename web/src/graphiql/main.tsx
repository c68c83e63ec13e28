/**
 * /graphiql: GraphiQL bundled from npm (no CDN, so it works offline), with the README's example
 * queries as tabs. `?query=` and `?variables=` open one more tab, e.g. from the explorer's panel.
 */
import "graphiql/style.css";
import { GraphiQL } from "graphiql";
import type { ExecutionResult } from "graphql";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { EXAMPLES } from "./examples";

interface FetcherParams {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

async function fetcher(params: FetcherParams): Promise<ExecutionResult> {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json",
    },
    body: JSON.stringify(params),
  });
  return (await response.json()) as ExecutionResult;
}

const params = new URLSearchParams(location.search);
const query = params.get("query") ?? undefined;
const variables = params.get("variables") ?? undefined;
const container = document.getElementById("graphiql");
if (container) {
  container.textContent = "";
  createRoot(container).render(
    <StrictMode>
      <GraphiQL
        fetcher={fetcher}
        defaultTabs={[
          ...(query ? [{ query, variables: variables ?? null }] : []),
          ...EXAMPLES.map((example) => ({ query: `# ${example.title}\n${example.query}\n` })),
        ]}
        query={query}
        variables={variables}
      />
    </StrictMode>,
  );
}
