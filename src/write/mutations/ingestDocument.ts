import type { CypherExecutor } from "../../graph/executor";
import { int } from "../../graph/executor";
import type { IngestDocumentInput } from "../../generated/resolvers-types";
import type { CandidateRecord, MentionRecord } from "../../graph/records";
import type { LinkResult } from "../../ingest/linkText";
import type { ChangeItemDraft } from "../changeLog";
import { shortHash, slugOf } from "../ids";
import { textHash } from "../importDocument";
import { checkLength, WRITE_LIMITS } from "../limits";
import {
  CREATE_MENTIONS,
  EXISTING_ENTITIES,
  INGEST_DOCUMENT_LOOKUP,
  INGEST_LIMITS,
  mentionId,
  mentionItem,
  type MentionState,
} from "../mentions";
import { runMutation, type Actor, type MutationOutcome } from "../mutation";
import { Problems } from "../userErrors";
import { CREATE_DOCUMENT } from "./addDocument";

/** Links a text against the graph's current dictionary (src/ingest/documentLinker.ts). */
export interface TextLinker {
  link(text: string): Promise<LinkResult>;
}

export interface IngestOutcome {
  outcome: MutationOutcome;
  /** The document written, or the one already holding this text; null when refused. */
  documentId: string | null;
  /** The mentions this call wrote (empty unless `written`). */
  written: MentionRecord[];
  /** Unknown names, in text order, at most INGEST_LIMITS.payloadCandidates. */
  candidates: CandidateRecord[];
}

/** Mentions per CREATE statement. */
const MENTION_BATCH = 1_000;

/** A lone surrogate: text that no UTF-8 encoding can carry (JSON may still spell it as "\uD800"). */
const LONE_SURROGATE = /\p{Cs}/u;

function checkText(
  problems: Problems,
  field: string[],
  value: string | null | undefined,
  max: number,
  empty: "refuse" | "allow",
): void {
  if (value === null || value === undefined) return;
  checkLength(problems, field, value, max, { allowEmpty: empty === "allow" });
  if (value.length <= max && LONE_SURROGATE.test(value)) {
    problems.add(
      field,
      "INVALID",
      "is not well-formed Unicode (a lone surrogate, e.g. \\uD800): send the text as valid UTF-8",
    );
  }
}

/** Every problem of the input alone (docs/ingest.md "Limits"). */
export function checkIngestInput(problems: Problems, input: IngestDocumentInput): void {
  checkText(problems, ["input", "title"], input.title, WRITE_LIMITS.titleLength, "refuse");
  checkText(problems, ["input", "text"], input.text, INGEST_LIMITS.textLength, "refuse");
  checkText(problems, ["input", "publisher"], input.publisher, WRITE_LIMITS.shortTextLength, "refuse");
  checkLength(problems, ["input", "url"], input.url, WRITE_LIMITS.shortTextLength);
  if (input.url && !URL.canParse(input.url))
    problems.add(["input", "url"], "INVALID", "must be an absolute URL");
}

/** 'document:<slug of the title>', or with a hash of the text when another document has that title. */
function documentIds(title: string, contentHash: string): { id: string; altId: string } {
  const slug = slugOf(title, INGEST_LIMITS.documentSlugLength);
  const base = `document:${slug.length > 0 ? slug : `x${shortHash(title)}`}`;
  return { id: base, altId: `${base}-${contentHash.slice(0, 8)}` };
}

/**
 * Stores a text and its mentions of known entities in one Change (the document, then one item per
 * mention), ACCEPTED above the configured threshold and PROPOSED below. The same text again writes
 * nothing and answers with the stored document (`existing`). Linking runs before the transaction,
 * so the change-log lock is held only for the writes.
 */
