import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { RequestHandler } from "express";
import { GraphQLError } from "graphql";
import type { Config } from "../config";
import { sendError } from "./errorResponse";

export type TrustedDocumentsMode = Config["trustedDocuments"]["mode"];

/** The persisted-documents manifest: `sha256:<hex>` to the document's text. */
export type TrustedManifest = ReadonlyMap<string, string>;

/** The GraphQL-over-HTTP persisted documents proposal's id: `sha256:` and 64 lowercase hex digits. */
const DOCUMENT_ID = /^sha256:[0-9a-f]{64}$/;

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/**
 * Reads the manifest graphql-codegen's client preset writes (`{ "sha256:<hex>": "<document>" }`);
 * every key must be the SHA-256 of its document, so a hand-edited or stale manifest fails at start.
 */
export function loadTrustedManifest(file: string): TrustedManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`TRUSTED_DOCUMENTS_MANIFEST ${file}: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`TRUSTED_DOCUMENTS_MANIFEST ${file}: not a JSON object of "sha256:<hex>": "<document>"`);
  }
  const manifest = new Map<string, string>();
  for (const [id, text] of Object.entries(parsed)) {
    if (!DOCUMENT_ID.test(id) || typeof text !== "string" || `sha256:${sha256(text)}` !== id) {
      throw new Error(`TRUSTED_DOCUMENTS_MANIFEST ${file}: ${id} is not the SHA-256 of its document`);
    }
    manifest.set(id, text);
  }
  return manifest;
}

/** `extensions.persistedQuery.sha256Hash` (APQ), from a parsed POST body or GET's JSON string. */
function apqHashOf(extensions: unknown): string | undefined {
  let value = extensions;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  if (typeof value !== "object" || value === null || !("persistedQuery" in value)) return undefined;
  const persisted = value.persistedQuery;
  if (typeof persisted !== "object" || persisted === null || !("sha256Hash" in persisted)) return undefined;
  return typeof persisted.sha256Hash === "string" ? persisted.sha256Hash : undefined;
}

type Outcome = { query: string } | { refuse: string; code: string } | "pass";

/** What the mode makes of one request's parameters: the query to run, a refusal, or nothing to do. */
export function resolveTrustedDocument(
  mode: TrustedDocumentsMode,
  manifest: TrustedManifest,
  params: Record<string, unknown>,
): Outcome {
  const { documentId, query } = params;
  if (documentId !== undefined) {
    if (mode === "off") {
      return {
        refuse:
          "documentId is not accepted here: this service runs with TRUSTED_DOCUMENTS=off; send the query",
        code: "PERSISTED_DOCUMENTS_NOT_SUPPORTED",
      };
    }
    if (typeof documentId !== "string" || !DOCUMENT_ID.test(documentId)) {
      return {
        refuse: 'documentId must be "sha256:" followed by 64 lowercase hex digits',
        code: "BAD_REQUEST",
      };
    }
    const text = manifest.get(documentId);
    if (text === undefined) {
      return {
        refuse: `documentId ${documentId} is not in this service's manifest`,
        code: "PERSISTED_DOCUMENT_NOT_FOUND",
      };
    }
    if (query !== undefined && query !== text) {
      return { refuse: "send documentId or query, not both", code: "BAD_REQUEST" };
    }
    return { query: text };
  }
  if (mode !== "strict") return "pass";
  if (typeof query === "string") {
    return manifest.has(`sha256:${sha256(query)}`) ? "pass" : strictRefusal();
  }
  // An APQ hash alone: answered when it names a manifest document (its text is the APQ query).
  const hash = apqHashOf(params.extensions);
  if (hash === undefined) return "pass"; // no operation at all: Apollo answers that itself.
  const text = manifest.get(`sha256:${hash}`);
  return text === undefined ? strictRefusal() : { query: text };
}

function strictRefusal(): { refuse: string; code: string } {
  return {
    refuse:
      'TRUSTED_DOCUMENTS=strict: this service runs only the operations in its manifest; send documentId "sha256:<hex>" of one of them',
    code: "PERSISTED_DOCUMENT_REQUIRED",
  };
}

/** {@link resolveTrustedDocument} for a request's parameters as parsed (a POST body, a GET's query). */
function outcomeOf(mode: TrustedDocumentsMode, manifest: TrustedManifest, source: unknown): Outcome {
  if (typeof source !== "object" || source === null) return "pass";
  if (Array.isArray(source)) {
    // Batches are refused by Apollo anyway; strict refuses them itself rather than look inside.
    return mode === "strict"
      ? { refuse: "TRUSTED_DOCUMENTS=strict: batched requests are not accepted", code: "BAD_REQUEST" }
      : "pass";
  }
  return resolveTrustedDocument(mode, manifest, source as Record<string, unknown>);
}

/**
 * A POST body under the mode: a refusal, or undefined to go on (its `documentId`, if any, replaced
 * by the manifest's text in place). The rule of {@link trustedDocuments} for POST, on a parsed body.
 */
export function trustedPostBody(
  mode: TrustedDocumentsMode,
  manifest: TrustedManifest,
  body: unknown,
): { refuse: string; code: string } | undefined {
  const outcome = outcomeOf(mode, manifest, body);
  if (outcome === "pass") return undefined;
  if ("refuse" in outcome) return outcome;
  const params = body as Record<string, unknown>;
  delete params.documentId;
  params.query = outcome.query;
  return undefined;
}

/**
 * Trusted documents (TRUSTED_DOCUMENTS): `documentId` is replaced by the manifest's text, so every
 * later step (the HTTP cache's ETag, APQ, Apollo) sees an ordinary query. GET requests are
 * rewritten in the URL (mount this before httpCache), POST requests in the parsed body (after express.json).
 */
export function trustedDocuments(
  mode: TrustedDocumentsMode,
  manifest: TrustedManifest,
  method: "GET" | "POST",
): RequestHandler {
  return (req, res, next) => {
    if (req.method !== method) {
      next();
      return;
    }
    if (method === "POST") {
      const refusal = trustedPostBody(mode, manifest, req.body);
      if (refusal === undefined) next();
      else sendError(res, 400, refusal.refuse, { code: refusal.code });
      return;
    }
    const outcome = outcomeOf(mode, manifest, req.query);
    if (outcome === "pass") {
      next();
      return;
    }
    if ("refuse" in outcome) {
      sendError(res, 400, outcome.refuse, { code: outcome.code });
      return;
    }
    const [pathname = "", search = ""] = req.url.split("?", 2);
    const params = new URLSearchParams(search);
    params.delete("documentId");
    params.set("query", outcome.query);
    req.url = `${pathname}?${params.toString()}`;
    next();
  };
}

/**
 * The same rule for operations over graphql-ws (the socket on /graphql): in strict mode only a
 * manifest document's exact text runs; off and allow admit everything (a socket sends full text).
 */
export function admitOverWebSocket(
  mode: TrustedDocumentsMode,
  manifest: TrustedManifest,
): ((query: string) => GraphQLError | undefined) | undefined {
  if (mode !== "strict") return undefined;
  return (query) => {
    if (manifest.has(`sha256:${sha256(query)}`)) return undefined;
    const { refuse, code } = strictRefusal();
    return new GraphQLError(refuse, { extensions: { code } });
  };
}
