import type { EntityKind } from "../graph/records";
import { kindFromSurroundings } from "./cueWords";
import type { KeyEntry, LinkDictionary } from "./linkDictionary";
import type { AliasMatch } from "./matchAliases";

export type LinkMethod = "NAME" | "ALIAS" | "CONTEXT";
export type ReviewStatus = "PROPOSED" | "ACCEPTED" | "REJECTED";

/** How sure linking must be; see README (INGEST_ACCEPT_THRESHOLD, INGEST_CONTEXT_MARGIN). */
export interface LinkThresholds {
  /** A link with at least this score (0..1) is ACCEPTED without review. Default 0.85. */
  acceptThreshold: number;
  /** Among several entities sharing the words, the best must lead the next by this much (0..1) to be picked by CONTEXT. Default 0.2. */
  contextMargin: number;
}

export const DEFAULT_LINK_THRESHOLDS: LinkThresholds = { acceptThreshold: 0.85, contextMargin: 0.2 };

/** The decision for one match. */
export interface LinkDecision {
  entity: number;
  method: LinkMethod;
  score: number;
  status: ReviewStatus;
  /** Every entity the words may name, with its share of the evidence, best first (one item when unambiguous). */
  alternatives: Array<{ entity: number; score: number }>;
}

/** What the rest of the document says, computed once per document. */
export interface DocumentContext {
  /** Entities named unambiguously somewhere in the document, by their name. */
  namedInDocument: ReadonlySet<number>;
  /** Entities found unambiguously (by name or alias) somewhere in the document, with where (match starts, in order). */
  anchors: ReadonlyMap<number, readonly number[]>;
}

/** A neighbour this close (UTF-16 units between the two matches' starts) counts as nearby. */
export const NEARBY = 150;

export function documentContext(matches: readonly AliasMatch[]): DocumentContext {
  const namedInDocument = new Set<number>();
  const anchors = new Map<number, number[]>();
  for (const match of matches) {
    const only = match.entries[0];
    if (only === undefined || match.entries.length > 1) continue;
    const at = anchors.get(only.entity);
    if (at === undefined) anchors.set(only.entity, [match.start]);
    else at.push(match.start);
    if (only.via === "NAME") namedInDocument.add(only.entity);
  }
  return { namedInDocument, anchors };
}

interface Evidence {
  /** Matched by an alias, and the entity's full name is in the document too ("Zheng" after "Zheng Xiangdong"). */
  nameInDocument: boolean;
  /** Graph neighbours of the entity found in the document. */
  neighbours: number;
  /** Of those, found within {@link NEARBY} of the match ("Ningbo's Jiangbei District"). */
  nearby: number;
  /** The words around fit its kind ("Mayor Hu", "Hu said" for a person). */
  cue: boolean;
}

/**
 * A one-word alias of a person ("Zheng", "Hu": surnames many people share) or an all-lower-case
 * one ("laptops", "automobiles": ordinary words): words that often mean something else, so they
 * start lower and need the document's support. Acronyms and Chinese names are not weak.
 */
function isWeakAlias(entry: KeyEntry): boolean {
  const form = entry.form.trim();
  const oneWord = !/[\s\p{Pd}]/u.test(form);
  const lowerCase = form !== form.toUpperCase() && form === form.toLowerCase();
  return oneWord && (entry.kind === "PERSON" || lowerCase);
}

