import { badUserInput } from "../errors";
import type { EntityKind } from "./records";
import { isCharacterWord, searchWords, STARTS_LENGTH, STOP_WORDS } from "./searchText";

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
  /** Descriptions holding every word, exactly or as the start of a word; null when no word is left to ask for. */
  described: string | null;
}

/** The fields a query asks for a typed word, and the field of its one- and two-letter starts (wordStarts). */
interface Fields {
  words: string;
  starts: string | null;
}
const NAME: Fields = { words: "name", starts: "nameStarts" };
const ALIASES: Fields = { words: "aliases", starts: "aliasStarts" };
const DESCRIPTION: Fields = { words: "description", starts: null };

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
  const exactTerms = words.filter((w) => !isCharacterWord(w) && !STOP_WORDS.has(w));
  const boost = exactTerms.length === 0 ? "" : ` name:(${exactTerms.join(" ")})^4`;
  const described = clauses(words, DESCRIPTION, prefixClause);
  const namesOr = (clause: Clause): string =>
    `+((${clauses(words, NAME, clause)})^2 (${clauses(words, ALIASES, clause)}))`;
  return {
    words,
    names: `${kindClause}${namesOr(prefixClause)}${boost}`,
    fuzzy: words.some(fuzzyDistance) ? `${kindClause}${namesOr(fuzzyClause)}` : null,
    described: described === "" ? null : `${kindClause}+(${described})`,
  };
}

/** A word's clause in `fields`, or null when the analyzer would drop the word (the clause would match anything). */
type Clause = (word: string, fields: Fields) => string | null;

/**
 * Every word required, except those the analyzer drops (stop words, and a last word that may still
 * become one, like "o" for "of"). A run of one-character (Chinese) words is one phrase, so its
 * characters match in the order typed.
 */
function clauses(words: readonly string[], fields: Fields, clause: Clause): string {
  const out: string[] = [];
  let run = "";
  const endRun = (): void => {
    if (run !== "") out.push(`+${fields.words}:"${run}"`);
    run = "";
  };
  words.forEach((word, i) => {
    if (isCharacterWord(word)) {
      run += word;
      return;
    }
    endRun();
    const last = i === words.length - 1;
    const optional = STOP_WORDS.has(word) || (last && [...STOP_WORDS].some((s) => s.startsWith(word)));
    const asked = clause(word, fields);
    if (asked !== null) out.push(`${optional ? "" : "+"}${asked}`);
  });
  endRun();
  return out.join(" ");
}

/**
 * A word, or the start of one: type-ahead matches "chon" to "Chongqing". A word of one or two
 * letters is a term of the starts field (`nameStarts:ch_`), not a prefix query; descriptions have
 * no starts field, and there such a word matches whole words only ("ra" is not the start of
 * "rail"), so a stop word ("of", "in") asks for nothing there: the index holds no such term, and
 * Lucene drops the clause.
 */
function prefixClause(word: string, fields: Fields): string | null {
  if ([...word].length > STARTS_LENGTH) return `${fields.words}:${word}*`;
  if (fields.starts !== null) return `${fields.starts}:${word}_`;
  return STOP_WORDS.has(word) ? null : `${fields.words}:${word}`;
}

/** Words of 4 characters or more tolerate one edit; of 8 or more, two (characters, as Lucene counts edits). */
function fuzzyDistance(word: string): number {
  const length = [...word].length;
  if (isCharacterWord(word) || STOP_WORDS.has(word) || length < 4) return 0;
  return length >= 8 ? 2 : 1;
}

/** A word long enough for typos (4+ letters, so never a starts term): its prefix or a near spelling. */
function fuzzyClause(word: string, fields: Fields): string | null {
  const distance = fuzzyDistance(word);
  if (distance === 0) return prefixClause(word, fields);
  return `(${fields.words}:${word}* ${fields.words}:${word}~${distance})`;
}
