import { badUserInput } from "../errors";
import type { EntityKind } from "./records";
import { isCharacterWord, searchWords, STOP_WORDS } from "./searchText";

export const MAX_SEARCH_TEXT = 200;
export const MAX_SEARCH_TERMS = 12;

/**
 * The Lucene queries of one search, for the `entity_search` full-text index. Only words of letters
 * and digits reach them (searchText.ts), so no Lucene syntax from the input survives (`AND (`, `*`,
 * `~`, quotes, backslashes are separators).
 */
export interface SearchQuery {
  /** The folded words typed, in order: what the ranking compares names and aliases with. */
  words: string[];
  /** Names and aliases holding every word, exactly or as the start of a word. */
  names: string;
  /** Names and aliases holding every word within a small edit distance; null when no word is long enough. */
  fuzzy: string | null;
  /** Descriptions holding every word, exactly or as the start of a word. */
  described: string;
}

/**
 * Builds the queries, or null when the text holds no word. `kinds` becomes a clause of every query
 * (the index holds each entity's `kind`), so the index returns only entities of those kinds and a
 * rare kind is never crowded out by others before the filter.
 */
export function buildSearchQuery(
  text: string,
  kinds: readonly EntityKind[] | null = null,
): SearchQuery | null {
  if (text.length > MAX_SEARCH_TEXT) {
    throw badUserInput(`\`text\` must be at most ${MAX_SEARCH_TEXT} characters (got ${text.length})`, "text");
  }
  const words = searchWords(text).slice(0, MAX_SEARCH_TERMS);
  if (words.length === 0) return null;
  const kindClause = kinds === null ? "" : `+kind:(${kinds.map((k) => k.toLowerCase()).join(" ")}) `;
  const prefixed = clauses(words, prefixClause);
  const exactTerms = words.filter((w) => !isCharacterWord(w) && !STOP_WORDS.has(w));
  const boost = exactTerms.length === 0 ? "" : ` name:(${exactTerms.join(" ")})^4`;
  const fuzzy = words.some(fuzzyDistance) ? clauses(words, fuzzyClause) : null;
  return {
    words,
    names: `${kindClause}+(name:(${prefixed})^2 aliases:(${prefixed}))${boost}`,
    fuzzy: fuzzy === null ? null : `${kindClause}+(name:(${fuzzy})^2 aliases:(${fuzzy}))`,
    described: `${kindClause}+description:(${prefixed})`,
  };
}

/**
 * Every word required, except those the analyzer drops (stop words, and a last word that may still
 * become one, like "o" for "of"). A run of one-character (Chinese) words is one phrase, so its
 * characters match in the order typed.
 */
function clauses(words: readonly string[], clause: (word: string) => string): string {
  const out: string[] = [];
  let run = "";
  words.forEach((word, i) => {
    if (isCharacterWord(word)) {
      run += word;
      return;
    }
    if (run !== "") out.push(`+"${run}"`);
    run = "";
    const last = i === words.length - 1;
    const optional = STOP_WORDS.has(word) || (last && [...STOP_WORDS].some((s) => s.startsWith(word)));
    out.push(`${optional ? "" : "+"}${clause(word)}`);
  });
  if (run !== "") out.push(`+"${run}"`);
  return out.join(" ");
}

/** A word, or the start of one: type-ahead matches "chon" to "Chongqing". */
function prefixClause(word: string): string {
  return `${word}*`;
}

/** Words of 4 characters or more tolerate one edit; of 8 or more, two. */
function fuzzyDistance(word: string): number {
  if (isCharacterWord(word) || STOP_WORDS.has(word) || word.length < 4) return 0;
  return word.length >= 8 ? 2 : 1;
}

function fuzzyClause(word: string): string {
  const distance = fuzzyDistance(word);
  return distance === 0 ? prefixClause(word) : `(${word}* ${word}~${distance})`;
}
