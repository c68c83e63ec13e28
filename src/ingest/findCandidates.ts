import type { EntityKind } from "../graph/records";
import {
  isNameHead,
  kindFromHanSuffix,
  kindFromNameWords,
  kindFromSurroundings,
  TITLE_WORDS,
} from "./cueWords";
import type { AliasMatch } from "./matchAliases";

/** Words that look like a name the dictionary does not know. */
export interface Candidate {
  start: number;
  end: number;
  quote: string;
  /** A guess from cue words, or null. */
  kind: EntityKind | null;
}

/** A Latin-script word: letters, digits and marks, with inner dots, apostrophes, ampersands and hyphens. */
const LATIN_WORD = /(?:[\p{Script=Latin}\p{N}]|\p{M})+(?:[.'’&-](?:[\p{Script=Latin}\p{N}]|\p{M})+)*/gu;
const HAN_RUN = /\p{Script=Han}{2,}/gu;
/** Lower-case words that may join the capitalised words of one name: "Bank of China", "Forum for ...". */
const CONNECTORS = new Set(["of", "the", "for", "de", "du", "la", "von", "van"]);
/** Capitalised function words that begin sentences, not names. */
const LEADING_STOP = new Set(
  (
    "the a an in on at as by for from with to of this that these those last next our we it its his her their " +
    "after before when while during since but and or if meanwhile according also however today yesterday " +
    "there here such many some all each every both one two three first second new"
  ).split(" "),
);

interface Token {
  start: number;
  end: number;
  word: string;
  capitalised: boolean;
  /** Ends in 's: a name stops here ("Chongqing's Liangjiang New Area"). */
  possessive: boolean;
  covered: boolean;
}

const LETTER = "(?:[\\p{Script=Latin}\\p{N}]|\\p{M})";
const CAPITALISED = `\\p{Lu}${LETTER}*(?:[.'’&-]${LETTER}+)*`;
/**
 * Where names may be: a capitalised word, then more capitalised words or connectors, each after one
 * space. Only these stretches are split into tokens, so a long text's lower-case words cost nothing.
 */
const NAME_STRETCH = new RegExp(
  `(?<![\\p{L}\\p{N}\\p{M}])${CAPITALISED}(?:[ \\t\\u00A0](?:${CAPITALISED}|(?:of|the|for|de|du|la|von|van)(?![\\p{L}\\p{N}\\p{M}])))*`,
  "gu",
);

function tokenize(text: string, from: number, to: number, matches: readonly AliasMatch[]): Token[] {
  const tokens: Token[] = [];
  const stretch = text.slice(from, to);
  for (const found of stretch.matchAll(LATIN_WORD)) {
    let word = found[0];
    const start = from + found.index;
    let possessive = false;
    const apostrophe = /['’]s$/u.exec(word);
    if (apostrophe !== null && word.length > 2 && word !== "People's" && word !== "People’s") {
      word = word.slice(0, -2);
      possessive = true;
    }
    const end = start + word.length;
    const match = matches[lastStartingAtOrBefore(matches, start)];
    const covered = match !== undefined && end <= match.end;
    tokens.push({ start, end, word, capitalised: /^\p{Lu}/u.test(word), possessive, covered });
  }
  return tokens;
}

/** Two tokens belong to one name when only one space (or tab) lies between them. */
function adjacent(text: string, a: Token, b: Token): boolean {
  return /^[ \t\u00A0]$/u.test(text.slice(a.end, b.start)) && !a.possessive;
}

/**
 * Names the dictionary does not know, in text order: runs of capitalised Latin words (two or
 * more, joined by "of", "for", …) with at least one word not inside a known match, and runs of
 * two or more Chinese characters that no known match touches. A title inside a run separates a
 * person from it ("Vice Mayor Li Ming" → "Li Ming", a person). Also returns the alias matches
 * that lie inside a candidate: "Jiang" in "Jiang Zemin" is part of another name, not Jiang Duntao.
 */
export function findCandidates(
  text: string,
  matches: readonly AliasMatch[],
): { candidates: Candidate[]; insideCandidates: Set<AliasMatch> } {
  const candidates: Candidate[] = [];
  for (const stretch of text.matchAll(NAME_STRETCH)) {
    const from = stretch.index;
    const to = from + stretch[0].length;
    // Most stretches are a known name and nothing more.
    const within = matches[lastStartingAtOrBefore(matches, from)];
    if (within !== undefined && to <= within.end) continue;
    const tokens = tokenize(text, from, to, matches);
    let i = 0;
    while (i < tokens.length) {
      const run: Token[] = [tokens[i] as Token];
      let j = i + 1;
      while (j < tokens.length) {
        const previous = run[run.length - 1] as Token;
        const token = tokens[j] as Token;
        if (!adjacent(text, previous, token)) break;
        if (!token.capitalised && !CONNECTORS.has(token.word)) break;
        run.push(token);
        j += 1;
      }
      i = j;
      for (const segment of segments(run)) {
        const capitalised = segment.tokens.filter((t) => t.capitalised);
        if (capitalised.length < 2 || !capitalised.some((t) => !t.covered)) continue;
        const first = segment.tokens[0] as Token;
        const last = segment.tokens[segment.tokens.length - 1] as Token;
        const words = segment.tokens.map((t) => t.word);
        const kind: EntityKind | null = segment.afterTitle
          ? "PERSON"
          : (kindFromNameWords(words) ??
            kindFromSurroundings(
              text.slice(Math.max(0, first.start - 40), first.start),
              text.slice(last.end, last.end + 60),
            ));
        candidates.push({
          start: first.start,
          end: last.end,
          quote: text.slice(first.start, last.end),
          kind,
        });
      }
    }
  }
  candidates.push(...hanCandidates(text, matches, candidates));
  candidates.sort((a, b) => a.start - b.start);

  // Candidates do not overlap one another: the one that may hold a match is the last starting at or before it.
  const insideCandidates = new Set<AliasMatch>();
  for (const match of matches) {
    if (match.entries.some((e) => e.via === "NAME")) continue;
    const around = candidates[lastStartingAtOrBefore(candidates, match.start)];
    if (
      around !== undefined &&
      match.end <= around.end &&
      around.end - around.start > match.end - match.start
    ) {
      insideCandidates.add(match);
    }
  }
  return { candidates, insideCandidates };
}

/** A run split at its uncovered titles, leading sentence words and trailing connectors trimmed. */
function segments(run: readonly Token[]): Array<{ tokens: Token[]; afterTitle: boolean }> {
  const out: Array<{ tokens: Token[]; afterTitle: boolean }> = [];
  let current: Token[] = [];
  let afterTitle = false;
  const flush = (nextAfterTitle: boolean): void => {
    while (current.length > 0 && (!(current[0] as Token).capitalised || isLeadingStop(current[0] as Token)))
      current.shift();
    while (current.length > 0 && !(current[current.length - 1] as Token).capitalised) current.pop();
    current = withoutLooseOf(current);
    if (current.length > 0) out.push({ tokens: current, afterTitle });
    current = [];
    afterTitle = nextAfterTitle;
  };
  for (const token of run) {
    if (!token.covered && TITLE_WORDS.has(token.word.toLowerCase().replace(/\.$/, ""))) {
      flush(true);
      continue;
    }
    // After a title, a person's name ends at "of": "Researcher Jiang Wei of Southwest University".
    if (afterTitle && !token.capitalised && current.length > 0) {
      flush(false);
      continue;
    }
    current.push(token);
  }
  flush(false);
  return out;
}

/**
 * "Portraits of Zheng Xiangdong", "GDP of the Sichuan-Chongqing region": one capitalised word
 * joined by "of" to a known name is a sentence's words, not a name, unless that word heads names
 * ("Bank of Chongqing"). What is left is the known name, which yields no candidate.
 */
function withoutLooseOf(tokens: Token[]): Token[] {
  const connector = tokens.findIndex((t) => !t.capitalised);
  if (connector !== 1) return tokens;
  const head = tokens[0] as Token;
  const rest = tokens.slice(connector + 1).filter((t) => t.capitalised);
  if (head.covered || isNameHead(head.word) || !rest.every((t) => t.covered)) return tokens;
  return tokens.slice(connector + 1);
}

function isLeadingStop(token: Token): boolean {
  return !token.covered && LEADING_STOP.has(token.word.toLowerCase());
}

function hanCandidates(
  text: string,
  matches: readonly AliasMatch[],
  latin: readonly Candidate[],
): Candidate[] {
  const out: Candidate[] = [];
  // Matches are in text order and do not overlap: walk them alongside the runs.
  let m = 0;
  for (const found of text.matchAll(HAN_RUN)) {
    const start = found.index;
    const end = start + found[0].length;
    while (m < matches.length && (matches[m]?.end ?? 0) <= start) m += 1;
    const next = matches[m];
    if (next !== undefined && next.start < end) continue;
    // "Li Ming (李明)": a name in brackets after another takes its kind.
    const before = text.slice(Math.max(0, start - 2), start);
    let kind = kindFromHanSuffix(found[0]);
    if (kind === null && /[(（]\s*$/u.test(before)) {
      let previousEnd = text.lastIndexOf(before.trim().slice(-1), start);
      while (previousEnd > 0 && /\s/u.test(text.charAt(previousEnd - 1))) previousEnd -= 1;
      const latinBefore = latin[lastStartingAtOrBefore(latin, previousEnd)];
      kind =
        (latinBefore?.end === previousEnd ? latinBefore.kind : null) ??
        uniqueKindOf(m > 0 && matches[m - 1]?.end === previousEnd ? matches[m - 1] : undefined) ??
        null;
    }
    out.push({ start, end, quote: found[0], kind });
  }
  return out;
}

/** Index of the last span (sorted by start) that starts at or before `offset`; -1 when none. */
function lastStartingAtOrBefore(spans: ReadonlyArray<{ start: number }>, offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((spans[mid]?.start ?? 0) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function uniqueKindOf(match: AliasMatch | undefined): EntityKind | null {
  const kinds = new Set(match?.entries.map((e) => e.kind));
  return kinds.size === 1 ? ([...kinds][0] ?? null) : null;
}
