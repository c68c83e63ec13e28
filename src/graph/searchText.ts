/**
 * How search reads text, shared by the Lucene query (searchQuery.ts) and the ranking
 * (searchRanking.ts, over the keys every write stores: `searchKey`), so that both see the same words.
 *
 * - NFC first, so a decomposed "Türkiye" (u + combining diaeresis) is the same text as a composed one.
 * - Folded like the index's `standard-folding` analyzer: lower case, no accents on Latin letters,
 *   and the few Latin letters that do not decompose (ł, ø, ß, æ, ...) spelled in ASCII.
 * - Words are runs of letters and digits. Han characters and hiragana are words of one character
 *   each, as the index's tokenizer makes them: Chinese has no spaces, so "重庆" is the two words
 *   重 and 庆, matched in that order (as a phrase), never as "庆重".
 */

const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ł: "l",
  ø: "o",
  đ: "d",
  ð: "d",
  ħ: "h",
  ı: "i",
  ß: "ss",
  æ: "ae",
  œ: "oe",
  þ: "th",
};

const ONE_CHARACTER_WORD = /[\p{Script=Han}\p{Script=Hiragana}]/u;
/** A word of letters and digits other than Han and hiragana (those are words of one character each). */
const LETTER_RUN = /(?:(?![\p{Script=Han}\p{Script=Hiragana}])[\p{L}\p{N}])+/gu;
const WORD = new RegExp(`${ONE_CHARACTER_WORD.source}|${LETTER_RUN.source}`, "gu");

/** Printable ASCII and blanks only: folding it is lower-casing it (nothing to decompose or spell). */
const ASCII = /^[ -~\t\n\r]*$/;
/** WORD on folded ASCII text: runs of letters and digits. */
const ASCII_WORD = /[a-z0-9]+/g;

/** Lower case, no accents on Latin letters, NFC: what the index's analyzer makes of a word. */
export function foldText(text: string): string {
  // Most names are ASCII: the Unicode steps below change nothing in them but cost most of the CPU
  // of folding (two normalisations and Unicode-class regexes per name and alias).
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize("NFD")
    .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
    .toLowerCase()
    .replace(/[łøđðħıßæœþ]/gu, (c) => LETTER_FOLDS[c] ?? c)
    .normalize("NFC");
}

/** The folded words of a text, in order. */
export function searchWords(text: string): string[] {
  if (ASCII.test(text)) return text.toLowerCase().match(ASCII_WORD) ?? [];
  return foldText(text).match(WORD) ?? [];
}

/**
 * The folded words of a text joined by single spaces ("Hu Henghua" → "hu henghua"): the `nameKey`
 * and `aliasKeys` every entity stores, which search's ranking compares with the typed words in
 * Cypher (searchRanking.ts) with nothing but string equality and `STARTS WITH`/`CONTAINS`, because
 * Cypher cannot fold text as `foldText` does. Stored, so changing how text is folded or split into
 * words (foldText, searchWords) needs a migration that computes every entity's keys again, as
 * migration 010 (migrationSteps.ts) computed the missing ones.
 */
export function searchKey(text: string): string {
  return wordsKey(searchWords(text));
}

/** Folded words as a key: joined by single spaces, which no word holds (searchKey, searchTierParams). */
export function wordsKey(words: readonly string[]): string {
  return words.join(" ");
}

/** A word of one Han or hiragana character: matched only exactly and in order. */
export function isCharacterWord(word: string): boolean {
  return word.length <= 2 && ONE_CHARACTER_WORD.test(word) && [...word].length === 1;
}

/**
 * The index's analyzer drops these English stop words (Lucene's default set), so a query must not
 * require them: "Mayor of Chongqing" has no indexed term "of".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  "a",
  "an",
  "and",
  "are",
  "as",
  "at",
  "be",
  "but",
  "by",
  "for",
  "if",
  "in",
  "into",
  "is",
  "it",
  "no",
  "not",
  "of",
  "on",
  "or",
  "such",
  "that",
  "the",
  "their",
  "then",
  "there",
  "these",
  "they",
  "this",
  "to",
  "was",
  "will",
  "with",
]);

/**
 * How many leading characters of each word the index holds as whole terms (`wordStarts`). A prefix
 * this short matches a large share of a big graph's vocabulary, and Lucene expands a prefix query
 * over every matching term (at 1M entities "r*" cost 4 ms, "ra*" 2 ms, "ram*" 0.2 ms); a term query
 * reads one posting list instead, and takes its best hits from it. Migration 009 stores the same
 * for entities written before it: changing this needs a migration that stores the new starts.
 */
export const STARTS_LENGTH = 2;

/**
 * The first one and two characters of each word of `text`, each followed by `_` and separated by
 * spaces ("Hu Henghua" → "H_ Hu_ H_ He_"): the `nameStarts` and `aliasStarts` properties that
 * `entity_search` indexes, so a typed word of one or two letters is a term query (`nameStarts:he_`),
 * not a prefix query. The `_` keeps "a_" or "of_" from being dropped as stop words. Words are runs
 * of letters and digits other than Han and hiragana (those are matched as phrases).
 *
 * Stored as written (the index's analyzer folds case and accents), so that migration
 * 009_search_starts.cypher, which fills them for entities written before, computes the very same
 * string in Cypher; tests/int/searchStarts.test.ts holds the two to each other.
 */
export function wordStarts(text: string): string {
  const out: string[] = [];
  for (const [run] of text.matchAll(LETTER_RUN)) {
    const chars = [...run];
    for (let length = 1; length <= Math.min(STARTS_LENGTH, chars.length); length += 1) {
      out.push(`${chars.slice(0, length).join("")}_`);
    }
  }
  return out.join(" ");
}
