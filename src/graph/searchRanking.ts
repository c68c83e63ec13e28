import type { EntityRecord, SearchHitRecord } from "./records";
import { isCharacterWord, searchWords } from "./searchText";

/** Which of the search's Lucene queries found a candidate (searchQuery.ts). */
export const SearchPass = { names: 0, fuzzy: 1, described: 2 } as const;

export interface SearchCandidate {
  entity: EntityRecord;
  /** The best (lowest) pass that found it. */
  pass: number;
  /** How connected the entity is: its number of relationships. */
  degree: number;
}

/**
 * The tiers of a hit, best first. A person typing expects the entity whose name is the text, then
 * names starting with it, then names with a word starting with it (words in the order typed), then
 * the same for aliases; typos and descriptions come last.
 */
export const SearchTier = {
  /** The whole name, or an alias, is the text. */
  equal: 0,
  /** The name starts with the text ("chon" for "Chongqing", "hu hen" for "Hu Henghua"). */
  nameStarts: 1,
  /** A word of the name starts the text, the other words following in order ("hen" for "Hu Henghua"). */
  nameWordStarts: 2,
  /** Every word starts a word of the name, in any order ("chongqing mayor"). */
  nameWords: 3,
  aliasStarts: 4,
  aliasWordStarts: 5,
  aliasWords: 6,
  /** Found in names and aliases, but spread over both. */
  named: 7,
  /** Found only within an edit distance. */
  fuzzy: 8,
  /** Found only in the description. */
  described: 9,
} as const;

const TIER_COUNT = 10;

/** The tier of an entity found by the names query: how its name and aliases hold the words typed. */
export function nameTier(words: readonly string[], entity: Pick<EntityRecord, "name" | "aliases">): number {
  const name = searchWords(entity.name);
  if (sameWords(name, words)) return SearchTier.equal;
  // Aliases are folded only when the name does not decide the tier alone.
  const aliases = entity.aliases.map(searchWords);
  if (aliases.some((a) => sameWords(a, words))) return SearchTier.equal;
  if (startsAt(name, words, 0)) return SearchTier.nameStarts;
  if (startsInside(name, words)) return SearchTier.nameWordStarts;
  if (holdsAll(name, words)) return SearchTier.nameWords;
  if (aliases.some((a) => startsAt(a, words, 0))) return SearchTier.aliasStarts;
  if (aliases.some((a) => startsInside(a, words))) return SearchTier.aliasWordStarts;
  if (aliases.some((a) => holdsAll(a, words))) return SearchTier.aliasWords;
  return SearchTier.named;
}

/**
 * The page: candidates in tiers, ties broken by degree (the better connected first), then by id,
 * so the order is total and a smaller `first` always gives a prefix of a larger one. The score
 * says the same thing as the order: the tier's rank plus a fraction that grows with the degree.
 */
export function rankHits(
  words: readonly string[],
  candidates: readonly SearchCandidate[],
  first: number,
): SearchHitRecord[] {
  const ranked = candidates.map((candidate) => ({ candidate, tier: tierOf(words, candidate) }));
  ranked.sort(
    (a, b) =>
      a.tier - b.tier ||
      b.candidate.degree - a.candidate.degree ||
      compareIds(a.candidate.entity.id, b.candidate.entity.id),
  );
  return ranked.slice(0, first).map(({ candidate: { entity, degree }, tier }) => ({
    entity,
    score: TIER_COUNT - tier + degree / (degree + 1),
  }));
}

function tierOf(words: readonly string[], candidate: SearchCandidate): number {
  if (candidate.pass === SearchPass.names) return nameTier(words, candidate.entity);
  return candidate.pass === SearchPass.fuzzy ? SearchTier.fuzzy : SearchTier.described;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameWords(words: readonly string[], typed: readonly string[]): boolean {
  return words.length === typed.length && words.every((w, i) => w === typed[i]);
}

/** The typed words at `offset`: all but the last equal, the last the start of a word. */
function startsAt(words: readonly string[], typed: readonly string[], offset: number): boolean {
  if (offset + typed.length > words.length) return false;
  return typed.every((t, i) =>
    i === typed.length - 1 ? (words[offset + i] ?? "").startsWith(t) : words[offset + i] === t,
  );
}

function startsInside(words: readonly string[], typed: readonly string[]): boolean {
  for (let offset = 1; offset + typed.length <= words.length; offset += 1) {
    if (startsAt(words, typed, offset)) return true;
  }
  return false;
}

/** Every typed word in any order; Chinese characters count only in the order typed (startsAt). */
function holdsAll(words: readonly string[], typed: readonly string[]): boolean {
  if (typed.some(isCharacterWord)) return false;
  return typed.every((t) => words.some((w) => w.startsWith(t)));
}