export async function ingestDocument(
  executor: CypherExecutor,
  actor: Actor,
  input: IngestDocumentInput,
  linker: TextLinker,
): Promise<IngestOutcome> {
  const problems = new Problems();
  checkLength(problems, ["input", "clientMutationId"], input.clientMutationId, WRITE_LIMITS.shortTextLength);
  checkIngestInput(problems, input);
  const refused = (): IngestOutcome => ({
    outcome: { kind: "refused", userErrors: problems.list },
    documentId: null,
    written: [],
    candidates: [],
  });
  if (problems.any) return refused();

  const linked = await linker.link(input.text);
  if (linked.mentions.length > INGEST_LIMITS.mentions) {
    problems.add(
      ["input", "text"],
      "INVALID",
      `links to ${linked.mentions.length} mentions, more than the ${INGEST_LIMITS.mentions} one document may hold: split the text`,
    );
    return refused();
  }
  const contentHash = textHash(input.text);
  const ids = documentIds(input.title, contentHash);
  let documentId: string | null = null;
  let written: MentionRecord[] = [];

  const outcome = await runMutation(executor, actor, "ingestDocument", input, {
    check: () => undefined,
    work: async (run, workProblems) => {
      const [found] = await run<{ sameText: string | null; idTaken: boolean; altIdTaken: boolean }>({
        name: "write.ingestLookup",
        cypher: INGEST_DOCUMENT_LOOKUP,
        params: { contentHash, ...ids },
      });
      if (found?.sameText) {
        documentId = found.sameText;
        return { existing: found.sameText };
      }
      const id = found?.idTaken ? ids.altId : ids.id;
      if (found?.idTaken && found.altIdTaken) {
        workProblems.add(["input", "title"], "ALREADY_EXISTS", `${ids.altId} exists already`);
        return null;
      }
      const document = {
        id,
        title: input.title,
        publisher: input.publisher ?? null,
        url: input.url ?? null,
        publishedAt: input.publishedAt ? new Date(input.publishedAt).toISOString() : null,
        text: input.text,
      };
      await run({
        name: "write.createDocument",
        cypher: CREATE_DOCUMENT,
        params: { document, contentHash, version: int(1) },
      });
      // The dictionary may be up to INGEST_DICTIONARY_CHECK_MS old: an entity retracted since is skipped.
      const entityIds = [...new Set(linked.mentions.map((m) => m.entityId))];
      const existing = new Set(
        (
          await run<{ id: string }>({
            name: "write.existingEntities",
            cypher: EXISTING_ENTITIES,
            params: { ids: entityIds },
          })
        ).map((r) => r.id),
      );
      const states: Array<{ id: string; state: MentionState }> = linked.mentions
        .filter((m) => existing.has(m.entityId))
        .map((m) => ({
          id: mentionId(id, m.start, m.end),
          state: {
            documentId: id,
            entityId: m.entityId,
            start: m.start,
            end: m.end,
            quote: m.quote,
            method: m.method,
            score: m.score,
            status: m.status,
          },
        }));
      for (let from = 0; from < states.length; from += MENTION_BATCH) {
        const batch = states.slice(from, from + MENTION_BATCH);
        await run({
          name: "write.createMentions",
          cypher: CREATE_MENTIONS,
          params: {
            mentions: batch.map(({ id: mention, state }) => ({
              ...state,
              id: mention,
              start: int(state.start),
              end: int(state.end),
            })),
          },
        });
      }
      const items: ChangeItemDraft[] = [
        {
          id,
          typename: "Document",
          action: "CREATED",
          version: 1,
          before: null,
          after: {
            title: document.title,
            publisher: document.publisher,
            url: document.url,
            publishedAt: document.publishedAt,
            contentHash,
          },
          mergedInto: null,
        },
        ...states.map(({ id: mention, state }) => mentionItem(mention, "CREATED", 1, null, state)),
      ];
      documentId = id;
      written = states.map(({ id: mention, state }) => ({
        __typename: "Mention",
        id: mention,
        entityId: state.entityId,
        citation: { documentId: id, start: state.start, end: state.end, quote: state.quote },
        method: state.method,
        score: state.score,
        status: state.status,
        version: 1,
      }));
      return { plan: [], items, resultId: id };
    },
  });

  if (outcome.kind === "refused") return { outcome, documentId: null, written: [], candidates: [] };
  if (outcome.kind === "replayed") documentId = outcome.resultId;
  if (outcome.kind !== "written") written = [];
  const citedId = documentId;
  return {
    outcome,
    documentId: citedId,
    written,
    candidates:
      citedId === null
        ? []
        : linked.candidates.slice(0, INGEST_LIMITS.payloadCandidates).map((c) => ({
            citation: { documentId: citedId, start: c.start, end: c.end, quote: c.quote },
            kind: c.kind,
          })),
  };
}
