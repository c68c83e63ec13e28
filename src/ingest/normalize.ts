/**
 * Text normalisation for linking: what makes "Chengdu–Chongqing", "chengdu chongqing" and
 * "CHENGDU-CHONGQING" the same words, while remembering where every normalised character came
 * from, so a match is cited with the document's own words.
 *
 * Per code point: NFKD (compatibility forms such as full-width letters become plain ones), combining
 * marks dropped (accents folded: "Türkiye" = "turkiye"), lower case; every dash, hyphen and
 * whitespace character becomes one space and runs of them collapse; curly quotes and apostrophes
 * become straight ones. A character that normalises to nothing (a combining mark) is folded into
 * the span of the character before it, so a citation never cuts a letter from its accent.
 */

export interface NormalizedText {
  /** The normalised text. */
  text: string;
  /** For each UTF-16 unit of `text`: the offset in the original where its source character starts. */
  starts: Int32Array;
  /** For each UTF-16 unit of `text`: the offset in the original just after its source character (marks included). */
  ends: Int32Array;
}

/** Hyphens, dashes, minus signs and the like: all separate words as a space does. */
const DASHES = /[\p{Pd}\u2212\uFE63\uFF0D\u00AD]/u;
const SPACES = /[\s\p{Zs}]/u;
const MARKS = /\p{M}/gu;
const QUOTES: Readonly<Record<string, string>> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u02BC": "'",
  "\u2032": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u00AB": '"',
  "\u00BB": '"',
};

const cache = new Map<string, string>();

/** The normalised form of one code point ("" for a combining mark, " " for a dash or space). */
export function normalizeCodePoint(ch: string): string {
  const cached = cache.get(ch);
  if (cached !== undefined) return cached;
  let out: string;
  if (SPACES.test(ch) || DASHES.test(ch)) out = " ";
  else if (QUOTES[ch] !== undefined) out = QUOTES[ch];
  else {
    out = ch.normalize("NFKD").replace(MARKS, "").toLowerCase().normalize("NFKD").replace(MARKS, "");
    // NFKD can turn one character into a dash or space (e.g. U+2011 is already a dash; some
    // compatibility forms expand to "a space"): fold those too.
    out = out.replace(/[\s\p{Pd}]/gu, " ");
  }
  if (cache.size < 100_000) cache.set(ch, out);
  return out;
}

const SPACE = 32;
const utf16 = new TextDecoder("utf-16le");

/**
 * Normalises a whole text and keeps the map back to the original offsets. ASCII (most of an
 * English text) takes a fast path; other characters go through {@link normalizeCodePoint}, cached.
 */
export function normalizeText(original: string): NormalizedText {
  let capacity = original.length + 16;
  let units = new Uint16Array(capacity);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let length = 0;
  let lastWasSpace = false;
  const grow = (): void => {
    capacity *= 2;
    const u = new Uint16Array(capacity);
    u.set(units);
    units = u;
    const s = new Int32Array(capacity);
    s.set(starts);
    starts = s;
    const e = new Int32Array(capacity);
    e.set(ends);
    ends = e;
  };
  for (let i = 0; i < original.length;) {
    const c = original.charCodeAt(i);
    if (c < 128) {
      let unit = c;
      if (c >= 65 && c <= 90) unit = c + 32;
      else if (c === 45 || c === 32 || (c >= 9 && c <= 13)) unit = SPACE;
      if (unit === SPACE) {
        if (lastWasSpace) {
          i += 1;
          continue;
        }
        lastWasSpace = true;
      } else lastWasSpace = false;
      if (length === capacity) grow();
      units[length] = unit;
      starts[length] = i;
      ends[length] = i + 1;
      length += 1;
      i += 1;
      continue;
    }
    const codePoint = original.codePointAt(i) ?? c;
    const width = codePoint > 0xffff ? 2 : 1;
    const out = normalizeCodePoint(String.fromCodePoint(codePoint));
    if (out.length === 0) {
      // A combining mark: it belongs to the character before it.
      if (length > 0) ends[length - 1] = i + width;
    }
    for (let k = 0; k < out.length; k += 1) {
      const unit = out.charCodeAt(k);
      if (unit === SPACE) {
        if (lastWasSpace) continue;
        lastWasSpace = true;
      } else lastWasSpace = false;
      if (length === capacity) grow();
      units[length] = unit;
      starts[length] = i;
      ends[length] = i + width;
      length += 1;
    }
    i += width;
  }
  return {
    text: utf16.decode(units.subarray(0, length)),
    starts: starts.slice(0, length),
    ends: ends.slice(0, length),
  };
}

/**
 * Normalises a name or alias for the dictionary: the same folding as {@link normalizeText},
 * trimmed, without the offset map (building a dictionary normalises every key once).
 */
export function normalizeKey(name: string): string {
  let out = "";
  let lastWasSpace = true;
  for (const ch of name) {
    const folded = ch.charCodeAt(0) < 128 ? asciiFold(ch) : normalizeCodePoint(ch);
    for (const unit of folded) {
      if (unit === " ") {
        if (lastWasSpace) continue;
        lastWasSpace = true;
      } else lastWasSpace = false;
      out += unit;
    }
  }
  return out.endsWith(" ") ? out.slice(0, -1) : out;
}

function asciiFold(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 65 && c <= 90) return String.fromCharCode(c + 32);
  if (c === 45 || c === 32 || (c >= 9 && c <= 13)) return " ";
  return ch;
}

/**
 * The original span [start, end) of the normalised span [from, to): what a citation quotes.
 * `to` is exclusive and greater than `from`.
 */
export function originalSpan(
  normalized: NormalizedText,
  from: number,
  to: number,
): { start: number; end: number } {
  const start = normalized.starts[from];
  const end = normalized.ends[to - 1];
  if (start === undefined || end === undefined || to <= from) {
    throw new RangeError(`span [${from}, ${to}) is outside the normalised text`);
  }
  return { start, end };
}
