import type { LinkMethod, ReviewStatus } from "../graph/records";
import type { ChangeItemDraft } from "./changeLog";

/**
 * Mentions as the write layer stores them: one (:Mention) node per linked span of a document, with
 * the document's and the entity's ids as properties (no relationship to the entity, so entity reads
 * never meet mentions). A mention is an element like the others: versioned, and every change to it
 * is a ChangeItem (typename "Mention") whose `after` is {@link MentionState}, the element shape of
 * docs/feeds.md.
 */

/** Bounds of ingestDocument (docs/ingest.md, README "Limits"). */
export const INGEST_LIMITS = {
  /** The text, in UTF-16 code units (the HTTP body limit applies too). */
  textLength: 500_000,
  /** Mentions one document may store: a text linking to more is refused (split it). */
  mentions: 5_000,
  /** The document slug's length, so that mention ids stay within the id limit. */
  documentSlugLength: 140,
  /** Mentions and candidates in the payload (contract). */
  payloadMentions: 1_000,
  payloadCandidates: 200,
} as const;

/** A mention's public fields: what its ChangeItem.before/after holds. */
export interface MentionState {
  documentId: string;
  entityId: string;
  start: number;
  end: number;
  quote: string;
  method: LinkMethod;
  score: number;
  status: ReviewStatus;
}

/** 'mention:<document slug>:<start>-<end>': mentions of one document never overlap. */
export function mentionId(documentId: string, start: number, end: number): string {
  return `mention:${documentId.slice(documentId.indexOf(":") + 1)}:${start}-${end}`;
}

export const CREATE_MENTIONS = `
UNWIND $mentions AS m
CREATE (:Mention {id: m.id, documentId: m.documentId, entityId: m.entityId, start: m.start, end: m.end,
                  quote: m.quote, method: m.method, score: m.score, status: m.status, version: 1})`;

/** Which of these entity ids still name an entity (the dictionary may be a second old). */
export const EXISTING_ENTITIES = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id`;

/** A stored text with this hash, and whether the document ids to use are taken. */
export const INGEST_DOCUMENT_LOOKUP = `
OPTIONAL MATCH (byHash:Document {contentHash: $contentHash})
WITH head(collect(byHash.id)) AS sameText
OPTIONAL MATCH (byId:Document {id: $id})
OPTIONAL MATCH (byAltId:Document {id: $altId})
RETURN sameText, byId IS NOT NULL AS idTaken, byAltId IS NOT NULL AS altIdTaken`;

export const MENTION_STATE = `
MATCH (m:Mention {id: $id})
RETURN m {.documentId, .entityId, .start, .end, .quote, .method, .score, .status, .version} AS row`;

/** The entity an id names now: itself, or the one it was merged into. */
export const ENTITY_TARGET = `
OPTIONAL MATCH (merged:MergedId {id: $id})
WITH coalesce(merged.into, $id) AS target
MATCH (n:Entity {id: target})
RETURN n.id AS id`;

export const UPDATE_MENTION = `
MATCH (m:Mention {id: $id})
SET m.entityId = $state.entityId, m.method = $state.method, m.score = $state.score, m.status = $state.status,
    m.version = $version`;

export function mentionItem(
  id: string,
  action: "CREATED" | "UPDATED",
  version: number,
  before: MentionState | null,
  after: MentionState,
): ChangeItemDraft {
  return {
    id,
    typename: "Mention",
    action,
    version,
    before: before === null ? null : { ...before },
    after: { ...after },
    mergedInto: null,
  };
}
