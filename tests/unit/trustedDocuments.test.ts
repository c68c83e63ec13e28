import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_TRUSTED_DOCUMENTS_MANIFEST } from "../../src/config";
import { loadTrustedManifest, resolveTrustedDocument } from "../../src/server/trustedDocuments";

const TEXT = "query A { lastChange { seq } }";
const ID = `sha256:${createHash("sha256").update(TEXT).digest("hex")}`;
const manifest = new Map([[ID, TEXT]]);

function manifestFile(content: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "kg-manifest-")), "manifest.json");
  writeFileSync(file, content);
  return file;
}

describe("trusted documents", () => {
  it("loads the client package's manifest", () => {
    expect(loadTrustedManifest(DEFAULT_TRUSTED_DOCUMENTS_MANIFEST).size).toBeGreaterThanOrEqual(9);
  });

  it("refuses a manifest whose key is not its document's SHA-256, or that is not a JSON object", () => {
    expect(() => loadTrustedManifest(manifestFile(JSON.stringify({ [ID]: `${TEXT} ` })))).toThrow(
      /is not the SHA-256 of its document/,
    );
    expect(() => loadTrustedManifest(manifestFile("[]"))).toThrow(/not a JSON object/);
    expect(() => loadTrustedManifest("/nonexistent/manifest.json")).toThrow(/TRUSTED_DOCUMENTS_MANIFEST/);
  });

  it("off: passes queries, refuses documentId", () => {
    expect(resolveTrustedDocument("off", manifest, { query: "{ x }" })).toBe("pass");
    expect(resolveTrustedDocument("off", manifest, { documentId: ID })).toMatchObject({
      code: "PERSISTED_DOCUMENTS_NOT_SUPPORTED",
    });
  });

  it("allow: turns a known documentId into its text; passes other queries", () => {
    expect(resolveTrustedDocument("allow", manifest, { documentId: ID })).toEqual({ query: TEXT });
    expect(resolveTrustedDocument("allow", manifest, { documentId: ID, query: TEXT })).toEqual({
      query: TEXT,
    });
    expect(resolveTrustedDocument("allow", manifest, { query: "{ x }" })).toBe("pass");
    expect(resolveTrustedDocument("allow", manifest, { documentId: ID.toUpperCase() })).toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(
      resolveTrustedDocument("allow", manifest, { documentId: `sha256:${"0".repeat(64)}` }),
    ).toMatchObject({
      code: "PERSISTED_DOCUMENT_NOT_FOUND",
    });
  });

  it("strict: only the manifest's documents, by id, exact text or APQ hash", () => {
    expect(resolveTrustedDocument("strict", manifest, { documentId: ID })).toEqual({ query: TEXT });
    expect(resolveTrustedDocument("strict", manifest, { query: TEXT })).toBe("pass");
    expect(resolveTrustedDocument("strict", manifest, { query: `${TEXT}\n` })).toMatchObject({
      code: "PERSISTED_DOCUMENT_REQUIRED",
    });
    const apq = (hash: string) => ({
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }),
    });
    expect(resolveTrustedDocument("strict", manifest, apq(ID.slice(7)))).toEqual({ query: TEXT });
    expect(resolveTrustedDocument("strict", manifest, apq("0".repeat(64)))).toMatchObject({
      code: "PERSISTED_DOCUMENT_REQUIRED",
    });
    expect(resolveTrustedDocument("strict", manifest, {})).toBe("pass");
  });
});
