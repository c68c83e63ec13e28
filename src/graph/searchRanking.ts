import { isCharacterWord, wordsKey } from "./searchText";

/** Which of the search's Lucene queries found a candidate (searchQuery.ts); the best (lowest) counts. */
export const SearchPass = { names: 0, fuzzy: 1, described: 2 } as const;

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

/** The parameters `searchTier` reads: the typed words, folded (searchWords), and what it needs of them. */
export interface SearchTierParams {
  /** The words joined by single spaces, as the entities' keys are (searchKey). */
  text: string;
  words: string[];
  /** Whether a word is a Chinese character: such words count only in the order typed. */
  characters: boolean;
}

export function searchTierParams(words: readonly string[]): SearchTierParams {
  return { text: wordsKey(words), words: [...words], characters: words.some(isCharacterWord) };
}

/**
 * The tier of a candidate, in Cypher, so that the statement returns only the page: `node` found by
 * pass `pass`, with `$text`, `$words` and `$characters` (searchTierParams). A name hit's tier says
 * how its name and aliases hold the typed words, compared with the folded keys every write stores
 * (`nameKey`, `aliasKeys`: searchKey). With words joined by single spaces, the rules are plain
 * string tests:
 *
 * - the typed words start the name (all but the last equal, the last the start of a word) exactly
 *   when the name's key starts with the text;
 * - they start at a later word when `' ' + key` contains `' ' + text`;
 * - a typed word starts some word of the name when `' ' + key` contains `' ' + word`.
 */
export function searchTier(node: string, pass: string): string {
  const key = `(' ' + ${node}.nameKey)`;
  const aliases = `${node}.aliasKeys`;
  const t = SearchTier;
  return `CASE
  WHEN ${pass} = ${SearchPass.fuzzy} THEN ${t.fuzzy}
  WHEN ${pass} = ${SearchPass.described} THEN ${t.described}
  WHEN ${node}.nameKey = $text OR $text IN ${aliases} THEN ${t.equal}
  WHEN ${node}.nameKey STARTS WITH $text THEN ${t.nameStarts}
  WHEN ${key} CONTAINS (' ' + $text) THEN ${t.nameWordStarts}
  WHEN NOT $characters AND all(word IN $words WHERE ${key} CONTAINS (' ' + word)) THEN ${t.nameWords}
  WHEN any(alias IN ${aliases} WHERE alias STARTS WITH $text) THEN ${t.aliasStarts}
  WHEN any(alias IN ${aliases} WHERE (' ' + alias) CONTAINS (' ' + $text)) THEN ${t.aliasWordStarts}
  WHEN NOT $characters AND any(alias IN ${aliases} WHERE all(word IN $words WHERE (' ' + alias) CONTAINS (' ' + word)))
    THEN ${t.aliasWords}
  ELSE ${t.named}
END`;
}

/**
 * A hit's score says the same thing as its rank (tier, then degree): the tier's rank (10 for the
 * first tier, 1 for the last) plus a fraction that grows with the degree.
 */
export function searchScore(tier: number, degree: number): number {
  return TIER_COUNT - tier + degree / (degree + 1);
}
