import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { readDataset } from "../../src/import/readDataset";
import { datasetEntities } from "../../src/ingest/datasetEntities";
import {
  buildLinkDictionary,
  type DictionaryEntity,
  type LinkDictionary,
} from "../../src/ingest/linkDictionary";
import { linkText, type LinkedMention } from "../../src/ingest/linkText";
import type { Candidate } from "../../src/ingest/findCandidates";

const ROOT = path.join(__dirname, "../..");
const GOLD_DIR = path.join(ROOT, "tests/fixtures/linking");

export interface GoldArticle {
  id: string;
  title: string;
  publishedAt: string;
  text: string;
  mentions: Array<{ start: number; end: number; quote: string; entity: string }>;
  candidates: Array<{ start: number; end: number; quote: string; kind: string | null }>;
}

function readArticles(dir: string): GoldArticle[] {
  return readdirSync(dir)
    .filter((f) => /^\d.*\.json$/.test(f))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as GoldArticle);
}

/** The gold set; with `homonyms`, also the articles written for the homonym measurement. */
export function readGoldSet(options: { homonyms?: boolean } = {}): GoldArticle[] {
  const main = readArticles(GOLD_DIR);
  return options.homonyms ? [...main, ...readArticles(path.join(GOLD_DIR, "homonyms"))] : main;
}

/**
 * The dictionary of the graph the gold set is written against: the bundled article's entities;
 * with `homonyms`, plus entities sharing their words (tests/fixtures/linking/homonyms/entities.json).
 */
export function goldDictionary(options: { homonyms?: boolean } = {}): LinkDictionary {
  const entities = datasetEntities([readDataset(path.join(ROOT, "data/000_0a72377912965512.yaml"))]);
  if (!options.homonyms) return buildLinkDictionary(entities);
  const extra = (
    JSON.parse(readFileSync(path.join(GOLD_DIR, "homonyms/entities.json"), "utf8")) as {
      entities: DictionaryEntity[];
    }
  ).entities;
  return buildLinkDictionary([...entities, ...extra]);
}

export interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

function counts(tp: number, fp: number, fn: number): Counts {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

export interface WrongLink {
  article: string;
  quote: string;
  start: number;
  end: number;
  /** What the linker said (null: it found nothing there). */
  linked: { entity: string; method: string; score: number; status: string } | null;
  /** What the gold set says (null: nothing should be linked there). */
  gold: string | null;
}

export interface GoldReport {
  articles: number;
  goldMentions: number;
  overall: Counts;
  /** Precision of each method (its links right or wrong); recall is overall only. */
  byMethod: Record<string, Counts>;
  /** Links ACCEPTED without review: how often they are right. */
  accepted: Counts;
  wrong: WrongLink[];
  /** Matches that start or end inside a word of the text (must be none). */
  inWord: Array<{ article: string; quote: string; start: number; end: number }>;
  /** Quotes that are not the text's words at their offsets (must be none). */
  misquoted: number;
  candidates: Counts & { kindRight: number; kindWrong: number };
}

const key = (start: number, end: number, entity: string): string => `${start}:${end}:${entity}`;
const WORD = /[\p{Script=Latin}\p{N}]/u;

/** Links every gold article and scores the result against the hand labels: exact span and entity. */
export function evaluateGoldSet(
  articles: readonly GoldArticle[],
  dictionary: LinkDictionary,
  options: { acceptThreshold?: number; contextMargin?: number } = {},
): GoldReport {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let acceptedTp = 0;
  let acceptedFp = 0;
  let misquoted = 0;
  const byMethod = new Map<string, { tp: number; fp: number }>();
  const wrong: WrongLink[] = [];
  const inWord: GoldReport["inWord"] = [];
  let candTp = 0;
  let candFp = 0;
  let candFn = 0;
  let kindRight = 0;
  let kindWrong = 0;
  for (const article of articles) {
    const result = linkText(article.text, dictionary, options);
    const gold = new Map(article.mentions.map((m) => [key(m.start, m.end, m.entity), m]));
    const found = new Set<string>();
    for (const m of result.mentions) {
      if (article.text.slice(m.start, m.end) !== m.quote) misquoted += 1;
      if (WORD.test(article.text.charAt(m.start - 1)) && WORD.test(article.text.charAt(m.start))) {
        inWord.push({ article: article.id, quote: m.quote, start: m.start, end: m.end });
      } else if (WORD.test(article.text.charAt(m.end)) && WORD.test(article.text.charAt(m.end - 1))) {
        inWord.push({ article: article.id, quote: m.quote, start: m.start, end: m.end });
      }
      const k = key(m.start, m.end, m.entityId);
      const method = byMethod.get(m.method) ?? { tp: 0, fp: 0 };
      byMethod.set(m.method, method);
      if (gold.has(k)) {
        tp += 1;
        method.tp += 1;
        if (m.status === "ACCEPTED") acceptedTp += 1;
        found.add(k);
      } else {
        fp += 1;
        method.fp += 1;
        if (m.status === "ACCEPTED") acceptedFp += 1;
        const sameSpan = article.mentions.find((g) => g.start === m.start && g.end === m.end);
        wrong.push({
          article: article.id,
          quote: m.quote,
          start: m.start,
          end: m.end,
          linked: describe(m),
          gold: sameSpan?.entity ?? null,
        });
      }
    }
    for (const g of article.mentions) {
      if (found.has(key(g.start, g.end, g.entity))) continue;
      fn += 1;
      const sameSpan = result.mentions.some((m) => m.start === g.start && m.end === g.end);
      if (!sameSpan)
        wrong.push({
          article: article.id,
          quote: g.quote,
          start: g.start,
          end: g.end,
          linked: null,
          gold: g.entity,
        });
    }
    const c = scoreCandidates(article, result.candidates);
    candTp += c.tp;
    candFp += c.fp;
    candFn += c.fn;
    kindRight += c.kindRight;
    kindWrong += c.kindWrong;
  }
  return {
    articles: articles.length,
    goldMentions: articles.reduce((n, a) => n + a.mentions.length, 0),
    overall: counts(tp, fp, fn),
    byMethod: Object.fromEntries([...byMethod].sort().map(([m, c]) => [m, counts(c.tp, c.fp, 0)])),
    accepted: counts(acceptedTp, acceptedFp, 0),
    wrong,
    inWord,
    misquoted,
    candidates: { ...counts(candTp, candFp, candFn), kindRight, kindWrong },
  };
}

function describe(m: LinkedMention): WrongLink["linked"] {
  return { entity: m.entityId, method: m.method, score: m.score, status: m.status };
}

function scoreCandidates(
  article: GoldArticle,
  found: readonly Candidate[],
): { tp: number; fp: number; fn: number; kindRight: number; kindWrong: number } {
  const gold = new Map(article.candidates.map((c) => [`${c.start}:${c.end}`, c]));
  let tp = 0;
  let kindRight = 0;
  let kindWrong = 0;
  for (const c of found) {
    const g = gold.get(`${c.start}:${c.end}`);
    if (g === undefined) continue;
    tp += 1;
    if ((g.kind ?? null) === c.kind) kindRight += 1;
    else kindWrong += 1;
  }
  return { tp, fp: found.length - tp, fn: article.candidates.length - tp, kindRight, kindWrong };
}
