import type { EntityKind } from "../graph/records";
import {
  decideLink,
  documentContext,
  DEFAULT_LINK_THRESHOLDS,
  type LinkMethod,
  type LinkThresholds,
  type ReviewStatus,
} from "./disambiguate";
import { findCandidates, type Candidate } from "./findCandidates";
import type { LinkDictionary } from "./linkDictionary";
import { matchAliases } from "./matchAliases";

/** Words of the text linked to an entity: what becomes a `Mention` once written. */
export interface LinkedMention {
  entityId: string;
  kind: EntityKind;
  /** UTF-16 offsets into the text; `quote` is exactly `text.slice(start, end)`. */
  start: number;
  end: number;
  quote: string;
  method: LinkMethod;
  score: number;
  status: ReviewStatus;
  /** Other entities the words may name, with their scores (empty when unambiguous). */
  alternatives: Array<{ entityId: string; score: number }>;
}

export interface LinkResult {
  mentions: LinkedMention[];
  candidates: Candidate[];
}

export interface LinkOptions extends LinkThresholds {
  /**
   * Links the curator rejected for this text ("start:end:entityId"): not proposed again. The
   * write layer fills it from the document's REJECTED mentions when the same text comes back.
   */
  rejected?: ReadonlySet<string>;
}

export function rejectionKey(start: number, end: number, entityId: string): string {
  return `${start}:${end}:${entityId}`;
}

/**
 * Links a text against the dictionary: alias matches (whole words, leftmost-longest), candidates
 * for unknown names, and one decision per match by the rest of the document. Pure: the same text
 * and dictionary always give the same result.
 */
export function linkText(
  text: string,
  dictionary: LinkDictionary,
  options: Partial<LinkOptions> = {},
): LinkResult {
  const thresholds: LinkThresholds = {
    acceptThreshold: options.acceptThreshold ?? DEFAULT_LINK_THRESHOLDS.acceptThreshold,
    contextMargin: options.contextMargin ?? DEFAULT_LINK_THRESHOLDS.contextMargin,
  };
  const allMatches = matchAliases(text, dictionary);
  const { candidates, insideCandidates } = findCandidates(text, allMatches);
  const matches = allMatches.filter((m) => !insideCandidates.has(m));
  const context = documentContext(matches);
  const mentions: LinkedMention[] = [];
  for (const match of matches) {
    const decision = decideLink(text, match, dictionary, context, thresholds);
    if (decision === null) continue;
    const entity = dictionary.entities[decision.entity];
    if (entity === undefined) continue;
    if (options.rejected?.has(rejectionKey(match.start, match.end, entity.id))) continue;
    mentions.push({
      entityId: entity.id,
      kind: entity.kind,
      start: match.start,
      end: match.end,
      quote: match.quote,
      method: decision.method,
      score: decision.score,
      status: decision.status,
      alternatives:
        decision.alternatives.length < 2
          ? []
          : decision.alternatives
              .filter((a) => a.entity !== decision.entity)
              .map((a) => ({ entityId: dictionary.entities[a.entity]?.id ?? "", score: a.score })),
    });
  }
  return { mentions, candidates };
}
