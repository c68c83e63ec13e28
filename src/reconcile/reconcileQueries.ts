import { z } from "zod";
import { ENTITY_KINDS, ENTITY_LABELS } from "../graph/entityKinds";
import type { EntityKind, EntityRecord } from "../graph/records";
import { MAX_SEARCH_TEXT } from "../graph/searchQuery";
import { normalizeKey } from "../ingest/normalize";

/**
 * The W3C Reconciliation Service API v0.2 (https://www.w3.org/community/reports/reconciliation/CG-FINAL-specs-0.2-20230410/)
 * without HTTP: parsing a batch of queries, scoring the graph's answers. Limits: see README.
 */
export const RECONCILE_LIMITS = {
  /** Queries in one batch (the manifest's batchSize; OpenRefine sends 10 by default). */
  maxQueries: 50,
  /** Candidates per query: `limit` from 1 to this, 5 when absent. */
  maxCandidates: 25,
  defaultCandidates: 5,
  /** Characters of one query's text (the search limit). */
  maxQueryText: MAX_SEARCH_TEXT,
} as const;

export interface ReconcileType {
  id: EntityKind;
  name: string;
}

/** The entity kinds as reconciliation types: id "PLACE", name "Place". */
export const RECONCILE_TYPES: ReconcileType[] = ENTITY_KINDS.map((kind) => ({
  id: kind,
  name: ENTITY_LABELS[kind],
}));

export interface ReconcileQuery {
  query: string;
  /** Kinds to keep; null for any. An unknown type keeps nothing. */
  kinds: EntityKind[] | null;
  limit: number;
}

export interface ReconcileCandidate {
  id: string;
  name: string;
  description?: string;
  type: ReconcileType[];
  score: number;
  match: boolean;
}

const QuerySchema = z.object({
  query: z.string().max(RECONCILE_LIMITS.maxQueryText),
  type: z.union([z.string(), z.array(z.string())]).optional(),
  limit: z.number().int().min(1).max(RECONCILE_LIMITS.maxCandidates).optional(),
  type_strict: z.enum(["any", "all", "should"]).optional(),
  // Accepted for OpenRefine's sake, not used: matching is by name and alias only.
  properties: z.array(z.unknown()).optional(),
});
const BatchSchema = z
  .record(z.string().max(100), QuerySchema)
  .refine((batch) => Object.keys(batch).length <= RECONCILE_LIMITS.maxQueries, {
    message: `at most ${RECONCILE_LIMITS.maxQueries} queries per batch`,
  });

export class ReconcileInputError extends Error {}

/** Parses the `queries` parameter (a JSON object of named queries); throws ReconcileInputError saying what is wrong. */
export function parseQueries(raw: unknown): Map<string, ReconcileQuery> {
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ReconcileInputError("`queries` is not valid JSON");
    }
  }
  const parsed = BatchSchema.safeParse(value);
  if (!parsed.success) {
    throw new ReconcileInputError(
      `\`queries\` is not a batch of reconciliation queries: ${parsed.error.issues
        .map((i) => `${i.path.join(".") || "(queries)"}: ${i.message}`)
        .join("; ")}`,
    );
  }
  return new Map(
    Object.entries(parsed.data).map(([key, q]) => [
      key,
      { query: q.query, kinds: kindsOf(q.type), limit: q.limit ?? RECONCILE_LIMITS.defaultCandidates },
    ]),
  );
}

function kindsOf(type: string | string[] | undefined): EntityKind[] | null {
  if (type === undefined) return null;
  const wanted = (Array.isArray(type) ? type : [type]).map((t) => t.toUpperCase());
  if (wanted.length === 0) return null;
  return RECONCILE_TYPES.filter((t) => wanted.includes(t.id) || wanted.includes(t.name.toUpperCase())).map(
    (t) => t.id,
  );
}

/**
 * Scores the entities a search found against the query, 0 to 100: 100 when the query is the
 * entity's name (after normalisation: case, accents, hyphens and spaces), 95 when it is one of
 * its aliases, otherwise 90 times the best character-bigram similarity to the name or an alias.
 * `match` (OpenRefine matches it without asking) when the best is exact and no other entity is
 * within 10 points of it. Best first, ties by id.
 */
export function scoreCandidates(
  query: string,
  entities: readonly EntityRecord[],
  limit: number,
): ReconcileCandidate[] {
  const key = normalizeKey(query);
  const scored = entities.map((entity) => {
    const nameKey = normalizeKey(entity.name);
    const aliasKeys = entity.aliases.map(normalizeKey);
    let score: number;
    if (nameKey === key) score = 100;
    else if (aliasKeys.includes(key)) score = 95;
    else
      score = Math.round(
        90 * Math.max(similarity(key, nameKey), ...aliasKeys.map((a) => similarity(key, a))),
      );
    const candidate: ReconcileCandidate = {
      id: entity.id,
      name: entity.name,
      type: [{ id: entity.kind, name: ENTITY_LABELS[entity.kind] }],
      score,
      match: false,
    };
    if (entity.description !== null) candidate.description = entity.description;
    return candidate;
  });
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const [best, second] = scored;
  if (best !== undefined && best.score >= 95 && (second === undefined || second.score <= best.score - 10)) {
    best.match = true;
  }
  return scored.slice(0, limit);
}

/** Dice coefficient of character bigrams (spaces ignored): 1 for equal strings, 0 for nothing shared. */
export function similarity(a: string, b: string): number {
  const grams = (s: string): Map<string, number> => {
    const compact = s.replace(/ /g, "");
    const out = new Map<string, number>();
    if (compact.length === 1) out.set(compact, 1);
    for (let i = 0; i + 1 < compact.length; i += 1) {
      const g = compact.slice(i, i + 2);
      out.set(g, (out.get(g) ?? 0) + 1);
    }
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  let shared = 0;
  let total = 0;
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  return total === 0 ? 0 : (2 * shared) / total;
}
