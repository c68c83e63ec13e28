import { badUserInput } from "../errors";

export const MAX_SEARCH_TEXT = 200;
export const MAX_SEARCH_TERMS = 12;

/**
 * Turns what a person typed into a Lucene query for the `entity_search` full-text index. The text
 * is split into words of letters and digits only, so no Lucene syntax from the input survives
 * (`AND (`, `*`, `~`, quotes, backslashes are separators). Each word matches exactly (boosted) or
 * within a small edit distance; the last word also matches as a prefix, for type-ahead. A match
 * in the name counts most, then aliases, then the description, so "Chongqing" ranks the city
 * above "Mayor of Chongqing". Returns null when the text holds no word at all.
 */
export function buildSearchQuery(text: string): string | null {
  if (text.length > MAX_SEARCH_TEXT) {
    throw badUserInput(`\`text\` must be at most ${MAX_SEARCH_TEXT} characters (got ${text.length})`, "text");
  }
  const words = (text.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_SEARCH_TERMS);
  if (words.length === 0) return null;
  const terms = words
    .map((word, i) => {
      // Fuzzy and prefix terms bypass the analyzer, so they get its folding here: lower case, no accents.
      const folded = word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
      const clauses = [`${word.toLowerCase()}^4`];
      if (folded.length >= 4) clauses.push(`${folded}~${folded.length >= 8 ? 2 : 1}`);
      if (i === words.length - 1 && folded.length >= 2) clauses.push(`${folded}*^2`);
      return `(${clauses.join(" OR ")})`;
    })
    .join(" OR ");
  return Object.entries(FIELD_BOOSTS)
    .map(([field, boost]) => `${field}:(${terms})${boost === 1 ? "" : `^${boost}`}`)
    .join(" OR ");
}

const FIELD_BOOSTS = { name: 4, aliases: 3, description: 1 } as const;
