import type { EntityKind } from "../graph/records";

/**
 * Words that say what kind of thing a name is. Titles precede a person's name ("Vice Mayor X");
 * head words end a name ("... District", "... Corridor", "... Group") or begin one ("Bank of ...").
 * All lower case; compared with the folded word.
 */
export const TITLE_WORDS: ReadonlySet<string> = new Set([
  "mayor",
  "vice",
  "deputy",
  "secretary",
  "governor",
  "director",
  "chairman",
  "chairwoman",
  "chair",
  "president",
  "premier",
  "minister",
  "spokesperson",
  "spokesman",
  "spokeswoman",
  "ambassador",
  "consul",
  "general",
  "executive",
  "chief",
  "commissioner",
  "professor",
  "prof",
  "dr",
  "mr",
  "mrs",
  "ms",
  "madam",
  "ceo",
  "founder",
  "researcher",
  "economist",
  "scholar",
  "engineer",
  "expert",
]);

const LAST_WORD_KINDS: ReadonlyArray<readonly [EntityKind, readonly string[]]> = [
  [
    "PLACE",
    [
      "district",
      "county",
      "city",
      "province",
      "town",
      "township",
      "village",
      "area",
      "zone",
      "port",
      "airport",
      "station",
      "river",
      "lake",
      "mountain",
      "mountains",
      "park",
      "bridge",
      "street",
      "road",
      "square",
      "region",
    ],
  ],
  [
    "INITIATIVE",
    [
      "corridor",
      "initiative",
      "programme",
      "program",
      "plan",
      "project",
      "strategy",
      "express",
      "circle",
      "belt",
      "cooperation",
    ],
  ],
  [
    "ORGANIZATION",
    [
      "group",
      "company",
      "co",
      "corp",
      "corporation",
      "inc",
      "ltd",
      "limited",
      "bank",
      "airlines",
      "university",
      "institute",
      "academy",
      "association",
      "committee",
      "commission",
      "council",
      "office",
      "bureau",
      "ministry",
      "department",
      "government",
      "agency",
      "administration",
      "motors",
      "automobile",
      "technology",
      "technologies",
      "museum",
      "school",
      "hospital",
      "congress",
      "assembly",
      "parliament",
    ],
  ],
  ["EVENT", ["conference", "forum", "expo", "summit", "festival", "fair", "games", "exhibition", "meeting"]],
  ["SECTOR", ["industry", "industries", "manufacturing", "sector"]],
];

const FIRST_WORD_KINDS: ReadonlyArray<readonly [EntityKind, readonly string[]]> = [
  ["ORGANIZATION", ["bank", "university", "ministry", "bureau", "department", "academy", "institute"]],
  ["PLACE", ["port", "province", "city", "lake", "mount"]],
];

const byWord = (table: ReadonlyArray<readonly [EntityKind, readonly string[]]>): Map<string, EntityKind> =>
  new Map(table.flatMap(([kind, words]) => words.map((w) => [w, kind] as const)));
const LAST = byWord(LAST_WORD_KINDS);
const FIRST = byWord(FIRST_WORD_KINDS);

/** "Bank", "University", "Port": words that head a name of the form "X of Y". */
export function isNameHead(word: string): boolean {
  return FIRST.has(word.toLowerCase());
}

/** The kind a name's own words suggest: its last word, else its first one ("Bank of ..."); null when neither says. */
export function kindFromNameWords(words: readonly string[]): EntityKind | null {
  const last = words[words.length - 1]?.toLowerCase().replace(/\.$/, "");
  const first = words[0]?.toLowerCase();
  return (
    (last !== undefined ? LAST.get(last) : undefined) ??
    (first !== undefined ? FIRST.get(first) : undefined) ??
    null
  );
}

const HAN_SUFFIX_KINDS: ReadonlyArray<readonly [EntityKind, readonly string[]]> = [
  ["ORGANIZATION", ["公司", "集团", "银行", "委员会", "办公室", "大学", "研究院", "政府", "部", "局", "委"]],
  ["INITIATIVE", ["走廊", "通道", "班列", "计划", "工程", "经济圈"]],
  ["EVENT", ["会议", "论坛", "博览会", "发布会"]],
  ["PLACE", ["区", "县", "市", "省", "镇", "村", "港", "站"]],
];

/** The kind a Chinese-script name's ending suggests ("…区" a district, "…集团" a group), or null. */
export function kindFromHanSuffix(name: string): EntityKind | null {
  for (const [kind, suffixes] of HAN_SUFFIX_KINDS) {
    if (suffixes.some((s) => name.endsWith(s) && name.length > s.length)) return kind;
  }
  return null;
}

/** ", Vice Mayor of …", " was elected mayor", " has been party secretary": a person's name before it. */
const PERSON_AFTER =
  /^\s*,?\s*(?:who\s+)?(?:(?:was|is|has\s+been|had\s+been|became)\s+)?(?:\p{L}+\s+){0,2}?(?:the\s+)?(?:vice\s+|deputy\s+|executive\s+|former\s+|then\s+|party\s+)?(?:mayor|secretary|governor|director|chairman|chairwoman|president|minister|spokesperson|head|ceo|founder)\b/iu;
const SAID_AFTER = /^\s+(?:said|says|told|added|noted|stated|explained)\b/iu;
const PRONOUN_AFTER = /^\s+(?:and\s+)?(?:his|her)\b/iu;

/**
 * Words around a mention that hint at its kind: a title or "Mr" before it, "said", "and her" or
 * ", Vice Mayor" after it (a person); "District"/"City" after it (a place); "Group"/"Company"
 * after it (an organization); "Corridor" after it (an initiative).
 */
export function kindFromSurroundings(before: string, after: string): EntityKind | null {
  const previous = before
    .match(/([\p{L}.]+)\s*$/u)?.[1]
    ?.toLowerCase()
    .replace(/\.$/, "");
  if (previous !== undefined && TITLE_WORDS.has(previous)) return "PERSON";
  if (PERSON_AFTER.test(after) || SAID_AFTER.test(after) || PRONOUN_AFTER.test(after)) return "PERSON";
  if (/\bsaid\s*$/iu.test(before)) return "PERSON";
  const next = after.match(/^\s+(\p{L}+)/u)?.[1];
  if (next !== undefined && /^\p{Lu}/u.test(next)) {
    const kind = LAST.get(next.toLowerCase());
    if (kind !== undefined) return kind;
  }
  return null;
}
