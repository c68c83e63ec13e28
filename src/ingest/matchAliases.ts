import type { KeyEntry, LinkDictionary } from "./linkDictionary";
import { normalizeText, originalSpan, type NormalizedText } from "./normalize";

/** Words of the text that are a key of the dictionary: the entities they may name. */
export interface AliasMatch {
  /** UTF-16 offsets into the original text; `quote` is `text.slice(start, end)`. */
  start: number;
  end: number;
  quote: string;
  entries: readonly KeyEntry[];
}

/** Han, kana and Hangul: scripts written without spaces between words. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}]/u;

/** A letter or digit of a script written with spaces (the text is normalised: ASCII letters are lower case). */
function isSpacedWordChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  return WORD.test(ch) && !UNSPACED.test(ch);
}

/**
 * Keys must start and end on word boundaries, except where the key's edge is in a script written
 * without spaces: "Chongqing" is not found in "Chongqingese" nor "Hu" in "Hubei", but "重庆" is
 * found in "重庆市".
 */
function onWordBoundaries(text: string, key: string, from: number, to: number): boolean {
  const first = key.charAt(0);
  const last = key.charAt(key.length - 1);
  if (isSpacedWordChar(first) && from > 0 && isSpacedWordChar(text.charAt(from - 1))) return false;
  if (isSpacedWordChar(last) && to < text.length && isSpacedWordChar(text.charAt(to))) return false;
  return true;
}

/**
 * Every dictionary key in the text, whole words only, leftmost-longest: of overlapping keys the
 * one starting first wins, and of those the longest ("CPC Chongqing Municipal Committee" over
 * "CPC" and "Chongqing"). Case-sensitive forms only count when the text has the same case.
 */
export function matchAliases(
  text: string,
  dictionary: LinkDictionary,
  normalized?: NormalizedText,
): AliasMatch[] {
  const norm = normalized ?? normalizeText(text);
  const { automaton, entries } = dictionary;
  const found: Array<{ key: number; from: number; to: number }> = [];
  automaton.scan(norm.text, (key, from, to) => {
    const k = automaton.keys[key] ?? "";
    if (onWordBoundaries(norm.text, k, from, to)) found.push({ key, from, to });
  });
  // Leftmost, then longest; the scan reports by end, so sort by start.
  found.sort((a, b) => a.from - b.from || b.to - a.to);
  const matches: AliasMatch[] = [];
  let covered = 0;
  for (const hit of found) {
    if (hit.from < covered) continue;
    const { start, end } = originalSpan(norm, hit.from, hit.to);
    const quote = text.slice(start, end);
    const usable = (entries[hit.key] ?? []).filter((e) => !e.caseSensitive || sameCase(quote, e.form));
    if (usable.length === 0) continue;
    matches.push({ start, end, quote, entries: usable });
    covered = hit.to;
  }
  return matches;
}

/** The words as written match the form letter for letter (compatibility forms and spacing aside). */
function sameCase(quote: string, form: string): boolean {
  const letters = (s: string): string => s.normalize("NFKC").replace(/[^\p{L}\p{N}]/gu, "");
  return letters(quote) === letters(form);
}
