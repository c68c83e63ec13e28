import type { CypherExecutor } from "../../graph/executor";
import { int } from "../../graph/executor";
import type { AddDocumentInput } from "../../generated/resolvers-types";
import { readableId } from "../ids";
import { textHash } from "../importDocument";
import { checkId, checkLength, WRITE_LIMITS } from "../limits";
import { runMutation, type Actor, type MutationOutcome } from "../mutation";

/** A stored document with this text, or with this id. */
export const DOCUMENT_BY_HASH_OR_ID = `
OPTIONAL MATCH (byHash:Document {contentHash: $contentHash})
OPTIONAL MATCH (byId:Document {id: $id})
RETURN head(collect(byHash.id)) AS sameText, byId.id AS sameId`;

export const CREATE_DOCUMENT = `
CREATE (d:Document {id: $document.id, title: $document.title, publisher: $document.publisher, url: $document.url,
                    publishedAt: CASE WHEN $document.publishedAt IS NULL THEN null ELSE datetime($document.publishedAt) END,
                    text: $document.text, contentHash: $contentHash, elementIds: [], version: $version})`;

/** Stores a text once: the same text again returns the stored document and writes nothing. */
export function addDocument(
  executor: CypherExecutor,
  actor: Actor,
  input: AddDocumentInput,
): Promise<MutationOutcome> {
  const id = input.id ?? readableId("document", input.title);
  const contentHash = textHash(input.text);
  return runMutation(executor, actor, "addDocument", input, {
    check: (problems) => {
      if (input.id !== null && input.id !== undefined)
        checkId(problems, ["input", "id"], input.id, "document");
      checkLength(problems, ["input", "title"], input.title, WRITE_LIMITS.titleLength);
      checkLength(problems, ["input", "text"], input.text, WRITE_LIMITS.textLength);
      checkLength(problems, ["input", "publisher"], input.publisher, WRITE_LIMITS.shortTextLength);
      checkLength(problems, ["input", "url"], input.url, WRITE_LIMITS.shortTextLength);
      if (input.url && !URL.canParse(input.url))
        problems.add(["input", "url"], "INVALID", "must be an absolute URL");
    },
    work: async (run, problems) => {
      const [found] = await run<{ sameText: string | null; sameId: string | null }>({
        name: "write.documentByHashOrId",
        cypher: DOCUMENT_BY_HASH_OR_ID,
        params: { contentHash, id },
      });
      if (!problems.any && found?.sameText) return { existing: found.sameText };
      if (found?.sameId) {
        problems.add(
          ["input", "id"],
          "ALREADY_EXISTS",
          `${id} exists already${input.id ? "" : "; give an id of your own"}`,
        );
      }
      if (problems.any) return null;
      const document = {
        id,
        title: input.title,
        publisher: input.publisher ?? null,
        url: input.url ?? null,
        publishedAt: input.publishedAt ?? null,
        text: input.text,
      };
      await run({
        name: "write.createDocument",
        cypher: CREATE_DOCUMENT,
        params: { document, contentHash, version: int(1) },
      });
      const after = {
        title: document.title,
        publisher: document.publisher,
        url: document.url,
        publishedAt: document.publishedAt === null ? null : new Date(document.publishedAt).toISOString(),
        contentHash,
      };
      return {
        plan: [],
        items: [
          { id, typename: "Document", action: "CREATED", version: 1, before: null, after, mergedInto: null },
        ],
        resultId: id,
      };
    },
  });
}