function evidenceFor(
  entry: KeyEntry,
  match: AliasMatch,
  dictionary: LinkDictionary,
  context: DocumentContext,
  cueKind: EntityKind | null,
): Evidence {
  const entity = dictionary.entities[entry.entity];
  let neighbours = 0;
  let nearby = 0;
  for (const id of entity?.neighbours ?? []) {
    const index = dictionary.indexOf.get(id);
    if (index === undefined || index === entry.entity) continue;
    const at = context.anchors.get(index);
    if (at === undefined) continue;
    neighbours += 1;
    if (at.some((start) => Math.abs(start - match.start) <= NEARBY)) nearby += 1;
  }
  return {
    nameInDocument: entry.via === "ALIAS" && context.namedInDocument.has(entry.entity),
    neighbours,
    nearby,
    cue: cueKind !== null && cueKind === entry.kind,
  };
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/**
 * Picks the entity one match names, with a score and a status.
 * - One entity by its name: NAME, score 1.
 * - One entity by an alias: ALIAS, 0.9 (0.6 for a weak alias: a person's one-word alias or an
 *   all-lower-case word), raised by the full name elsewhere in the document (+0.3), a fitting cue
 *   word (+0.2) and graph neighbours in the document (+0.1 each, two at most); capped at 0.99.
 * - Several entities: each gets evidence points (name 1 or alias 0.6, +1.5 full name in the
 *   document, +0.7 a neighbour (three at most), +0.8 a neighbour within 150 characters (two at
 *   most), +1 a cue), shared out as scores summing to 1; the best is CONTEXT when it leads by
 *   `contextMargin`, otherwise it is PROPOSED with its NAME/ALIAS method, whatever the threshold.
 * ACCEPTED when the score reaches `acceptThreshold` (and the margin was clear), else PROPOSED.
 */
export function decideLink(
  text: string,
  match: AliasMatch,
  dictionary: LinkDictionary,
  context: DocumentContext,
  thresholds: LinkThresholds,
): LinkDecision | null {
  const status = (score: number, clear = true): ReviewStatus =>
    clear && score >= thresholds.acceptThreshold ? "ACCEPTED" : "PROPOSED";
  const only = match.entries[0];
  if (only === undefined) return null;
  if (match.entries.length === 1) {
    if (only.via === "NAME") {
      return {
        entity: only.entity,
        method: "NAME",
        score: 1,
        status: "ACCEPTED",
        alternatives: [{ entity: only.entity, score: 1 }],
      };
    }
    const cueKind = cueKindAround(text, match);
    const e = evidenceFor(only, match, dictionary, context, cueKind);
    const score = round(
      Math.min(
        0.99,
        (isWeakAlias(only) ? 0.6 : 0.9) +
          (e.nameInDocument ? 0.3 : 0) +
          (e.cue ? 0.2 : 0) +
          0.1 * Math.min(e.neighbours, 2),
      ),
    );
    return {
      entity: only.entity,
      method: "ALIAS",
      score,
      status: status(score),
      alternatives: [{ entity: only.entity, score }],
    };
  }
  const cueKind = cueKindAround(text, match);
  const points = match.entries.map((entry) => {
    const e = evidenceFor(entry, match, dictionary, context, cueKind);
    return {
      entry,
      points:
        (entry.via === "NAME" ? 1 : 0.6) +
        (e.nameInDocument ? 1.5 : 0) +
        0.7 * Math.min(e.neighbours, 3) +
        0.8 * Math.min(e.nearby, 2) +
        (e.cue ? 1 : 0),
    };
  });
  const total = points.reduce((sum, p) => sum + p.points, 0);
  const ranked = points
    .map((p) => ({ entry: p.entry, score: p.points / total }))
    .sort((a, b) => b.score - a.score || compareIds(dictionary, a.entry.entity, b.entry.entity));
  const best = ranked[0];
  const second = ranked[1];
  if (best === undefined || second === undefined) return null;
  const clear = best.score - second.score >= thresholds.contextMargin;
  const score = round(best.score);
  return {
    entity: best.entry.entity,
    method: clear ? "CONTEXT" : best.entry.via,
    score,
    status: status(score, clear),
    alternatives: ranked.map((r) => ({ entity: r.entry.entity, score: round(r.score) })),
  };
}

/** The kind the words around a match suggest (only computed where a decision needs it). */
function cueKindAround(text: string, match: AliasMatch): EntityKind | null {
  return kindFromSurroundings(
    text.slice(Math.max(0, match.start - 40), match.start),
    text.slice(match.end, match.end + 60),
  );
}

/** Ties go to the lower id, so the same text always links the same way. */
function compareIds(dictionary: LinkDictionary, a: number, b: number): number {
  const ia = dictionary.entities[a]?.id ?? "";
  const ib = dictionary.entities[b]?.id ?? "";
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}
