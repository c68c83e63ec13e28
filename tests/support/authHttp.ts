export interface AuthAnswer {
  status: number;
  wwwAuthenticate: string | null;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: { code?: string; requiredRole?: string } }>;
  };
}

/** POSTs one operation with the given headers, keeping what auth tests look at: status, challenge, body. */
export async function postAs(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<AuthAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    wwwAuthenticate: response.headers.get("www-authenticate"),
    body: (await response.json()) as AuthAnswer["body"],
  };
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** The first error's code, or undefined. */
export const codeOf = (answer: AuthAnswer): string | undefined => answer.body.errors?.[0]?.extensions?.code;
